/**
 * Backups that restore (issue 22): an archive made while 8 clients write holds exactly what was acknowledged
 * before its snapshot and verifies once restored; an archive moves from one engine to the other (embedded →
 * server is the documented way to grow); a damaged, truncated or wrongly unlocked archive is refused before
 * anything is written; an archive of the previous migration version is migrated forward and verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createGunzip, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { openDatabase } from '../apps/api/src/database/open-database.js';
import { MIGRATIONS } from '../apps/api/src/database/migrations/index.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { loadLogicalDump, productTables } from '../apps/api/src/backups/logical-dump.js';
import { Backups } from '../apps/api/src/backups/backups.service.js';
import { BackupScheduler } from '../apps/api/src/backups/backup.scheduler.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { makeBackup } from '../apps/api/src/backups/make-backup.js';
import { migrationName, openArchive, restoreInto, type RestoreResult } from '../apps/api/src/backups/restore-backup.js';
import { extractArchive, writeArchive } from '../apps/api/src/backups/backup-archive.js';
import { MANIFEST_ENTRY, type BackupManifest } from '../apps/api/src/backups/backup-manifest.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN, newUnit, UNIT_HEAD } from './support/factories.js';
import { S3_ACCESS_KEY, S3_SECRET, startS3 } from './support/s3.js';
import { AuditWriter } from '../apps/api/src/audit/audit.writer.js';
import { AuditWitness } from '../apps/api/src/audit/audit-witness.js';
import { Notifications } from '../apps/api/src/notifications/notifications.js';
import { backupTarget } from '../apps/api/src/backups/backup-target.js';
import { pgDumpInvocation } from '../apps/api/src/backups/make-backup.js';
import { systemActor } from '../apps/api/src/common/actor.js';
import { ConfigError } from '../apps/api/src/config/app-config.js';
import { ERROR_CODES } from '../apps/api/src/common/error-codes.js';
import { OWNER_ROLE, SERVER_URL, asUser, ensureRoles, onServer, withDatabase } from './support/databases.js';

const PASSPHRASE = 'mật khẩu sao lưu thử nghiệm';
const KNOWN = MIGRATIONS.map((M) => migrationName(new M() as { name?: string; constructor: { name: string } }));
/** A server for the embedded → server restore when the suite runs embedded (CI passes its own). */
const OTHER_SERVER = process.env.BACKUP_TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Target {
  dataSource: DataSource;
  config: AppConfig;
  keyDir: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * An empty instance as an office would restore into: on the embedded database a new data folder opened as
 * `cli.js restore` opens it (so its witness is the default DATA_DIR/witness, empty); on a server a new database
 * owned by dth_owner, with a witness folder of its own (AUDIT_WITNESS_DIR, as the deployment section says).
 */
async function emptyTarget(engine: 'server' | 'embedded', serverUrl = SERVER_URL): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'dth-restore-target-'));
  const keyDir = join(dir, 'keys');
  if (engine === 'embedded') {
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: join(dir, 'data'), KEY_DIR: keyDir });
    const database = await openDatabase(config, undefined, { template: false });
    const dataSource = new DataSource(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: 1 }));
    await dataSource.initialize();
    return {
      dataSource,
      config,
      keyDir,
      query: async (sql, params) => dataSource.query(sql, params),
      close: async () => {
        await dataSource.destroy();
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `dth_restore_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await ensureRoles(admin);
  await admin.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`);
  const url = asUser(withDatabase(serverUrl!, name), OWNER_ROLE);
  mkdirSync(join(dir, 'witness'));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, KEY_DIR: keyDir, AUDIT_WITNESS_DIR: join(dir, 'witness') });
  const dataSource = new DataSource(dataSourceOptions(url, { ...config, DB_POOL_MAX: 2 }));
  await dataSource.initialize();
  return {
    dataSource,
    config,
    keyDir,
    query: async (sql, params) => dataSource.query(sql, params),
    close: async () => {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function restore(file: string, target: Target, passphrase = PASSPHRASE): Promise<RestoreResult> {
  const archive = await openArchive(file, passphrase, KNOWN);
  try {
    return await restoreInto(archive, target.dataSource, target.config, target.keyDir);
  } finally {
    archive.dispose();
  }
}

const problems = (r: RestoreResult) => {
  const v = r.verification;
  return [...v.chains.problems, ...v.authentication.problems, ...v.checkpoints.problems, ...v.history.problems, ...v.replay.problems, ...v.coverage.problems, ...v.supplied.flatMap((s) => s.problems)].slice(0, 5);
};

/**
 * The restored instance's witness started from the archive, never silently: the archives of these tests carry no
 * witness (the test application has none, like a server without AUDIT_WITNESS_DIR), so the target's empty witness
 * starts from the restored checkpoints up to the archive's, the verification compares with it (no
 * WITNESS_MISSING_ENTRY), and the restore's own record in the restored trail says so.
 */
async function expectWitnessStartedFromArchive(result: RestoreResult, target: Target, file: string): Promise<void> {
  const archive = await openArchive(file, PASSPHRASE, KNOWN);
  const manifest = archive.manifest;
  archive.dispose();
  expect(manifest.parts.map((p) => p.kind)).not.toContain('witness');
  const stored = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_checkpoint WHERE tree_size <= $1', [manifest.checkpoint!.treeSize]);
  expect(result.witness).toMatchObject({ kind: 'RESTORED_CHECKPOINTS', entries: stored[0]!.n, latestTreeSize: manifest.checkpoint!.treeSize });
  expect(result.witness.entries).toBeGreaterThan(0);
  expect(result.verification.history.witness).toMatchObject({ configured: true, location: result.witness.location, entries: result.witness.entries });
  const lines = readFileSync(join(result.witness.location!, 'checkpoints.jsonl'), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(result.witness.entries);
  const [record] = await target.query<{ actor: string; payload: { witness: RestoreResult['witness']; treeSize: number; sourceEngine: string } }>(
    "SELECT actor, payload FROM audit_event WHERE stream = 'backups' AND event_type = 'BACKUP_RESTORED'",
  );
  expect(record).toMatchObject({ actor: 'khoi-phuc-sao-luu', payload: { witness: result.witness, treeSize: manifest.checkpoint!.treeSize, sourceEngine: manifest.source.engine } });
}

async function serverReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** Rows of every table, keyed and sorted, for comparing two databases. */
async function contents(query: Target['query'], tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM "${table}" t`);
    out[table] = rows.map((x) => x.r).sort();
  }
  return out;
}

let t: TestApp;
let work: string;
let config: AppConfig;
let unitId: string;
/** As the application does before every backup: a checkpoint over the records not yet covered. */
const signCheckpoint = () => t.running.app.get(AuditCheckpoints).build();

beforeAll(async () => {
  t = await startTestApp();
  config = t.running.app.get(AppConfig);
  work = mkdtempSync(join(tmpdir(), 'dth-backups-'));
  unitId = (await newUnit(t)).id;
}, 240_000);

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

const nominate = (name: string) =>
  t
    .as(UNIT_HEAD)
    .post('/api/candidates')
    .send({ kind: 'INDIVIDUAL', name, unitId, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Giáo viên dạy giỏi cấp tỉnh.' });

describe('a backup taken while 8 clients write', () => {
  let file: string;
  let acknowledgedBefore: string[];
  let startedAfter: string[];
  let written: Set<string>;

  beforeAll(async () => {
    file = join(work, 'live.dth-backup.tar');
    const writes: { name: string; start: number; ack: number | null }[] = [];
    let stop = false;
    const statuses: string[] = [];
    let snapshotAt = 0;
    let snapshotTakenAt = 0;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const w = { name: `Nhà giáo ${n}-${i}`, start: performance.now(), ack: null as number | null };
        writes.push(w);
        const res = await nominate(w.name);
        if (res.status === 201) w.ack = performance.now();
        else statuses.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    for (let waited = 0; writes.filter((w) => w.ack !== null).length < 16 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    snapshotAt = performance.now();
    await makeBackup(t.dataSource, config, PASSPHRASE, file, {
      signCheckpoint,
      afterSnapshot: async () => {
        snapshotTakenAt = performance.now();
      },
    });
    // Writes begun after the snapshot was taken and acknowledged (the restore must not have them). Counted as such:
    // on a slow machine enough writes begun before it could be acknowledged meanwhile to meet any total.
    const begunAfterAndAcknowledged = () => writes.filter((w) => w.ack !== null && w.start > snapshotTakenAt).length;
    for (let waited = 0; begunAfterAndAcknowledged() < 8 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(clients);
    acknowledgedBefore = writes.filter((w) => w.ack !== null && w.ack < snapshotAt).map((w) => w.name);
    startedAfter = writes.filter((w) => w.start > snapshotTakenAt).map((w) => w.name);
    written = new Set(writes.map((w) => w.name));
    expect(statuses.slice(0, 3)).toEqual([]);
    expect(acknowledgedBefore.length).toBeGreaterThan(8);
    expect(startedAfter.filter((name) => writes.find((w) => w.name === name)!.ack !== null).length).toBeGreaterThan(0);
  }, 120_000);

  it(`restores onto ${onServer ? 'the server' : 'the embedded database'} with exactly the changes acknowledged before the snapshot, and verifies`, async () => {
    const target = await emptyTarget(onServer ? 'server' : 'embedded');
    try {
      const result = await restore(file, target);
      expect(result.migratedForward).toEqual([]);
      const names = new Set((await target.query<{ name: string }>('SELECT name FROM candidate')).map((r) => r.name));
      expect(acknowledgedBefore.filter((n) => !names.has(n))).toEqual([]);
      expect(startedAfter.filter((n) => names.has(n))).toEqual([]);
      // Nothing else: every restored candidate is one of the clients' writes, as the source holds it now.
      expect([...names].filter((n) => !written.has(n))).toEqual([]);
      const asJson = (q: Target['query']) => q<{ r: string }>(`SELECT to_jsonb(c)::text AS r FROM (SELECT id, name, state, version, unit_id FROM candidate WHERE name = ANY($1)) c`, [[...names]]);
      const restoredRows = (await asJson(target.query)).map((x) => x.r).sort();
      expect(restoredRows).toHaveLength(names.size);
      expect(restoredRows).toEqual((await asJson(t.admin.query)).map((x) => x.r).sort());
      expect(problems(result)).toEqual([]);
      expect(result.verification.ok).toBe(true);
      expect(result.verification.supplied).toEqual([expect.objectContaining({ ok: true })]);
      await expectWitnessStartedFromArchive(result, target, file);
      // The keys came back into the key folder (the signing key from the environment became its file).
      expect(result.keyFiles).toEqual(expect.arrayContaining(['audit-record-keys.json', 'audit-signing-key.pem']));
      expect(statSync(join(target.keyDir, 'audit-record-keys.json')).mode & 0o777).toBe(0o600);
      // A second restore into the same instance is refused: it is no longer empty.
      await expect(restore(file, target)).rejects.toMatchObject({ code: 'BACKUP_TARGET_NOT_EMPTY' });
    } finally {
      await target.close();
    }
  }, 120_000);
});

describe('from one engine to the other', () => {
  it('an embedded backup restores onto a PostgreSQL server with every record, and the audit verifies there (a server backup onto the embedded database when run on the server)', async () => {
    if (!onServer && !process.env.BACKUP_TEST_SERVER_URL && !(await serverReachable(OTHER_SERVER))) {
      console.warn(`backups: no PostgreSQL server at ${OTHER_SERVER} (set BACKUP_TEST_SERVER_URL): the embedded → server restore was not tried`);
      return;
    }
    const file = join(work, 'move.dth-backup.tar');
    // A message the outbox has not sent yet: the job queue (schema pgboss) is not in the archive, so the restore
    // must put it back on the queue itself.
    const mailId = '6f1c2b1e-0000-4000-8000-00000000a001';
    await t.admin.query(
      `INSERT INTO mail_message (id, account_id, to_address, subject, text_body, html_body, notification_ids, status, attempts, last_error, created_at, sent_at, updated_at)
       SELECT $1, id, 'quantri@bacninh.gov.vn', 'Thư chưa gửi', 'Nội dung', '<p>Nội dung</p>', '[]'::jsonb, 'PENDING', 0, NULL, now(), NULL, now() FROM account WHERE username = 'admin'`,
      [mailId],
    );
    await makeBackup(t.dataSource, config, PASSPHRASE, file, { signCheckpoint });
    await t.admin.query('DELETE FROM mail_message WHERE id = $1', [mailId]);
    const target = await emptyTarget(onServer ? 'embedded' : 'server', onServer ? SERVER_URL : OTHER_SERVER);
    try {
      const result = await restore(file, target);
      expect(problems(result)).toEqual([]);
      expect(result.verification.ok).toBe(true);
      await expectWitnessStartedFromArchive(result, target, file);
      expect(result.requeuedMail).toBe(1);
      expect(await target.query("SELECT name, data->>'mailId' AS mail, state FROM pgboss.job")).toEqual([{ name: 'notification-mail', mail: mailId, state: 'created' }]);
      const tables = result.tables.map((x) => x.name);
      expect(tables).toEqual(expect.arrayContaining(['audit_event', 'candidate', 'account', 'unit', 'audit_checkpoint'].filter((x) => tables.includes(x) || x !== 'audit_checkpoint')));
      // Every row of every table, as jsonb text (with timestamps in UTC on both sides), is the same.
      const utc = async (q: Target['query']) => {
        await q("SET TIME ZONE 'UTC'");
        return contents(q, tables);
      };
      const source = await t.admin.transaction(async (q) => utc(q));
      const restored = await utc(target.query);
      // The restore's own record (how the witness started) is the one record the source does not have.
      expect(restored.audit_event!.filter((r) => r.includes('"BACKUP_RESTORED"'))).toHaveLength(1);
      restored.audit_event = restored.audit_event!.filter((r) => !r.includes('"BACKUP_RESTORED"'));
      expect(restored.mail_message!.filter((r) => r.includes(mailId))).toHaveLength(1);
      restored.mail_message = restored.mail_message!.filter((r) => !r.includes(mailId));
      // The public pages' cache counter (operational) is moved by the restore's own writes: a restored instance starts
      // with no cached page, so its value only has to exist, not to equal the source's.
      expect(restored.public_page_version ?? []).toHaveLength((source.public_page_version ?? []).length);
      delete restored.public_page_version;
      delete source.public_page_version;
      expect(restored).toEqual(source);
    } finally {
      await target.close();
    }
  }, 180_000);
});

/** The entries of a tar file: name, where the content starts, its size (ustar headers, as backup-archive.ts writes). */
function tarEntries(bytes: Buffer): { name: string; offset: number; size: number }[] {
  const out: { name: string; offset: number; size: number }[] = [];
  for (let at = 0; at + 512 <= bytes.length; ) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(header.toString('ascii', 124, 136), 8);
    out.push({ name, offset: at + 512, size });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** What the office reads when an archive is refused (the CLI prints the Vietnamese first: backups-readme's test). */
const REFUSALS: Record<string, RegExp> = {
  BACKUP_ARCHIVE_DAMAGED: /^Tệp sao lưu bị hỏng .*không khôi phục gì/,
  BACKUP_ARCHIVE_TRUNCATED: /^Tệp sao lưu bị cắt cụt .*không khôi phục gì/,
  BACKUP_PASSPHRASE_WRONG: /^Mật khẩu bản sao lưu không đúng.*không khôi phục gì/,
  BACKUP_MANIFEST_TAMPERED: /^Bảng kê của bản sao lưu đã bị sửa.*không khôi phục gì/,
};

describe(`a damaged archive is refused before anything is written (${onServer ? 'server' : 'embedded'} archive and target)`, () => {
  let file: string;
  let target: Target;
  beforeAll(async () => {
    file = join(work, 'intact.dth-backup.tar');
    await makeBackup(t.dataSource, config, PASSPHRASE, file, { signCheckpoint });
    target = await emptyTarget(onServer ? 'server' : 'embedded');
  }, 240_000);
  afterAll(() => target?.close());

  const refused = async (archive: string, code: string, passphrase = PASSPHRASE) => {
    await expect(restore(archive, target, passphrase)).rejects.toMatchObject({ code });
    // Refused in Vietnamese (English beside it), saying that nothing was restored.
    expect(ERROR_CODES[code as keyof typeof ERROR_CODES].vi).toMatch(REFUSALS[code]!);
    expect(await target.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    expect(existsSync(target.keyDir) ? readdirSync(target.keyDir) : []).toEqual([]);
    // Nothing in the target's witness either.
    const witness = target.config.AUDIT_WITNESS_DIR ?? join(target.config.DATA_DIR, 'witness');
    expect(existsSync(join(witness, 'checkpoints.jsonl'))).toBe(false);
  };

  it('a flipped byte', async () => {
    const bytes = readFileSync(file);
    // One byte flipped in the middle of each entry's content: a part no longer has its SHA-256; the manifest, or
    // its MAC, no longer authenticates.
    const entries = tarEntries(bytes);
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['manifest.json', 'manifest.hmac', 'database.jsonl.gz', 'keys.enc', 'checkpoint.json']));
    for (const entry of entries) {
      const damaged = Buffer.from(bytes);
      // In the manifest, a digit of its date (still valid JSON, so it is the MAC that refuses it).
      const within = entry.name === MANIFEST_ENTRY ? bytes.subarray(entry.offset, entry.offset + entry.size).indexOf('"createdAt": "2') + 15 : Math.floor(entry.size / 2);
      damaged[entry.offset + within]! ^= 0x01;
      writeFileSync(join(work, 'flipped.tar'), damaged);
      await refused(join(work, 'flipped.tar'), entry.name.startsWith('manifest.') ? 'BACKUP_MANIFEST_TAMPERED' : 'BACKUP_ARCHIVE_DAMAGED');
    }
    // And the byte after the last entry's content (tar padding, zero).
    const last = entries[entries.length - 1]!;
    if (last.size % 512 !== 0) {
      const padded = Buffer.from(bytes);
      padded[last.offset + last.size]! ^= 0x01;
      writeFileSync(join(work, 'flipped.tar'), padded);
      await refused(join(work, 'flipped.tar'), 'BACKUP_ARCHIVE_DAMAGED');
    }
    const header = Buffer.from(bytes);
    header[5]! ^= 0x20;
    writeFileSync(join(work, 'header.tar'), header);
    await refused(join(work, 'header.tar'), 'BACKUP_ARCHIVE_DAMAGED');
  }, 60_000);

  it('a truncated archive', async () => {
    // Cut inside a part, at the boundary before the last part (whole entries missing), and with only the
    // end-of-archive blocks missing.
    const bytes = readFileSync(file);
    const last = tarEntries(bytes).at(-1)!;
    for (const length of [Math.floor(bytes.length * 0.7), last.offset - 512, bytes.length - 1024]) {
      writeFileSync(join(work, 'short.tar'), bytes);
      truncateSync(join(work, 'short.tar'), length);
      await refused(join(work, 'short.tar'), 'BACKUP_ARCHIVE_TRUNCATED');
    }
  }, 60_000);

  it('a wrong passphrase', async () => {
    await refused(file, 'BACKUP_PASSPHRASE_WRONG', 'not the passphrase at all');
  }, 60_000);

  it('an edited manifest (the parts intact, the passphrase right)', async () => {
    const staging = mkdtempSync(join(tmpdir(), 'dth-edit-'));
    try {
      const entries = extractArchive(file, staging);
      const manifest = JSON.parse(readFileSync(entries[0]!.path, 'utf8')) as BackupManifest;
      manifest.snapshot.auditRecords += 1;
      writeArchive(join(work, 'edited.tar'), [
        { name: MANIFEST_ENTRY, bytes: Buffer.from(JSON.stringify(manifest)) },
        ...entries.slice(1).map((e) => ({ name: e.name, file: e.path })),
      ]);
      await refused(join(work, 'edited.tar'), 'BACKUP_MANIFEST_TAMPERED');
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * An archive made by the previous migration version, on both engines. The previous build's database is a real one:
 * an empty database migrated with every migration but the last, filled (by the product's own loader) with the
 * records of a province the current build made, less what the last migration's tables and columns would hold; the
 * archive is then made of that database by makeBackup itself, so its manifest, hashes, MAC and migration list are
 * the ones the backup code writes for a database at that version (nothing in the archive is edited by hand). What
 * this does not cover: rows the previous build's code would have written differently (see the report of issue 22).
 */
describe('an archive of the previous migration version', () => {
  it('is migrated forward on restore, and verifies', async () => {
    // A province made before the jurisdiction profile existed: no profile, so its last migration added no row.
    const older = await startTestApp({ TEST_WITHOUT_PROFILE: 'true' });
    const staging = mkdtempSync(join(tmpdir(), 'dth-older-'));
    const engine = onServer ? 'server' : 'embedded';
    try {
      const olderConfig = older.running.app.get(AppConfig);
      const current = join(work, 'current.dth-backup.tar');
      await makeBackup(older.dataSource, olderConfig, PASSPHRASE, current, { signCheckpoint: () => older.running.app.get(AuditCheckpoints).build() });
      const entries = extractArchive(current, staging);
      const dbEntry = entries.find((e) => e.name === 'database.jsonl.gz')!;

      // The previous version's database: every migration but the last ones, back to one that changed tables or
      // columns (a migration may change functions only, as AuditRowWritesInOneStatement does: its predecessor's
      // tables are the same, and the archive would not be older for real).
      const size = (columns: Iterable<readonly unknown[]>) => [...columns].reduce((n, c) => n + 1 + c.length, 0);
      const currentSize = size((await productTables((sql, params) => older.dataSource.query(sql, params))).map((t) => t.columns));
      const olderVersion = async (kept: number) => {
        const db = await emptyTarget(engine);
        db.dataSource.migrations.splice(kept);
        await migrateWithLock(db.dataSource);
        return { db, schema: new Map((await productTables(db.query)).map((x) => [x.name, x.columns])) };
      };
      let kept = KNOWN.length - 1;
      let { db: previousDb, schema } = await olderVersion(kept);
      while (size(schema.values()) === currentSize && kept > 1) {
        await previousDb.close();
        ({ db: previousDb, schema } = await olderVersion(--kept));
      }
      const previous = join(work, 'previous.dth-backup.tar');
      try {
        // Older for real: the migrations after it took away tables or columns (they may add only columns).
        expect(size(schema.values())).toBeLessThan(currentSize);
        // The province's rows, as that schema holds them (the last migration's tables and columns left out).
        const text = await new Promise<string>((resolve, reject) => {
          const chunks: Buffer[] = [];
          const gunzip = createGunzip();
          gunzip.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
          gunzip.end(readFileSync(dbEntry.path));
        });
        const lines: string[] = [];
        let columns: string[] | undefined;
        for (const line of text.split('\n').filter(Boolean)) {
          const value = JSON.parse(line) as Record<string, unknown>;
          if ('@table' in value) {
            columns = schema.get(value['@table'] as string);
            if (columns) lines.push(JSON.stringify({ '@table': value['@table'], columns: (value.columns as string[]).filter((c) => columns!.includes(c)) }));
          } else if ('@end' in value) {
            if (columns) lines.push(line);
            columns = undefined;
          } else if (columns) {
            for (const key of Object.keys(value)) if (!columns.includes(key)) delete value[key];
            lines.push(JSON.stringify(value));
          }
        }
        const rows = join(staging, 'previous.jsonl.gz');
        writeFileSync(rows, gzipSync(`${lines.join('\n')}\n`));
        await previousDb.dataSource.transaction((em) => loadLogicalDump((sql, params) => em.query(sql, params), rows));
        // The backup code itself makes the archive of that database (its keys are the province's).
        const previousConfig = Object.assign(Object.create(AppConfig.prototype) as AppConfig, olderConfig, { DATABASE_URL: previousDb.config.DATABASE_URL });
        const made = await makeBackup(previousDb.dataSource, previousConfig, PASSPHRASE, previous);
        expect(made.manifest.migrations).toEqual(KNOWN.slice(0, kept));
        expect(made.manifest.checkpoint).not.toBeNull();
      } finally {
        await previousDb.close();
      }

      const target = await emptyTarget(engine);
      try {
        const result = await restore(previous, target);
        expect(result.migratedForward).toEqual(KNOWN.slice(kept));
        expect(problems(result)).toEqual([]);
        expect(result.verification.ok).toBe(true);
        await expectWitnessStartedFromArchive(result, target, previous);
        expect(result.verification.supplied).toEqual([expect.objectContaining({ ok: true })]);
        expect((await target.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY id')).map((m) => m.name)).toEqual(KNOWN);
        // Every record of the province's audit trail came through (and the restore's own record).
        const [{ n }] = await target.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE event_type <> 'BACKUP_RESTORED'");
        const [{ m }] = await older.admin.query<{ m: number }>('SELECT count(*)::int AS m FROM audit_event');
        expect(n).toBe(m);
      } finally {
        await target.close();
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
      await older.close();
    }
  }, 240_000);
});

describe("the administrator's backups", () => {
  it('makes an archive in the backup folder, records the run in the audit trail and shows it; a failed run is recorded and shown too', async () => {
    const admin = t.as('admin');
    const short = await admin.post('/api/backups').send({ passphrase: 'ngắn' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'passphrase' })]);

    const made = await admin.post('/api/backups').send({ passphrase: PASSPHRASE });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'MADE', actor: 'admin', file: expect.stringMatching(/^dth-\d{8}T\d{6}Z\.dth-backup\.tar$/) });
    const overview = await admin.get('/api/backups');
    expect(overview.status).toBe(200);
    expect(overview.body.archives).toEqual([expect.objectContaining({ file: made.body.file, bytes: made.body.bytes })]);
    expect(overview.body.lastRun).toMatchObject({ status: 'MADE', file: made.body.file });
    // The archive it wrote opens with the passphrase given.
    const archive = await openArchive(join(overview.body.directory as string, made.body.file as string), PASSPHRASE, KNOWN);
    archive.dispose();
    // Who made it, in words (never the login name on the screen).
    expect(overview.body.lastRun).toMatchObject({ trigger: 'MANUAL', actorName: 'admin' });
    // It downloads, byte for byte, for an administrator only; the download is recorded; an unknown name is a 404.
    const downloaded = await admin.get(`/api/backups/archives/${made.body.file}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers['content-type']).toBe('application/x-tar');
    expect(downloaded.headers['content-disposition']).toBe(`attachment; filename="${made.body.file}"`);
    expect((downloaded.body as Buffer).equals(readFileSync(join(overview.body.directory as string, made.body.file as string)))).toBe(true);
    const [download] = await t.admin.query<{ event_type: string; actor: string; payload: { file: string; bytes: number } }>("SELECT event_type, actor, payload FROM audit_event WHERE stream = 'backups' ORDER BY seq DESC LIMIT 1");
    expect(download).toMatchObject({ event_type: 'BACKUP_DOWNLOADED', actor: 'admin', payload: { file: made.body.file, bytes: made.body.bytes } });
    expect((await admin.get('/api/backups')).body.lastRun).toMatchObject({ status: 'MADE', file: made.body.file });
    const unknown = await admin.get('/api/backups/archives/dth-20200101T000000Z.dth-backup.tar');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'BACKUP_ARCHIVE_NOT_FOUND', message: expect.stringContaining('Không có bản sao lưu này') });
    expect((await admin.get('/api/backups/archives/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect([403, 404]).toContain((await t.as(UNIT_HEAD).get(`/api/backups/archives/${made.body.file}`)).status);
    const [record] = await t.admin.query<{ event_type: string; payload: { file: string; treeSize: number } }>("SELECT event_type, payload FROM audit_event WHERE stream = 'backups' AND event_type <> 'BACKUP_DOWNLOADED' ORDER BY seq DESC LIMIT 1");
    expect(record).toMatchObject({ event_type: 'BACKUP_MADE', payload: { file: made.body.file } });

    // A run that cannot write its archive (the folder is a file) fails, and the failure stays visible.
    const backups = t.running.app.get(Backups);
    const directory = backups.directory!;
    rmSync(directory, { recursive: true, force: true });
    writeFileSync(directory, 'not a folder');
    try {
      const failed = await admin.post('/api/backups').send({ passphrase: PASSPHRASE });
      expect(failed.status).toBe(503);
      expect(failed.body).toMatchObject({ code: 'BACKUP_RUN_FAILED', message: expect.stringContaining('Không tạo được bản sao lưu') });
      const after = await admin.get('/api/backups');
      expect(after.body.lastRun).toMatchObject({ status: 'FAILED', actor: 'admin', message: expect.stringContaining('EEXIST') });
      expect(after.body.lastSuccess).toMatchObject({ status: 'MADE', file: made.body.file });
    } finally {
      rmSync(directory, { force: true });
    }

    // The schedule: nothing to do while an archive made within the interval exists; a day later it makes one and
    // applies the retention rule (here: one daily archive), and the run shows as the schedule's.
    const clock = t.running.app.get(Clock);
    const scheduled = Object.assign(Object.create(AppConfig.prototype) as AppConfig, config, { BACKUP_PASSPHRASE: PASSPHRASE, BACKUP_RETENTION: '1,0,0' });
    const scheduler = new BackupScheduler(scheduled, backups, clock);
    expect(await scheduler.runIfDue()).toBe(false);
    expect((await admin.post('/api/backups').send({ passphrase: PASSPHRASE })).status).toBe(201);
    expect(await backups.listArchives()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await clock.during(new Date(Date.now() + 25 * 3_600_000), () => scheduler.runIfDue())).toBe(true);
    const final = await admin.get('/api/backups');
    expect(final.body.lastRun).toMatchObject({ status: 'MADE', actor: 'sao-luu-tu-dong' });
    expect(final.body.archives).toEqual([expect.objectContaining({ file: final.body.lastRun.file })]);
  }, 120_000);
});

