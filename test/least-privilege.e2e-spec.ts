/**
 * Least privilege on the PostgreSQL server: the application connects as dth_app, which may read and append to
 * the append-only tables but never change, empty or unprotect them, and owns nothing. The tables are listed
 * from the database (every table with an append_only() trigger), not by hand, so a table made append-only
 * tomorrow is checked too. Server only: on the embedded database (PGlite) there is one superuser session and
 * roles do not apply; the audit chain's hashes and MACs and the signed checkpoints protect it instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { APP_ROLE, asUser, onServer, OWNER_ROLE, SERVER_URL, withDatabase } from './support/databases.js';
import { startTestApp, type TestApp } from './support/app.js';

const describeOnServer = onServer ? describe : describe.skip;

interface TableInfo {
  name: string;
  firstColumn: string;
  refusesUpdate: boolean;
  refusesDelete: boolean;
  triggers: string[];
}

/** Every table of schema public with what its append_only() row triggers refuse, read from pg_trigger. */
const TABLES_SQL = `
  SELECT c.relname AS name,
         (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum LIMIT 1) AS "firstColumn",
         coalesce(bool_or(t.tgtype::int & 1 <> 0 AND t.tgtype::int & 16 <> 0), false) AS "refusesUpdate",
         coalesce(bool_or(t.tgtype::int & 1 <> 0 AND t.tgtype::int & 8 <> 0), false) AS "refusesDelete",
         coalesce(array_agg(t.tgname::text ORDER BY t.tgname) FILTER (WHERE t.tgname IS NOT NULL), '{}') AS triggers
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgfoid = 'public.append_only()'::regprocedure
   WHERE c.relkind IN ('r', 'p')
   GROUP BY c.oid, c.relname
   ORDER BY c.relname`;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

