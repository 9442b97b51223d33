/**
 * The key that signs checkpoints and the keys whose signatures verification accepts.
 *
 * Where the signing key comes from: AUDIT_SIGNING_KEY; else, on the embedded database, a key kept beside
 * the database files (generated on first start); else none, and checkpoints are not signed (the hash
 * chains are still written and verified). Never stored in the database it vouches for.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/app-config.js';
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
    if (!this.config.embedded) {
      this.logger.warn(
        'Chưa cấu hình AUDIT_SIGNING_KEY: không lập điểm kiểm có chữ ký; chuỗi băm vẫn được ghi và kiểm tra. / ' +
          'AUDIT_SIGNING_KEY is not set: signed checkpoints are off; hash chains are still written and verified.',
      );
      return;
    }
    const dataDir = resolve(this.config.DATA_DIR);
    const file = join(dataDir, SIGNING_KEY_FILE);
    if (existsSync(file)) {
      this.useKey(parsePrivateKey(readFileSync(file, 'utf8')));
      this.logger.log(`Khóa ký điểm kiểm: ${file} (mã ${this.signing!.keyId}) / Checkpoint signing key: ${file} (key id ${this.signing!.keyId})`);
      return;
    }
    // The embedded database lives in DATA_DIR/pglite; without that folder it is an in-memory one (tests).
    const persistent = existsSync(join(dataDir, 'pglite'));
    if (!options.mayCreate) return;
    const { privateKey } = generateKeyPairSync('ed25519');
    if (persistent) {
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
        ? `Đã tạo khóa ký điểm kiểm mới tại ${file} (mã ${this.signing!.keyId}); hãy sao lưu và giữ bí mật tệp này. / ` +
            `Generated a new checkpoint signing key at ${file} (key id ${this.signing!.keyId}); back it up and keep it secret.`
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
