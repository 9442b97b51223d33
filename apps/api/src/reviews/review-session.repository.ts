/**
 * The SQL of review sessions: the session row (locked by every change), its members, its candidates (review
 * items) and their assignments, the public notice with its comments and answers, and the listings the views read.
 * Every method that runs inside a change takes the transaction's EntityManager; each returns rows whose types say
 * exactly which columns they carry. No rule lives here: the use cases decide, this only reads and writes.
 */
import type { CouncilPosition } from '#domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { candidateStream } from '../audit/streams.js';
import { councilNameSql, councilUnitSql } from '../councils/council-setup.js';
import type { Field, SubjectKind } from '#domain';
import type { CandidateState, AnyCouncilVerdict, CouncilOutcome, ReviewItemStatus, ReviewSessionStatus, RuleFinding } from '#workflow';
import {
  NoticeAnswer,
  NoticeComment,
  PublicNotice,
  ReviewAssignment,
  ReviewItem,
  ReviewSession,
  ReviewSessionMember,
  type CriterionDefinition,
} from './review.entities.js';

/** A review item's columns (the entity less its relations). */
export type ReviewItemRow = Omit<ReviewItem, 'session' | 'candidate' | 'criteriaSet'>;
/** A public notice's columns; its dates as YYYY-MM-DD. */
export type PublicNoticeRow = Omit<PublicNotice, 'session'>;

/** A session member with the unit their conflicts are judged by. */
export interface MemberWithUnit {
  accountId: string;
  displayName: string;
  unitId: string | null;
  unitPath: string | null;
  unitName: string | null;
  /** Null for sessions opened before positions existed: a member. */
  position: CouncilPosition | null;
  attendance: 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT' | null;
}

/** The candidate a review item judges, as the council sees it now. */
export interface ReviewedCandidate {
  id: string;
  name: string;
  kind: SubjectKind;
  unitId: string;
  unitPath: string;
  unitName: string;
  field: Field;
  state: CandidateState;
  version: number;
  /** Holds open now (NĐ 152 Điều 4.4), from the candidate's statechart context. */
  openHolds: number;
}

/** What one item is judged on: the candidate and the criteria of the pinned set. */
export interface ItemFacts {
  item: ReviewItemRow;
  candidate: ReviewedCandidate;
  criteria: CriterionDefinition[];
}

/** An account that may sit on a council. */
export interface CouncilAccount {
  id: string;
  displayName: string;
  unitId: string | null;
  role: string;
  disabledAt: Date | null;
}

export interface SessionListRow {
  id: string;
  title: string;
  year: number;
  status: ReviewSessionStatus;
  ballot: ReviewSession['ballot'];
  openedAt: Date;
  votingClosedAt: Date | null;
  closedAt: Date | null;
  version: number;
  /** How many candidates the session holds. */
  candidates: number;
  /** The session's council (the province's for sessions opened before councils), null while none exists. */
  councilId: string | null;
  councilName: string | null;
  councilUnitName: string | null;
}

/** A comment of the notice with its answer, if any; dates as YYYY-MM-DD. */
export interface CommentWithAnswer {
  id: string;
  itemId: string | null;
  author: string;
  body: string;
  receivedOn: string;
  recordedBy: string;
  recordedAt: Date;
  answerId: string | null;
  answer: string | null;
  upheld: boolean | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  /** When the answer was published on the public notice page (publicity/); null while it is not. */
  answerPublishedAt: Date | null;
}

/** One review of a candidate: the item and the session it belongs to. */
export interface CandidateReviewRow {
  itemId: string;
  sessionId: string;
  title: string;
  year: number;
  sessionStatus: ReviewSessionStatus;
  ballot: ReviewSession['ballot'];
}

/** A candidate waiting for a council member's checklist or vote. */
export interface WaitingWork {
  sessionId: string;
  title: string;
  itemId: string;
  candidateId: string;
  name: string;
}