/** A copy of the application's configuration with some settings changed (as another deployment would have them). */
const configWith = (changes: Partial<AppConfig>) => Object.assign(Object.create(AppConfig.prototype) as AppConfig, config, changes);

/** A Backups service of the running application's database and audit trail, with another configuration. */
const backupsWith = (changed: AppConfig) =>
  new Backups(t.dataSource, changed, t.running.app.get(Clock), t.running.app.get(AuditWriter), t.running.app.get(AuditCheckpoints), t.running.app.get(AuditWitness), t.running.app.get(Notifications));

describe('a failed scheduled run notifies the administrators', () => {
  it('each administrator gets a BACKUP_FAILED notification in the app, and mail as they chose; once a day; a manual failure and other roles get none', async () => {
    const admin = t.as(ADMIN);
    const adminId = (await t.admin.query<{ id: string }>("SELECT id FROM account WHERE username = 'admin'"))[0]!.id;
    expect((await admin.post(`/api/accounts/${adminId}/email`).send({ email: 'quantri@bacninh.gov.vn' })).status).toBe(200);
    const second = await t.newAccount('quantri-hai', 'ADMIN', null);
    const secondId = (await t.admin.query<{ id: string }>("SELECT id FROM account WHERE username = 'quantri-hai'"))[0]!.id;
    expect((await admin.post(`/api/accounts/${secondId}/email`).send({ email: 'quantri2@bacninh.gov.vn' })).status).toBe(200);
    // The second administrator wants no mail for this kind (in the app only).
    const pref = await second.post('/api/notifications/preferences').send({ preferences: [{ kind: 'BACKUP_FAILED', mail: 'OFF' }] });
    expect(pref.status).toBe(200);
    expect(pref.body.preferences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'BACKUP_FAILED', mail: 'OFF', defaultMail: 'IMMEDIATE', kindLabel: { vi: 'Sao lưu tự động không thành công', en: 'Scheduled backup failed' } })]));
    const notificationsOf = (id: string) => t.admin.query<{ kind: string; title: string; body: string; link: string }>("SELECT kind, title, body, link FROM notification WHERE account_id = $1 AND kind = 'BACKUP_FAILED'", [id]);
    const mailOf = (id: string) => t.admin.query<{ subject: string; status: string; text_body: string }>("SELECT subject, status, text_body FROM mail_message WHERE account_id = $1 AND subject LIKE '%Sao lưu tự động%'", [id]);

    const work2 = mkdtempSync(join(tmpdir(), 'dth-backup-fail-'));
    const broken = join(work2, 'not-a-folder');
    writeFileSync(broken, 'a file where the backup folder should be');
    try {
      const failing = configWith({ BACKUP_DIR: broken, BACKUP_PASSPHRASE: PASSPHRASE });
      const backups = backupsWith(failing);
      const scheduler = new BackupScheduler(failing, backups, t.running.app.get(Clock));
      const clock = t.running.app.get(Clock);
      // Noon in the province three days on (the dedupe is by the province's day: an hour later is the same day).
      const today = new Date();
      const later = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 3, 5, 0, 0));
      // A manual run that fails: the administrator who asked sees the error; nobody is notified.
      await expect(backups.make(PASSPHRASE, systemActor('thu-cong'), 'MANUAL')).rejects.toMatchObject({ code: 'BACKUP_RUN_FAILED' });
      expect(await notificationsOf(adminId)).toEqual([]);

      expect(await clock.during(later, () => scheduler.runIfDue())).toBe(false);
      const [first] = await notificationsOf(adminId);
      expect(first).toMatchObject({ title: 'Sao lưu tự động không thành công', link: '/quan-tri/sao-luu', body: expect.stringContaining(broken) });
      expect(first!.body).toContain('BACKUP_RUN_FAILED');
      expect(await notificationsOf(secondId)).toHaveLength(1);
      // Shown in the administrator's notification centre, Vietnamese first with the English beside it.
      const centre = await admin.get('/api/notifications');
      expect(centre.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'BACKUP_FAILED', kindLabel: { vi: 'Sao lưu tự động không thành công', en: 'Scheduled backup failed' }, titleEn: 'The scheduled backup failed' })]));
      // Mail per preference: the first administrator (default: at once) has one (kept: no mail server here), the second none.
      expect(await mailOf(adminId)).toEqual([expect.objectContaining({ subject: expect.stringContaining('Sao lưu tự động không thành công'), status: 'KEPT' })]);
      expect(await mailOf(secondId)).toEqual([]);
      // Nobody else: the unit head has no such notification.
      expect(await t.admin.query("SELECT 1 FROM notification n JOIN account a ON a.id = n.account_id WHERE n.kind = 'BACKUP_FAILED' AND a.role <> 'ADMIN'")).toEqual([]);
      // The failed run is in the audit trail as the schedule's.
      const [record] = await t.admin.query<{ payload: { trigger: string; errorCode: string } }>("SELECT payload FROM audit_event WHERE stream = 'backups' AND event_type = 'BACKUP_FAILED' ORDER BY seq DESC LIMIT 1");
      expect(record!.payload).toMatchObject({ trigger: 'SCHEDULED', errorCode: 'BACKUP_RUN_FAILED' });

      // The schedule retries an hour later and fails again: the same day, no second notification.
      expect(await clock.during(new Date(later.getTime() + 3_600_000), () => scheduler.runIfDue())).toBe(false);
      expect(await notificationsOf(adminId)).toHaveLength(1);
      expect(await mailOf(adminId)).toHaveLength(1);
      // The next day it is told again.
      expect(await clock.during(new Date(later.getTime() + 86_400_000), () => scheduler.runIfDue())).toBe(false);
      expect(await notificationsOf(adminId)).toHaveLength(2);
    } finally {
      rmSync(work2, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('an S3-compatible bucket as the backup target', () => {
  const BUCKET = 'dth-sao-luu';
  const PREFIX = 'tinh/sao-luu/';
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeAll(async () => {
    s3 = await startS3([BUCKET]);
  });
  afterAll(() => s3?.close());

  const bucketConfig = (changes: Partial<AppConfig> = {}) =>
    configWith({
      BACKUP_DIR: undefined,
      BACKUP_S3_ENDPOINT: s3.endpoint,
      BACKUP_S3_BUCKET: BUCKET,
      BACKUP_S3_PREFIX: PREFIX,
      BACKUP_S3_ACCESS_KEY_ID: S3_ACCESS_KEY,
      BACKUP_S3_SECRET_ACCESS_KEY: S3_SECRET,
      BACKUP_PASSPHRASE: PASSPHRASE,
      BACKUP_RETENTION: '2,0,0',
      ...changes,
    });

  it('the settings are validated, and a secret is named, never echoed', () => {
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      return null;
    };
    expect(refused({ BACKUP_S3_BUCKET: 'Bad_Bucket', BACKUP_S3_ACCESS_KEY_ID: 'AKIA1234', BACKUP_S3_SECRET_ACCESS_KEY: 'verysecretvalue' })).toContain('BACKUP_S3_BUCKET="Bad_Bucket": must be an S3 bucket name');
    expect(refused({ BACKUP_S3_BUCKET: 'dth-sao-luu', BACKUP_S3_ENDPOINT: 'ftp://x', BACKUP_S3_ACCESS_KEY_ID: 'AKIA1234', BACKUP_S3_SECRET_ACCESS_KEY: 'verysecretvalue' })).toContain('BACKUP_S3_ENDPOINT');
    expect(refused({ BACKUP_S3_BUCKET: 'dth-sao-luu' })).toContain('BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY are required');
    expect(refused({ BACKUP_S3_SECRET_ACCESS_KEY: 'verysecretvalue' })).toContain('need BACKUP_S3_BUCKET');
    const spaced = refused({ BACKUP_S3_BUCKET: 'dth-sao-luu', BACKUP_S3_ACCESS_KEY_ID: 'AKIA1234', BACKUP_S3_SECRET_ACCESS_KEY: 'bi mat lo ra' });
    expect(spaced).toContain('BACKUP_S3_SECRET_ACCESS_KEY=(hidden)');
    expect(spaced).not.toContain('bi mat');
    expect(refused({ BACKUP_PASSPHRASE: 'ngắn quá' })).toContain('BACKUP_PASSPHRASE=(hidden)');
    // A valid bucket configuration is read whole (path-style addresses by default with an endpoint).
    const read = loadConfig({ BACKUP_S3_BUCKET: BUCKET, BACKUP_S3_ENDPOINT: s3.endpoint, BACKUP_S3_PREFIX: PREFIX, BACKUP_S3_ACCESS_KEY_ID: S3_ACCESS_KEY, BACKUP_S3_SECRET_ACCESS_KEY: S3_SECRET });
    expect(read.backupS3).toEqual({ endpoint: s3.endpoint, bucket: BUCKET, region: 'us-east-1', accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET, prefix: PREFIX, forcePathStyle: true });
    // Where the archives go, as shown to people: the endpoint, bucket and prefix, never a key.
    const target = backupTarget(read)!;
    expect(target.describe()).toBe(`s3://${BUCKET}/${PREFIX} (${s3.endpoint})`);
  });

  it('scheduled runs upload to the bucket, the retention rule prunes its objects, and an archive restores from it and verifies', async () => {
    const bucket = bucketConfig();
    const backups = backupsWith(bucket);
    const clock = t.running.app.get(Clock);
    const scheduler = new BackupScheduler(bucket, backups, clock);
    try {
      const days = [5, 4, 3].map((n) => new Date(Date.now() + n * 86_400_000 + 7 * 86_400_000));
      for (const day of days.reverse()) expect(await clock.during(day, () => scheduler.runIfDue())).toBe(true);
      // Three daily runs, the rule keeps 2 daily: the oldest object is gone from the bucket itself.
      const keys = await s3.keys(BUCKET);
      expect(keys).toHaveLength(2);
      expect(keys.every((k) => k.startsWith(PREFIX) && k.endsWith('.dth-backup.tar'))).toBe(true);
      const overview = await backups.overview();
      expect(overview.directory).toBe(`s3://${BUCKET}/${PREFIX} (${s3.endpoint})`);
      expect(overview.archives.map((a) => `${PREFIX}${a.file}`)).toEqual([...keys].reverse());
      expect(overview.lastRun).toMatchObject({ status: 'MADE', actor: 'sao-luu-tu-dong' });
      // Nothing was left in the local staging folder.
      const newest = overview.archives[0]!.file;

      // Restore from the bucket: download (as `cli.js restore --from-target NAME` does), check, restore, verify.
      const download = mkdtempSync(join(tmpdir(), 'dth-s3-restore-'));
      const target = await emptyTarget(onServer ? 'server' : 'embedded');
      try {
        await backups.target!.fetch(newest, join(download, 'archive.tar'));
        const result = await restore(join(download, 'archive.tar'), target);
        expect(problems(result)).toEqual([]);
        expect(result.verification.ok).toBe(true);
        expect(result.verification.supplied).toEqual([expect.objectContaining({ ok: true })]);
        const [{ n }] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM candidate');
        const [{ m }] = await t.admin.query<{ m: number }>('SELECT count(*)::int AS m FROM candidate');
        expect(n).toBe(m);
      } finally {
        await target.close();
        rmSync(download, { recursive: true, force: true });
      }
    } finally {
      backups.onModuleDestroy();
    }
  }, 240_000);

  it('a bucket that refuses the key: the run fails, is recorded, and no secret appears in what is recorded or shown', async () => {
    const secret = 'bi-mat-khong-duoc-lo-ra-12345';
    const wrong = bucketConfig({ BACKUP_S3_ACCESS_KEY_ID: 'KHOA-SAI', BACKUP_S3_SECRET_ACCESS_KEY: secret });
    const backups = backupsWith(wrong);
    try {
      await expect(backups.make(PASSPHRASE, systemActor('thu-s3'), 'MANUAL')).rejects.toMatchObject({ code: 'BACKUP_RUN_FAILED' });
      const [record] = await t.admin.query<{ payload: Record<string, unknown> }>("SELECT payload FROM audit_event WHERE stream = 'backups' ORDER BY seq DESC LIMIT 1");
      expect(JSON.stringify(record!.payload)).toContain('Access Key');
      expect(JSON.stringify(record!.payload)).not.toContain(secret);
      expect(JSON.stringify(await backups.overview())).not.toContain(secret);
      // The local copy made before the upload is removed too.
      expect(readdirSync(backups.target!.staging())).toEqual([]);
    } finally {
      backups.onModuleDestroy();
    }
  }, 120_000);
});

describe('pg_dump is never given the password on its command line', () => {
  it('the URL it gets has no password; a private .pgpass (0600 in a 0700 folder) has it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dth-pgpass-test-'));
    try {
      const { args, env } = pgDumpInvocation('postgres://dth_owner:p%40ss:w%5Cord@db.example.vn:5433/dth?sslmode=require', 'snap-1', '/tmp/out.pgdump', dir);
      expect(args.join(' ')).not.toContain('p@ss');
      expect(args.join(' ')).not.toContain('p%40ss');
      expect(args).toContain('--dbname=postgres://dth_owner@db.example.vn:5433/dth?sslmode=require');
      expect(env.PGPASSWORD).toBeUndefined();
      expect(env.PGPASSFILE).toBe(join(dir, 'pgpass'));
      expect(readFileSync(env.PGPASSFILE!, 'utf8')).toBe('*:*:*:*:p@ss\\:w\\\\ord\n');
      expect(statSync(env.PGPASSFILE!).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
