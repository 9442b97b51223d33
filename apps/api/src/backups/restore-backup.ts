/**
 * Restores an archive into an empty instance, in two steps that callers keep apart:
 *
 * 1. `openArchive` checks everything it can without touching the target: the container (truncated? damaged?),
 *    every part's size and SHA-256 against the manifest, the passphrase (the keys decrypt), the manifest's MAC,
 *    and that this build knows every migration the archive's database had. Any failure is a DomainError with a
 *    Vietnamese message, and nothing has been written anywhere but a temporary folder.
 * 2. `restoreInto` loads it into a database that has no tables yet and a key folder that has no keys: in ONE
 *    transaction it runs the migrations up to the archive's version, loads the rows, runs the newer migrations
 *    and grants the application's role its rights; only after the commit are the keys written. A failure before
 *    the commit leaves the target as it was.
 * 3. The witness (see `startWitness`): a target whose witness has no entry yet starts it from the archive, never
 *    silently: the restore is an audit record saying how, and the result says so. Then the audit trail is
 *    verified against the manifest's checkpoint.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MigrationExecutor, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { AuditEventRepository } from '../audit/audit-event.repository.js';
import { AuditKeyring } from '../audit/audit-keyring.js';
import { AuditRecordKeys } from '../audit/audit-record-keys.js';
import { AuditVerifier, type VerificationReport } from '../audit/audit-verifier.service.js';
import { AuditWitness, parseWitnessLine, WITNESS_FILE, witnessLine, type DirectoryWitness } from '../audit/audit-witness.js';
import { forEachLeafPage, toSignedCheckpoint } from '../audit/audit-checkpoints.service.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { checkSignature, type SignedCheckpoint } from '../audit/checkpoint-format.js';
import { CheckpointRepository } from '../audit/checkpoint.repository.js';
import { MerkleTreeBuilder, recordLeafHash } from '../audit/merkle.js';
import { BACKUP_STREAM } from '../audit/streams.js';
import { systemActor } from '../common/actor.js';
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

/**
 * How the restored instance's witness started:
 * - ARCHIVE_WITNESS: from the archive's copy of the source's witness (its entries up to the archive's checkpoint);
 * - RESTORED_CHECKPOINTS: the archive carried no witness (a server without AUDIT_WITNESS_DIR, an in-memory
 *   database): from the restored checkpoints that check out (signed by a restored trusted key, their root the one
 *   the restored leaves give, and those leaves giving the manifest's checkpoint, which the passphrase authenticates);
 * - KEPT: the target's witness already had entries (one on another machine that outlived the lost disk): left as
 *   it is and compared, so checkpoints signed after the backup show as a ROLLBACK, as they should;
 * - NONE: no witness is configured for the target (the verification says so);
 * - UNREACHABLE: AUDIT_WITNESS_DIR names a folder that is not there (a share not mounted): nothing is written, and
 *   never a local folder in its place; the verification reports it (WITNESS_UNREACHABLE).
 */
export type WitnessStartKind = 'ARCHIVE_WITNESS' | 'RESTORED_CHECKPOINTS' | 'KEPT' | 'NONE' | 'UNREACHABLE';

export interface WitnessStart {
  kind: WitnessStartKind;
  location: string | null;
  /** Entries written into the witness by the restore (0 for KEPT and NONE). */
  entries: number;
  /** The largest tree size among them. */
  latestTreeSize: number | null;
}

/** The record the restore adds to the restored trail (stream `backups`), after the archive's own records. */
export const RESTORE_EVENT = 'BACKUP_RESTORED';
export const RESTORE_ACTOR = 'khoi-phuc-sao-luu';

export interface RestoreResult {
  tables: DumpedTable[];
  /** Migrations run after the archive's own (the archive was older than this build). */
  migratedForward: string[];
  /** Outbox messages still to send (PENDING) put back on the job queue. */
  requeuedMail: number;
  keyFiles: string[];
  witness: WitnessStart;
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
  const witness = await startWitness(archive, dataSource, config, { migratedForward, requeuedMail });
  const verification = await verifyRestored(dataSource, config, manifest);
  return { tables, migratedForward, requeuedMail, keyFiles: staged, witness, verification, durationMs: Date.now() - started, timings };
}

/** Whether the witness file has at least one entry (a file of blank lines, or none, has not). */
async function witnessHasEntries(witness: DirectoryWitness): Promise<boolean> {
  for await (const _ of witness.entries()) return true;
  return false;
}

/**
 * The restored checkpoints a new witness may start from: every stored checkpoint up to the archive's, signed by a
 * key the restored keyring trusts, whose root is the one the restored leaves give at its size, provided those
 * leaves also give the manifest's checkpoint (authenticated by the passphrase with the rest of the manifest).
 * Anything else is left out, for the verification to report: a witness never vouches for what does not check out.
 */