const SESSION_COLUMNS = `id, title, year, status, quorum_numerator AS "quorumNumerator", quorum_denominator AS "quorumDenominator",
  recognition_percent AS "recognitionPercent", rejection_percent AS "rejectionPercent", ballot, notice_working_days AS "noticeWorkingDays",
  criteria_set_ids AS "criteriaSetIds", chair_name AS "chairName", venue, to_char(checklists_due_on, 'YYYY-MM-DD') AS "checklistsDueOn",
  to_char(voting_closes_on, 'YYYY-MM-DD') AS "votingClosesOn", opened_by AS "openedBy", opened_at AS "openedAt",
  voting_opened_at AS "votingOpenedAt", voting_closed_at AS "votingClosedAt", closed_at AS "closedAt", version, updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `id, session_id AS "sessionId", candidate_id AS "candidateId", criteria_set_id AS "criteriaSetId", status, verdict, outcome, findings,
  added_by AS "addedBy", added_at AS "addedAt", decided_by AS "decidedBy", decided_at AS "decidedAt", closed_at AS "closedAt"`;

@Injectable()
export class ReviewSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Outside a transaction: the application's own manager. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  // ---- the session ----

  /** The session row, locked until the transaction ends: serialises the session's changes and its audit chain. */
  async lock(em: EntityManager, sessionId: string): Promise<ReviewSession | null> {
    const rows = (await em.query(`SELECT ${SESSION_COLUMNS} FROM review_session WHERE id = $1 FOR UPDATE`, [sessionId])) as ReviewSession[];
    return rows[0] ?? null;
  }

  async find(em: EntityManager, sessionId: string): Promise<ReviewSession | null> {
    const rows = (await em.query(`SELECT ${SESSION_COLUMNS} FROM review_session WHERE id = $1`, [sessionId])) as ReviewSession[];
    return rows[0] ?? null;
  }

  async insert(em: EntityManager, session: ReviewSession, members: Omit<ReviewSessionMember, 'session' | 'account' | 'unit'>[]): Promise<void> {
    await em.insert(ReviewSession, session);
    await em.insert(ReviewSessionMember, members);
  }

  /** Moves the session on: new stage and dates, version + 1. */
  async update(
    em: EntityManager,
    session: ReviewSession,
    changes: Partial<Pick<ReviewSession, 'status' | 'votingOpenedAt' | 'votingClosedAt' | 'closedAt'>>,
    now: Date,
  ): Promise<void> {
    const next = { ...session, ...changes };
    await em.query(
      'UPDATE review_session SET status = $2, voting_opened_at = $3, voting_closed_at = $4, closed_at = $5, version = version + 1, updated_at = $6 WHERE id = $1',
      [session.id, next.status, next.votingOpenedAt, next.votingClosedAt, next.closedAt, now],
    );
  }

  /** The sessions, newest first, with how many candidates each holds. */
  async list(filter: { status?: string; year?: number }): Promise<SessionListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`s.status = $${params.push(filter.status)}`);
    if (filter.year) where.push(`s.year = $${params.push(filter.year)}`);
    return (await this.dataSource.query(
      `WITH province AS (SELECT c.id FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE u.parent_id IS NULL ORDER BY u.created_at, u.id LIMIT 1)
       SELECT s.id, s.title, s.year, s.status, s.ballot, s.opened_at AS "openedAt", s.voting_closed_at AS "votingClosedAt", s.closed_at AS "closedAt", s.version,
              (SELECT count(*)::int FROM review_item i WHERE i.session_id = s.id) AS candidates,
              c.id AS "councilId", ${councilNameSql('c')} AS "councilName", cu.name AS "councilUnitName"
         FROM review_session s
         LEFT JOIN council c ON c.id = coalesce(s.council_id, (SELECT id FROM province))
         LEFT JOIN unit cu ON cu.id = ${councilUnitSql('c')}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.opened_at DESC, s.id`,
      params,
    )) as SessionListRow[];
  }

  // ---- the council ----

  /** The accounts named, whatever their role (the caller checks they are active council members). */
  async accounts(em: EntityManager, ids: string[]): Promise<CouncilAccount[]> {
    return (await em.query('SELECT id, display_name AS "displayName", unit_id AS "unitId", role, disabled_at AS "disabledAt" FROM account WHERE id = ANY($1::uuid[])', [ids])) as CouncilAccount[];
  }

  /** Every active council member, by name. */
  async activeCouncilMembers(em: EntityManager): Promise<CouncilAccount[]> {
    return (await em.query(
      `SELECT id, display_name AS "displayName", unit_id AS "unitId", role, disabled_at AS "disabledAt" FROM account WHERE role = 'COUNCIL_MEMBER' AND disabled_at IS NULL ORDER BY display_name`,
    )) as CouncilAccount[];
  }

  /** The sessions an account sits on. */
  async sessionsOfMember(em: EntityManager, accountId: string): Promise<string[]> {
    return ((await em.query('SELECT session_id AS id FROM review_session_member WHERE account_id = $1', [accountId])) as { id: string }[]).map((r) => r.id);
  }

  async members(em: EntityManager, sessionId: string): Promise<MemberWithUnit[]> {
    return (await em.query(
      `SELECT m.account_id AS "accountId", m.display_name AS "displayName", m.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName", m.position, m.attendance
         FROM review_session_member m LEFT JOIN unit u ON u.id = m.unit_id
        WHERE m.session_id = $1 ORDER BY m.display_name, m.account_id`,
      [sessionId],
    )) as MemberWithUnit[];
  }

  async recordAttendance(em: EntityManager, sessionId: string, presentIds: string[]): Promise<void> {
    await em.query(
      `UPDATE review_session_member SET attendance = CASE WHEN account_id = ANY($2::uuid[]) THEN 'PRESENT' ELSE 'ABSENT' END WHERE session_id = $1`,
      [sessionId, presentIds],
    );
  }

  /** The display name of an account, by username (the secretary who opened a session). */
  async displayNameOf(em: EntityManager, username: string): Promise<string | null> {
    const [row] = (await em.query('SELECT display_name AS "displayName" FROM account WHERE username = $1', [username])) as { displayName: string }[];
    return row?.displayName ?? null;
  }

  /** Full names by username, for the accounts a view names by login (who opened, decided, answered, recorded). */
  async displayNames(em: EntityManager, usernames: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(usernames)];
    if (unique.length === 0) return new Map();
    const rows = (await em.query('SELECT username, display_name AS "displayName" FROM account WHERE username = ANY($1::text[])', [unique])) as { username: string; displayName: string }[];
    return new Map(rows.map((r) => [r.username, r.displayName]));
  }

  // ---- candidates in the session ----

  /** A candidate about to be added, share-locked so that it cannot move while it joins. */
  async candidateToAdd(em: EntityManager, candidateId: string): Promise<{ id: string; kind: SubjectKind; state: CandidateState; name: string } | null> {
    const [row] = (await em.query('SELECT id, kind, state, name FROM candidate WHERE id = $1 FOR SHARE', [candidateId])) as { id: string; kind: SubjectKind; state: CandidateState; name: string }[];
    return row ?? null;
  }

  /** The session that holds the candidate now (an item not closed), if any. */
  async sessionHolding(em: EntityManager, candidateId: string): Promise<string | null> {
    const [row] = (await em.query('SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1 AND closed_at IS NULL', [candidateId])) as { sessionId: string }[];
    return row?.sessionId ?? null;
  }

  async insertItem(em: EntityManager, item: ReviewItemRow): Promise<void> {
    await em.insert(ReviewItem, item);
  }

  async item(em: EntityManager, sessionId: string, itemId: string, lock = false): Promise<ReviewItemRow | null> {
    const rows = (await em.query(`SELECT ${ITEM_COLUMNS} FROM review_item WHERE id = $1 AND session_id = $2${lock ? ' FOR UPDATE' : ''}`, [itemId, sessionId])) as ReviewItemRow[];
    return rows[0] ?? null;
  }

  async items(em: EntityManager, sessionId: string): Promise<ReviewItemRow[]> {
    return (await em.query(`SELECT ${ITEM_COLUMNS} FROM review_item WHERE session_id = $1 ORDER BY added_at, id`, [sessionId])) as ReviewItemRow[];
  }

  /** The candidate and the criteria an item is judged on. */
  async itemFacts(em: EntityManager, item: ReviewItemRow): Promise<ItemFacts> {
    const [row] = (await em.query(
      `SELECT c.id, c.name, c.kind, c.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName", c.field, c.state, c.version,
              coalesce((c.snapshot->'context'->>'openHolds')::int, 0) AS "openHolds", s.criteria
         FROM candidate c JOIN unit u ON u.id = c.unit_id JOIN criteria_set s ON s.id = $2 WHERE c.id = $1`,
      [item.candidateId, item.criteriaSetId],
    )) as (ReviewedCandidate & { criteria: CriterionDefinition[] })[];
    const { criteria, ...candidate } = row!;
    return { item, candidate, criteria };
  }

  /** Voting closed on an item: its verdict and outcome, or WITHDRAWN / NO_DECISION with the item closed. */
  async recordOutcome(
    em: EntityManager,
    itemId: string,
    result: { status: 'DECIDABLE' | 'NO_DECISION'; verdict: AnyCouncilVerdict; outcome: CouncilOutcome; findings: RuleFinding[]; closedAt: Date | null },
  ): Promise<void> {
    await em.query('UPDATE review_item SET status = $2, verdict = $3, outcome = $4, findings = $5, closed_at = $6 WHERE id = $1', [
      itemId,
      result.status,
      result.verdict,
      result.outcome,
      JSON.stringify(result.findings),
      result.closedAt,
    ]);
  }

  /** Closes an item whose candidate no longer waits for it (withdrawn by its unit, or dropped on an objection). */
  async closeItemAs(em: EntityManager, itemId: string, status: Extract<ReviewItemStatus, 'WITHDRAWN' | 'DROPPED'>, at: Date): Promise<void> {
    await em.query('UPDATE review_item SET status = $2, closed_at = $3 WHERE id = $1', [itemId, status, at]);
  }

  /** The secretariat confirmed the outcome; a recognised candidate stays held (closedAt null) through the notice. */
  async recordDecided(em: EntityManager, itemId: string, decidedBy: string, at: Date, closedAt: Date | null): Promise<void> {
    await em.query('UPDATE review_item SET status = $2, decided_by = $3, decided_at = $4, closed_at = $5 WHERE id = $1', [itemId, 'DECIDED', decidedBy, at, closedAt]);
  }

  async closeItem(em: EntityManager, itemId: string, at: Date): Promise<void> {
    await em.query('UPDATE review_item SET closed_at = $2 WHERE id = $1', [itemId, at]);
  }

  /** Every review of a candidate, across sessions, oldest first. */
  async reviewsOf(em: EntityManager, candidateId: string): Promise<CandidateReviewRow[]> {
    return (await em.query(
      `SELECT i.id AS "itemId", i.session_id AS "sessionId", s.title, s.year, s.status AS "sessionStatus", s.ballot FROM review_item i JOIN review_session s ON s.id = i.session_id
        WHERE i.candidate_id = $1 ORDER BY i.added_at, i.id`,
      [candidateId],
    )) as CandidateReviewRow[];
  }

  // ---- reviewers ----

  async assignedReviewers(em: EntityManager, itemId: string): Promise<string[]> {
    const rows = (await em.query('SELECT reviewer_id AS "reviewerId" FROM review_assignment WHERE item_id = $1 ORDER BY assigned_at, id', [itemId])) as { reviewerId: string }[];
    return rows.map((r) => r.reviewerId);
  }

  async insertAssignment(em: EntityManager, assignment: Omit<ReviewAssignment, 'item' | 'reviewer'>): Promise<void> {
    await em.insert(ReviewAssignment, assignment);
  }

  /** Checklists the member has yet to submit, in sessions at the stages that take them. */
  async checklistsWaiting(accountId: string, stages: readonly ReviewSessionStatus[]): Promise<WaitingWork[]> {
    return (await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.title, i.id AS "itemId", c.id AS "candidateId", c.name
         FROM review_assignment ra JOIN review_item i ON i.id = ra.item_id JOIN review_session s ON s.id = i.session_id JOIN candidate c ON c.id = i.candidate_id
        WHERE ra.reviewer_id = $1 AND i.status = 'PENDING' AND s.status = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM review_checklist k WHERE k.item_id = i.id AND k.reviewer_id = $1)
        ORDER BY s.opened_at, c.name`,
      [accountId, stages],
    )) as WaitingWork[];
  }

  /** Votes the member has yet to cast, in sessions at the stages that take them, with the units conflicts are judged by. */
  async votesWaiting(accountId: string, stages: readonly ReviewSessionStatus[]): Promise<(WaitingWork & { unitPath: string; memberPath: string | null })[]> {
    return (await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.title, i.id AS "itemId", c.id AS "candidateId", c.name, u.path AS "unitPath", mu.path AS "memberPath"
         FROM review_session_member m JOIN review_session s ON s.id = m.session_id JOIN review_item i ON i.session_id = s.id
         JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id LEFT JOIN unit mu ON mu.id = m.unit_id
        WHERE m.account_id = $1 AND s.status = ANY($2::text[]) AND i.status = 'PENDING'
          AND NOT EXISTS (SELECT 1 FROM council_vote v WHERE v.item_id = i.id AND v.member_id = $1)
        ORDER BY s.opened_at, c.name`,
      [accountId, stages],
    )) as (WaitingWork & { unitPath: string; memberPath: string | null })[];
  }

  // ---- the public notice ----

  async notice(em: EntityManager, sessionId: string): Promise<PublicNoticeRow | null> {
    const [row] = (await em.query(
      `SELECT id, session_id AS "sessionId", to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", working_days AS "workingDays",
              holidays, channels, published_by AS "publishedBy", published_at AS "publishedAt" FROM public_notice WHERE session_id = $1`,
      [sessionId],
    )) as PublicNoticeRow[];
    return row ?? null;
  }

  async insertNotice(em: EntityManager, notice: PublicNoticeRow): Promise<void> {
    await em.insert(PublicNotice, notice);
  }

  async insertComment(em: EntityManager, comment: Omit<NoticeComment, 'notice' | 'item'>): Promise<void> {
    await em.insert(NoticeComment, comment);
  }

  /** A comment of the session's notice. */
  async comment(em: EntityManager, sessionId: string, commentId: string): Promise<{ id: string; itemId: string | null } | null> {
    const [row] = (await em.query(
      'SELECT c.id, c.item_id AS "itemId" FROM notice_comment c JOIN public_notice n ON n.id = c.notice_id WHERE c.id = $1 AND n.session_id = $2',
      [commentId, sessionId],
    )) as { id: string; itemId: string | null }[];
    return row ?? null;
  }

  async isAnswered(em: EntityManager, commentId: string): Promise<boolean> {
    const rows = (await em.query('SELECT 1 FROM notice_answer WHERE comment_id = $1', [commentId])) as unknown[];
    return rows.length > 0;
  }

  async insertAnswer(em: EntityManager, answer: Omit<NoticeAnswer, 'comment'>): Promise<void> {
    await em.insert(NoticeAnswer, answer);
  }

  /** Of the comments named, those about the item whose answer upheld them. */
  async upheldAbout(em: EntityManager, itemId: string, commentIds: string[]): Promise<string[]> {
    const rows = (await em.query(
      `SELECT c.id FROM notice_comment c JOIN notice_answer a ON a.comment_id = c.id
        WHERE c.id = ANY($1::uuid[]) AND c.item_id = $2 AND a.upheld`,
      [commentIds, itemId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async unansweredCount(em: EntityManager, noticeId: string): Promise<number> {
    const [row] = (await em.query(
      'SELECT count(*)::int AS n FROM notice_comment c LEFT JOIN notice_answer a ON a.comment_id = c.id WHERE c.notice_id = $1 AND a.id IS NULL',
      [noticeId],
    )) as { n: number }[];
    return row!.n;
  }

  /** Comments the public sent on the notice (publicity/) that wait for the secretariat's moderation. */
  async pendingPublicComments(em: EntityManager, noticeId: string): Promise<number> {
    const [row] = (await em.query(
      'SELECT count(*)::int AS n FROM public_comment p LEFT JOIN public_comment_moderation m ON m.public_comment_id = p.id WHERE p.notice_id = $1 AND m.public_comment_id IS NULL',
      [noticeId],
    )) as { n: number }[];
    return row!.n;
  }

  /** Every comment of a notice with its answer, in the order they were recorded. */
  async commentsWithAnswers(em: EntityManager, noticeId: string): Promise<CommentWithAnswer[]> {
    return (await em.query(
      `SELECT c.id, c.item_id AS "itemId", c.author, c.body, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn", c.recorded_by AS "recordedBy", c.recorded_at AS "recordedAt",
              a.id AS "answerId", a.body AS "answer", a.upheld, a.answered_by AS "answeredBy", a.answered_at AS "answeredAt",
              p.published_at AS "answerPublishedAt"
         FROM notice_comment c LEFT JOIN notice_answer a ON a.comment_id = c.id LEFT JOIN notice_answer_publication p ON p.answer_id = a.id WHERE c.notice_id = $1 ORDER BY c.recorded_at, c.id`,
      [noticeId],
    )) as CommentWithAnswer[];
  }

  // ---- what the minutes cite ----

  /** The newest record of an audit stream, which the minutes print so that a reader can check them against the trail. */
  /**
   * The shortcomings the council's decision recorded when it returned a candidate from this session (the
   * RETURN_TO_NURTURING record of the candidate's statechart: those gathered from the checklists and those the
   * secretariat added); null when the session did not return it.
   */
  async recordedShortcomings(em: EntityManager, candidateId: string, sessionId: string): Promise<string[] | null> {
    const [row] = (await em.query(
      `SELECT payload->'shortcomings' AS shortcomings FROM audit_event
        WHERE stream = $1 AND event_type = 'RETURN_TO_NURTURING' AND payload->'verdict'->>'sessionId' = $2 ORDER BY seq DESC LIMIT 1`,
      [candidateStream(candidateId), sessionId],
    )) as { shortcomings: string[] | null }[];
    return row ? (row.shortcomings ?? []) : null;
  }

  async auditHead(em: EntityManager, stream: string): Promise<{ seq: number; hash: string } | null> {
    const [row] = (await em.query('SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1', [stream])) as { seq: number; hash: string }[];
    return row ?? null;
  }
}
