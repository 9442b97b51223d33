/**
 * Backups that restore (issue 22): an archive made while 8 clients write holds exactly what was acknowledged
 * before its snapshot and verifies once restored; an archive moves from one engine to the other (embedded →
 * server is the documented way to grow); a damaged, truncated or wrongly unlocked archive is refused before
 * anything is written; an archive of the previous migration version is migrated forward and verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createGunzip, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { EmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { MIGRATIONS } from '../apps/api/src/database/migrations/index.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { productTables } from '../apps/api/src/backups/logical-dump.js';
import { Backups } from '../apps/api/src/backups/backups.service.js';
import { BackupScheduler } from '../apps/api/src/backups/backup.scheduler.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { makeBackup } from '../apps/api/src/backups/make-backup.js';
import { migrationName, openArchive, restoreInto, type RestoreResult } from '../apps/api/src/backups/restore-backup.js';
import { extractArchive, writeArchive } from '../apps/api/src/backups/backup-archive.js';
import { deriveKeys, manifestMac } from '../apps/api/src/backups/backup-crypto.js';
import { MANIFEST_ENTRY, MANIFEST_MAC_ENTRY, type BackupManifest } from '../apps/api/src/backups/backup-manifest.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { newUnit, UNIT_HEAD } from './support/factories.js';
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

/** An empty instance: a new database owned by dth_owner on a server, or a new in-memory embedded one. */
async function emptyTarget(engine: 'server' | 'embedded', serverUrl = SERVER_URL): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'dth-restore-target-'));
  const keyDir = join(dir, 'keys');
  if (engine === 'embedded') {
    const pgl = await EmbeddedPostgres.start({ maxConnections: 1 });
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: join(dir, 'data'), KEY_DIR: keyDir });
    const dataSource = new DataSource(dataSourceOptions(pgl.url, { ...config, DB_POOL_MAX: 1 }));
    await dataSource.initialize();
    return {
      dataSource,
      config,
      keyDir,
      query: async (sql, params) => dataSource.query(sql, params),
      close: async () => {
        await dataSource.destroy();
        await pgl.stop();
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
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, KEY_DIR: keyDir });
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
});

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
    const before = writes.filter((w) => w.ack !== null).length;
    snapshotAt = performance.now();
    await makeBackup(t.dataSource, config, PASSPHRASE, file, {
      signCheckpoint,
      afterSnapshot: async () => {
        snapshotTakenAt = performance.now();
      },
    });
    for (let waited = 0; writes.filter((w) => w.ack !== null).length < before + 16 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await Promise.all(clients);
    acknowledgedBefore = writes.filter((w) => w.ack !== null && w.ack < snapshotAt).map((w) => w.name);
    startedAfter = writes.filter((w) => w.start > snapshotTakenAt).map((w) => w.name);
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
      expect(problems(result)).toEqual([]);
      expect(result.verification.ok).toBe(true);
      expect(result.verification.supplied).toEqual([expect.objectContaining({ ok: true })]);
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
    await makeBackup(t.dataSource, config, PASSPHRASE, file, { signCheckpoint });
    const target = await emptyTarget(onServer ? 'embedded' : 'server', onServer ? SERVER_URL : OTHER_SERVER);
    try {
      const result = await restore(file, target);
      expect(problems(result)).toEqual([]);
      expect(result.verification.ok).toBe(true);
      const tables = result.tables.map((x) => x.name);
      expect(tables).toEqual(expect.arrayContaining(['audit_event', 'candidate', 'account', 'unit', 'audit_checkpoint'].filter((x) => tables.includes(x) || x !== 'audit_checkpoint')));
      // Every row of every table, as jsonb text (with timestamps in UTC on both sides), is the same.
      const utc = async (q: Target['query']) => {
        await q("SET TIME ZONE 'UTC'");
        return contents(q, tables);
      };
      const source = await t.admin.transaction(async (q) => utc(q));
      expect(await utc(target.query)).toEqual(source);
    } finally {
      await target.close();
    }
  }, 180_000);
});

/**
 * Refusals and migrating forward do not depend on the engine (the archive is refused before the target is
 * touched; the migrations are the same code on both): they run on the server only, to keep the embedded run short.
 */
const onServerOnly = onServer ? describe : describe.skip;

