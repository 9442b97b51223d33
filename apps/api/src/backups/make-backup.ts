/**
 * Makes one backup archive while the product keeps serving.
 *
 * The database is read in one REPEATABLE READ transaction: every row of the archive is as of one instant, the
 * snapshot's point, and writers are not blocked (a server serves them from other connections; the embedded
 * database, which runs one transaction at a time, queues them for as long as the dump takes: seconds for an
 * office's data, see docs/operations.md). On a server the same snapshot is exported to `pg_dump -Fc` (a native
 * dump for an operator's pg_restore); the part every restore uses is the product's logical dump (logical-dump.ts).
 * A checkpoint is signed just before the snapshot, so the archive's checkpoint covers the trail it carries.
 *
 * Owns: reading the database, the key folder and the witness; writing one archive file. Never writes to the
 * database (the caller records the run in the audit trail).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { CheckpointRepository } from '../audit/checkpoint.repository.js';
import { toSignedCheckpoint } from '../audit/audit-checkpoints.service.js';
import { WITNESS_FILE } from '../audit/audit-witness.js';
import { DomainError } from '../common/domain-error.js';
import { writeArchive } from './backup-archive.js';
import { deriveKeys, encrypt, manifestMac, newKdf } from './backup-crypto.js';
import { BACKUP_FORMAT, MANIFEST_ENTRY, MANIFEST_MAC_ENTRY, PART_NAMES, type BackupManifest, type KeyBundle, type ManifestPart, type PartKind } from './backup-manifest.js';
import { writeLogicalDump, type Query } from './logical-dump.js';

const run = promisify(execFile);

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  durationMs: number;
}

export interface BackupOptions {
  /** Signs a checkpoint over the records not yet covered, just before the snapshot (the application's own job). */
  signCheckpoint?: () => Promise<unknown>;
  /** Where the witness's file is, when one is configured. */
  witnessDir?: string | null;
  /** Test seam: runs inside the snapshot transaction, after the snapshot is taken, before anything is read. */
  afterSnapshot?: () => Promise<void>;
}

export function productVersion(): string {
  let dir = dirname(new URL(import.meta.url).pathname);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The pg_dump to use, and its major version; refused when it is missing or older than the server. */
export async function checkPgDump(serverVersionNum: number, pgDumpPath = process.env.PG_DUMP_PATH || 'pg_dump'): Promise<{ path: string; version: string }> {
  let out: string;
  try {
    out = (await run(pgDumpPath, ['--version'])).stdout;
  } catch {
    throw new DomainError('BACKUP_PG_DUMP_MISSING', { pgDump: pgDumpPath });
  }
  const match = /(\d+)(?:\.(\d+))?/.exec(out);
  const major = match ? Number(match[1]) : 0;
  const serverMajor = Math.floor(serverVersionNum / 10000);
  if (major < serverMajor) throw new DomainError('BACKUP_PG_DUMP_VERSION', { pgDump: out.trim(), serverMajor });
  return { path: pgDumpPath, version: out.trim() };
}

function sha256File(file: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(file));
  return hash.digest('hex');
}

/** Every regular file of the key folder, by name (never a `.tmp` left by an interrupted rotation). */
export function readKeyFolder(keyDir: string | undefined): Record<string, string> {
  const files: Record<string, string> = {};
  if (!keyDir || !existsSync(keyDir)) return files;
  for (const name of readdirSync(keyDir).sort()) {
    const path = join(keyDir, name);
    if (name.endsWith('.tmp') || !statSync(path).isFile()) continue;
    files[name] = readFileSync(path).toString('base64');
  }
  return files;
}

/**
 * The keys the product needs, whether they live in the key folder or in the environment: a key given in the
 * environment is written as the file the key folder would hold, so the restored instance finds it without it.
 */
export function keyBundle(config: AppConfig): KeyBundle {
  const files = readKeyFolder(config.keyDirectory ? resolve(config.keyDirectory) : undefined);
  if (config.AUDIT_SIGNING_KEY && !files['audit-signing-key.pem']) {
    const text = config.AUDIT_SIGNING_KEY.includes('BEGIN') ? config.AUDIT_SIGNING_KEY : `-----BEGIN PRIVATE KEY-----\n${config.AUDIT_SIGNING_KEY.replace(/\s+/g, '')}\n-----END PRIVATE KEY-----\n`;
    files['audit-signing-key.pem'] = Buffer.from(text).toString('base64');
  }
  if (config.AUDIT_RECORD_KEYS && !files['audit-record-keys.json']) {
    const keys = config.AUDIT_RECORD_KEYS.split(',').map((entry) => {
      const [id, secret] = entry.trim().split(':') as [string, string];
      return { id, secret, createdAt: new Date(0).toISOString() };
    });
    files['audit-record-keys.json'] = Buffer.from(`${JSON.stringify({ current: keys[keys.length - 1]!.id, keys }, null, 2)}\n`).toString('base64');
  }
  return { files };
}

