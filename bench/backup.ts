/**
 * Backing up and restoring a large province: generates candidates with valid audit trails into a scratch database
 * on a PostgreSQL server (bench/audit-verify.ts --candidates N --keep: bulk SQL inserts of real histories, each
 * record hash-chained, MAC'd and covered by signed checkpoints exactly as the application writes them; about 4.5
 * audit records per candidate), makes the product's archive of it (logical dump + pg_dump -Fc of the same
 * snapshot, keys, manifest), restores it into an empty database, verifies the restored trail against the
 * archive's checkpoint, and prints the times and the archive's size. With --embedded it then restores the same
 * archive into an embedded database (PGlite, on disk), verifies it there, and backs that one up.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/backup.js [--candidates 100000] [--embedded]
 *
 * BENCH_DATABASE_URL as for audit-verify (a role that may create databases). --reuse DIR keeps the generated
 * database (dth_bench_backup_src), its keys and the archive in DIR for another run (generated when DIR is empty);
 * with --restore-only the archive kept there is restored again without a new backup.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { EmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { MIGRATIONS } from '../apps/api/src/database/migrations/index.js';
import { makeBackup, type BackupResult } from '../apps/api/src/backups/make-backup.js';
import { writeLogicalDump } from '../apps/api/src/backups/logical-dump.js';
import { migrationName, openArchive, restoreInto, type RestoreResult } from '../apps/api/src/backups/restore-backup.js';
import { figure, recordFigures } from './figures.js';

const { values } = parseArgs({
  options: { candidates: { type: 'string', default: '100000' }, embedded: { type: 'boolean', default: false }, reuse: { type: 'string' }, 'restore-only': { type: 'boolean', default: false }, 'skip-server-restore': { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } },
});
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SOURCE_DB = process.env.BENCH_BACKUP_DB ?? 'dth_bench_backup_src';
const TARGET_DB = `${SOURCE_DB}_restore`;
const at = (db: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return u.toString();
};
const say = (text: string) => process.stdout.write(`${text}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const PASSPHRASE = 'mật khẩu đo hiệu năng sao lưu';
const KNOWN = MIGRATIONS.map((M) => migrationName(new M() as { name?: string; constructor: { name: string } }));
Logger.overrideLogger(['error']);

const work = values.reuse ?? mkdtempSync(join(tmpdir(), 'dth-bench-backup-'));
mkdirSync(work, { recursive: true });
const keyDir = join(work, 'keys');
const signingKeyFile = join(work, 'signing-key.b64');
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();

function describeBackup(b: BackupResult): string {
  const parts = Object.fromEntries(b.manifest.parts.map((p) => [p.name, mb(p.bytes)]));
  return `${s(b.durationMs)}, ${mb(b.bytes)} (${JSON.stringify(parts)})`;
}
function describeRestore(total: number, opened: number, r: RestoreResult): string {
  const t = r.timings;
  const v = r.verification;
  if (!v.ok) {
    const problems = [...v.chains.problems, ...v.authentication.problems, ...v.checkpoints.problems, ...v.history.problems, ...v.replay.problems, ...v.coverage.problems, ...v.supplied.flatMap((x) => x.problems)];
    process.stdout.write(`verification problems (first 5): ${JSON.stringify(problems.slice(0, 5))}\n`);
  }
  return (
    `${s(total)} (checking the archive ${s(opened)}, migrating to its version ${s(t.migrateMs)}, loading the rows ${s(t.loadMs)}, ` +
    `migrating forward + grants ${s(t.forwardMs)}, verifying ${s(r.verification.durationMs)} [chains, MACs and replay ${s(r.verification.timings.chainsMs)}, rows ${s(r.verification.timings.coverageMs)}, checkpoints ${s(r.verification.timings.checkpointsMs)}]): ` +
    `${r.verification.ok ? 'the audit trail verifies' : 'VERIFICATION FAILED'}`
  );
}

const results: Record<string, unknown> = { node: process.version, cpus: cpus().length };
try {
  const reuse = values.reuse && existsSync(signingKeyFile) && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [SOURCE_DB])).rowCount === 1;
  if (!existsSync(signingKeyFile)) writeFileSync(signingKeyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  const signingKey = readFileSync(signingKeyFile, 'utf8');
  if (!reuse) {
    say(`generating ${values.candidates} candidates with their audit trails (bench/audit-verify.js --candidates ${values.candidates} --keep)…`);
    const started = Date.now();
    const generated = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'audit-verify.js'), '--candidates', values.candidates!, '--records', '100000000', '--keep'], {
      env: { ...process.env, BENCH_KEY_DIR: keyDir, BENCH_SIGNING_KEY: signingKey, BENCH_VERIFY_RUNS: '0', BENCH_AUDIT_DB: SOURCE_DB },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (generated.status !== 0) throw new Error('bench/audit-verify.js failed');
    say(`  generated in ${s(Date.now() - started)}`);
  }
  const source = loadConfig({ DATABASE_URL: at(SOURCE_DB), KEY_DIR: keyDir, AUDIT_SIGNING_KEY: signingKey, DB_STATEMENT_TIMEOUT_MS: '600000', LOG_LEVEL: 'error' });
  const ds = new DataSource(dataSourceOptions(source.DATABASE_URL!, { ...source, DB_POOL_MAX: 2 }));
  await ds.initialize();
  const [{ candidates, records, size }] = (await ds.query(
    'SELECT (SELECT count(*)::int FROM candidate) AS candidates, (SELECT count(*)::int FROM audit_event) AS records, pg_database_size(current_database())::bigint AS size',
  )) as { candidates: number; records: number; size: string }[];
  say(`source: ${candidates} candidates, ${records} audit records, database ${mb(Number(size))}`);
  Object.assign(results, { candidates, records, sourceDatabaseBytes: Number(size) });
  const file = join(work, 'bench.dth-backup.tar');
  if (values.profile) {
    // Where a server backup's time goes: its two database parts, each alone (the backup runs them side by side).
    let t0 = Date.now();
    const dumped = spawnSync(process.env.PG_DUMP_PATH || 'pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(work, 'profile.pgdump')}`, `--dbname=${at(SOURCE_DB)}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (dumped.status !== 0) throw new Error('pg_dump failed');
    const pgDumpMs = Date.now() - t0;
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    t0 = Date.now();
    await writeLogicalDump((sql, params) => runner.query(sql, params), join(work, 'profile.jsonl.gz'));
    const logicalMs = Date.now() - t0;
    await runner.query('ROLLBACK');
    await runner.release();
    say(`profile: pg_dump -Fc alone ${s(pgDumpMs)} (${mb(statSync(join(work, 'profile.pgdump')).size)}); logical dump alone ${s(logicalMs)} (${mb(statSync(join(work, 'profile.jsonl.gz')).size)})`);
    Object.assign(results, { profile: { pgDumpMs, logicalMs } });
    rmSync(join(work, 'profile.pgdump'), { force: true });
    rmSync(join(work, 'profile.jsonl.gz'), { force: true });
  }
  if (!(values['restore-only'] && existsSync(file))) {
    const backup = await makeBackup(ds, source, PASSPHRASE, file);
    say(`server backup: ${describeBackup(backup)}`);
    Object.assign(results, { serverBackupMs: backup.durationMs, archiveBytes: backup.bytes });
  }
  await ds.destroy();

  let started: number;
  let archive: Awaited<ReturnType<typeof openArchive>>;
  let opened: number;
  if (!values['skip-server-restore']) {
    await admin.query(`DROP DATABASE IF EXISTS ${TARGET_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TARGET_DB}`);
    const target = loadConfig({ DATABASE_URL: at(TARGET_DB), KEY_DIR: join(work, 'restored-keys'), DB_STATEMENT_TIMEOUT_MS: '600000', LOG_LEVEL: 'error' });
    rmSync(target.KEY_DIR!, { recursive: true, force: true });
    const tds = new DataSource(dataSourceOptions(target.DATABASE_URL!, { ...target, DB_POOL_MAX: 2 }));
    await tds.initialize();
    started = Date.now();
    archive = await openArchive(file, PASSPHRASE, KNOWN);
    opened = Date.now() - started;
    const restored = await restoreInto(archive, tds, target, target.KEY_DIR!);
    archive.dispose();
    await tds.destroy();
    const total = Date.now() - started;
    say(`server restore: ${describeRestore(total, opened, restored)}`);
    Object.assign(results, { serverRestoreMs: total, serverRestoreTimings: { openMs: opened, ...restored.timings, verifyMs: restored.verification.durationMs }, serverVerifies: restored.verification.ok });
    if (!restored.verification.ok) process.exitCode = 1;
    await admin.query(`DROP DATABASE IF EXISTS ${TARGET_DB} WITH (FORCE)`);
  }

  if (values.embedded) {
    // The same archive restored into an embedded database on disk (as an office's DATA_DIR), then backed up there.
    const dataDir = join(work, 'embedded');
    rmSync(dataDir, { recursive: true, force: true });
    const pgl = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pglite'), maxConnections: 1 });
    const embedded = loadConfig({ DATA_DIR: dataDir, KEY_DIR: join(dataDir, 'keys'), DB_STATEMENT_TIMEOUT_MS: '600000', LOG_LEVEL: 'error' });
    const eds = new DataSource(dataSourceOptions(pgl.url, { ...embedded, DB_POOL_MAX: 1 }));
    await eds.initialize();
    try {
      started = Date.now();
      archive = await openArchive(file, PASSPHRASE, KNOWN);
      opened = Date.now() - started;
      const intoEmbedded = await restoreInto(archive, eds, embedded, embedded.KEY_DIR!);
      archive.dispose();
      const embeddedTotal = Date.now() - started;
      say(`embedded restore: ${describeRestore(embeddedTotal, opened, intoEmbedded)}`);
      if (!intoEmbedded.verification.ok) process.exitCode = 1;
      const embeddedFile = join(work, 'embedded.dth-backup.tar');
      const embeddedBackup = await makeBackup(eds, embedded, PASSPHRASE, embeddedFile);
      say(`embedded backup: ${describeBackup(embeddedBackup)}`);
      rmSync(embeddedFile, { force: true });
      Object.assign(results, {
        embeddedRestoreMs: embeddedTotal,
        embeddedRestoreTimings: { openMs: opened, ...intoEmbedded.timings, verifyMs: intoEmbedded.verification.durationMs },
        embeddedVerifies: intoEmbedded.verification.ok,
        embeddedBackupMs: embeddedBackup.durationMs,
        embeddedArchiveBytes: embeddedBackup.bytes,
      });
    } finally {
      await eds.destroy();
      await pgl.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  say(JSON.stringify(results));
  const ms = (key: string, name: string) => (typeof results[key] === 'number' ? [figure(name, 'ms', [results[key] as number])] : []);
  const megabytes = (key: string, name: string) => (typeof results[key] === 'number' ? [figure(name, 'MB', [(results[key] as number) / 1e6])] : []);
  recordFigures('backup', [
    ...ms('serverBackupMs', `backup, server, ${Number(values.candidates).toLocaleString('en-US')} candidates`),
    ...megabytes('archiveBytes', 'backup archive, server'),
    ...ms('serverRestoreMs', 'restore into a server database, verified'),
    ...ms('embeddedRestoreMs', 'restore into an embedded database, verified'),
    ...ms('embeddedBackupMs', 'backup, embedded'),
  ]);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${TARGET_DB} WITH (FORCE)`);
  if (!values.reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${SOURCE_DB} WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
  }
  await admin.end();
}
