/**
 * The signed form of a checkpoint and the file an auditor keeps. The signature covers the RFC 8785
 * canonical JSON of the signed fields, so any program can rebuild the exact bytes from the file alone.
 */
import canonicalize from 'canonicalize';
import type { KeyObject } from 'node:crypto';
import { keyIdOf, parsePublicKey, publicKeyText, verifyMessage } from './ed25519.js';

export const CHECKPOINT_FORMAT = 'dien-hinh-tien-tien/audit-checkpoint/v1';

/** What the signature covers. */
export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  treeSize: number;
  rootHash: string;
  /** ISO 8601 UTC with milliseconds. */
  createdAt: string;
  keyId: string;
}

/** A checkpoint as exported: the statement, the signer's public key (base64 SPKI DER) and the signature (base64). */
export interface SignedCheckpoint extends CheckpointStatement {
  publicKey: string;
  signature: string;
}

export function statementOf(c: CheckpointStatement): CheckpointStatement {
  return { format: c.format, treeSize: c.treeSize, rootHash: c.rootHash, createdAt: c.createdAt, keyId: c.keyId };
}

export function signedBytes(c: CheckpointStatement): Buffer {
  const text = canonicalize(statementOf(c));
  if (text === undefined) throw new Error('checkpoint statement cannot be canonicalised');
  return Buffer.from(text, 'utf8');
}

const HEX64 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads a checkpoint file's JSON, refusing anything that is not exactly the exported shape. */
export function parseCheckpoint(value: unknown): SignedCheckpoint | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const ok =
    v.format === CHECKPOINT_FORMAT &&
    Number.isSafeInteger(v.treeSize) &&
    (v.treeSize as number) >= 1 &&
    typeof v.rootHash === 'string' &&
    HEX64.test(v.rootHash) &&
    typeof v.createdAt === 'string' &&
    !Number.isNaN(Date.parse(v.createdAt)) &&
    typeof v.keyId === 'string' &&
    /^[0-9a-f]{16}$/.test(v.keyId) &&
    typeof v.publicKey === 'string' &&
    BASE64.test(v.publicKey) &&
    typeof v.signature === 'string' &&
    BASE64.test(v.signature);
  if (!ok) return null;
  return { ...statementOf(v as unknown as CheckpointStatement), publicKey: v.publicKey as string, signature: v.signature as string };
}

export type SignatureVerdict = 'VALID' | 'KEY_ID_MISMATCH' | 'KEY_NOT_TRUSTED' | 'SIGNATURE_INVALID';

/**
 * Whether a trusted key signed this checkpoint. The key carried in the checkpoint is never trusted for
 * itself: it must be one of `trusted` (the configured key, earlier keys, or keys the auditor supplies).
 */
export function checkSignature(c: SignedCheckpoint, trusted: ReadonlyMap<string, KeyObject>): SignatureVerdict {
  let carried: KeyObject;
  try {
    carried = parsePublicKey(c.publicKey);
  } catch {
    return 'KEY_NOT_TRUSTED';
  }
  if (keyIdOf(carried) !== c.keyId) return 'KEY_ID_MISMATCH';
  const key = trusted.get(c.keyId);
  if (!key || publicKeyText(key) !== publicKeyText(carried)) return 'KEY_NOT_TRUSTED';
  return verifyMessage(key, signedBytes(c), Buffer.from(c.signature, 'base64')) ? 'VALID' : 'SIGNATURE_INVALID';
}
