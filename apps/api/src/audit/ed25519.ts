/**
 * Ed25519 keys as the configuration and the auditors' files carry them: PEM, or base64 of the DER
 * (PKCS#8 for a private key, SPKI for a public key). Pure: node:crypto only, no configuration, no I/O.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const isPem = (text: string) => text.trimStart().startsWith('-----BEGIN');

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

export function parsePrivateKey(text: string): KeyObject {
  const key = isPem(text) ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  return requireEd25519(key);
}

export function parsePublicKey(text: string): KeyObject {
  const key = isPem(text) ? createPublicKey(text) : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  return requireEd25519(key);
}

/** A comma- or whitespace-separated list of public keys (base64 SPKI DER); PEM blocks are kept whole. */
export function parsePublicKeyList(text: string): KeyObject[] {
  const pem = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  const rest = text.replace(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g, ' ');
  const der = rest.split(/[\s,]+/).filter(Boolean);
  return [...pem, ...der].map(parsePublicKey);
}

export function isValidKey(text: unknown, kind: 'private' | 'public-list'): boolean {
  if (typeof text !== 'string' || text.trim() === '') return false;
  try {
    return kind === 'private' ? Boolean(parsePrivateKey(text)) : parsePublicKeyList(text).length > 0;
  } catch {
    return false;
  }
}

/** The public key as base64 SPKI DER: the form written into checkpoints and exported files. */
export function publicKeyText(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** A short name for a public key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

export function signMessage(privateKey: KeyObject, message: Buffer): Buffer {
  return sign(null, message, privateKey);
}

export function verifyMessage(publicKey: KeyObject, message: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}
