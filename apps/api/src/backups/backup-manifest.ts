/** What an archive says about itself: the manifest, its parts, and the keys' plaintext shape. */
import type { SignedCheckpoint } from '../audit/checkpoint-format.js';
import type { KdfParameters } from './backup-crypto.js';
import type { DumpedTable } from './logical-dump.js';

export const BACKUP_FORMAT = 'dien-hinh-tien-tien/backup/v1';
export const MANIFEST_ENTRY = 'manifest.json';
export const MANIFEST_MAC_ENTRY = 'manifest.hmac';
/** The suffix archives get (a tar file: `tar tf` lists it). */
export const ARCHIVE_SUFFIX = '.dth-backup.tar';

export type PartKind = 'database' | 'database-pg-dump' | 'keys' | 'checkpoint' | 'witness';

export const PART_NAMES: Record<PartKind, string> = {
  database: 'database.jsonl.gz',
  'database-pg-dump': 'database.pgdump',
  keys: 'keys.enc',
  checkpoint: 'checkpoint.json',
  witness: 'witness.jsonl',
};

export interface ManifestPart {
  kind: PartKind;
  name: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  product: { name: string; version: string };
  source: { engine: 'server' | 'embedded'; serverVersion: string; pgDumpVersion: string | null };
  /** Names of the migrations the database had, in order: the restore migrates to exactly these first. */
  migrations: string[];
  /** The snapshot the database part was read in. */
  snapshot: { takenAt: string; auditRecords: number; tables: DumpedTable[] };
  /** The latest signed checkpoint in the snapshot (also the part `checkpoint.json`), or null when none was signed. */
  checkpoint: SignedCheckpoint | null;
  /** Evidence files and generated documents are stored in the database: no part holds files from elsewhere. */
  storedFiles: 'in-database';
  kdf: KdfParameters;
  /** Names of the key files inside `keys.enc` (never their contents). */
  keyFiles: string[];
  parts: ManifestPart[];
}

/** The plaintext of `keys.enc`: the key folder's files, base64, by name. */
export interface KeyBundle {
  files: Record<string, string>;
}
