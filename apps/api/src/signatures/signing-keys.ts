/**
 * The server's signing certificate and the roots a signature must chain to, read once at start.
 *
 * - SIGNING_P12_FILE + SIGNING_P12_PASSPHRASE: the office's certificate; a file that cannot be read or opened stops
 *   the start with a ConfigError naming the variable (never the passphrase).
 * - Otherwise, on a rehearsal instance (the demo): a demo certification authority and signer generated at first
 *   start in the key folder beside the audit keys (demo-signing-*.pem, mode 600), reused afterwards; an in-memory
 *   database without KEY_DIR gets a temporary one, as the audit keyring does.
 * - SIGNING_TRUSTED_ROOTS: the roots (PEM) uploaded signatures must chain to; the demo root is added on a rehearsal.
 */
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as pkijs from 'pkijs';
import { AppConfig, ConfigError } from '../config/app-config.js';
import type { SigningCredentials, TimeStampAuthority } from './pades.js';
import { loadCredentials, loadPades } from './signature-engine.js';

export const DEMO_KEY_FILE = 'demo-signing-key.pem';
export const DEMO_CHAIN_FILE = 'demo-signing-chain.pem';

@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger('Signatures');
  private signing: SigningCredentials | null = null;
  private roots: pkijs.Certificate[] = [];
  private kind: 'PKCS12' | 'DEMO' | null = null;
  private loaded: Promise<void> | null = null;

  constructor(private readonly config: AppConfig) {}

  /** A configured file is read at start (a bad one stops the start); the demo's key is made when first needed. */
  async onModuleInit(): Promise<void> {
    if (this.config.SIGNING_P12_FILE || this.config.SIGNING_TRUSTED_ROOTS) await this.load();
  }

  /** The credentials server-side signatures are made with; null when none is configured. */
  async credentials(): Promise<SigningCredentials | null> {
    await this.load();
    return this.signing;
  }

  async trustedRoots(): Promise<pkijs.Certificate[]> {
    await this.load();
    return this.roots;
  }

  get source(): 'PKCS12' | 'DEMO' | null {
    return this.kind;
  }

  get tsa(): TimeStampAuthority | undefined {
    return this.config.SIGNING_TSA_URL ? { url: this.config.SIGNING_TSA_URL } : undefined;
  }

  private load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<void> {
    const c = this.config;
    const [{ certificateFacts, parseCertificates }, { credentialsFromPem, issuePki, loadPkcs12 }] = await Promise.all([loadPades(), loadCredentials()]);
    if (c.SIGNING_TRUSTED_ROOTS) {
      try {
        this.roots = parseCertificates(readFileSync(c.SIGNING_TRUSTED_ROOTS, 'utf8'));
      } catch (error) {
        throw new ConfigError([`SIGNING_TRUSTED_ROOTS=${JSON.stringify(c.SIGNING_TRUSTED_ROOTS)}: không đọc được tệp PEM / cannot read the PEM file (${(error as Error).message})`]);
      }
      if (this.roots.length === 0) throw new ConfigError([`SIGNING_TRUSTED_ROOTS=${JSON.stringify(c.SIGNING_TRUSTED_ROOTS)}: tệp không có chứng thư nào / the file holds no certificate`]);
    }
    if (c.SIGNING_P12_FILE) {
      try {
        this.signing = await loadPkcs12(readFileSync(c.SIGNING_P12_FILE), c.SIGNING_P12_PASSPHRASE ?? '');
      } catch (error) {
        throw new ConfigError([
          `SIGNING_P12_FILE=${JSON.stringify(c.SIGNING_P12_FILE)}, SIGNING_P12_PASSPHRASE=(hidden): không mở được tệp PKCS#12 (sai mật khẩu, hoặc tệp không có khóa RSA và chứng thư của nó) / cannot open the PKCS#12 file (${(error as Error).message})`,
        ]);
      }
      this.kind = 'PKCS12';
      const facts = certificateFacts(this.signing.certificate);
      this.logger.log(`Chứng thư ký số trên máy chủ: ${facts.subject} (hết hạn ${facts.notAfter.toISOString()}) / Server-side signing certificate: ${facts.subject}`);
      return;
    }
    if (c.instanceKind !== 'rehearsal') return;
    // The demo: its own authority, in the key folder.
    const keyDir = c.keyDirectory ? resolve(c.keyDirectory) : undefined;
    const persistent = keyDir !== undefined && (c.KEY_DIR !== undefined || existsSync(join(resolve(c.DATA_DIR), 'pglite')));
    if (persistent && existsSync(join(keyDir, DEMO_KEY_FILE)) && existsSync(join(keyDir, DEMO_CHAIN_FILE))) {
      const chain = readFileSync(join(keyDir, DEMO_CHAIN_FILE), 'utf8');
      this.useDemo(await credentialsFromPem(readFileSync(join(keyDir, DEMO_KEY_FILE), 'utf8'), chain));
      return;
    }
    const now = Date.now();
    const pki = await issuePki({
      rootName: 'CN=Tổ chức chứng thực thử nghiệm (bản diễn tập), O=Điển hình tiên tiến, C=VN',
      signerName: 'CN=Người ký thử nghiệm (bản diễn tập), O=Điển hình tiên tiến, C=VN',
      notBefore: new Date(now - 2 * 365 * 86_400_000),
      notAfter: new Date(now + 10 * 365 * 86_400_000),
    });
    if (persistent) {
      mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      try {
        writeFileSync(join(keyDir, DEMO_KEY_FILE), pki.pem.signerKey, { mode: 0o600, flag: 'wx' });
        writeFileSync(join(keyDir, DEMO_CHAIN_FILE), pki.pem.chain, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Another process made it first: use theirs.
        this.useDemo(await credentialsFromPem(readFileSync(join(keyDir, DEMO_KEY_FILE), 'utf8'), readFileSync(join(keyDir, DEMO_CHAIN_FILE), 'utf8')));
        return;
      }
      this.logger.warn(`Đã tạo khóa ký số thử nghiệm cho bản diễn tập tại ${keyDir} / Generated a demo signing key in ${keyDir}`);
    }
    this.useDemo(await credentialsFromPem(pki.pem.signerKey, pki.pem.chain));
  }

  private useDemo(credentials: SigningCredentials): void {
    this.signing = credentials;
    this.kind = 'DEMO';
    // The demo's root (last of its chain) is trusted on the rehearsal instance, beside any configured roots.
    const root = credentials.chain.at(-1);
    if (root) this.roots = [...this.roots, root];
  }
}
