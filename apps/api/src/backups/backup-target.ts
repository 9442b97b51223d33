/**
 * Where archives are kept: a folder (BACKUP_DIR) or an S3-compatible bucket (BACKUP_S3_*: AWS S3, MinIO, Ceph,
 * Wasabi, a provider's object storage…). The backup is always written to a local file first (the archive's
 * `.partial` + rename discipline, a SHA-256 of every part); a bucket target then uploads it, checks the stored
 * object's size, and removes the local copy. Retention lists and deletes the target's archives; a restore from a
 * bucket downloads the archive to a private temporary folder and restores that file.
 *
 * The S3 client is the maintained AWS SDK v3 (`@aws-sdk/client-s3`, pinned: 3.1178.0 runs on Node 20; the SDK's
 * releases after January 2027 need Node 22). It is imported only when a bucket is configured. Its requests carry
 * checksums only where S3 requires them (`requestChecksumCalculation: 'WHEN_REQUIRED'`): the SDK's default since
 * 3.729 sends uploads as `aws-chunked` with a trailing CRC, which several S3-compatible servers store verbatim
 * (measured with s3rver: the object came back 474 bytes longer); the size check after the upload and the
 * manifest's hashes on restore catch such a server anyway. The access key and secret are never logged or shown:
 * `describe()` names the endpoint, bucket and prefix only.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AppConfig } from '../config/app-config.js';
import { ARCHIVE_SUFFIX } from './backup-manifest.js';
import { lazyModule } from '../common/lazy-module.js';

/** The S3 client, loaded by the first backup sent to or read from a bucket. */
const loadS3 = lazyModule(() => import('@aws-sdk/client-s3'));

export interface StoredArchive {
  file: string;
  bytes: number;
  createdAt: string;
}

export interface BackupTarget {
  readonly kind: 'directory' | 's3';
  /** Where archives go, for people (never a secret): a folder's path, or `s3://bucket/prefix` (and the endpoint). */
  describe(): string;
  /** A local folder to write the archive in before `store` (the caller removes nothing there). */
  staging(): string;
  /** Keeps the finished local archive `localFile` under `name`; for a bucket, uploads it and removes the local file. */
  store(localFile: string, name: string): Promise<void>;
  /** The target's archives, newest first. */
  list(): Promise<StoredArchive[]>;
  remove(name: string): Promise<void>;
  /** Copies the archive `name` to the local file `to`. */
  fetch(name: string, to: string): Promise<void>;
}

/** `dth-20261206T201500Z.dth-backup.tar` → its time; null for another name. */
export function archiveTime(name: string): Date | null {
  const m = /^dth-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(name);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

const validName = (name: string) => /^[A-Za-z0-9._-]+$/.test(name) && name.endsWith(ARCHIVE_SUFFIX);

export class DirectoryTarget implements BackupTarget {
  readonly kind = 'directory';
  constructor(readonly directory: string) {}

  describe(): string {
    return this.directory;
  }

  staging(): string {
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    return this.directory;
  }

  async store(localFile: string, name: string): Promise<void> {
    if (resolve(localFile) !== join(this.directory, name)) throw new Error(`the archive ${localFile} is not in ${this.directory}`);
  }

  async list(): Promise<StoredArchive[]> {
    if (!existsSync(this.directory) || !statSync(this.directory).isDirectory()) return [];
    return readdirSync(this.directory)
      .filter((f) => f.endsWith(ARCHIVE_SUFFIX))
      .map((f) => {
        const s = statSync(join(this.directory, f));
        return { file: f, bytes: s.size, createdAt: (archiveTime(f) ?? s.mtime).toISOString() };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async remove(name: string): Promise<void> {
    if (!validName(name)) throw new Error(`not an archive name: ${name}`);
    rmSync(join(this.directory, name), { force: true });
  }

  async fetch(name: string, to: string): Promise<void> {
    if (!validName(name)) throw new Error(`not an archive name: ${name}`);
    await pipeline(createReadStream(join(this.directory, name)), createWriteStream(to, { mode: 0o600 }));
  }
}

export interface S3Settings {
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix: string;
  forcePathStyle: boolean;
}

export class S3Target implements BackupTarget {
  readonly kind = 's3';
  private client: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  private staged: string | undefined;

  constructor(private readonly settings: S3Settings) {}

  describe(): string {
    const where = `s3://${this.settings.bucket}/${this.settings.prefix}`;
    return this.settings.endpoint ? `${where} (${this.settings.endpoint})` : where;
  }

  private s3() {
    this.client ??= loadS3().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.settings.endpoint,
        region: this.settings.region,
        forcePathStyle: this.settings.forcePathStyle,
        credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      }),
    }));
    return this.client;
  }

  private key(name: string): string {
    if (!validName(name)) throw new Error(`not an archive name: ${name}`);
    return `${this.settings.prefix}${name}`;
  }

  staging(): string {
    this.staged ??= mkdtempSync(join(tmpdir(), 'dth-backup-upload-'));
    return this.staged;
  }

  async store(localFile: string, name: string): Promise<void> {
    const { client, sdk } = await this.s3();
    const bytes = statSync(localFile).size;
    try {
      // One PUT (S3 takes up to 5 GiB in one): the archive is a finished file of known size.
      await client.send(new sdk.PutObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name), Body: createReadStream(localFile), ContentLength: bytes, ContentType: 'application/x-tar' }));
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }));
      if (head.ContentLength !== bytes) {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) })).catch(() => undefined);
        throw new Error(`the bucket stored ${String(head.ContentLength)} bytes of the ${bytes}-byte archive ${name}`);
      }
    } finally {
      rmSync(localFile, { force: true });
    }
  }

  async list(): Promise<StoredArchive[]> {
    const { client, sdk } = await this.s3();
    const found: StoredArchive[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.settings.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const file = o.Key!.slice(this.settings.prefix.length);
        if (file.includes('/') || !validName(file)) continue;
        found.push({ file, bytes: o.Size ?? 0, createdAt: (archiveTime(file) ?? o.LastModified ?? new Date(0)).toISOString() });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async remove(name: string): Promise<void> {
    const { client, sdk } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }));
  }

  async fetch(name: string, to: string): Promise<void> {
    const { client, sdk } = await this.s3();
    const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(name) }));
    await pipeline(object.Body as Readable, createWriteStream(to, { mode: 0o600 }));
  }

  destroy(): void {
    void this.client?.then(({ client }) => client.destroy());
    if (this.staged) rmSync(this.staged, { recursive: true, force: true });
  }
}

/** The configured target: a bucket when BACKUP_S3_BUCKET is set, else the backup folder, else none. */
export function backupTarget(config: AppConfig): BackupTarget | null {
  const s3 = config.backupS3;
  if (s3) return new S3Target(s3);
  return config.backupDirectory ? new DirectoryTarget(resolve(config.backupDirectory)) : null;
}
