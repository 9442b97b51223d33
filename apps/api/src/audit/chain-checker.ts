/**
 * Checks hash chains from records streamed in (stream, seq) order, keeping O(1) state per stream: the
 * expected next sequence number and link, and one record of look-ahead (whether a record or the one after
 * it was altered can only be told by looking at both).
 *
 * For each broken stream it names the first broken record and how it broke. Only that first break is
 * reported: everything after it in the same stream follows from it.
 */
import type { AuditRow } from './audit-event.repository.js';
import { auditHash, type AuditContent } from './audit-hash.js';
import { problem, type AuditProblem } from './audit-problems.js';

/** The content the hash covers, rebuilt from the row exactly as read back. */
export function contentOf(row: AuditRow): AuditContent {
  return {
    stream: row.stream,
    seq: row.seq,
    candidateId: row.candidate_id,
    eventType: row.event_type,
    payload: row.payload,
    fromState: row.from_state,
    toState: row.to_state,
    actor: row.actor,
    occurredAt: row.occurred_at.toISOString(),
    machineVersion: row.machine_version,
    prevHash: row.prev_hash,
    ...(row.attests !== null ? { attests: row.attests } : {}),
  };
}

interface Checked {
  row: AuditRow;
  recomputed: string;
}

export interface StreamOutcome {
  stream: string;
  records: number;
  lastSeq: number;
  broken: AuditProblem | null;
}

/** Looks up whether a later record of the stream has this hash (how a reordering shows itself). */
export type LaterRecordLookup = (stream: string, hash: string, afterSeq: number) => Promise<number | null>;

export class ChainChecker {
  private current:
    | { stream: string; expectedSeq: number; expectedPrev: string | null; pending: Checked | null; broken: AuditProblem | null; records: number; lastSeq: number }
    | null = null;

  constructor(private readonly laterRecordWithHash: LaterRecordLookup) {}

  /** Takes the next row; returns the outcome of the previous stream when this row starts a new one. */
  async push(row: AuditRow): Promise<StreamOutcome | null> {
    let finished: StreamOutcome | null = null;
    if (this.current && this.current.stream !== row.stream) finished = await this.finish();
    this.current ??= { stream: row.stream, expectedSeq: 1, expectedPrev: null, pending: null, broken: null, records: 0, lastSeq: 0 };
    const checked = { row, recomputed: auditHash(contentOf(row)) };
    if (this.current.pending) await this.evaluate(this.current.pending, checked);
    this.current.pending = checked;
    this.current.records += 1;
    this.current.lastSeq = row.seq;
    return finished;
  }

  /** Ends the current stream (at the end of the input, or before another stream starts). */
  async finish(): Promise<StreamOutcome | null> {
    const s = this.current;
    if (!s) return null;
    if (s.pending) await this.evaluate(s.pending, null);
    this.current = null;
    return { stream: s.stream, records: s.records, lastSeq: s.lastSeq, broken: s.broken };
  }

  private async evaluate(r: Checked, next: Checked | null): Promise<void> {
    const s = this.current!;
    if (!s.broken) s.broken = await this.classify(r, next, s.expectedSeq, s.expectedPrev);
    s.expectedSeq = r.row.seq + 1;
    s.expectedPrev = r.row.hash;
  }

  private async classify(r: Checked, next: Checked | null, expectedSeq: number, expectedPrev: string | null): Promise<AuditProblem | null> {
    const { row } = r;
    const at = { stream: row.stream, seq: row.seq, auditId: String(row.id), ...(row.candidate_id ? { candidateId: row.candidate_id } : {}) };
    const selfConsistent = r.recomputed === row.hash;

    if (row.seq > expectedSeq) {
      return problem('RECORD_MISSING', { ...at, seq: expectedSeq, detail: { missingSeqs: [expectedSeq, row.seq - 1], nextRecordSeq: row.seq, nextRecordId: String(row.id) } });
    }
    if (row.seq < expectedSeq) return problem('REORDERED', { ...at, detail: { duplicateSeq: row.seq } });

    if (row.prev_hash !== expectedPrev) {
      const laterSeq = row.prev_hash ? await this.laterRecordWithHash(row.stream, row.prev_hash, row.seq) : null;
      if (laterSeq !== null) return problem('REORDERED', { ...at, detail: { linksToSeq: laterSeq } });
      if (!selfConsistent) return problem('CONTENT_CHANGED', { ...at, detail: { field: 'prevHash', storedHash: row.hash, recomputedHash: r.recomputed } });
      return problem('LINK_BROKEN', { ...at, detail: { expectedPrevHash: expectedPrev, foundPrevHash: row.prev_hash } });
    }

    if (!selfConsistent) {
      // If the successor links to the hash the content gives, the content is original and the hash was replaced.
      const kind = next && next.row.seq === row.seq + 1 && next.row.prev_hash === r.recomputed && next.row.prev_hash !== row.hash ? 'FORGED_HASH' : 'CONTENT_CHANGED';
      return problem(kind, { ...at, detail: { storedHash: row.hash, recomputedHash: r.recomputed } });
    }

    if (next && next.row.seq === row.seq + 1 && next.row.prev_hash !== row.hash) {
      // This record is self-consistent but its successor (itself intact and in place) links to another hash:
      // this record was rewritten and re-hashed after the successor was written.
      const successorIntact = next.recomputed === next.row.hash;
      const successorReordered = next.row.prev_hash ? (await this.laterRecordWithHash(row.stream, next.row.prev_hash, next.row.seq)) !== null : false;
      if (successorIntact && !successorReordered) return problem('FORGED_HASH', { ...at, detail: { hash: row.hash, nextRecordLinksTo: next.row.prev_hash } });
    }
    return null;
  }
}