export async function makeBackup(dataSource: DataSource, config: AppConfig, passphrase: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  const started = Date.now();
  const file = resolve(target);
  const staging = mkdtempSync(join(dirname(file), `.${basename(file)}.staging-`));
  const parts: { kind: PartKind; path: string }[] = [];
  try {
    const serverVersion = ((await dataSource.query('SHOW server_version')) as { server_version: string }[])[0]!.server_version;
    const serverVersionNum = Number(((await dataSource.query('SHOW server_version_num')) as { server_version_num: string }[])[0]!.server_version_num);
    const pgDump = config.embedded ? null : await checkPgDump(serverVersionNum);
    const [kdf, bundle] = [newKdf(), keyBundle(config)];
    const derived = deriveKeys(passphrase, kdf);
    if (options.signCheckpoint) await options.signCheckpoint();

    const runner = dataSource.createQueryRunner();
    await runner.connect();
    let manifestCore: Pick<BackupManifest, 'migrations' | 'snapshot' | 'checkpoint'>;
    try {
      const query: Query = (sql, params) => runner.query(sql, params);
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        // A large dump, or waiting for pg_dump, outlasts the request-sized limits of the application's sessions.
        await runner.query('SET LOCAL statement_timeout = 0');
        await runner.query('SET LOCAL idle_in_transaction_session_timeout = 0');
        // The snapshot is taken by the transaction's first query (SET does not take one).
        const [{ now }] = await query<{ now: Date }>('SELECT clock_timestamp() AS now');
        await options.afterSnapshot?.();
        let pgDumpRun: Promise<void> = Promise.resolve();
        if (pgDump) {
          const [{ snapshot }] = await query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
          const out = join(staging, PART_NAMES['database-pg-dump']);
          parts.push({ kind: 'database-pg-dump', path: out });
          pgDumpRun = runPgDump(pgDump.path, config.DATABASE_URL!, snapshot, out);
        }
        const dbFile = join(staging, PART_NAMES.database);
        const [tables] = await Promise.all([writeLogicalDump(query, dbFile), pgDumpRun]);
        parts.unshift({ kind: 'database', path: dbFile });
        const migrations = (await query<{ name: string }>('SELECT name FROM schema_migration ORDER BY id')).map((m) => m.name);
        const [{ records }] = await query<{ records: number }>('SELECT count(*)::int AS records FROM audit_event');
        const latest = await new CheckpointRepository(dataSource).latest(runner.manager);
        manifestCore = { migrations, snapshot: { takenAt: now.toISOString(), auditRecords: records, tables }, checkpoint: latest ? toSignedCheckpoint(latest) : null };
      } finally {
        await runner.query('ROLLBACK');
      }
    } finally {
      await runner.release();
    }
    if (manifestCore.checkpoint) {
      const path = join(staging, PART_NAMES.checkpoint);
      writeFileSync(path, `${JSON.stringify(manifestCore.checkpoint, null, 2)}\n`);
      parts.push({ kind: 'checkpoint', path });
    }
    if (options.witnessDir && existsSync(join(options.witnessDir, WITNESS_FILE))) {
      const path = join(staging, PART_NAMES.witness);
      writeFileSync(path, readFileSync(join(options.witnessDir, WITNESS_FILE)));
      parts.push({ kind: 'witness', path });
    }
    const keys = await derived;
    const keysPath = join(staging, PART_NAMES.keys);
    writeFileSync(keysPath, encrypt(keys.encryption, Buffer.from(JSON.stringify(bundle))), { mode: 0o600 });
    parts.push({ kind: 'keys', path: keysPath });

    const listed: ManifestPart[] = parts.map((p) => ({ kind: p.kind, name: PART_NAMES[p.kind], bytes: statSync(p.path).size, sha256: sha256File(p.path) }));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      product: { name: 'dien-hinh-tien-tien', version: productVersion() },
      source: { engine: config.embedded ? 'embedded' : 'server', serverVersion, pgDumpVersion: pgDump?.version ?? null },
      ...manifestCore,
      storedFiles: 'in-database',
      kdf,
      keyFiles: Object.keys(bundle.files),
      parts: listed,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    const { bytes } = writeArchive(file, [
      { name: MANIFEST_ENTRY, bytes: manifestBytes },
      { name: MANIFEST_MAC_ENTRY, bytes: Buffer.from(`${manifestMac(keys.authentication, manifestBytes)}\n`) },
      ...parts.map((p) => ({ name: PART_NAMES[p.kind], file: p.path })),
    ]);
    return { file, bytes, manifest, durationMs: Date.now() - started };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Runs pg_dump on the exported snapshot. The password never reaches its command line (where `ps` shows it to every
 * user of the machine): the URL is passed without it, and the password goes in a `.pgpass` file (0600) in a
 * private temporary folder (0700) named by PGPASSFILE, removed when pg_dump ends.
 */
export function pgDumpInvocation(url: string, snapshot: string, out: string, privateDir: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PGPASSWORD;
  if (password) {
    const passfile = join(privateDir, 'pgpass');
    const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
    writeFileSync(passfile, `*:*:*:*:${escape(password)}\n`, { mode: 0o600 });
    env.PGPASSFILE = passfile;
  }
  return { args: ['--format=custom', `--snapshot=${snapshot}`, '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${parsed.toString()}`], env };
}

function runPgDump(pgDump: string, url: string, snapshot: string, out: string): Promise<void> {
  const privateDir = mkdtempSync(join(tmpdir(), 'dth-pgdump-'));
  return new Promise<void>((resolvePromise, reject) => {
    const { args, env } = pgDumpInvocation(url, snapshot, out, privateDir);
    const child = spawn(pgDump, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', () => reject(new DomainError('BACKUP_PG_DUMP_MISSING', { pgDump })));
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new DomainError('BACKUP_PG_DUMP_FAILED', { exitCode: code, stderr: stderr.slice(0, 2000) }))));
  }).finally(() => rmSync(privateDir, { recursive: true, force: true }));
}
