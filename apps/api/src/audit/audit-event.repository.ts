/**
 * The SQL of the audit trail's records (audit_event): appending to a stream, reading a stream, the auditors'
 * filtered views, and the ordered walks the verifier makes over every chain.
 *
 * Rows come back as the driver gives them (`AuditRow`, snake_case, every column), because the hash is
 * recomputed from exactly what was read. Everything that walks the whole trail pages by a key (keyset
 * pagination), never by OFFSET, so that its memory and its cost per page stay flat however long the trail is.
 * Writes are appends only: the database refuses UPDATE, DELETE and TRUNCATE on the table.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pathConditions } from '../access/unit-reach.js';
import { CANDIDATE_STREAM_PREFIX } from './streams.js';

/** A row of audit_event as the driver returns it: every column. */
export interface AuditRow {
  /** bigint, as text. */
  id: string;
  stream: string;
  seq: number;
  candidate_id: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  from_state: string | null;
  to_state: string | null;
  actor: string;
  occurred_at: Date;
  machine_version: number | null;
  prev_hash: string | null;
  hash: string;
  /** The rows the record vouches for (coverage.ts); null when none. */
  attests: { table: string; key: Record<string, unknown>; digest: string | null }[] | null;
  /** HMAC-SHA256 over `hash` with the record key `mac_key_id` (null: written before records were authenticated). */
  mac: string | null;
  mac_key_id: string | null;
}

export const AUDIT_ROW_COLUMNS = 'id, stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, attests, mac, mac_key_id';

/** A range of stream names: from `from` (included) up to `to` (excluded); either end open when absent. */
export interface StreamRange {
  from?: string;
  to?: string;
}

/** A record to append: every column but the id, which the database gives. */
export type NewAuditRow = Omit<AuditRow, 'id'>;

/** A record of an auditor's view, with its place in the Merkle tree (null: no checkpoint covers it yet). */
export type TrailRow = AuditRow & { leaf_index: string | null };

/** Where a keyset walk over a view stands: the last record's instant (the database's own text) and id. */
export interface TrailCursor {
  at: string;
  id: string;
}

/**
 * Which records an auditor's view holds; every condition given must hold. The service turns the auditor's
 * filter (ids, dates typed in Vietnam's time) into this.
 */
export interface TrailCriteria {
  /** Records of this stream. */
  stream?: string;
  /** A unit's own stream and the streams of every candidate in the subtree at `path`. */
  unit?: { stream: string; path: string };
  /** A review session's own stream, and the candidates' records that carry the session (its decisions). */
  reviewSession?: { stream: string; id: string };
  actor?: string;
  from?: Date;
  to?: { at: Date; inclusive: boolean };
}

/** A file attached to a candidate, as its ATTACH_EVIDENCE record tells it. */
export interface AttachmentRow {
  stream: string;
  seq: number;
  payload: Record<string, unknown>;
}