export async function verifiedCheckpoints(dataSource: DataSource, config: AppConfig, anchor: SignedCheckpoint | null): Promise<SignedCheckpoint[]> {
  if (!anchor) return [];
  const keyring = new AuditKeyring(config);
  keyring.resolve({ mayCreate: false });
  const trusted = keyring.trustedKeys;
  if (checkSignature(anchor, trusted) !== 'VALID') return [];
  const tree = new CheckpointRepository(dataSource);
  const signed = (await tree.between(0, anchor.treeSize)).map(toSignedCheckpoint).filter((c) => checkSignature(c, trusted) === 'VALID');
  if ((await tree.leafCount()) < anchor.treeSize) return [];
  const roots = new Map<number, string>();
  const wanted = new Set([...signed.map((c) => c.treeSize), anchor.treeSize]);
  const builder = new MerkleTreeBuilder();
  try {
    await forEachLeafPage(tree, 0, anchor.treeSize, (page) => {
      for (const leaf of page) {
        builder.append(recordLeafHash(leaf.hash));
        if (wanted.has(builder.size)) roots.set(builder.size, builder.root().toString('hex'));
      }
    });
  } catch {
    return []; // a leaf missing: the verification names it
  }
  if (roots.get(anchor.treeSize) !== anchor.rootHash) return [];
  return signed.filter((c) => roots.get(c.treeSize) === c.rootHash);
}

/**
 * Starts the restored instance's witness (see WitnessStartKind) and records how in the restored trail, in the
 * stream of the backups: the record comes first, then the witness file, so a witness started from the archive is
 * never without its record. A target without a witness, or whose witness has entries, gets the record too.
 */
export async function startWitness(
  archive: OpenedArchive,
  dataSource: DataSource,
  config: AppConfig,
  restore: { migratedForward: string[]; requeuedMail: number },
): Promise<WitnessStart> {
  const { manifest } = archive;
  const witness = AuditWitness.locate(config);
  let kind: WitnessStartKind = 'NONE';
  let lines: string[] = [];
  if (witness) {
    if (!existsSync(witness.dir)) kind = 'UNREACHABLE';
    else if (await witnessHasEntries(witness)) kind = 'KEPT';
    else if (archive.part('witness')) {
      kind = 'ARCHIVE_WITNESS';
      // The source's witness was read after the snapshot: an entry signed since is not the restored history's.
      const limit = manifest.checkpoint?.treeSize ?? 0;
      lines = readFileSync(archive.part('witness')!, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && (parseWitnessLine(line)?.checkpoint.treeSize ?? 0) <= limit)
        .map((line) => `${line}\n`);
    } else {
      kind = 'RESTORED_CHECKPOINTS';
      const now = new Date();
      lines = (await verifiedCheckpoints(dataSource, config, manifest.checkpoint)).map((c) => witnessLine(c, now));
    }
  }
  const parsed = lines.map((l) => parseWitnessLine(l)).filter((e) => e !== null);
  const start: WitnessStart = {
    kind,
    location: witness?.dir ?? null,
    entries: lines.length,
    latestTreeSize: parsed.length > 0 ? Math.max(...parsed.map((e) => e.checkpoint.treeSize)) : null,
  };
  const recordKeys = new AuditRecordKeys(config);
  recordKeys.resolve({ mayCreate: false });
  const writer = new AuditWriter(new AuditEventRepository(dataSource), new RowAttestations(dataSource), recordKeys);
  await dataSource.transaction(async (em) => {
    await writer.lockStream(em, BACKUP_STREAM);
    await writer.append(em, {
      stream: BACKUP_STREAM,
      eventType: RESTORE_EVENT,
      actor: systemActor(RESTORE_ACTOR).username,
      occurredAt: new Date(),
      payload: {
        archiveCreatedAt: manifest.createdAt,
        sourceEngine: manifest.source.engine,
        snapshotAt: manifest.snapshot.takenAt,
        auditRecords: manifest.snapshot.auditRecords,
        treeSize: manifest.checkpoint?.treeSize ?? null,
        rootHash: manifest.checkpoint?.rootHash ?? null,
        migrations: manifest.migrations.length,
        migratedForward: restore.migratedForward,
        requeuedMail: restore.requeuedMail,
        witness: start,
      },
    });
  });
  if (witness && lines.length > 0) {
    // Appended and flushed like the witness's own writes; a file created meanwhile is never overwritten.
    const handle = await open(join(witness.dir, WITNESS_FILE), 'a', 0o644);
    try {
      await handle.write(lines.join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  return start;
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
