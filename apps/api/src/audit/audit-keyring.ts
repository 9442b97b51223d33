/**
 * The key that signs checkpoints and the keys whose signatures verification accepts.
 *
 * Where the signing key comes from: AUDIT_SIGNING_KEY; else the file in the key folder (KEY_DIR; DATA_DIR/keys on
 * the embedded database), generated on first start (mode 600); an older install's DATA_DIR/audit-signing-key.pem
 * is still read. A server (DATABASE_URL) with neither KEY_DIR nor AUDIT_SIGNING_KEY refuses to start. Never
 * stored in the database it vouches for.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { keyIdOf, parsePrivateKey, parsePublicKeyList, publicKeyText, signMessage } from './ed25519.js';

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

export interface Signer {
  keyId: string;
  /** base64 SPKI DER */
  publicKey: string;
  sign(message: Buffer): Buffer;
}

@Injectable()
export class AuditKeyring implements OnModuleInit {
  private readonly logger = new Logger('Audit');
  private signing: Signer | null = null;
  private readonly trusted = new Map<string, KeyObject>();
  private resolved = false;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.resolve({ mayCreate: true });
  }

  /**
   * Finds the signing key. `mayCreate` is false for command-line tools: they must never invent a key
   * that the running application would not use.
   */
  resolve(options: { mayCreate: boolean }): void {
    if (this.resolved) return;
    this.resolved = true;
    for (const key of this.config.AUDIT_TRUSTED_PUBLIC_KEYS ? parsePublicKeyList(this.config.AUDIT_TRUSTED_PUBLIC_KEYS) : []) this.trust(key);

    if (this.config.AUDIT_SIGNING_KEY) {
      this.useKey(parsePrivateKey(this.config.AUDIT_SIGNING_KEY));
      this.logger.log(`Khóa ký điểm kiểm lấy từ AUDIT_SIGNING_KEY (mã ${this.signing!.keyId}) / Checkpoint signing key from AUDIT_SIGNING_KEY (key id ${this.signing!.keyId})`);
      return;
    }
    const dataDir = resolve(this.config.DATA_DIR);
    const keyDir = this.config.keyDirectory ? resolve(this.config.keyDirectory) : undefined;
    // Installs from before KEY_DIR kept the key beside the database files: they keep using it.
    const candidates = [...(keyDir ? [join(keyDir, SIGNING_KEY_FILE)] : []), ...(this.config.embedded ? [join(dataDir, SIGNING_KEY_FILE)] : [])];
    const existing = candidates.find((f) => existsSync(f));
    if (existing) {
      this.useKey(parsePrivateKey(readFileSync(existing, 'utf8')));
      this.logger.log(`Khóa ký điểm kiểm: ${existing} (mã ${this.signing!.keyId}) / Checkpoint signing key: ${existing} (key id ${this.signing!.keyId})`);
      return;
    }
    if (!options.mayCreate) return;
    if (!keyDir) {
      // A server without a key would run with no signed checkpoint at all: better not to start.
      throw new ConfigError([
        'KEY_DIR, AUDIT_SIGNING_KEY: Với DATABASE_URL phải đặt KEY_DIR (thư mục giữ khóa bí mật, ngoài cơ sở dữ liệu; khóa ký điểm kiểm được tạo tại đó ' +
          'ở lần chạy đầu) hoặc AUDIT_SIGNING_KEY; không có khóa, nhật ký kiểm toán không được bảo vệ bằng điểm kiểm có chữ ký. / ' +
          'With DATABASE_URL, set KEY_DIR (a folder for secret keys, outside the database; the checkpoint signing key is created there on first start) ' +
          'or AUDIT_SIGNING_KEY; without a key the audit trail would have no signed checkpoints.',
      ]);
    }
    // The embedded database lives in DATA_DIR/pglite; without that folder it is an in-memory one (tests), and
    // without an explicit KEY_DIR its key is temporary too.
    const persistent = this.config.KEY_DIR !== undefined || existsSync(join(dataDir, 'pglite'));
    const file = join(keyDir, SIGNING_KEY_FILE);
    const { privateKey } = generateKeyPairSync('ed25519');
    if (persistent) {
      mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      try {
        writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        // Another process created it first: use theirs, so that one database has one key.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        this.useKey(parsePrivateKey(readFileSync(file, 'utf8')));
        return;
      }
    }
    this.useKey(privateKey);
    this.logger.warn(
      persistent
        ? `Đã tạo khóa ký điểm kiểm mới tại ${file} (mã ${this.signing!.keyId}); hãy sao lưu tệp này ở nơi khác cơ sở dữ liệu và giữ bí mật. / ` +
            `Generated a new checkpoint signing key at ${file} (key id ${this.signing!.keyId}); back it up apart from the database and keep it secret.`
        : `Cơ sở dữ liệu trong bộ nhớ: dùng khóa ký tạm thời (mã ${this.signing!.keyId}). / In-memory database: using a temporary signing key (key id ${this.signing!.keyId}).`,
    );
  }

  /** Adds a public key whose signatures verification accepts (an earlier key, or one an auditor supplies). */
  trust(key: KeyObject): string {
    const keyId = keyIdOf(key);
    this.trusted.set(keyId, key.type === 'private' ? createPublicKey(key) : key);
    return keyId;
  }

  get signer(): Signer | null {
    if (!this.resolved) this.resolve({ mayCreate: false });
    return this.signing;
  }

  get trustedKeys(): ReadonlyMap<string, KeyObject> {
    if (!this.resolved) this.resolve({ mayCreate: false });
    return this.trusted;
  }

  private useKey(privateKey: KeyObject): void {
    const keyId = this.trust(privateKey);
    this.signing = { keyId, publicKey: publicKeyText(privateKey), sign: (message) => signMessage(privateKey, message) };
  }
}
