/**
 * The secret part of a backup: the product's keys, encrypted with a passphrase the administrator gives.
 *
 * Built on node:crypto alone (no dependency to keep up to date, nothing native to build): scrypt (RFC 7914, a
 * memory-hard key derivation, N = 2^17, r = 8, p = 1: 128 MiB and ~0.3 s per try here, the parameters OWASP
 * recommends) turns the passphrase and a random salt into 64 bytes; the first 32 encrypt the keys with
 * AES-256-GCM (authenticated: a wrong passphrase or a changed byte fails to decrypt, never yields wrong keys), the
 * other 32 make an HMAC-SHA256 over the manifest, so that the manifest (versions, checkpoint, part hashes) cannot
 * be edited without the passphrase either. The parameters travel in the manifest, so stronger ones can be chosen
 * later without breaking older archives.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface KdfParameters {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

export const DEFAULT_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;
/** Passphrases shorter than this are refused: the archive may be kept where anyone can copy it. */
export const MIN_PASSPHRASE_LENGTH = 12;

export interface DerivedKeys {
  encryption: Buffer;
  authentication: Buffer;
}

function scryptAsync(passphrase: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export function newKdf(): KdfParameters {
  return { ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
}

export async function deriveKeys(passphrase: string, kdf: KdfParameters): Promise<DerivedKeys> {
  if (kdf.name !== 'scrypt') throw new Error(`unknown key derivation ${String(kdf.name)}`);
  const bytes = await scryptAsync(passphrase, Buffer.from(kdf.salt, 'base64'), 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 });
  return { encryption: bytes.subarray(0, 32), authentication: bytes.subarray(32) };
}

/** iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes) */
export function encrypt(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The plaintext, or null when the key is wrong or the bytes were changed. */
export function decrypt(key: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

export function manifestMac(key: Buffer, manifest: Buffer): string {
  return createHmac('sha256', key).update(manifest).digest('hex');
}

export function macMatches(key: Buffer, manifest: Buffer, mac: string): boolean {
  const expected = Buffer.from(manifestMac(key, manifest), 'hex');
  const given = Buffer.from(mac.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
