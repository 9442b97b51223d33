/**
 * The SQL of the dashboards: counts and short lists, each a single query, each bounded by the reader's reach.
 * Reads only.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SubjectKind, UnitLevel } from '#domain';
import type { CandidateState, ReviewSessionStatus } from '#workflow';
import { pathConditions, type Reach } from '../access/unit-reach.js';

export interface StateLevelCount {
  state: CandidateState;
  level: UnitLevel;
  count: number;
}

export interface NurturingRow {
  id: string;
  name: string;
  kind: SubjectKind;
  unitId: string;
  unitName: string;
  lastCheckInOn: string | null;
  planWrittenAt: Date | null;
}

export interface SessionRow {
  id: string;
  title: string;
  year: number;
  status: ReviewSessionStatus;
  checklistsDueOn: string | null;
  votingClosesOn: string | null;
  noticeEndsOn: string | null;
  candidates: number;
  undecided: number;
}

export interface UnderCouncilRow {
  id: string;
  name: string;
  kind: SubjectKind;
  state: CandidateState;
  unitId: string;
  unitName: string;
  /** The open session that holds it (null: proposed, not yet in a session). */
  session: Omit<SessionRow, 'candidates' | 'undecided'> | null;
}

export interface YearStateCount {
  year: number;
  state: CandidateState;
  count: number;
}

export interface RefusalRow {
  occurredAt: Date;
  eventType: string;
  payload: Record<string, unknown>;
  accountId: string | null;
  displayName: string | null;
  role: string | null;
}

/** Record types of refused access: one written in full, and the count of a window's further ones. */
export const REFUSAL_EVENTS = ['ACCESS_REFUSED', 'ACCESS_REFUSED_REPEATED'] as const;

