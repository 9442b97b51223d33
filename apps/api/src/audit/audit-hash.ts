/**
 * The content of an audit record that its hash covers, and the hash itself.
 * The content is serialised with RFC 8785 (JSON canonicalisation), so a record read back from jsonb, whose
 * keys PostgreSQL reorders, hashes to the same value as when it was written.
 */
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export interface AuditContent {
  stream: string;
  seq: number;
  candidateId: string | null;
  eventType: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string | null;
  actor: string;
  /** ISO 8601 UTC with milliseconds, as stored (timestamptz keeps microseconds; we write milliseconds). */
  occurredAt: string;
  machineVersion: number | null;
  prevHash: string | null;
  /**
   * The rows the record's transaction wrote in covered tables (coverage.ts), with their digests. Absent when
   * there are none, so records written before attestations existed keep their hashes.
   */
  attests?: { table: string; key: Record<string, unknown>; digest: string | null }[];
}

export function auditHash(content: AuditContent): string {
  const canonical = canonicalize(content);
  if (canonical === undefined) throw new Error('audit content cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
