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

/** Deeper than this, the library's own walk (which detects cycles) takes over. */
const MAX_FAST_DEPTH = 64;

/**
 * RFC 8785 text of a JSON value, the same as `canonicalize` gives (tested against it), without its per-value
 * bookkeeping (a Set of visited objects, a character loop over every string): the verifier serialises every
 * record of the trail, and the library's walk was most of that cost. Plain data (what the driver parses out
 * of jsonb) takes the fast path; anything else (toJSON, undefined in arrays, functions, bigint, deep nesting)
 * is handed to the library, so the text and the errors stay the library's.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) return canonicalize(value)!;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (depth > MAX_FAST_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return libraryText(value);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined || typeof item === 'symbol' || typeof item === 'function' || typeof item === 'bigint') return libraryText(value);
          out += (i === 0 ? '' : ',') + canonicalJson(item, depth + 1);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined || typeof item === 'symbol') continue;
        if (typeof item === 'function' || typeof item === 'bigint') return libraryText(value);
        if (!key.isWellFormed()) throw new Error('Lone surrogate is not allowed');
        out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item, depth + 1)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return libraryText(value);
  }
}

function libraryText(value: unknown): string {
  return canonicalize(value) as string;
}

export function auditHash(content: AuditContent): string {
  const canonical = canonicalJson(content);
  if (canonical === undefined) throw new Error('audit content cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
