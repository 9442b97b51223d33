/**
 * Review sessions (đợt xét) from opening to the final decision: the session's rules and members, the candidates
 * it reviews, reviewer assignment with conflicts of interest excluded, attendance and the opening and closing of
 * the vote, the outcomes the rules give, the secretariat's confirmation through the statechart, the public notice
 * with its comments, and the final recognition.
 *
 * Every change locks the session row first, so a session's changes and its audit chain are serialised; a change
 * that moves a candidate goes through CandidateTransitions in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  decideCouncilOutcome,
  type CandidateEvent,
  type CouncilOutcome,
  type CouncilVerdict,
} from '#workflow';
import { addWorkingDays, holidaySet } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { CandidateTransitions } from '../transitions/candidate-transitions.service.js';
import { inConflict, planAssignments } from './conflict-of-interest.js';
import { CriteriaSets } from './criteria-sets.service.js';
import {
  BallotBox,
  NoticeAnswer,
  NoticeComment,
  PublicNotice,
  ReviewAssignment,
  ReviewItem,
  ReviewSession,
  ReviewSessionMember,
  type BallotKind,
  type CriterionDefinition,
  type CriterionMark,
  type SealedBallot,
} from './review.entities.js';
import { appendSessionAudit, findItem, itemsOf, lockSession, requireItemStatus, requireStatus, updateSession } from './session-records.js';
import { invalidField } from '../common/validation.js';

export interface OpenSessionCommand {
  title: string;
  year: number;
  chairName: string;
  venue?: string;
  ballot: BallotKind;
  quorumNumerator?: number;
  quorumDenominator?: number;
  recognitionPercent?: number;
  rejectionPercent?: number;
  noticeWorkingDays?: number;
  /** The council for this session; all active council members when omitted. */
  memberIds?: string[];
}

/** A session member with the unit path their conflicts are judged by. */
export interface MemberWithUnit {
  accountId: string;
  displayName: string;
  unitId: string | null;
  unitPath: string | null;
  unitName: string | null;
  attendance: 'PRESENT' | 'ABSENT' | null;
}

export interface ItemFacts {
  item: ReviewItem;
  candidate: { id: string; name: string; kind: string; unitId: string; unitPath: string; unitName: string; field: string; state: string; version: number };
  criteria: CriterionDefinition[];
}

/** The checklists in force for an item: the newest of each reviewer's chain (a correction replaces what it corrects). */
export interface ChecklistInForce {
  id: string;
  reviewerId: string;
  marks: CriterionMark[];
  submittedAt: Date;
}