onServerOnly('a damaged archive is refused before anything is written', () => {
  let file: string;
  let target: Target;
  beforeAll(async () => {
    file = join(work, 'intact.dth-backup.tar');
    await makeBackup(t.dataSource, config, PASSPHRASE, file, { signCheckpoint });
    target = await emptyTarget('server');
  }, 60_000);
  afterAll(() => target?.close());

  const refused = async (archive: string, code: string, passphrase = PASSPHRASE) => {
    await expect(restore(archive, target, passphrase)).rejects.toMatchObject({ code });
    expect(await target.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    expect(existsSync(target.keyDir) ? readdirSync(target.keyDir) : []).toEqual([]);
  };

  it('a flipped byte', async () => {
    const bytes = readFileSync(file);
    // A byte inside the database part (after the manifest's entries), and one in a tar header.
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(join(work, 'flipped.tar'), damaged);
    await refused(join(work, 'flipped.tar'), 'BACKUP_ARCHIVE_DAMAGED');
    const header = Buffer.from(bytes);
    header[5]! ^= 0x20;
    writeFileSync(join(work, 'header.tar'), header);
    await refused(join(work, 'header.tar'), 'BACKUP_ARCHIVE_DAMAGED');
  }, 60_000);

  it('a truncated archive', async () => {
    writeFileSync(join(work, 'short.tar'), readFileSync(file));
    truncateSync(join(work, 'short.tar'), Math.floor(statSync(file).size * 0.7));
    await refused(join(work, 'short.tar'), 'BACKUP_ARCHIVE_TRUNCATED');
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

onServerOnly('an archive of the previous migration version', () => {
  it('is migrated forward on restore, and verifies', async () => {
    // A province made before the jurisdiction profile existed: no profile, so its last migration added no row.
    const older = await startTestApp({ TEST_WITHOUT_PROFILE: 'true' });
    const staging = mkdtempSync(join(tmpdir(), 'dth-older-'));
    try {
      const current = join(work, 'current.dth-backup.tar');
      await makeBackup(older.dataSource, older.running.app.get(AppConfig), PASSPHRASE, current, { signCheckpoint: () => older.running.app.get(AuditCheckpoints).build() });
      // The archive that build would have written: its migrations stop one earlier and the newest table is absent.
      const entries = extractArchive(current, staging);
      const manifest = JSON.parse(readFileSync(entries[0]!.path, 'utf8')) as BackupManifest;
      // The schema that build had: a scratch database migrated to the previous migration.
      const scratch = await emptyTarget('server');
      let schema: Map<string, string[]>;
      try {
        scratch.dataSource.migrations.splice(KNOWN.length - 1);
        await migrateWithLock(scratch.dataSource);
        schema = new Map((await productTables(scratch.query)).map((x) => [x.name, x.columns]));
      } finally {
        await scratch.close();
      }
      const lines: string[] = [];
      let columns: string[] | undefined;
      const dbEntry = entries.find((e) => e.name === 'database.jsonl.gz')!;
      const text = await new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const gunzip = createGunzip();
        gunzip.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
        gunzip.end(readFileSync(dbEntry.path));
      });
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
      expect(lines.length).toBeLessThan(text.split('\n').filter(Boolean).length);
      const database = gzipSync(`${lines.join('\n')}\n`);
      writeFileSync(dbEntry.path, database);
      manifest.migrations = manifest.migrations.slice(0, -1);
      manifest.snapshot.tables = manifest.snapshot.tables.filter((x) => schema.has(x.name));
      const part = manifest.parts.find((p) => p.kind === 'database')!;
      part.bytes = database.length;
      part.sha256 = createHash('sha256').update(database).digest('hex');
      const manifestBytes = Buffer.from(JSON.stringify(manifest));
      const keys = await deriveKeys(PASSPHRASE, manifest.kdf);
      const previous = join(work, 'previous.dth-backup.tar');
      writeArchive(previous, [
        { name: MANIFEST_ENTRY, bytes: manifestBytes },
        { name: MANIFEST_MAC_ENTRY, bytes: Buffer.from(manifestMac(keys.authentication, manifestBytes)) },
        ...entries.slice(2).map((e) => ({ name: e.name, file: e.path })),
      ]);
      const target = await emptyTarget('server');
      try {
        const result = await restore(previous, target);
        expect(result.migratedForward).toEqual([KNOWN[KNOWN.length - 1]]);
        expect(problems(result)).toEqual([]);
        expect(result.verification.ok).toBe(true);
        expect((await target.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY id')).map((m) => m.name)).toEqual(KNOWN);
      } finally {
        await target.close();
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
      await older.close();
    }
  }, 180_000);
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
    const [record] = await t.admin.query<{ event_type: string; payload: { file: string; treeSize: number } }>("SELECT event_type, payload FROM audit_event WHERE stream = 'backups' ORDER BY seq DESC LIMIT 1");
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
    expect(backups.listArchives()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await clock.during(new Date(Date.now() + 25 * 3_600_000), () => scheduler.runIfDue())).toBe(true);
    const final = await admin.get('/api/backups');
    expect(final.body.lastRun).toMatchObject({ status: 'MADE', actor: 'sao-luu-tu-dong' });
    expect(final.body.archives).toEqual([expect.objectContaining({ file: final.body.lastRun.file })]);
  }, 120_000);
});
