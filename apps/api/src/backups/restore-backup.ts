/**
 * Restores an archive into an empty instance, in two steps that callers keep apart:
 *
 * 1. `openArchive` checks everything it can without touching the target: the container (truncated? damaged?),
 *    every part's size and SHA-256 against the manifest, the passphrase (the keys decrypt), the manifest's MAC,
 *    and that this build knows every migration the archive's database had. Any failure is a DomainError with a
 *    Vietnamese message, and nothing has been written anywhere but a temporary folder.
 * 2. `restoreInto` loads it into a database that has no tables yet and a key folder that has no keys: in ONE
 *    transaction it runs the migrations up to the archive's version, loads the rows, runs the newer migrations
 *    and grants the application's role its rights; only after the commit are the keys (and the witness, when the
 *    target's has nothing) written. A failure before the commit leaves the target as it was; then the audit
 *    trail is verified against the manifest's checkpoint.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MigrationExecutor, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { AuditEventRepository } from '../audit/audit-event.repository.js';
import { AuditKeyring } from '../audit/audit-keyring.js';
import { AuditRecordKeys } from '../audit/audit-record-keys.js';
import { AuditVerifier, type VerificationReport } from '../audit/audit-verifier.service.js';
import { AuditWitness, WITNESS_FILE } from '../audit/audit-witness.js';
import { CheckpointRepository } from '../audit/checkpoint.repository.js';
import { RowAttestations } from '../audit/row-attestations.js';
import { StreamOwnerRepository } from '../audit/stream-owner.repository.js';
import { DomainError } from '../common/domain-error.js';
import { applyGrants } from '../database/grants.js';
import { JobQueue } from '../notifications/job-queue.js';
import { extractArchive, type ExtractedEntry } from './backup-archive.js';
import { decrypt, deriveKeys, macMatches } from './backup-crypto.js';
import { BACKUP_FORMAT, MANIFEST_ENTRY, MANIFEST_MAC_ENTRY, type BackupManifest, type KeyBundle, type PartKind } from './backup-manifest.js';
import { loadLogicalDump, type DumpedTable, type Query } from './logical-dump.js';

export interface OpenedArchive {
  manifest: BackupManifest;
  keys: KeyBundle;
  part(kind: PartKind): string | null;
  /** Removes the temporary copy of the parts. */
  dispose(): void;
}

export function migrationName(migration: { name?: string; constructor: { name: string } }): string {
  return migration.name ?? migration.constructor.name;
}

