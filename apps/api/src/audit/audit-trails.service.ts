/**
 * The views of the trail: a candidate's history for its readers, and the auditors' views by candidate, by person,
 * by unit (its own records and those of every candidate in its subtree), by council session (its own records and
 * the decisions it made on candidates), within a period. Reads only.
 */
import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { AuditEventRepository, type TrailCriteria, type TrailCursor } from './audit-event.repository.js';
import type { CandidateHistory, TrailPage, TrailRecord } from '#contracts';
import { DECISION_EVENTS, historyView, trailView } from './audit.views.js';
import { StreamOwnerRepository } from './stream-owner.repository.js';
import { AuditNames } from './audit-names.js';
import type { AuditTrailFilter } from './dto/audit-queries.js';
import { candidateStream, reviewSessionStream, unitStream } from './streams.js';

/** Vietnam keeps UTC+7 all year: a date an auditor types means that day there. */
const VIETNAM_OFFSET = '+07:00';
const EXPORT_PAGE = 1_000;

export interface ResolvedFilter {
  /** Which records, as the repository reads them. */
  criteria: TrailCriteria;
  /** What the filter was, as shown back to the auditor. */
  described: Record<string, string>;
}

@Injectable()
export class AuditTrails {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly owners: StreamOwnerRepository,
    private readonly names: AuditNames,
  ) {}

  /** A candidate's whole stream, oldest first (the candidate's readers see it on its page). */
  async candidateHistory(candidateId: string): Promise<CandidateHistory> {
    const rows = await this.events.ofStream(candidateStream(candidateId));
    const names = await this.names.of(rows.map((r) => ({ actor: r.actor, stream: r.stream, payload: r.payload })));
    return { candidateId, records: rows.map(historyView), names };
  }

  /** Turns an auditor's filter into the records it means, refusing unknown candidates, units and sessions. */
  async resolve(filter: AuditTrailFilter): Promise<ResolvedFilter> {
    const criteria: TrailCriteria = {};
    const described: Record<string, string> = {};
    if (filter.candidateId) {
      if (!(await this.owners.candidateExists(filter.candidateId))) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId: filter.candidateId });
      criteria.stream = candidateStream(filter.candidateId);
      described.candidateId = filter.candidateId;
    }
    if (filter.unitId) {
      const path = await this.owners.unitPath(filter.unitId);
      if (path === null) throw new DomainError('UNIT_NOT_FOUND', { unitId: filter.unitId });
      criteria.unit = { stream: unitStream(filter.unitId), path };
      described.unitId = filter.unitId;
    }
    if (filter.sessionId) {
      if (!(await this.owners.reviewSessionExists(filter.sessionId))) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId: filter.sessionId });
      // The session's stream, and the decisions on candidates that carry the session.
      criteria.reviewSession = { stream: reviewSessionStream(filter.sessionId), id: filter.sessionId };
      described.sessionId = filter.sessionId;
    }
    if (filter.actor) {
      criteria.actor = filter.actor;
      described.actor = filter.actor;
    }
    if (filter.from) {
      criteria.from = startOf(filter.from);
      described.from = filter.from;
    }
    if (filter.to) {
      criteria.to = endOf(filter.to);
      described.to = filter.to;
    }
    return { criteria, described };
  }

  async page(filter: AuditTrailFilter, page: number, pageSize: number): Promise<TrailPage> {
    const resolved = await this.resolve(filter);
    const total = await this.events.countTrail(resolved.criteria);
    const rows = await this.events.trailPage(resolved.criteria, pageSize, (page - 1) * pageSize);
    const items = rows.map((r) => trailView(r, r.leaf_index));
    await this.addEvidenceToDecisions(items);
    const names = await this.names.of(items);
    return { filter: resolved.described, total, page, pageSize, items, names };
  }

  /** Every matching record, oldest first, a page at a time (keyset pagination: bounded memory). */
  async *records(resolved: ResolvedFilter): AsyncGenerator<TrailRecord[]> {
    let after: TrailCursor | null = null;
    for (;;) {
      const { rows, next }: Awaited<ReturnType<AuditEventRepository['trailAfter']>> = await this.events.trailAfter(resolved.criteria, after, EXPORT_PAGE);
      if (rows.length === 0) return;
      yield rows.map((r) => trailView(r, r.leaf_index));
      after = next;
      if (rows.length < EXPORT_PAGE) return;
    }
  }

  /** The streams that matching records belong to, for verifying them whole; undefined when unfiltered. */
  async streams(resolved: ResolvedFilter): Promise<string[] | undefined> {
    if (Object.keys(resolved.criteria).length === 0) return undefined;
    return this.events.streamsOf(resolved.criteria);
  }

  /**
   * A decision is shown with the evidence it rested on: the files attached to the candidate before it,
   * taken from the trail itself (their SHA-256 is in each attachment's record).
   */
  private async addEvidenceToDecisions(items: TrailRecord[]): Promise<void> {
    const decisions = items.filter((i) => DECISION_EVENTS.has(i.eventType) && i.candidateId);
    if (decisions.length === 0) return;
    const attached = await this.events.attachments([...new Set(decisions.map((d) => d.stream))]);
    for (const d of decisions) {
      d.evidence = attached
        .filter((a) => a.stream === d.stream && a.seq < d.seq)
        .map((a) => ({ seq: a.seq, evidenceId: String(a.payload.evidenceId ?? ''), fileName: String(a.payload.fileName ?? ''), sha256: String(a.payload.sha256 ?? '') }));
    }
  }
}

function startOf(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00${VIETNAM_OFFSET}`) : new Date(value);
}

/** A date includes its whole day: the bound is the next midnight, exclusive. */
function endOf(value: string): { at: Date; inclusive: boolean } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { at: new Date(value), inclusive: true };
  const next = new Date(`${value}T00:00:00${VIETNAM_OFFSET}`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { at: next, inclusive: false };
}