@Injectable()
export class ReviewSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly transitions: CandidateTransitions,
    private readonly criteriaSets: CriteriaSets,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // ---- facts shared with the other review services ----

  async members(em: EntityManager, sessionId: string): Promise<MemberWithUnit[]> {
    return em.query(
      `SELECT m.account_id AS "accountId", m.display_name AS "displayName", m.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName", m.attendance
         FROM review_session_member m LEFT JOIN unit u ON u.id = m.unit_id
        WHERE m.session_id = $1 ORDER BY m.display_name, m.account_id`,
      [sessionId],
    ) as Promise<MemberWithUnit[]>;
  }

  async itemFacts(em: EntityManager, item: ReviewItem): Promise<ItemFacts> {
    const [row] = (await em.query(
      `SELECT c.id, c.name, c.kind, c.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName", c.field, c.state, c.version, s.criteria
         FROM candidate c JOIN unit u ON u.id = c.unit_id JOIN criteria_set s ON s.id = $2 WHERE c.id = $1`,
      [item.candidateId, item.criteriaSetId],
    )) as (ItemFacts['candidate'] & { criteria: CriterionDefinition[] })[];
    const { criteria, ...candidate } = row!;
    return { item, candidate, criteria };
  }

  async checklistsInForce(em: EntityManager, itemId: string): Promise<ChecklistInForce[]> {
    return em.query(
      `SELECT k.id, k.reviewer_id AS "reviewerId", k.marks, k.submitted_at AS "submittedAt"
         FROM review_checklist k
        WHERE k.item_id = $1 AND NOT EXISTS (SELECT 1 FROM review_checklist n WHERE n.corrects_id = k.id)
        ORDER BY k.submitted_at, k.id`,
      [itemId],
    ) as Promise<ChecklistInForce[]>;
  }

  async assignedReviewers(em: EntityManager, itemId: string): Promise<string[]> {
    const rows = (await em.query('SELECT reviewer_id AS "reviewerId" FROM review_assignment WHERE item_id = $1 ORDER BY assigned_at, id', [itemId])) as { reviewerId: string }[];
    return rows.map((r) => r.reviewerId);
  }

  // ---- opening and preparing ----

  async open(command: OpenSessionCommand, actor: Actor): Promise<{ id: string }> {
    const quorumNumerator = command.quorumNumerator ?? 2;
    const quorumDenominator = command.quorumDenominator ?? 3;
    if (quorumNumerator > quorumDenominator) throw invalidField('quorumNumerator', 'max', { vi: 'Tử số không được lớn hơn mẫu số của tỷ lệ tham dự tối thiểu.', en: 'The quorum numerator cannot exceed its denominator.' });
    return this.dataSource.transaction(async (em) => {
      const members = command.memberIds
        ? ((await em.query('SELECT id, display_name AS "displayName", unit_id AS "unitId", role, disabled_at AS "disabledAt" FROM account WHERE id = ANY($1::uuid[])', [command.memberIds])) as {
            id: string;
            displayName: string;
            unitId: string | null;
            role: string;
            disabledAt: Date | null;
          }[])
        : ((await em.query(`SELECT id, display_name AS "displayName", unit_id AS "unitId", role, disabled_at AS "disabledAt" FROM account WHERE role = 'COUNCIL_MEMBER' AND disabled_at IS NULL ORDER BY display_name`)) as {
            id: string;
            displayName: string;
            unitId: string | null;
            role: string;
            disabledAt: Date | null;
          }[]);
      if (command.memberIds) {
        const found = new Set(members.map((m) => m.id));
        const notMembers = command.memberIds.filter((id) => !found.has(id) || members.find((m) => m.id === id)!.role !== 'COUNCIL_MEMBER' || members.find((m) => m.id === id)!.disabledAt);
        if (notMembers.length > 0) throw new DomainError('NOT_COUNCIL_MEMBERS', { field: 'memberIds', accountIds: notMembers });
      }
      if (members.length === 0) throw new DomainError('COUNCIL_HAS_NO_MEMBERS', { field: 'memberIds' });

      const sets = await this.criteriaSets.inForce(em);
      const now = this.clock.now();
      const session = em.create(ReviewSession, {
        id: randomUUID(),
        title: command.title,
        year: command.year,
        status: 'PREPARING',
        quorumNumerator,
        quorumDenominator,
        recognitionPercent: command.recognitionPercent ?? 70,
        rejectionPercent: command.rejectionPercent ?? 50,
        ballot: command.ballot,
        noticeWorkingDays: command.noticeWorkingDays ?? 10,
        criteriaSetIds: Object.fromEntries(sets.map((s) => [s.code, s.id])),
        chairName: command.chairName,
        venue: command.venue ?? null,
        openedBy: actor.username,
        openedAt: now,
        votingOpenedAt: null,
        votingClosedAt: null,
        closedAt: null,
        version: 1,
        updatedAt: now,
      });
      await em.insert(ReviewSession, session);
      await em.insert(
        ReviewSessionMember,
        members.map((m) => ({ sessionId: session.id, accountId: m.id, displayName: m.displayName, unitId: m.unitId, attendance: null })),
      );
      await appendSessionAudit(this.audit, em, session.id, 'SESSION_OPENED', {
        title: session.title,
        year: session.year,
        rules: this.rulesOf(session),
        ballot: session.ballot,
        noticeWorkingDays: session.noticeWorkingDays,
        criteriaSets: sets.map((s) => ({ id: s.id, code: s.code, version: s.version })),
        members: members.map((m) => ({ accountId: m.id, displayName: m.displayName, unitId: m.unitId })),
        chairName: session.chairName,
      }, actor, now);
      return { id: session.id };
    });
  }

  rulesOf(session: Pick<ReviewSession, 'quorumNumerator' | 'quorumDenominator' | 'recognitionPercent' | 'rejectionPercent'>): CouncilVerdict['rules'] {
    return {
      quorum: { numerator: session.quorumNumerator, denominator: session.quorumDenominator },
      recognitionPercent: session.recognitionPercent,
      rejectionPercent: session.rejectionPercent,
    };
  }

  async addCandidate(sessionId: string, candidateId: string, actor: Actor): Promise<{ itemId: string }> {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['PREPARING'], 'thêm hồ sơ');
      const [candidate] = (await em.query('SELECT id, kind, state, name FROM candidate WHERE id = $1 FOR SHARE', [candidateId])) as { id: string; kind: string; state: string; name: string }[];
      if (!candidate) throw new DomainError('REFERENCED_CANDIDATE_NOT_FOUND', { field: 'candidateId', candidateId });
      if (candidate.state !== 'underReview') throw new DomainError('CANDIDATE_NOT_PROPOSED', { field: 'candidateId', candidateId, state: candidate.state });
      const [open] = (await em.query('SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1 AND closed_at IS NULL', [candidateId])) as { sessionId: string }[];
      if (open) throw new DomainError('CANDIDATE_ALREADY_IN_SESSION', { field: 'candidateId', candidateId, sessionId: open.sessionId });
      const [set] = (await em.query('SELECT id FROM criteria_set WHERE id = ANY($1::uuid[]) AND $2 = ANY(applies_to)', [Object.values(session.criteriaSetIds), candidate.kind])) as { id: string }[];
      if (!set) throw new DomainError('CRITERIA_SET_NOT_FOUND', { kind: candidate.kind });
      const now = this.clock.now();
      const item = em.create(ReviewItem, {
        id: randomUUID(),
        sessionId,
        candidateId,
        criteriaSetId: set.id,
        status: 'PENDING',
        verdict: null,
        outcome: null,
        findings: null,
        addedBy: actor.username,
        addedAt: now,
        decidedBy: null,
        decidedAt: null,
        closedAt: null,
      });
      await em.insert(ReviewItem, item);
      await appendSessionAudit(this.audit, em, sessionId, 'CANDIDATE_ADDED', { itemId: item.id, candidateId, criteriaSetId: set.id }, actor, now, candidateId);
      return { itemId: item.id };
    });
  }

  /** Manual assignment: refused as a whole when any reviewer is not a member or has a conflict of interest. */
  async assign(sessionId: string, itemId: string, reviewerIds: string[], actor: Actor): Promise<{ assigned: string[] }> {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['PREPARING', 'VOTING'], 'phân công thành viên đánh giá');
      const item = await findItem(em, sessionId, itemId);
      requireItemStatus(item, ['PENDING']);
      const { candidate } = await this.itemFacts(em, item);
      const members = await this.members(em, sessionId);
      const already = new Set(await this.assignedReviewers(em, itemId));
      for (const reviewerId of reviewerIds) {
        const member = members.find((m) => m.accountId === reviewerId);
        if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { field: 'reviewerIds', accountId: reviewerId });
        if (inConflict(member.unitPath, candidate.unitPath)) throw this.conflict(member, candidate, 'reviewerIds');
      }
      const now = this.clock.now();
      const fresh = [...new Set(reviewerIds)].filter((id) => !already.has(id));
      for (const reviewerId of fresh) {
        await em.insert(ReviewAssignment, { id: randomUUID(), itemId, reviewerId, mode: 'MANUAL', assignedBy: actor.username, assignedAt: now });
      }
      if (fresh.length > 0) {
        await appendSessionAudit(this.audit, em, sessionId, 'REVIEWERS_ASSIGNED', { itemId, candidateId: item.candidateId, reviewerIds: fresh, mode: 'MANUAL' }, actor, now, item.candidateId);
      }
      return { assigned: fresh };
    });
  }

  /** Automatic assignment over every pending candidate: balanced load, conflicts excluded. */
  async assignAutomatically(sessionId: string, perCandidate: number, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['PREPARING', 'VOTING'], 'phân công tự động');
      const members = await this.members(em, sessionId);
      const items = (await itemsOf(em, sessionId)).filter((i) => i.status === 'PENDING');
      const planned = [];
      for (const item of items) {
        const { candidate } = await this.itemFacts(em, item);
        planned.push({ itemId: item.id, unitPath: candidate.unitPath, assigned: await this.assignedReviewers(em, item.id) });
      }
      const { assignments, short } = planAssignments(planned, members, perCandidate);
      const now = this.clock.now();
      for (const a of assignments) {
        await em.insert(ReviewAssignment, { id: randomUUID(), itemId: a.itemId, reviewerId: a.reviewerId, mode: 'AUTOMATIC', assignedBy: actor.username, assignedAt: now });
      }
      await appendSessionAudit(this.audit, em, sessionId, 'REVIEWERS_ASSIGNED', { mode: 'AUTOMATIC', perCandidate, assignments, short }, actor, now);
      return { assignments, short };
    });
  }

  conflict(member: Pick<MemberWithUnit, 'accountId' | 'displayName' | 'unitName'>, candidate: { id: string; name: string; unitName: string }, field?: string): DomainError {
    return new DomainError(
      'CONFLICT_OF_INTEREST',
      { ...(field ? { field } : {}), accountId: member.accountId, candidateId: candidate.id },
      {
        vi: `Xung đột lợi ích: ${member.displayName} (${member.unitName ?? 'không thuộc đơn vị'}) cùng đơn vị, hoặc thuộc đơn vị cấp trên hay cấp dưới của đơn vị có hồ sơ "${candidate.name}" (${candidate.unitName}); không được đánh giá hay biểu quyết hồ sơ này.`,
        en: `Conflict of interest: ${member.displayName} belongs to the unit of "${candidate.name}" or to a unit above or below it, and may neither review nor vote on it.`,
      },
    );
  }

  // ---- the vote ----

  async openVoting(sessionId: string, presentMemberIds: string[], actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['PREPARING'], 'mở biểu quyết');
      const members = await this.members(em, sessionId);
      const unknown = presentMemberIds.filter((id) => !members.some((m) => m.accountId === id));
      if (unknown.length > 0) throw new DomainError('NOT_A_SESSION_MEMBER', { field: 'presentMemberIds', accountIds: unknown });
      const items = (await itemsOf(em, sessionId)).filter((i) => i.status === 'PENDING');
      if (items.length === 0) throw new DomainError('SESSION_HAS_NO_CANDIDATES', {});
      const present = new Set(presentMemberIds);
      await em.query(
        `UPDATE review_session_member SET attendance = CASE WHEN account_id = ANY($2::uuid[]) THEN 'PRESENT' ELSE 'ABSENT' END WHERE session_id = $1`,
        [sessionId, [...present]],
      );
      if (session.ballot === 'SECRET') {
        for (const item of items) await em.insert(BallotBox, { itemId: item.id, ballots: [], sealedAt: null });
      }
      const now = this.clock.now();
      await updateSession(em, session, { status: 'VOTING', votingOpenedAt: now }, now);
      await appendSessionAudit(this.audit, em, sessionId, 'VOTING_OPENED', {
        present: members.filter((m) => present.has(m.accountId)).map((m) => m.accountId),
        absent: members.filter((m) => !present.has(m.accountId)).map((m) => m.accountId),
        ballot: session.ballot,
      }, actor, now);
    });
  }

  /**
   * Closes the vote and computes each candidate's outcome from the rules, the tally and the checklists. Secret
   * urns are sealed; the count of ballots in each urn must equal the members recorded as having voted.
   */
  async closeVoting(sessionId: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['VOTING'], 'kết thúc biểu quyết');
      const members = await this.members(em, sessionId);
      const now = this.clock.now();
      const results: { itemId: string; candidateId: string; outcome: CouncilOutcome | 'WITHDRAWN' }[] = [];
      for (const item of (await itemsOf(em, sessionId)).filter((i) => i.status === 'PENDING')) {
        const facts = await this.itemFacts(em, item);
        if (facts.candidate.state !== 'underReview') {
          await em.query(`UPDATE review_item SET status = 'WITHDRAWN', closed_at = $2 WHERE id = $1`, [item.id, now]);
          results.push({ itemId: item.id, candidateId: item.candidateId, outcome: 'WITHDRAWN' });
          continue;
        }
        const verdict = await this.verdictFor(em, session, facts, members);
        const decision = decideCouncilOutcome(verdict);
        const noDecision = decision.outcome === 'NO_DECISION';
        await em.query('UPDATE review_item SET status = $2, verdict = $3, outcome = $4, findings = $5, closed_at = $6 WHERE id = $1', [
          item.id,
          noDecision ? 'NO_DECISION' : 'DECIDABLE',
          verdict,
          decision.outcome,
          JSON.stringify(decision.findings),
          noDecision ? now : null,
        ]);
        results.push({ itemId: item.id, candidateId: item.candidateId, outcome: decision.outcome });
      }
      if (session.ballot === 'SECRET') await em.query('UPDATE ballot_box SET sealed_at = $2 WHERE item_id IN (SELECT id FROM review_item WHERE session_id = $1)', [sessionId, now]);
      await updateSession(em, session, { status: 'VOTING_CLOSED', votingClosedAt: now }, now);
      await appendSessionAudit(this.audit, em, sessionId, 'VOTING_CLOSED', { results }, actor, now);
      return { results };
    });
  }

  /** Everything the outcome follows from, counted from the records. */
  async verdictFor(em: EntityManager, session: ReviewSession, facts: ItemFacts, members: MemberWithUnit[]): Promise<CouncilVerdict> {
    const eligible = members.filter((m) => !inConflict(m.unitPath, facts.candidate.unitPath));
    const votes = (await em.query('SELECT member_id AS "memberId", choice FROM council_vote WHERE item_id = $1', [facts.item.id])) as { memberId: string; choice: string | null }[];
    let choices: string[];
    if (session.ballot === 'SECRET') {
      const [box] = (await em.query('SELECT ballots FROM ballot_box WHERE item_id = $1', [facts.item.id])) as { ballots: SealedBallot[] }[];
      choices = (box?.ballots ?? []).map((b) => b.choice);
      // The tally is verifiable: one ballot per member recorded as having voted, no more, no fewer.
      if (choices.length !== votes.length) throw new Error(`Ballot box of item ${facts.item.id} holds ${choices.length} ballots for ${votes.length} voters`);
    } else {
      choices = votes.map((v) => v.choice!);
    }
    const assigned = await this.assignedReviewers(em, facts.item.id);
    const inForce = (await this.checklistsInForce(em, facts.item.id)).filter((k) => assigned.includes(k.reviewerId));
    const criteriaCodes = new Set(facts.criteria.map((c) => c.code));
    const reviewed = new Set(inForce.flatMap((k) => k.marks.map((m) => m.criterionCode)).filter((c) => criteriaCodes.has(c)));
    return {
      sessionId: session.id,
      rules: this.rulesOf(session),
      tally: {
        eligible: eligible.length,
        participants: choices.length,
        inFavour: choices.filter((c) => c === 'IN_FAVOUR').length,
        against: choices.filter((c) => c === 'AGAINST').length,
        abstain: choices.filter((c) => c === 'ABSTAIN').length,
      },
      checklists: { assigned: assigned.length, submitted: new Set(inForce.map((k) => k.reviewerId)).size, criteria: criteriaCodes.size, criteriaReviewed: reviewed.size },
    };
  }

  // ---- decisions ----

  /**
   * The secretariat confirms a candidate's outcome. The statechart recomputes it from the verdict and refuses any
   * other decision; a return carries the shortcomings gathered from the checklists (and any the secretariat adds).
   */
  async confirmDecision(sessionId: string, itemId: string, command: { outcome: 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT'; reasons?: string; shortcomings?: string[]; note?: string }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['VOTING_CLOSED'], 'xác nhận quyết định');
      const item = await findItem(em, sessionId, itemId, true);
      requireItemStatus(item, ['DECIDABLE']);
      const facts = await this.itemFacts(em, item);
      const verdict = item.verdict!;
      let event: CandidateEvent;
      if (command.outcome === 'RECOGNISE') {
        event = { type: 'RECOGNISE', verdict, ...(command.note ? { note: command.note } : {}) };
      } else if (command.outcome === 'RETURN_TO_NURTURING') {
        const gathered = await this.shortcomingsFrom(em, facts);
        const shortcomings = [...new Set([...gathered, ...(command.shortcomings ?? [])])];
        event = { type: 'RETURN_TO_NURTURING', verdict, shortcomings: shortcomings.length > 0 ? shortcomings : (item.findings ?? []).map((f) => f.vi) };
      } else {
        event = { type: 'REJECT', verdict, reasons: command.reasons ?? (item.findings ?? []).map((f) => f.vi).join(' ') };
      }
      const result = await this.transitions.sendWithin(em, { candidateId: item.candidateId, event, actor });
      const now = this.clock.now();
      // A recognised candidate stays held by the session until the public notice ends and recognition is final.
      await em.query('UPDATE review_item SET status = $2, decided_by = $3, decided_at = $4, closed_at = $5 WHERE id = $1', [
        item.id,
        'DECIDED',
        actor.username,
        now,
        command.outcome === 'RECOGNISE' ? null : now,
      ]);
      await updateSession(em, session, {}, now);
      await appendSessionAudit(this.audit, em, sessionId, 'DECISION_CONFIRMED', { itemId, candidateId: item.candidateId, outcome: command.outcome, candidateVersion: result.version }, actor, now, item.candidateId);
      return result;
    });
  }

  /** "Criterion: comment" for every criterion a checklist in force marked not met. */
  async shortcomingsFrom(em: EntityManager, facts: ItemFacts): Promise<string[]> {
    const labels = new Map(facts.criteria.map((c) => [c.code, c.vi]));
    const out: string[] = [];
    for (const k of await this.checklistsInForce(em, facts.item.id)) {
      for (const m of k.marks) if (!m.met) out.push(`${labels.get(m.criterionCode) ?? m.criterionCode}: ${m.comment}`);
    }
    return [...new Set(out)];
  }

  // ---- public notice and final decision ----

  async publishNotice(sessionId: string, command: { publishedOn?: string; channels: string }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['VOTING_CLOSED'], 'công khai danh sách');
      const items = await itemsOf(em, sessionId);
      const undecided = items.filter((i) => i.status === 'DECIDABLE');
      if (undecided.length > 0) throw new DomainError('DECISIONS_NOT_CONFIRMED', { itemIds: undecided.map((i) => i.id) });
      const provisional = items.filter((i) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null);
      if (provisional.length === 0) throw new DomainError('NOTHING_TO_PUBLISH', {});
      const today = this.clock.today();
      const publishedOn = command.publishedOn ?? today;
      const closedOn = this.dateIn(session.votingClosedAt!);
      if (publishedOn > today || publishedOn < closedOn) {
        throw new DomainError('NOTICE_DATE_OUT_OF_RANGE', { field: 'publishedOn', publishedOn, earliest: closedOn, latest: today });
      }
      const year = Number(publishedOn.slice(0, 4));
      const holidays = holidaySet(year, year + 1, this.config.publicHolidays);
      const endsOn = addWorkingDays(publishedOn, session.noticeWorkingDays, holidays);
      const used = [...holidays].filter((d) => d > publishedOn && d <= endsOn).sort();
      const now = this.clock.now();
      const notice = em.create(PublicNotice, {
        id: randomUUID(),
        sessionId,
        publishedOn,
        endsOn,
        workingDays: session.noticeWorkingDays,
        holidays: used,
        channels: command.channels,
        publishedBy: actor.username,
        publishedAt: now,
      });
      await em.insert(PublicNotice, notice);
      await updateSession(em, session, { status: 'NOTICE' }, now);
      await appendSessionAudit(this.audit, em, sessionId, 'NOTICE_PUBLISHED', {
        noticeId: notice.id,
        publishedOn,
        endsOn,
        workingDays: session.noticeWorkingDays,
        holidaysInPeriod: used,
        channels: command.channels,
        candidateIds: provisional.map((i) => i.candidateId),
      }, actor, now);
      return { noticeId: notice.id, publishedOn, endsOn, holidaysInPeriod: used };
    });
  }

  dateIn(at: Date): string {
    return this.clock.dateOf(new Date(at));
  }

  async notice(em: EntityManager, sessionId: string): Promise<PublicNotice | null> {
    const [row] = (await em.query(
      `SELECT id, session_id AS "sessionId", to_char(published_on, 'YYYY-MM-DD') AS "publishedOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", working_days AS "workingDays",
              holidays, channels, published_by AS "publishedBy", published_at AS "publishedAt" FROM public_notice WHERE session_id = $1`,
      [sessionId],
    )) as PublicNotice[];
    return row ?? null;
  }

  async recordComment(sessionId: string, command: { itemId?: string; author: string; body: string; receivedOn?: string }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['NOTICE'], 'ghi nhận ý kiến');
      const notice = (await this.notice(em, sessionId))!;
      const today = this.clock.today();
      const receivedOn = command.receivedOn ?? today;
      if (receivedOn > today || receivedOn < notice.publishedOn) {
        throw new DomainError('COMMENT_DATE_OUT_OF_RANGE', { field: 'receivedOn', receivedOn, earliest: notice.publishedOn, latest: today });
      }
      let candidateId: string | null = null;
      if (command.itemId) {
        const item = await findItem(em, sessionId, command.itemId).catch(() => {
          throw new DomainError('REFERENCED_REVIEW_ITEM_NOT_FOUND', { field: 'itemId', itemId: command.itemId });
        });
        if (!(item.status === 'DECIDED' && item.outcome === 'RECOGNISE')) throw new DomainError('ITEM_NOT_ON_NOTICE', { field: 'itemId', itemId: item.id });
        candidateId = item.candidateId;
      }
      const now = this.clock.now();
      const comment = em.create(NoticeComment, {
        id: randomUUID(),
        noticeId: notice.id,
        itemId: command.itemId ?? null,
        author: command.author,
        body: command.body,
        receivedOn,
        recordedBy: actor.username,
        recordedAt: now,
      });
      await em.insert(NoticeComment, comment);
      await updateSession(em, session, {}, now);
      await appendSessionAudit(this.audit, em, sessionId, 'NOTICE_COMMENT_RECORDED', {
        commentId: comment.id,
        itemId: comment.itemId,
        author: comment.author,
        body: comment.body,
        receivedOn,
        late: receivedOn > notice.endsOn,
      }, actor, now, candidateId);
      return { commentId: comment.id, late: receivedOn > notice.endsOn };
    });
  }

  async answerComment(sessionId: string, commentId: string, command: { body: string; upheld: boolean }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['NOTICE'], 'trả lời ý kiến');
      const [comment] = (await em.query(
        'SELECT c.id, c.item_id AS "itemId" FROM notice_comment c JOIN public_notice n ON n.id = c.notice_id WHERE c.id = $1 AND n.session_id = $2',
        [commentId, sessionId],
      )) as { id: string; itemId: string | null }[];
      if (!comment) throw new DomainError('NOTICE_COMMENT_NOT_FOUND', { commentId });
      const [answered] = await em.query('SELECT 1 FROM notice_answer WHERE comment_id = $1', [commentId]);
      if (answered) throw new DomainError('COMMENT_ALREADY_ANSWERED', { commentId });
      const now = this.clock.now();
      const answer = { id: randomUUID(), commentId, body: command.body, upheld: command.upheld, answeredBy: actor.username, answeredAt: now };
      await em.insert(NoticeAnswer, answer);
      await updateSession(em, session, {}, now);
      await appendSessionAudit(this.audit, em, sessionId, 'NOTICE_COMMENT_ANSWERED', { commentId, answerId: answer.id, body: command.body, upheld: command.upheld }, actor, now);
      return { answerId: answer.id };
    });
  }

  /** Drops a provisionally recognised candidate on objections that were upheld: REJECT from the public notice. */
  async dropOnObjection(sessionId: string, itemId: string, command: { reasons: string; commentIds: string[] }, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['NOTICE'], 'loại khỏi danh sách công nhận');
      const item = await findItem(em, sessionId, itemId, true);
      const upheld = (await em.query(
        `SELECT c.id FROM notice_comment c JOIN notice_answer a ON a.comment_id = c.id
          WHERE c.id = ANY($1::uuid[]) AND c.item_id = $2 AND a.upheld`,
        [command.commentIds, itemId],
      )) as { id: string }[];
      const missing = command.commentIds.filter((id) => !upheld.some((u) => u.id === id));
      if (missing.length > 0) throw new DomainError('OBJECTION_NOT_UPHELD', { field: 'commentIds', commentIds: missing });
      const result = await this.transitions.sendWithin(em, { candidateId: item.candidateId, event: { type: 'REJECT', reasons: command.reasons, upheldCommentIds: command.commentIds }, actor });
      const now = this.clock.now();
      await em.query(`UPDATE review_item SET status = 'DROPPED', closed_at = $2 WHERE id = $1`, [item.id, now]);
      await updateSession(em, session, {}, now);
      await appendSessionAudit(this.audit, em, sessionId, 'DROPPED_ON_OBJECTION', { itemId, candidateId: item.candidateId, commentIds: command.commentIds, reasons: command.reasons }, actor, now, item.candidateId);
      return result;
    });
  }

  /**
   * The final decision: every candidate still on the provisional list becomes recognised. Only after the notice
   * period (the statechart's guard refuses earlier) and with every comment answered. A session that recognised no
   * one closes without a notice.
   */
  async finalise(sessionId: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      requireStatus(session, ['VOTING_CLOSED', 'NOTICE'], 'kết thúc phiên xét');
      const items = await itemsOf(em, sessionId);
      const undecided = items.filter((i) => i.status === 'DECIDABLE');
      if (undecided.length > 0) throw new DomainError('DECISIONS_NOT_CONFIRMED', { itemIds: undecided.map((i) => i.id) });
      const provisional = items.filter((i) => i.status === 'DECIDED' && i.outcome === 'RECOGNISE' && i.closedAt === null);
      const notice = await this.notice(em, sessionId);
      if (provisional.length > 0 && !notice) throw new DomainError('NOTICE_NOT_PUBLISHED', {});
      if (notice) {
        const [open] = (await em.query(
          'SELECT count(*)::int AS n FROM notice_comment c LEFT JOIN notice_answer a ON a.comment_id = c.id WHERE c.notice_id = $1 AND a.id IS NULL',
          [notice.id],
        )) as { n: number }[];
        if (open!.n > 0) throw new DomainError('COMMENTS_UNANSWERED', { unanswered: open!.n });
      }
      const confirmedOn = this.clock.today();
      const now = this.clock.now();
      const recognised: string[] = [];
      for (const item of provisional) {
        await this.transitions.sendWithin(em, {
          candidateId: item.candidateId,
          event: { type: 'CONFIRM_RECOGNITION', sessionId, noticeEndsOn: notice!.endsOn, confirmedOn },
          actor,
        });
        await em.query('UPDATE review_item SET closed_at = $2 WHERE id = $1', [item.id, now]);
        recognised.push(item.candidateId);
      }
      await updateSession(em, session, { status: 'CLOSED', closedAt: now }, now);
      await appendSessionAudit(this.audit, em, sessionId, 'SESSION_CLOSED', { recognised, confirmedOn }, actor, now);
      return { recognised, confirmedOn };
    });
  }
}
