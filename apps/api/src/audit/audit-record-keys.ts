/**
 * The keys that authenticate audit records: each record carries HMAC-SHA256 over its hash, made with the current
 * key, and the key's id. The keys live outside the database the records are in, so someone who can write to the
 * database (even as its owner, or with the application's own login) cannot make a record the verifier accepts.
 *
 * Where they come from: AUDIT_RECORD_KEYS (`id:base64,id:base64`, the last is current); else the keyring file
 * `audit-record-keys.json` in the key directory (KEY_DIR, or DATA_DIR/keys on the embedded database), created on
 * first start (mode 600; the log says so: back it up). A server (DATABASE_URL) with neither refuses to start:
 * records it wrote could not be told from forged ones. Rotation (`cli.js rotate-record-key`) adds a new current
 * key; older keys stay in the file and keep verifying the records they made.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config.js';

export const RECORD_KEYS_FILE = 'audit-record-keys.json';

interface RecordKey {
  id: string;
  secret: Buffer;
}

interface KeyringFile {
  /** The id of the key new records use. */
  current: string;
  keys: { id: string; secret: string; createdAt: string }[];
}

export type MacVerdict = 'VALID' | 'INVALID' | 'MISSING' | 'UNKNOWN_KEY';

export function recordMac(secret: Buffer, hash: string): string {
  return createHmac('sha256', secret).update(hash, 'utf8').digest('hex');
}

function newKey(): { id: string; secret: string; createdAt: string } {
  return { id: `rk-${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() };
}

function writeKeyring(file: string, keyring: KeyringFile, flag: 'wx' | 'w'): void {
  const text = `${JSON.stringify(keyring, null, 2)}\n`;
  if (flag === 'wx') {
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    return;
  }
  // Replace atomically: a crash never leaves half a keyring (and never loses an old key).
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, file);
}

function parseKeyring(text: string, source: string): KeyringFile {
  const parsed = JSON.parse(text) as KeyringFile;
  if (!parsed || typeof parsed.current !== 'string' || !Array.isArray(parsed.keys) || !parsed.keys.some((k) => k.id === parsed.current)) {
    throw new ConfigError([`${source}: not an audit record keyring (current, keys[])`]);
  }
  return parsed;
}

/** Adds a new current key to the keyring file (creating it if needed); returns the new key's id. */
export function rotateRecordKey(directory: string): string {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const file = join(directory, RECORD_KEYS_FILE);
  const key = newKey();
  if (!existsSync(file)) {
    writeKeyring(file, { current: key.id, keys: [key] }, 'wx');
    return key.id;
  }
  const keyring = parseKeyring(readFileSync(file, 'utf8'), file);
  writeKeyring(file, { current: key.id, keys: [...keyring.keys, key] }, 'w');
  return key.id;
}

@Injectable()
export class AuditRecordKeys implements OnModuleInit {
  private readonly logger = new Logger('Audit');
  private current: RecordKey | null = null;
  private readonly keys = new Map<string, Buffer>();
  private resolved = false;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.resolve({ mayCreate: true });
  }

  /** `mayCreate` is false for command-line tools that only read: they never invent a key. */
  resolve(options: { mayCreate: boolean }): void {
    if (this.resolved) return;
    if (this.config.AUDIT_RECORD_KEYS) {
      const entries = this.config.AUDIT_RECORD_KEYS.split(',').map((s) => s.trim()).filter(Boolean);
      for (const entry of entries) {
        const at = entry.indexOf(':');
        this.keys.set(entry.slice(0, at), Buffer.from(entry.slice(at + 1), 'base64'));
      }
      const last = entries.at(-1)!;
      const id = last.slice(0, last.indexOf(':'));
      this.current = { id, secret: this.keys.get(id)! };
      this.resolved = true;
      this.logger.log(`Khóa xác thực bản ghi nhật ký lấy từ AUDIT_RECORD_KEYS (mã ${id}) / Audit record key from AUDIT_RECORD_KEYS (key id ${id})`);
      return;
    }
    const directory = this.config.keyDirectory;
    if (!directory) {
      if (options.mayCreate) {
        throw new ConfigError([
          'KEY_DIR hoặc AUDIT_RECORD_KEYS phải được đặt khi dùng DATABASE_URL: khóa xác thực bản ghi nhật ký phải nằm ngoài cơ sở dữ liệu. / ' +
            'KEY_DIR or AUDIT_RECORD_KEYS must be set with DATABASE_URL: the audit records’ authentication keys must live outside the database.',
        ]);
      }
      this.resolved = true;
      return;
    }
    const file = join(directory, RECORD_KEYS_FILE);
    if (!existsSync(file)) {
      if (!options.mayCreate) {
        this.resolved = true;
        return;
      }
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const key = newKey();
      try {
        writeKeyring(file, { current: key.id, keys: [key] }, 'wx');
        this.logger.warn(
          `Đã tạo khóa xác thực bản ghi nhật ký tại ${file} (mã ${key.id}); hãy sao lưu tệp này riêng với cơ sở dữ liệu và giữ bí mật. / ` +
            `Generated the audit record key at ${file} (key id ${key.id}); back it up apart from the database and keep it secret.`,
        );
      } catch (error) {
        // Another process created it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.load(file);
    this.resolved = true;
  }

  private load(file: string): void {
    const keyring = parseKeyring(readFileSync(file, 'utf8'), file);
    for (const k of keyring.keys) this.keys.set(k.id, Buffer.from(k.secret, 'base64'));
    this.current = { id: keyring.current, secret: this.keys.get(keyring.current)! };
    this.logger.log(`Khóa xác thực bản ghi nhật ký: ${file} (mã ${keyring.current}, ${keyring.keys.length} khóa) / Audit record keys: ${file} (current ${keyring.current}, ${keyring.keys.length} keys)`);
  }

  /**
   * Every key as an AUDIT_RECORD_KEYS setting (`id:base64,…`, the current one last), or null when there is none:
   * how the verifier's worker threads get the same keys without reading the key directory again.
   */
  asSetting(): string | null {
    if (!this.resolved) this.resolve({ mayCreate: false });
    if (!this.current) return null;
    const others = [...this.keys].filter(([id]) => id !== this.current!.id);
    return [...others, [this.current.id, this.current.secret] as const].map(([id, secret]) => `${id}:${secret.toString('base64')}`).join(',');
  }

  /** The MAC of a new record's hash, with the current key. */
  sign(hash: string): { mac: string; keyId: string } {
    if (!this.resolved) this.resolve({ mayCreate: false });
    if (!this.current) {
      throw new Error('No audit record key: set KEY_DIR or AUDIT_RECORD_KEYS / Chưa có khóa xác thực bản ghi nhật ký: đặt KEY_DIR hoặc AUDIT_RECORD_KEYS');
    }
    return { mac: recordMac(this.current.secret, hash), keyId: this.current.id };
  }

  check(hash: string, mac: string | null, keyId: string | null): MacVerdict {
    if (!this.resolved) this.resolve({ mayCreate: false });
    if (!mac || !keyId) return 'MISSING';
    const secret = this.keys.get(keyId);
    if (!secret) return 'UNKNOWN_KEY';
    const expected = Buffer.from(recordMac(secret, hash), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'VALID' : 'INVALID';
  }

  get currentKeyId(): string | null {
    if (!this.resolved) this.resolve({ mayCreate: false });
    return this.current?.id ?? null;
  }

  get keyIds(): string[] {
    if (!this.resolved) this.resolve({ mayCreate: false });
    return [...this.keys.keys()];
  }
}