/** Checks the archive whole (see the module comment); the caller disposes of what it returns. */
export async function openArchive(file: string, passphrase: string, knownMigrations: string[]): Promise<OpenedArchive> {
  const staging = mkdtempSync(join(tmpdir(), 'dth-restore-'));
  const dispose = () => rmSync(staging, { recursive: true, force: true });
  try {
    if (!existsSync(file) || !statSync(file).isFile()) throw new DomainError('BACKUP_ARCHIVE_UNKNOWN', { file });
    const entries = extractArchive(file, staging);
    const byName = new Map<string, ExtractedEntry>(entries.map((e) => [e.name, e]));
    const manifestEntry = byName.get(MANIFEST_ENTRY);
    const macEntry = byName.get(MANIFEST_MAC_ENTRY);
    if (!manifestEntry || !macEntry) throw new DomainError('BACKUP_ARCHIVE_UNKNOWN', { file });
    const manifestBytes = readFileSync(manifestEntry.path);
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
    } catch {
      throw new DomainError('BACKUP_ARCHIVE_DAMAGED', { part: MANIFEST_ENTRY });
    }
    if (manifest?.format !== BACKUP_FORMAT || !Array.isArray(manifest.parts) || !manifest.kdf) throw new DomainError('BACKUP_ARCHIVE_UNKNOWN', { format: manifest?.format });
    for (const part of manifest.parts) {
      const entry = byName.get(part.name);
      if (!entry) throw new DomainError('BACKUP_ARCHIVE_TRUNCATED', { missingPart: part.name });
      if (entry.bytes !== part.bytes || entry.sha256 !== part.sha256) throw new DomainError('BACKUP_ARCHIVE_DAMAGED', { part: part.name });
    }
    const listed = new Set([MANIFEST_ENTRY, MANIFEST_MAC_ENTRY, ...manifest.parts.map((p) => p.name)]);
    const stray = entries.find((e) => !listed.has(e.name));
    if (stray) throw new DomainError('BACKUP_ARCHIVE_DAMAGED', { unlistedPart: stray.name });

    const derived = await deriveKeys(passphrase, manifest.kdf);
    const keysPart = manifest.parts.find((p) => p.kind === 'keys');
    if (!keysPart) throw new DomainError('BACKUP_ARCHIVE_UNKNOWN', { missingPart: 'keys' });
    const plain = decrypt(derived.encryption, readFileSync(byName.get(keysPart.name)!.path));
    if (!plain) throw new DomainError('BACKUP_PASSPHRASE_WRONG');
    if (!macMatches(derived.authentication, manifestBytes, readFileSync(macEntry.path, 'utf8'))) throw new DomainError('BACKUP_MANIFEST_TAMPERED');
    const keys = JSON.parse(plain.toString('utf8')) as KeyBundle;

    const newer = manifest.migrations.some((name, i) => knownMigrations[i] !== name);
    if (newer) throw new DomainError('BACKUP_ARCHIVE_NEWER', { archiveMigrations: manifest.migrations.length, knownMigrations: knownMigrations.length });
    return {
      manifest,
      keys,
      part: (kind) => {
        const p = manifest.parts.find((x) => x.kind === kind);
        return p ? byName.get(p.name)!.path : null;
      },
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/** Whether the key folder already holds keys (a restore never overwrites one). */
export function keyFolderHasKeys(keyDir: string): boolean {
  return existsSync(keyDir) && readdirSync(keyDir).some((name) => statSync(join(keyDir, name)).isFile());
}

export async function databaseHasTables(dataSource: DataSource): Promise<boolean> {
  const [{ n }] = (await dataSource.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)) as { n: number }[];
  return n > 0;
}

export interface RestoreResult {
  tables: DumpedTable[];
  /** Migrations run after the archive's own (the archive was older than this build). */
  migratedForward: string[];
  /** Outbox messages still to send (PENDING) put back on the job queue. */
  requeuedMail: number;
  keyFiles: string[];
  verification: VerificationReport;
  durationMs: number;
  /** Where the time went (the verification's own is verification.durationMs). */
  timings: { migrateMs: number; loadMs: number; forwardMs: number };
}

/**
 * Loads the opened archive into `dataSource` (connected as the schema's owner on a server) and `keyDir`, then
 * verifies. `dataSource` must be initialised with every migration of this build.
 */
export async function restoreInto(archive: OpenedArchive, dataSource: DataSource, config: AppConfig, keyDir: string): Promise<RestoreResult> {
  const started = Date.now();
  if ((await databaseHasTables(dataSource)) || keyFolderHasKeys(keyDir)) throw new DomainError('BACKUP_TARGET_NOT_EMPTY');
  const { manifest } = archive;
  const all = [...dataSource.migrations];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let tables: DumpedTable[];
  let migratedForward: string[];
  let requeuedMail = 0;
  const staged: string[] = [];
  const timings = { migrateMs: 0, loadMs: 0, forwardMs: 0 };
  let mark = Date.now();
  const lap = (key: keyof typeof timings) => {
    const now = Date.now();
    timings[key] += now - mark;
    mark = now;
  };
  try {
    await runner.startTransaction();
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'none';
      // Up to the archive's version first: its rows fit that schema; the newer migrations then carry them forward.
      dataSource.migrations.splice(manifest.migrations.length);
      try {
        await executor.executePendingMigrations();
      } finally {
        dataSource.migrations.splice(0, dataSource.migrations.length, ...all);
      }
      lap('migrateMs');
      const query: Query = (sql, params) => runner.query(sql, params);
      tables = await loadLogicalDump(query, archive.part('database')!);
      lap('loadMs');
      migratedForward = (await new MigrationExecutor(dataSource, runner).getPendingMigrations()).map((m) => m.name);
      const forward = new MigrationExecutor(dataSource, runner);
      forward.transaction = 'none';
      await forward.executePendingMigrations();
      await applyGrants(runner);
      // The job queue's schema (pgboss) is not in the archive (see logical-dump.ts): the mail the outbox still had
      // to send goes back on the queue here, in the restore's transaction, exactly once per PENDING message.
      const pending = (await runner.query(`SELECT id FROM mail_message WHERE status = 'PENDING' ORDER BY created_at, id`)) as { id: string }[];
      const queue = new JobQueue(dataSource, config);
      for (const mail of pending) await queue.enqueueMail(runner.manager, { mailId: mail.id });
      requeuedMail = pending.length;
      // The keys are staged beside their final names before the commit and renamed after it.
      mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      for (const [name, content] of Object.entries(archive.keys.files)) {
        const path = join(keyDir, `${name}.restoring`);
        writeFileSync(path, Buffer.from(content, 'base64'), { mode: 0o600, flag: 'wx' });
        staged.push(name);
      }
      await runner.commitTransaction();
      lap('forwardMs');
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      for (const name of staged) rmSync(join(keyDir, `${name}.restoring`), { force: true });
      throw error;
    }
  } finally {
    await runner.release();
  }
  for (const name of staged) renameSync(join(keyDir, `${name}.restoring`), join(keyDir, name));
  const witness = AuditWitness.locate(config);
  const witnessPart = archive.part('witness');
  if (witness && witnessPart && !existsSync(join(witness.dir, WITNESS_FILE))) {
    mkdirSync(witness.dir, { recursive: true });
    writeFileSync(join(witness.dir, WITNESS_FILE), readFileSync(witnessPart));
  }
  const verification = await verifyRestored(dataSource, config, manifest);
  return { tables, migratedForward, requeuedMail, keyFiles: staged, verification, durationMs: Date.now() - started, timings };
}

/** The audit verification of the restored database, with the manifest's checkpoint as one an auditor kept. */
export async function verifyRestored(dataSource: DataSource, config: AppConfig, manifest: BackupManifest): Promise<VerificationReport> {
  const keyring = new AuditKeyring(config);
  keyring.resolve({ mayCreate: false });
  const recordKeys = new AuditRecordKeys(config);
  recordKeys.resolve({ mayCreate: false });
  const tree = new CheckpointRepository(dataSource);
  const witness = new AuditWitness(config);
  const verifier = new AuditVerifier(dataSource, new AuditEventRepository(dataSource), new StreamOwnerRepository(dataSource), tree, keyring, recordKeys, new RowAttestations(dataSource), witness, config);
  return verifier.verify({ supplied: manifest.checkpoint ? [manifest.checkpoint] : [] });
}

export const resolvedKeyDir = (config: AppConfig): string | undefined => (config.keyDirectory ? resolve(config.keyDirectory) : undefined);
