/**
 * Backing up and restoring a large province: generates candidates with valid audit trails into a scratch database
 * on a PostgreSQL server (bench/audit-verify.ts --keep: about 10 audit records per candidate, so --records 1000000
 * is about 100,000 candidates), makes the product's archive of it (logical dump + pg_dump -Fc of the same
 * snapshot, keys, manifest), restores it into an empty database, verifies the restored trail against the
 * archive's checkpoint, and prints the times and the archive's size.
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node dist/bench/backup.js [--records 1000000]
 *
 * BENCH_DATABASE_URL as for audit-verify (a role that may create databases).
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { MIGRATIONS } from '../apps/api/src/database/migrations/index.js';
import { makeBackup } from '../apps/api/src/backups/make-backup.js';
import { migrationName, openArchive, restoreInto } from '../apps/api/src/backups/restore-backup.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' } } });
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const at = (db: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return u.toString();
};
const say = (text: string) => process.stdout.write(`${text}\n`);
const PASSPHRASE = 'mật khẩu đo hiệu năng sao lưu';
Logger.overrideLogger(['error']);

const work = mkdtempSync(join(tmpdir(), 'dth-bench-backup-'));
const keyDir = join(work, 'keys');
const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
try {
  say(`generating a trail of ${values.records} records (bench/audit-verify.js --keep)…`);
  const generated = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'audit-verify.js'), '--records', values.records!, '--keep'], {
    env: { ...process.env, BENCH_KEY_DIR: keyDir, BENCH_SIGNING_KEY: signingKey, BENCH_VERIFY_RUNS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (generated.status !== 0) throw new Error('bench/audit-verify.js failed');
  const source = loadConfig({ DATABASE_URL: at('dth_bench_audit'), KEY_DIR: keyDir, AUDIT_SIGNING_KEY: signingKey, DB_STATEMENT_TIMEOUT_MS: '600000', LOG_LEVEL: 'error' });
  const ds = new DataSource(dataSourceOptions(source.DATABASE_URL!, { ...source, DB_POOL_MAX: 2 }));
  await ds.initialize();
  const [{ candidates, records }] = (await ds.query('SELECT (SELECT count(*)::int FROM candidate) AS candidates, (SELECT count(*)::int FROM audit_event) AS records')) as { candidates: number; records: number }[];
  const file = join(work, 'bench.dth-backup.tar');
  const backup = await makeBackup(ds, source, PASSPHRASE, file);
  await ds.destroy();
  const parts = Object.fromEntries(backup.manifest.parts.map((p) => [p.name, `${(p.bytes / 1048576).toFixed(1)} MB`]));
  say(`backup of ${candidates} candidates, ${records} audit records: ${(backup.durationMs / 1000).toFixed(1)} s, ${(backup.bytes / 1048576).toFixed(1)} MB (${JSON.stringify(parts)})`);

  await admin.query('DROP DATABASE IF EXISTS dth_bench_restore WITH (FORCE)');
  await admin.query('CREATE DATABASE dth_bench_restore');
  const target = loadConfig({ DATABASE_URL: at('dth_bench_restore'), KEY_DIR: join(work, 'restored-keys'), DB_STATEMENT_TIMEOUT_MS: '600000', LOG_LEVEL: 'error' });
  const tds = new DataSource(dataSourceOptions(target.DATABASE_URL!, { ...target, DB_POOL_MAX: 2 }));
  await tds.initialize();
  const started = Date.now();
  const archive = await openArchive(file, PASSPHRASE, MIGRATIONS.map((M) => migrationName(new M() as { name?: string; constructor: { name: string } })));
  const opened = Date.now() - started;
  const restored = await restoreInto(archive, tds, target, target.KEY_DIR!);
  archive.dispose();
  await tds.destroy();
  const total = Date.now() - started;
  say(
    `restore: ${(total / 1000).toFixed(1)} s (checking the archive ${(opened / 1000).toFixed(1)} s, loading ${((total - opened - restored.verification.durationMs) / 1000).toFixed(1)} s, ` +
      `verifying ${(restored.verification.durationMs / 1000).toFixed(1)} s): ${restored.verification.ok ? 'the audit trail verifies' : 'VERIFICATION FAILED'}`,
  );
  say(JSON.stringify({ node: process.version, cpus: cpus().length, candidates, records, backupMs: backup.durationMs, archiveBytes: backup.bytes, restoreMs: total, verifies: restored.verification.ok }));
  if (!restored.verification.ok) process.exitCode = 1;
} finally {
  await admin.query('DROP DATABASE IF EXISTS dth_bench_restore WITH (FORCE)');
  await admin.query('DROP DATABASE IF EXISTS dth_bench_audit WITH (FORCE)');
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}
