/**
 * The product's own logical dump of its tables: one gzip'd JSON-lines file, every table's rows as `to_jsonb` of
 * the row, read inside the caller's snapshot transaction. It is the database part every archive carries, because
 * it is the one format that goes both ways between the embedded database and a server:
 *
 * - PGlite 0.5 is PostgreSQL 18.6 and a server may be 15: pg_dump 15 refuses it ("aborting because of server version
 *   mismatch", measured), and a dump of a newer version's catalogue does not restore into an older one; PGlite's `dumpDataDir` is a data folder only
 *   the same PGlite build can open.
 * - The schema is never dumped: a restore runs the product's own migrations up to the archive's version, loads the
 *   rows, then runs the newer migrations. The rows are typed by the target's own columns
 *   (`jsonb_populate_recordset`), so a timestamp, a bytea or a numeric comes back as it was, and the audit
 *   trail's row digests (taken over `to_jsonb` of the row) verify after the move.
 *
 * `schema_migration` is not dumped (the restore's migrations write it); generated columns are recomputed.
 *
 * The job queue's schema (`pgboss`, pg-boss 10) is deliberately left out: its tables are the queue's transport, not
 * the product's records. Its schema and queues come from the Notifications migration, its cron schedules are
 * registered again by every start, and what it would carry over is rebuilt from the product's own tables: the restore
 * puts every outbox message still PENDING back on the queue (restore-backup.ts). Restoring its rows instead would
 * bring back jobs in flight, locked by workers of the old instance, and completed jobs pg-boss is about to purge.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';

export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface DumpedTable {
  name: string;
  rows: number;
}

/** Rows per FETCH; a table with a bytea column (evidence files, up to 20 MB each) is read a few rows at a time. */
const FETCH = 1000;
const FETCH_FILES = 4;
/** Rows per INSERT while loading, and the most JSON text one INSERT carries. */
const LOAD_ROWS = 1000;
const LOAD_BYTES = 8 * 1024 * 1024;
const MIGRATIONS_TABLE = 'schema_migration';

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The product's tables (schema public) and their stored columns, in a stable order. */
export async function productTables(query: Query): Promise<{ name: string; columns: string[]; hasFiles: boolean }[]> {
  const rows = await query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' AND c.table_name <> $1
      ORDER BY c.table_name, c.ordinal_position`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, { name: string; columns: string[]; hasFiles: boolean }>();
  for (const r of rows) {
    const table = tables.get(r.table_name) ?? { name: r.table_name, columns: [], hasFiles: false };
    table.columns.push(r.column_name);
    table.hasFiles ||= r.data_type === 'bytea';
    tables.set(r.table_name, table);
  }
  return [...tables.values()];
}

/** Writes every table's rows to `file`; the caller's transaction is the snapshot (REPEATABLE READ). */
export async function writeLogicalDump(query: Query, file: string): Promise<DumpedTable[]> {
  const gzip = createGzip({ level: 6 });
  const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const dumped: DumpedTable[] = [];
  try {
    for (const table of await productTables(query)) {
      await write(JSON.stringify({ '@table': table.name, columns: table.columns }));
      const select = `SELECT to_jsonb(x)::text AS row FROM (SELECT ${table.columns.map(ident).join(', ')} FROM ${ident(table.name)}) x`;
      await query(`DECLARE backup_rows NO SCROLL CURSOR FOR ${select}`);
      let rows = 0;
      const size = table.hasFiles ? FETCH_FILES : FETCH;
      for (;;) {
        const batch = await query<{ row: string }>(`FETCH ${size} FROM backup_rows`);
        for (const r of batch) await write(r.row);
        rows += batch.length;
        if (batch.length < size) break;
      }
      await query('CLOSE backup_rows');
      await write(JSON.stringify({ '@end': table.name, rows }));
      dumped.push({ name: table.name, rows });
    }
  } finally {
    gzip.end();
    await done;
  }
  return dumped;
}

/**
 * Loads a logical dump into the target's tables (already migrated to the dump's version, and empty), inside the
 * caller's transaction. Foreign keys are checked once at the end (made deferrable for the load and put back as
 * they were before it returns), so rows can come in any order, self-references and cycles included. Counts are
 * checked against the dump's own: a short table fails the load.
 */
export async function loadLogicalDump(query: Query, file: string): Promise<DumpedTable[]> {
  const foreignKeys = await query<{ table_name: string; constraint_name: string; deferrable: boolean; deferred: boolean }>(
    `SELECT cl.relname AS table_name, co.conname AS constraint_name, co.condeferrable AS deferrable, co.condeferred AS deferred
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE co.contype = 'f' AND n.nspname = 'public'`,
  );
  for (const fk of foreignKeys) {
    await query(`ALTER TABLE ${ident(fk.table_name)} ALTER CONSTRAINT ${ident(fk.constraint_name)} DEFERRABLE INITIALLY DEFERRED`);
  }
  // Secondary indexes (those no constraint owns) are built once after the rows rather than row by row; the
  // primary keys and unique constraints stay (the seeded tables' ON CONFLICT needs them). Measured at 100,000
  // candidates: see docs/performance.md#backups.
  const indexes = await query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
  );
  for (const index of indexes) await query(`DROP INDEX ${ident(index.name)}`);
  // The attested tables' audit_row_write trigger notes each write for the application's audited change to vouch
  // for (row-attestations.ts); the restored rows are already vouched for by the trail they come with, and nothing
  // reads those notes in a restore: the trigger is off during the load (in this transaction) and on again after.
  const noted = await query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND g.tgname = 'audit_row_write' AND g.tgenabled <> 'D' ORDER BY c.relname`,
  );
  for (const t of noted) await query(`ALTER TABLE ${ident(t.table_name)} DISABLE TRIGGER audit_row_write`);
  const target = new Map((await productTables(query)).map((t) => [t.name, t.columns]));
  // Rows the migrations themselves wrote (presets such as the criteria sets) are in the dump too: for those
  // tables an identical row is skipped, and the table must end with exactly the dump's count.
  const seeded = new Set<string>();
  for (const name of target.keys()) {
    if ((await query(`SELECT 1 FROM ${ident(name)} LIMIT 1`)).length > 0) seeded.add(name);
  }
  const loaded: DumpedTable[] = [];
  let table: { name: string; columns: string[] } | null = null;
  let batch: string[] = [];
  let batchBytes = 0;
  let rows = 0;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    const columns = table.columns.map(ident).join(', ');
    const onConflict = seeded.has(table.name) ? ' ON CONFLICT DO NOTHING' : '';
    await query(`INSERT INTO ${ident(table.name)} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${ident(table.name)}, $1::jsonb)${onConflict}`, [`[${batch.join(',')}]`]);
    rows += batch.length;
    batch = [];
    batchBytes = 0;
  };
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('{"@table"')) {
      const head = JSON.parse(line) as { '@table': string; columns: string[] };
      const columns = target.get(head['@table']);
      if (!columns) throw new Error(`the dump has a table the schema lacks: ${head['@table']}`);
      const missing = head.columns.filter((c) => !columns.includes(c));
      if (missing.length) throw new Error(`the dump has columns the schema lacks: ${head['@table']}.${missing.join(', ')}`);
      table = { name: head['@table'], columns: head.columns };
      rows = 0;
      continue;
    }
    if (line.startsWith('{"@end"')) {
      await flush();
      const end = JSON.parse(line) as { '@end': string; rows: number };
      if (!table || end['@end'] !== table.name || end.rows !== rows) throw new Error(`table ${end['@end']}: ${rows} rows loaded, the dump says ${end.rows}`);
      if (seeded.has(table.name)) {
        const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(table.name)}`);
        if (n !== rows) throw new Error(`table ${table.name}: ${n} rows after the load, the dump has ${rows} (a row the migrations wrote differs from the archive's)`);
      }
      loaded.push({ name: table.name, rows });
      table = null;
      continue;
    }
    if (!table) throw new Error('a row outside any table in the dump');
    batch.push(line);
    batchBytes += line.length;
    if (batch.length >= LOAD_ROWS || batchBytes >= LOAD_BYTES) await flush();
  }
  if (table) throw new Error(`the dump ends inside table ${table.name}`);
  // Every foreign key is checked now, then each is put back exactly as the migrations made it.
  await query('SET CONSTRAINTS ALL IMMEDIATE');
  for (const fk of foreignKeys) {
    const how = fk.deferrable ? `DEFERRABLE INITIALLY ${fk.deferred ? 'DEFERRED' : 'IMMEDIATE'}` : 'NOT DEFERRABLE';
    await query(`ALTER TABLE ${ident(fk.table_name)} ALTER CONSTRAINT ${ident(fk.constraint_name)} ${how}`);
  }
  // With the deferred checks done (no trigger event pending), the triggers go back on and the indexes are built.
  for (const t of noted) await query(`ALTER TABLE ${ident(t.table_name)} ENABLE TRIGGER audit_row_write`);
  for (const index of indexes) await query(index.definition);
  // Sequences (serial and identity columns) continue after the restored rows.
  const sequences = await query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS sequence
       FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
  );
  for (const s of sequences) {
    await query(`SELECT setval($1::regclass, COALESCE((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`, [s.sequence]);
  }
  // Fresh statistics for the planner: the verification that follows (and the application) would otherwise plan
  // its queries over tables it believes empty (autovacuum has not seen them yet).
  for (const t of loaded) if (t.rows > 0) await query(`ANALYZE ${ident(t.name)}`);
  return loaded;
}