describeOnServer('least privilege: the application runs as dth_app (server only: skipped on the embedded database, one superuser session where roles do not apply)', () => {
  let t: TestApp;
  let app: pg.Client;
  let tables: TableInfo[];
  let adminUrl: string;

  /** Runs a statement as dth_app, inside a transaction that is rolled back, and returns its SQLSTATE (or 'ok'). */
  async function attempt(sql: string): Promise<string> {
    await app.query('BEGIN');
    try {
      await app.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await app.query('ROLLBACK');
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    adminUrl = withDatabase(SERVER_URL!, new URL(t.running.config.DATABASE_URL!).pathname.slice(1));
    app = new pg.Client({ connectionString: asUser(adminUrl, APP_ROLE) });
    await app.connect();
    tables = await t.admin.query<TableInfo>(TABLES_SQL);
  });
  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  it('the application itself is connected as dth_app, which is no superuser and owns nothing', async () => {
    expect(await t.dataSource.query('SELECT current_user AS "user"')).toEqual([{ user: APP_ROLE }]);
    const [role] = await t.admin.query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await t.admin.query(
      // Session-local temporary objects (the audit writer's note of rows written, pg_temp_N / pg_toast_temp_N) vanish with
      // the session and are not counted.
      `SELECT 'class' AS kind, relname AS name FROM pg_class WHERE relowner = $1::regrole AND relpersistence <> 't'
       UNION ALL SELECT 'function', proname FROM pg_proc WHERE proowner = $1::regrole
       UNION ALL SELECT 'schema', nspname FROM pg_namespace WHERE nspowner = $1::regrole
       UNION ALL SELECT 'type', t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typowner = $1::regrole AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
       UNION ALL SELECT 'database', datname FROM pg_database WHERE datdba = $1::regrole AND datname = current_database()`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
    // The schema belongs to the owner role, which ran the migrations.
    expect(await t.admin.query(`SELECT relowner::regrole::text AS owner FROM pg_class WHERE relname = 'audit_event'`)).toEqual([{ owner: OWNER_ROLE }]);
  });

  it('the append-only tables are found in the database, the audit trail among them', () => {
    const appendOnly = tables.filter((x) => x.refusesUpdate).map((x) => x.name);
    expect(appendOnly).toEqual(expect.arrayContaining(['audit_event', 'audit_leaf', 'audit_checkpoint', 'recognition_decision', 'criteria_set']));
    expect(tables.filter((x) => x.refusesDelete && !x.refusesUpdate).map((x) => x.name)).toEqual(expect.arrayContaining(['decision_counter', 'review_session']));
  });

  it('on every append-only table: SELECT and INSERT allowed; UPDATE, DELETE, TRUNCATE, DISABLE TRIGGER and DROP TRIGGER refused with permission denied', async () => {
    const outcomes: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const table of tables.filter((x) => x.refusesUpdate)) {
      const name = q(table.name);
      const column = q(table.firstColumn);
      outcomes[table.name] = {
        select: await attempt(`SELECT count(*) FROM ${name}`),
        // No row is written, but the statement is planned and checked for INSERT privilege.
        insert: await attempt(`INSERT INTO ${name} SELECT * FROM ${name} WHERE false`),
        update: await attempt(`UPDATE ${name} SET ${column} = ${column} WHERE false`),
        delete: await attempt(`DELETE FROM ${name} WHERE false`),
        truncate: await attempt(`TRUNCATE ${name}`),
        disableTrigger: await attempt(`ALTER TABLE ${name} DISABLE TRIGGER ALL`),
        dropTrigger: await attempt(`DROP TRIGGER ${q(table.triggers[0]!)} ON ${name}`),
      };
      expected[table.name] = { select: 'ok', insert: 'ok', update: '42501', delete: '42501', truncate: '42501', disableTrigger: '42501', dropTrigger: '42501' };
    }
    expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(20);
    expect(outcomes).toEqual(expected);
  });

  it('on every table whose deletes are refused: SELECT, INSERT and UPDATE allowed; DELETE, TRUNCATE and DISABLE TRIGGER refused', async () => {
    const outcomes: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const table of tables.filter((x) => x.refusesDelete && !x.refusesUpdate)) {
      const name = q(table.name);
      const column = q(table.firstColumn);
      outcomes[table.name] = {
        select: await attempt(`SELECT count(*) FROM ${name}`),
        insert: await attempt(`INSERT INTO ${name} SELECT * FROM ${name} WHERE false`),
        update: await attempt(`UPDATE ${name} SET ${column} = ${column} WHERE false`),
        delete: await attempt(`DELETE FROM ${name} WHERE false`),
        truncate: await attempt(`TRUNCATE ${name}`),
        disableTrigger: await attempt(`ALTER TABLE ${name} DISABLE TRIGGER ALL`),
        dropTrigger: await attempt(`DROP TRIGGER ${q(table.triggers[0]!)} ON ${name}`),
      };
      expected[table.name] = { select: 'ok', insert: 'ok', update: 'ok', delete: '42501', truncate: '42501', disableTrigger: '42501', dropTrigger: '42501' };
    }
    expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(4);
    expect(outcomes).toEqual(expected);
  });

  it('on every table: no TRUNCATE, no ALTER, no trigger switched off; and nothing may be created in schema public', async () => {
    const outcomes: Record<string, string[]> = {};
    for (const table of tables) {
      const name = q(table.name);
      outcomes[table.name] = [
        await attempt(`TRUNCATE ${name}`),
        await attempt(`ALTER TABLE ${name} ADD COLUMN lp_probe int`),
        await attempt(`ALTER TABLE ${name} DISABLE TRIGGER ALL`),
        await attempt(`ALTER TABLE ${name} OWNER TO ${APP_ROLE}`),
        await attempt(`DROP TABLE ${name}`),
      ];
    }
    expect(Object.values(outcomes).every((codes) => codes.every((c) => c === '42501'))).toBe(true);
    expect(Object.keys(outcomes)).toContain('schema_migration');
    expect(await attempt('CREATE TABLE public.lp_probe (x int)')).toBe('42501');
    expect(await attempt('CREATE FUNCTION public.lp_probe() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).toBe('42501');
    expect(await attempt('CREATE SCHEMA lp_probe')).toBe('42501');
    // Replication mode would skip the triggers: superuser only.
    expect(await attempt(`SET LOCAL session_replication_role = replica`)).toBe('42501');
    // The migrations' record is read (pending migrations at start), never written.
    expect(await attempt(`SELECT count(*) FROM schema_migration`)).toBe('ok');
    expect(await attempt(`INSERT INTO schema_migration SELECT * FROM schema_migration WHERE false`)).toBe('42501');
  });

  it('a table made append-only by a new migration gets SELECT and INSERT only at the next migrate, with no list to edit', async () => {
    const owner = new DataSource(dataSourceOptions(asUser(adminUrl, OWNER_ROLE), { ...loadConfig({}), DB_POOL_MAX: 1 }));
    await owner.initialize();
    try {
      await owner.query('CREATE TABLE lp_tomorrow (id int PRIMARY KEY, note text)');
      await owner.query('CREATE TRIGGER lp_tomorrow_no_update_delete BEFORE UPDATE OR DELETE ON lp_tomorrow FOR EACH ROW EXECUTE FUNCTION append_only()');
      await owner.query('CREATE TABLE lp_plain (id int PRIMARY KEY)');
      await migrateWithLock(owner);
    } finally {
      await owner.destroy();
    }
    expect(await attempt('INSERT INTO lp_tomorrow VALUES (1, $$x$$)')).toBe('ok');
    expect(await attempt('SELECT * FROM lp_tomorrow')).toBe('ok');
    expect(await attempt('UPDATE lp_tomorrow SET note = note')).toBe('42501');
    expect(await attempt('DELETE FROM lp_tomorrow')).toBe('42501');
    expect(await attempt('TRUNCATE lp_tomorrow')).toBe('42501');
    expect(await attempt('DELETE FROM lp_plain')).toBe('ok');
    expect(await attempt('TRUNCATE lp_plain')).toBe('42501');
  });

  it('a right granted by hand does not survive the next migrate', async () => {
    await t.admin.query(`GRANT UPDATE, DELETE, TRUNCATE ON audit_event TO ${APP_ROLE}`);
    expect(await attempt('DELETE FROM audit_event WHERE false')).toBe('ok');
    const owner = new DataSource(dataSourceOptions(asUser(adminUrl, OWNER_ROLE), { ...loadConfig({}), DB_POOL_MAX: 1 }));
    await owner.initialize();
    try {
      await migrateWithLock(owner);
    } finally {
      await owner.destroy();
    }
    expect(await attempt('DELETE FROM audit_event WHERE false')).toBe('42501');
  });
});
