/**
 * The auditors' views of the trail: by candidate, by person, by unit (its own records and those of every
 * candidate in its subtree), by council session (its own records and the decisions it made on candidates),
 * within a period. Reads only.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { AUDIT_ROW_COLUMNS, type AuditRow } from './chain-checker.js';
import { DECISION_EVENTS, trailView, type TrailRecord } from './audit.views.js';
import type { AuditTrailFilter } from './dto/audit-queries.js';
import { CANDIDATE_STREAM_PREFIX, candidateStream, reviewSessionStream, unitStream } from './streams.js';
import { pathConditions } from '../access/unit-reach.js';

/** Vietnam keeps UTC+7 all year: a date an auditor types means that day there. */
const VIETNAM_OFFSET = '+07:00';
const EXPORT_PAGE = 1_000;

export interface ResolvedFilter {
  where: string[];
  params: unknown[];
  /** What the filter was, as shown back to the auditor. */
  described: Record<string, string>;
}

@Injectable()
export class AuditTrails {
  constructor(private readonly dataSource: DataSource) {}

  /** Turns a filter into SQL conditions on `e` (audit_event), refusing unknown candidates and units. */
  async resolve(filter: AuditTrailFilter): Promise<ResolvedFilter> {
    const where: string[] = [];
    const params: unknown[] = [];
    const described: Record<string, string> = {};
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.candidateId) {
      const found = await this.dataSource.query('SELECT 1 FROM candidate WHERE id = $1', [filter.candidateId]);
      if (found.length === 0) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId: filter.candidateId });
      where.push(`e.stream = ${param(candidateStream(filter.candidateId))}`);
      described.candidateId = filter.candidateId;
    }
    if (filter.unitId) {
      const [unit] = (await this.dataSource.query('SELECT path FROM unit WHERE id = $1', [filter.unitId])) as { path: string }[];
      if (!unit) throw new DomainError('UNIT_NOT_FOUND', { unitId: filter.unitId });
      const ownStream = param(unitStream(filter.unitId));
      where.push(
        `(e.stream = ${ownStream} OR e.candidate_id IN (SELECT c.id FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE ${pathConditions(params).subtree('u.path', unit.path)}))`,
      );
      described.unitId = filter.unitId;
    }
    if (filter.sessionId) {
      const found = await this.dataSource.query('SELECT 1 FROM review_session WHERE id = $1', [filter.sessionId]);
      if (found.length === 0) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId: filter.sessionId });
      // The session's stream, and the decisions on candidates that carry the session (RECOGNISE, RETURN, REJECT
      // hold it in their verdict; CONFIRM_RECOGNITION names it).
      const id = param(filter.sessionId);
      where.push(
        `(e.stream = ${param(reviewSessionStream(filter.sessionId))} OR (e.stream LIKE ${param(`${CANDIDATE_STREAM_PREFIX}%`)} AND (e.payload->'verdict'->>'sessionId' = ${id} OR e.payload->>'sessionId' = ${id})))`,
      );
      described.sessionId = filter.sessionId;
    }
    if (filter.actor) {
      where.push(`e.actor = ${param(filter.actor)}`);
      described.actor = filter.actor;
    }
    if (filter.from) {
      where.push(`e.occurred_at >= ${param(startOf(filter.from))}`);
      described.from = filter.from;
    }
    if (filter.to) {
      const end = endOf(filter.to);
      where.push(`e.occurred_at ${end.inclusive ? '<=' : '<'} ${param(end.at)}`);
      described.to = filter.to;
    }
    return { where, params, described };
  }

  async page(filter: AuditTrailFilter, page: number, pageSize: number) {
    const resolved = await this.resolve(filter);
    const clause = whereClause(resolved);
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_event e ${clause}`, resolved.params)) as { total: number }[];
    const rows: (AuditRow & { leaf_index: string | null })[] = await this.dataSource.query(
      `SELECT ${prefixed('e')}, l.leaf_index FROM audit_event e LEFT JOIN audit_leaf l ON l.audit_id = e.id ${clause}
       ORDER BY e.occurred_at, e.id LIMIT $${resolved.params.length + 1} OFFSET $${resolved.params.length + 2}`,
      [...resolved.params, pageSize, (page - 1) * pageSize],
    );
    const items = rows.map((r) => trailView(r, r.leaf_index));
    await this.addEvidenceToDecisions(items);
    return { filter: resolved.described, total, page, pageSize, items };
  }

  /** Every matching record, oldest first, a page at a time (keyset pagination: bounded memory). */
  async *records(resolved: ResolvedFilter): AsyncGenerator<TrailRecord[]> {
    // The cursor keeps the database's own text of the instant: timestamptz holds microseconds, a Date does not.
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const conditions = [...resolved.where];
      const params = [...resolved.params];
      if (after) {
        params.push(after.at, after.id);
        conditions.push(`(e.occurred_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
      }
      params.push(EXPORT_PAGE);
      const rows: (AuditRow & { leaf_index: string | null; cursor_at: string })[] = await this.dataSource.query(
        `SELECT ${prefixed('e')}, l.leaf_index, e.occurred_at::text AS cursor_at FROM audit_event e LEFT JOIN audit_leaf l ON l.audit_id = e.id
         ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY e.occurred_at, e.id LIMIT $${params.length}`,
        params,
      );
      if (rows.length === 0) return;
      yield rows.map((r) => trailView(r, r.leaf_index));
      const last = rows[rows.length - 1]!;
      after = { at: last.cursor_at, id: String(last.id) };
      if (rows.length < EXPORT_PAGE) return;
    }
  }

  /** The streams that matching records belong to, for verifying them whole; undefined when unfiltered. */
  async streams(resolved: ResolvedFilter): Promise<string[] | undefined> {
    if (resolved.where.length === 0) return undefined;
    const rows: { stream: string }[] = await this.dataSource.query(`SELECT DISTINCT e.stream FROM audit_event e ${whereClause(resolved)}`, resolved.params);
    return rows.map((r) => r.stream);
  }

  /**
   * A decision is shown with the evidence it rested on: the files attached to the candidate before it,
   * taken from the trail itself (their SHA-256 is in each attachment's record).
   */
  private async addEvidenceToDecisions(items: TrailRecord[]): Promise<void> {
    const decisions = items.filter((i) => DECISION_EVENTS.has(i.eventType) && i.candidateId);
    if (decisions.length === 0) return;
    const streams = [...new Set(decisions.map((d) => d.stream))];
    const attached: { stream: string; seq: number; payload: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT stream, seq, payload FROM audit_event WHERE stream = ANY($1::text[]) AND event_type = 'ATTACH_EVIDENCE' ORDER BY stream, seq`,
      [streams],
    );
    for (const d of decisions) {
      d.evidence = attached
        .filter((a) => a.stream === d.stream && a.seq < d.seq)
        .map((a) => ({ seq: a.seq, evidenceId: String(a.payload.evidenceId ?? ''), fileName: String(a.payload.fileName ?? ''), sha256: String(a.payload.sha256 ?? '') }));
    }
  }
}

const whereClause = (r: ResolvedFilter) => (r.where.length ? `WHERE ${r.where.join(' AND ')}` : '');
const prefixed = (alias: string) =>
  AUDIT_ROW_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');

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