@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Candidates by state and by the level of the unit that holds them, within the reach. */
  async byStateAndLevel(reach: Reach): Promise<StateLevelCount[]> {
    const params: unknown[] = [];
    const within = pathConditions(params).within('u.path', reach);
    const rows = (await this.dataSource.query(
      `SELECT c.state, u.level, count(*)::int AS count
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        ${within ? `WHERE ${within}` : ''}
        GROUP BY c.state, u.level`,
      params,
    )) as StateLevelCount[];
    return rows;
  }

  /** Candidates being nurtured within the reach, with the date of their last check-in and of their plan in force. */
  async nurturing(reach: Reach): Promise<NurturingRow[]> {
    const params: unknown[] = [];
    const within = pathConditions(params).within('u.path', reach);
    return (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, u.id AS "unitId", u.name AS "unitName",
              (SELECT to_char(max(ci.checked_on), 'YYYY-MM-DD') FROM nurturing_check_in ci WHERE ci.candidate_id = c.id) AS "lastCheckInOn",
              (SELECT p.written_at FROM nurturing_plan p WHERE p.candidate_id = c.id ORDER BY p.revision DESC LIMIT 1) AS "planWrittenAt"
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        WHERE c.state = 'nurturing' ${within ? `AND ${within}` : ''}`,
      params,
    )) as NurturingRow[];
  }

  /**
   * Review sessions not yet closed, with their dates and their candidates; within a reach that is not everything,
   * only sessions that hold a candidate of the reach (and only those candidates are counted).
   */
  async openSessions(reach: Reach): Promise<SessionRow[]> {
    const params: unknown[] = [];
    const within = pathConditions(params).within('u.path', reach);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.title, s.year, s.status,
              to_char(s.checklists_due_on, 'YYYY-MM-DD') AS "checklistsDueOn",
              to_char(s.voting_closes_on, 'YYYY-MM-DD') AS "votingClosesOn",
              (SELECT to_char(max(n.ends_on), 'YYYY-MM-DD') FROM public_notice n WHERE n.session_id = s.id) AS "noticeEndsOn",
              count(i.id)::int AS candidates,
              count(i.id) FILTER (WHERE i.decided_at IS NULL)::int AS undecided
         FROM review_session s
         LEFT JOIN review_item i ON i.session_id = s.id
              ${within ? `AND i.candidate_id IN (SELECT c.id FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE ${within})` : ''}
        WHERE s.status <> 'CLOSED'
        GROUP BY s.id
        ${within ? 'HAVING count(i.id) > 0' : ''}
        ORDER BY s.opened_at`,
      params,
    )) as SessionRow[];
    return rows;
  }

  /** Candidates under review or on public notice within the reach, with the session that holds each, if any. */
  async underCouncil(reach: Reach): Promise<UnderCouncilRow[]> {
    const params: unknown[] = [];
    const within = pathConditions(params).within('u.path', reach);
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, c.state, u.id AS "unitId", u.name AS "unitName",
              s.id AS "sessionId", s.title, s.year, s.status,
              to_char(s.checklists_due_on, 'YYYY-MM-DD') AS "checklistsDueOn",
              to_char(s.voting_closes_on, 'YYYY-MM-DD') AS "votingClosesOn",
              (SELECT to_char(max(n.ends_on), 'YYYY-MM-DD') FROM public_notice n WHERE n.session_id = s.id) AS "noticeEndsOn"
         FROM candidate c
         JOIN unit u ON u.id = c.unit_id
         LEFT JOIN review_item i ON i.candidate_id = c.id AND i.closed_at IS NULL
         LEFT JOIN review_session s ON s.id = i.session_id AND s.status <> 'CLOSED'
        WHERE c.state IN ('underReview', 'publicNotice') ${within ? `AND ${within}` : ''}
        ORDER BY c.name, c.id`,
      params,
    )) as (Omit<UnderCouncilRow, 'session'> & { sessionId: string | null } & Omit<SessionRow, 'id' | 'candidates' | 'undecided'>)[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      state: r.state,
      unitId: r.unitId,
      unitName: r.unitName,
      session: r.sessionId ? { id: r.sessionId, title: r.title, year: r.year, status: r.status, checklistsDueOn: r.checklistsDueOn, votingClosesOn: r.votingClosesOn, noticeEndsOn: r.noticeEndsOn } : null,
    }));
  }

  /** Candidates of the given years (the year of their achievements) by state, within the reach. */
  async byYearAndState(reach: Reach, years: number[]): Promise<YearStateCount[]> {
    const params: unknown[] = [years];
    const within = pathConditions(params).within('u.path', reach);
    return (await this.dataSource.query(
      `SELECT c.year, c.state, count(*)::int AS count
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        WHERE c.year = ANY($1::int[]) ${within ? `AND ${within}` : ''}
        GROUP BY c.year, c.state`,
      params,
    )) as YearStateCount[];
  }

  async auditRecordCount(): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`)) as { n: number }[];
    return rows[0]!.n;
  }

  /** The newest refusals of access, with the refused account when it still exists. */
  async recentRefusals(limit: number): Promise<RefusalRow[]> {
    return (await this.dataSource.query(
      `SELECT e.occurred_at AS "occurredAt", e.event_type AS "eventType", e.payload,
              a.id AS "accountId", a.display_name AS "displayName", a.role
         FROM audit_event e
         LEFT JOIN account a ON e.stream = 'account:' || a.id::text
        WHERE e.event_type = ANY($1::text[])
        ORDER BY e.occurred_at DESC, e.id DESC
        LIMIT $2`,
      [REFUSAL_EVENTS, limit],
    )) as RefusalRow[];
  }

  /** How many refusals the records since `since` stand for (a repeated record counts those it did not record one by one). */
  async refusalsSince(since: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT coalesce(sum(CASE WHEN event_type = 'ACCESS_REFUSED' THEN 1 ELSE coalesce((payload->>'notRecordedSeparately')::int, 0) END), 0)::int AS n
         FROM audit_event
        WHERE event_type = ANY($1::text[]) AND occurred_at >= $2`,
      [REFUSAL_EVENTS, since],
    )) as { n: number }[];
    return rows[0]!.n;
  }
}
