/**
 * What people read about review sessions: the list, one session whole (rules, members, candidates with their
 * assignments, checklists, participation and outcomes, the notice and its comments), a candidate's reviews, and
 * a council member's work waiting for them. Secret choices never appear here: only the urn shows them, unlinked.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decideCouncilOutcome } from '#workflow';
import type { Actor } from '../common/actor.js';
import { inConflict } from './conflict-of-interest.js';
import type { CriterionDefinition, CriterionMark, ReviewItem } from './review.entities.js';
import { ReviewSessions } from './review-sessions.service.js';
import { SESSION_STATUSES, itemsOf, readSession } from './session-records.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

@Injectable()
export class ReviewViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessions,
  ) {}

  async list(filter: { status?: string; year?: number }) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`s.status = $${params.push(filter.status)}`);
    if (filter.year) where.push(`s.year = $${params.push(filter.year)}`);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.title, s.year, s.status, s.ballot, s.opened_at AS "openedAt", s.voting_closed_at AS "votingClosedAt", s.closed_at AS "closedAt", s.version,
              (SELECT count(*)::int FROM review_item i WHERE i.session_id = s.id) AS candidates
         FROM review_session s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.opened_at DESC, s.id`,
      params,
    )) as { id: string; status: string; openedAt: Date; votingClosedAt: Date | null; closedAt: Date | null }[];
    return rows.map((r) => ({ ...r, statusLabel: SESSION_STATUSES.find((s) => s.code === r.status), openedAt: iso(r.openedAt), votingClosedAt: iso(r.votingClosedAt), closedAt: iso(r.closedAt) }));
  }

  async detail(sessionId: string, actor: Actor) {
    const em = this.dataSource.manager;
    const session = await readSession(em, sessionId);
    const members = await this.sessions.members(em, sessionId);
    const items = await itemsOf(em, sessionId);
    const notice = await this.sessions.notice(em, sessionId);
    const comments = notice
      ? ((await em.query(
          `SELECT c.id, c.item_id AS "itemId", c.author, c.body, to_char(c.received_on, 'YYYY-MM-DD') AS "receivedOn", c.recorded_by AS "recordedBy", c.recorded_at AS "recordedAt",
                  a.id AS "answerId", a.body AS "answer", a.upheld, a.answered_by AS "answeredBy", a.answered_at AS "answeredAt"
             FROM notice_comment c LEFT JOIN notice_answer a ON a.comment_id = c.id WHERE c.notice_id = $1 ORDER BY c.recorded_at, c.id`,
          [notice.id],
        )) as Record<string, unknown>[])
      : [];
    return {
      id: session.id,
      title: session.title,
      year: session.year,
      status: session.status,
      statusLabel: SESSION_STATUSES.find((s) => s.code === session.status),
      version: session.version,
      ballot: session.ballot,
      rules: this.sessions.rulesOf(session),
      noticeWorkingDays: session.noticeWorkingDays,
      criteriaSetIds: session.criteriaSetIds,
      chairName: session.chairName,
      venue: session.venue,
      openedBy: session.openedBy,
      openedAt: iso(session.openedAt),
      votingOpenedAt: iso(session.votingOpenedAt),
      votingClosedAt: iso(session.votingClosedAt),
      closedAt: iso(session.closedAt),
      members: members.map((m) => ({ accountId: m.accountId, displayName: m.displayName, unitId: m.unitId, unitName: m.unitName, attendance: m.attendance })),
      items: await Promise.all(items.map((i) => this.itemView(em, session.ballot, i, members, actor))),
      notice: notice ? { ...notice, publishedAt: iso(notice.publishedAt) } : null,
      comments: comments.map((c) => ({ ...c, recordedAt: iso(c.recordedAt as Date), answeredAt: iso(c.answeredAt as Date | null) })),
    };
  }

  private async itemView(em: EntityManager, ballot: string, item: ReviewItem, members: Awaited<ReturnType<ReviewSessions['members']>>, actor: Actor) {
    const facts = await this.sessions.itemFacts(em, item);
    const assigned = await this.sessions.assignedReviewers(em, item.id);
    const checklists = await this.checklistHistory(em, item.id);
    const votes = (await em.query('SELECT member_id AS "memberId", mode FROM council_vote WHERE item_id = $1', [item.id])) as { memberId: string; mode: string }[];
    const decision = item.verdict ? decideCouncilOutcome(item.verdict) : null;
    return {
      id: item.id,
      status: item.status,
      candidate: { id: facts.candidate.id, name: facts.candidate.name, kind: facts.candidate.kind, unitId: facts.candidate.unitId, unitName: facts.candidate.unitName, field: facts.candidate.field, state: facts.candidate.state, version: facts.candidate.version },
      criteriaSetId: item.criteriaSetId,
      criteria: facts.criteria,
      conflicts: members.filter((m) => inConflict(m.unitPath, facts.candidate.unitPath)).map((m) => m.accountId),
      reviewers: assigned,
      checklists,
      voted: votes.map((v) => v.memberId),
      votedModes: Object.fromEntries(votes.map((v) => [v.memberId, v.mode])),
      myVote: votes.some((v) => v.memberId === actor.accountId),
      verdict: item.verdict,
      outcome: item.outcome,
      quorumMet: decision?.quorumMet ?? null,
      thresholdMet: decision?.thresholdMet ?? null,
      findings: item.findings,
      decidedBy: item.decidedBy,
      decidedAt: iso(item.decidedAt),
      closedAt: iso(item.closedAt),
      ballot,
    };
  }

  /** Every checklist of an item, oldest first, each saying whether it is in force or which one corrected it. */
  async checklistHistory(em: EntityManager, itemId: string) {
    const rows = (await em.query(
      `SELECT k.id, k.reviewer_id AS "reviewerId", a.display_name AS "reviewerName", k.criteria_set_id AS "criteriaSetId", k.marks, k.corrects_id AS "correctsId", k.submitted_at AS "submittedAt",
              (SELECT n.id FROM review_checklist n WHERE n.corrects_id = k.id) AS "correctedById"
         FROM review_checklist k JOIN account a ON a.id = k.reviewer_id WHERE k.item_id = $1 ORDER BY k.submitted_at, k.id`,
      [itemId],
    )) as { id: string; reviewerId: string; reviewerName: string; marks: CriterionMark[]; correctsId: string | null; correctedById: string | null; submittedAt: Date }[];
    return rows.map((r) => ({ ...r, inForce: r.correctedById === null, submittedAt: iso(r.submittedAt) }));
  }

  /** Every review of a candidate across sessions, with checklists and the outcome. */
  async forCandidate(candidateId: string, actor: Actor) {
    const em = this.dataSource.manager;
    const rows = (await em.query(
      `SELECT i.id AS "itemId", i.session_id AS "sessionId", s.title, s.year, s.status AS "sessionStatus", s.ballot FROM review_item i JOIN review_session s ON s.id = i.session_id
        WHERE i.candidate_id = $1 ORDER BY i.added_at, i.id`,
      [candidateId],
    )) as { itemId: string; sessionId: string; title: string; year: number; sessionStatus: string; ballot: string }[];
    const out = [];
    for (const r of rows) {
      const [item] = (await itemsOf(em, r.sessionId)).filter((i) => i.id === r.itemId);
      const members = await this.sessions.members(em, r.sessionId);
      const view = await this.itemView(em, r.ballot, item!, members, actor);
      const [set] = (await em.query('SELECT code, version, criteria FROM criteria_set WHERE id = $1', [item!.criteriaSetId])) as { code: string; version: number; criteria: CriterionDefinition[] }[];
      out.push({ session: { id: r.sessionId, title: r.title, year: r.year, status: r.sessionStatus }, criteriaSet: { id: item!.criteriaSetId, code: set!.code, version: set!.version }, ...view });
    }
    return { candidateId, reviews: out };
  }

  /** A council member's waiting work: checklists to submit and votes to cast. */
  async myWork(actor: Actor) {
    const em = this.dataSource.manager;
    const checklists = (await em.query(
      `SELECT s.id AS "sessionId", s.title, i.id AS "itemId", c.id AS "candidateId", c.name
         FROM review_assignment ra JOIN review_item i ON i.id = ra.item_id JOIN review_session s ON s.id = i.session_id JOIN candidate c ON c.id = i.candidate_id
        WHERE ra.reviewer_id = $1 AND i.status = 'PENDING' AND s.status IN ('PREPARING', 'VOTING')
          AND NOT EXISTS (SELECT 1 FROM review_checklist k WHERE k.item_id = i.id AND k.reviewer_id = $1)
        ORDER BY s.opened_at, c.name`,
      [actor.accountId],
    )) as Record<string, unknown>[];
    const votes = (await em.query(
      `SELECT s.id AS "sessionId", s.title, i.id AS "itemId", c.id AS "candidateId", c.name, u.path AS "unitPath", mu.path AS "memberPath"
         FROM review_session_member m JOIN review_session s ON s.id = m.session_id JOIN review_item i ON i.session_id = s.id
         JOIN candidate c ON c.id = i.candidate_id JOIN unit u ON u.id = c.unit_id LEFT JOIN unit mu ON mu.id = m.unit_id
        WHERE m.account_id = $1 AND s.status = 'VOTING' AND i.status = 'PENDING'
          AND NOT EXISTS (SELECT 1 FROM council_vote v WHERE v.item_id = i.id AND v.member_id = $1)
        ORDER BY s.opened_at, c.name`,
      [actor.accountId],
    )) as { unitPath: string; memberPath: string | null }[];
    return {
      checklists,
      votes: votes.filter((v) => !inConflict(v.memberPath, v.unitPath)).map(({ unitPath: _u, memberPath: _m, ...v }) => v),
    };
  }
}
