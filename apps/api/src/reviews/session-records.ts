/**
 * Shared steps of every change to a review session: lock the session row (which serialises the session's writers
 * and guards its audit chain), check the session is at a stage that allows the change, and append the audit
 * record to the session's stream — all inside the caller's transaction.
 */
import type { EntityManager } from 'typeorm';
import type { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import type { ItemStatus, ReviewItem, ReviewSession, SessionStatus } from './review.entities.js';
import { reviewSessionStream } from '../audit/streams.js';


export const SESSION_STATUSES: readonly { code: SessionStatus; vi: string; en: string }[] = [
  { code: 'PREPARING', vi: 'Chuẩn bị (thêm hồ sơ, phân công, đánh giá)', en: 'Preparing (candidates, assignments, checklists)' },
  { code: 'VOTING', vi: 'Đang biểu quyết', en: 'Voting' },
  { code: 'VOTING_CLOSED', vi: 'Đã kết thúc biểu quyết', en: 'Voting closed' },
  { code: 'NOTICE', vi: 'Đang công khai lấy ý kiến', en: 'On public notice' },
  { code: 'CLOSED', vi: 'Đã kết thúc', en: 'Closed' },
];

const SESSION_COLUMNS = `id, title, year, status, quorum_numerator AS "quorumNumerator", quorum_denominator AS "quorumDenominator",
  recognition_percent AS "recognitionPercent", rejection_percent AS "rejectionPercent", ballot, notice_working_days AS "noticeWorkingDays",
  criteria_set_ids AS "criteriaSetIds", chair_name AS "chairName", venue, opened_by AS "openedBy", opened_at AS "openedAt",
  voting_opened_at AS "votingOpenedAt", voting_closed_at AS "votingClosedAt", closed_at AS "closedAt", version, updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `id, session_id AS "sessionId", candidate_id AS "candidateId", criteria_set_id AS "criteriaSetId", status, verdict, outcome, findings,
  added_by AS "addedBy", added_at AS "addedAt", decided_by AS "decidedBy", decided_at AS "decidedAt", closed_at AS "closedAt"`;

export async function lockSession(em: EntityManager, sessionId: string): Promise<ReviewSession> {
  const rows = (await em.query(`SELECT ${SESSION_COLUMNS} FROM review_session WHERE id = $1 FOR UPDATE`, [sessionId])) as ReviewSession[];
  if (!rows[0]) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
  return rows[0];
}

export async function readSession(em: EntityManager, sessionId: string): Promise<ReviewSession> {
  const rows = (await em.query(`SELECT ${SESSION_COLUMNS} FROM review_session WHERE id = $1`, [sessionId])) as ReviewSession[];
  if (!rows[0]) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
  return rows[0];
}

export async function findItem(em: EntityManager, sessionId: string, itemId: string, lock = false): Promise<ReviewItem> {
  const rows = (await em.query(`SELECT ${ITEM_COLUMNS} FROM review_item WHERE id = $1 AND session_id = $2${lock ? ' FOR UPDATE' : ''}`, [itemId, sessionId])) as ReviewItem[];
  if (!rows[0]) throw new DomainError('REVIEW_ITEM_NOT_FOUND', { sessionId, itemId });
  return rows[0];
}

export async function itemsOf(em: EntityManager, sessionId: string): Promise<ReviewItem[]> {
  return (await em.query(`SELECT ${ITEM_COLUMNS} FROM review_item WHERE session_id = $1 ORDER BY added_at, id`, [sessionId])) as ReviewItem[];
}

/** Refuses a change the session's stage does not allow, naming the stage and the stages that would. */
export function requireStatus(session: ReviewSession, allowed: readonly SessionStatus[], action: string): void {
  if (!allowed.includes(session.status)) {
    const label = SESSION_STATUSES.find((s) => s.code === session.status)!;
    throw new DomainError('SESSION_STAGE_FORBIDS', { status: session.status, allowed, action }, {
      vi: `Phiên xét đang ở giai đoạn "${label.vi}"; không thể thực hiện thao tác này (${action}).`,
      en: `The review session is at the stage "${label.en}"; this action (${action}) is not possible now.`,
    });
  }
}

export function requireItemStatus(item: ReviewItem, allowed: readonly ItemStatus[]): void {
  if (!allowed.includes(item.status)) throw new DomainError('REVIEW_ITEM_STAGE_FORBIDS', { itemId: item.id, status: item.status, allowed });
}

/** Moves the session on: new status and fields, version + 1. */
export async function updateSession(em: EntityManager, session: ReviewSession, changes: Partial<Pick<ReviewSession, 'status' | 'votingOpenedAt' | 'votingClosedAt' | 'closedAt'>>, now: Date): Promise<void> {
  const next = { ...session, ...changes };
  await em.query(
    'UPDATE review_session SET status = $2, voting_opened_at = $3, voting_closed_at = $4, closed_at = $5, version = version + 1, updated_at = $6 WHERE id = $1',
    [session.id, next.status, next.votingOpenedAt, next.votingClosedAt, next.closedAt, now],
  );
}

export async function appendSessionAudit(
  audit: AuditWriter,
  em: EntityManager,
  sessionId: string,
  eventType: string,
  payload: Record<string, unknown>,
  actor: Actor,
  now: Date,
  candidateId: string | null = null,
): Promise<void> {
  await audit.append(em, { stream: reviewSessionStream(sessionId), candidateId, eventType, payload: { sessionId, ...payload }, actor: actor.username, occurredAt: now });
}