@Injectable()
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises the writers of a stream that has no row of its own to lock (an account's chain, the imports'
   * chain): a transaction-scoped advisory lock on the stream's name. Nothing else waits.
   */
  async lockStream(em: EntityManager, stream: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [stream]);
  }

  /** Appends a record; returns its id. Plain SQL: this runs inside every change, and the query builder's CPU cost showed in the benchmarks. */
  async insert(em: EntityManager, r: NewAuditRow): Promise<string> {
    const inserted = (await em.query(
      `INSERT INTO audit_event (stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash, attests, mac, mac_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        r.stream, r.seq, r.candidate_id, r.event_type, r.payload, r.from_state, r.to_state, r.actor, r.occurred_at, r.machine_version, r.prev_hash, r.hash,
        r.attests === null ? null : JSON.stringify(r.attests), r.mac, r.mac_key_id,
      ],
    )) as { id: string }[];
    return inserted[0]!.id;
  }

  /** A whole stream, oldest first. */
  ofStream(stream: string, em: EntityManager = this.dataSource.manager): Promise<AuditRow[]> {
    return em.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_event WHERE stream = $1 ORDER BY seq`, [stream]);
  }

  /** Some records of a stream, oldest first: the types named. */
  async ofStreamOfTypes(stream: string, eventTypes: readonly string[]): Promise<AuditRow[]> {
    return this.dataSource.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_event WHERE stream = $1 AND event_type = ANY($2::text[]) ORDER BY seq`, [stream, [...eventTypes]]);
  }

  // ---- the auditors' views ----

  async countTrail(criteria: TrailCriteria): Promise<number> {
    const { where, params } = trailConditions(criteria);
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_event e ${whereClause(where)}`, params)) as { total: number }[];
    return row!.total;
  }

  /** One page of a view, by position (the page an auditor asked for), oldest first. */
  trailPage(criteria: TrailCriteria, limit: number, offset: number): Promise<TrailRow[]> {
    const { where, params } = trailConditions(criteria);
    return this.dataSource.query(
      `SELECT ${prefixed('e')}, l.leaf_index FROM audit_event e LEFT JOIN audit_leaf l ON l.audit_id = e.id ${whereClause(where)}
       ORDER BY e.occurred_at, e.id LIMIT $${params.push(limit)} OFFSET $${params.push(offset)}`,
      params,
    );
  }

  /**
   * The next records of a view after a cursor, oldest first (keyset pagination: bounded memory). Each row
   * carries the cursor it ends at: timestamptz holds microseconds, a Date only milliseconds.
   */
  async trailAfter(criteria: TrailCriteria, after: TrailCursor | null, limit: number): Promise<{ rows: TrailRow[]; next: TrailCursor | null }> {
    const { where, params } = trailConditions(criteria);
    if (after) where.push(`(e.occurred_at, e.id) > ($${params.push(after.at)}::timestamptz, $${params.push(after.id)}::bigint)`);
    const rows = (await this.dataSource.query(
      `SELECT ${prefixed('e')}, l.leaf_index, e.occurred_at::text AS cursor_at FROM audit_event e LEFT JOIN audit_leaf l ON l.audit_id = e.id
       ${whereClause(where)} ORDER BY e.occurred_at, e.id LIMIT $${params.push(limit)}`,
      params,
    )) as (TrailRow & { cursor_at: string })[];
    const last = rows.at(-1);
    return { rows: rows.map(({ cursor_at: _cursor, ...row }) => row), next: last ? { at: last.cursor_at, id: String(last.id) } : null };
  }

  /** The streams that a view's records belong to. */
  async streamsOf(criteria: TrailCriteria): Promise<string[]> {
    const { where, params } = trailConditions(criteria);
    const rows = (await this.dataSource.query(`SELECT DISTINCT e.stream FROM audit_event e ${whereClause(where)}`, params)) as { stream: string }[];
    return rows.map((r) => r.stream);
  }

  /** The files attached to these candidates' streams (ATTACH_EVIDENCE records), in stream order. */
  attachments(streams: string[]): Promise<AttachmentRow[]> {
    return this.dataSource.query(`SELECT stream, seq, payload FROM audit_event WHERE stream = ANY($1::text[]) AND event_type = 'ATTACH_EVIDENCE' ORDER BY stream, seq`, [streams]);
  }

  // ---- the verifier's walk over every chain ----

  /** The next records in (stream, seq) order after a position, of every stream or only of those named. */
  chainPage(
    after: { stream: string; seq: number } | null,
    streams: string[] | undefined,
    limit: number,
    em: EntityManager = this.dataSource.manager,
    range: StreamRange = {},
  ): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (after) where.push(`(stream, seq) > ($${params.push(after.stream)}, $${params.push(after.seq)})`);
    if (streams) where.push(`stream = ANY($${params.push(streams)}::text[])`);
    if (range.from !== undefined) where.push(`stream >= $${params.push(range.from)}`);
    if (range.to !== undefined) where.push(`stream < $${params.push(range.to)}`);
    return em.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_event ${whereClause(where)} ORDER BY stream, seq LIMIT $${params.push(limit)}`, params);
  }

  /**
   * Stream names that cut the trail into `parts` ranges of about as many records each, for verifying the ranges
   * side by side: quantiles of a sample of the records (a few tens of thousands of rows, however long the trail),
   * strictly ascending (fewer when the trail has few streams). Each range is [cut i-1, cut i).
   */
  async streamCuts(parts: number, em: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (parts < 2) return [];
    const [stats] = (await em.query(`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'audit_event'::regclass`)) as { rows: number }[];
    const estimated = stats && stats.rows > 0 ? stats.rows : 0;
    // An unanalysed table (estimate 0 or -1) is read whole: it is small, or about to be analysed anyway.
    const percent = estimated > 0 ? Math.min(100, (100 * 50_000) / estimated) : 100;
    const fractions = Array.from({ length: parts - 1 }, (_, i) => (i + 1) / parts);
    // Sorted and made distinct by the database, in the collation the chain walk orders streams by.
    const rows = (await em.query(
      `SELECT DISTINCT cut FROM unnest((SELECT percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY stream) FROM audit_event TABLESAMPLE SYSTEM ($2))) AS cut
       WHERE cut IS NOT NULL ORDER BY cut`,
      [fractions, percent],
    )) as { cut: string }[];
    return rows.map((r) => r.cut);
  }

  /** The first record after `afterSeq` in a stream that has this hash (how a reordering shows itself). */
  async laterSeqWithHash(stream: string, hash: string, afterSeq: number, em: EntityManager = this.dataSource.manager): Promise<number | null> {
    const rows = (await em.query('SELECT seq FROM audit_event WHERE stream = $1 AND seq > $2 AND hash = $3 ORDER BY seq LIMIT 1', [stream, afterSeq, hash])) as { seq: number }[];
    return rows[0]?.seq ?? null;
  }
}

/** Builds a view's conditions on `e` (audit_event); the parameters are numbered in the order pushed. */
function trailConditions(c: TrailCriteria): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  if (c.stream !== undefined) where.push(`e.stream = ${p(c.stream)}`);
  if (c.unit) {
    const ownStream = p(c.unit.stream);
    where.push(
      `(e.stream = ${ownStream} OR e.candidate_id IN (SELECT c.id FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE ${pathConditions(params).subtree('u.path', c.unit.path)}))`,
    );
  }
  if (c.reviewSession) {
    // RECOGNISE, RETURN and REJECT hold the session in their verdict; CONFIRM_RECOGNITION names it.
    const id = p(c.reviewSession.id);
    where.push(
      `(e.stream = ${p(c.reviewSession.stream)} OR (e.stream LIKE ${p(`${CANDIDATE_STREAM_PREFIX}%`)} AND (e.payload->'verdict'->>'sessionId' = ${id} OR e.payload->>'sessionId' = ${id})))`,
    );
  }
  if (c.actor !== undefined) where.push(`e.actor = ${p(c.actor)}`);
  if (c.from) where.push(`e.occurred_at >= ${p(c.from)}`);
  if (c.to) where.push(`e.occurred_at ${c.to.inclusive ? '<=' : '<'} ${p(c.to.at)}`);
  return { where, params };
}

const whereClause = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

const prefixed = (alias: string) =>
  AUDIT_ROW_COLUMNS.split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
