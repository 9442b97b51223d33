/**
 * What people read about review sessions: the list, one session whole (rules, members, candidates with their
 * assignments, checklists, participation and outcomes, the notice and its comments), the ballots once voting has
 * closed, a candidate's reviews, and a council member's work waiting for them. Secret choices never appear here:
 * only the urn shows them, unlinked from the voters. Each view has its contract's type (libs/contracts).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Ballots, CandidateReview, CandidateReviews, ChecklistView, MyCouncilWork, ReviewItemView, SessionDetail, SessionSummary } from '#contracts';
import { REVIEW_SESSION_STATUSES, decideVerdict, stagesAllowing, type ReviewSessionStatus } from '#workflow';
import { SessionClearances } from '../clearances/use-cases/session-clearances.js';
import type { Actor } from '../common/actor.js';
import { BallotRepository } from './ballot.repository.js';
import { ChecklistRepository } from './checklist.repository.js';
import { inConflict } from './conflict-of-interest.js';
import { rulesOf } from './council-verdicts.js';
import { CouncilAttendanceRepository } from './council-attendance.repository.js';
import { DomainError } from '../common/domain-error.js';
import { CriteriaSetRepository } from './criteria-set.repository.js';
import type { BallotKind } from './review.entities.js';
import { ReviewSessionRepository, type MemberWithUnit, type ReviewItemRow } from './review-session.repository.js';
import { SessionChanges, requireStage } from './session-changes.js';
import { COUNCIL_POSITIONS, SYSTEM_ACTORS } from '#domain';
import { councilBound } from '../access/council-scope.js';
import { CouncilRepository } from '../councils/council.repository.js';

const positionLabel = (position: string | null) => {
  const { vi, en } = COUNCIL_POSITIONS.find((p) => p.code === (position ?? 'MEMBER'))!;
  return { vi, en };
};
import { Clock } from '../common/clock.js';
import { HoldRepository } from '../holds/hold.repository.js';
import { holdView } from '../holds/hold.views.js';
import { repeatRecognitionOf } from '../lookup/repeat-recognition.js';

/** Holds and earlier recognitions are shown beside each item: the council sees why a candidate cannot be decided. */
const holdRecords = new HoldRepository();

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);

/** A stage with its words, as the views show it beside its code. */
const statusLabel = (status: ReviewSessionStatus) => {
  const { code, vi, en } = REVIEW_SESSION_STATUSES.find((s) => s.code === status)!;
  return { code, vi, en };
};

@Injectable()
export class ReviewSessionViews {
  constructor(
    private readonly sessions: ReviewSessionRepository,
    private readonly checklists: ChecklistRepository,
    private readonly ballotRecords: BallotRepository,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly changes: SessionChanges,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clearances: SessionClearances,
    private readonly councils: CouncilRepository,
    private readonly clock: Clock,
  ) {}

  /** A signed written-opinion form, as stored. */
  async writtenOpinionFile(sessionId: string, opinionId: string) {
    const file = await this.attendance.writtenOpinionFile(this.sessions.reader, sessionId, opinionId);
    if (!file) throw new DomainError('WRITTEN_OPINION_NOT_FOUND', { sessionId, opinionId });
    return file;
  }

  /**
   * The sessions a reader sees: a council member or secretariat account those of the council it serves and those
   * it sits on (a commune's council does not see the province's); an auditor every one.
   */
  async list(filter: { status?: string; year?: number }, actor: Actor): Promise<SessionSummary[]> {
    let rows = await this.sessions.list(filter);
    if (councilBound(actor)) {
      const served = await this.councils.servedBy(this.sessions.reader, actor.accountId);
      const sitsOn = new Set(await this.sessions.sessionsOfMember(this.sessions.reader, actor.accountId));
      rows = rows.filter((r) => (served && r.councilId === served.id) || sitsOn.has(r.id));
    }
    return rows.map(({ councilId, councilName, councilUnitName, ...r }) => ({
      ...r,
      council: councilId ? { id: councilId, name: councilName!, unitName: councilUnitName! } : null,
      statusLabel: statusLabel(r.status),
      openedAt: iso(r.openedAt),
      votingClosedAt: isoOrNull(r.votingClosedAt),
      closedAt: isoOrNull(r.closedAt),
    }));
  }

  async detail(sessionId: string, actor: Actor): Promise<SessionDetail> {
    const em = this.sessions.reader;
    const session = await this.changes.read(em, sessionId);
    const members = await this.sessions.members(em, sessionId);
    const council = await this.councils.ofSession(em, sessionId);
    if (councilBound(actor) && !members.some((m) => m.accountId === actor.accountId)) {
      const served = await this.councils.servedBy(em, actor.accountId);
      if (!served || served.id !== council?.id) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId });
    }
    const items = await this.sessions.items(em, sessionId);
    const notice = await this.sessions.notice(em, sessionId);
    const comments = notice ? await this.sessions.commentsWithAnswers(em, notice.id) : [];
    const pinned = await this.attendance.pinned(em, sessionId);
    const opinions = await this.attendance.writtenOpinions(em, sessionId);
    const casting = await this.attendance.castingVotes(em, sessionId);
    const people = await this.peopleNamed(em, [
      session.openedBy,
      notice?.publishedBy ?? null,
      ...items.map((i) => i.decidedBy),
      ...comments.flatMap((c) => [c.recordedBy, c.answeredBy]),
      ...opinions.map((o) => o.recordedBy),
    ]);
    return {
      people,
      today: this.clock.today(),
      id: session.id,
      title: session.title,
      year: session.year,
      status: session.status,
      statusLabel: statusLabel(session.status),
      version: session.version,
      ballot: session.ballot,
      rules: rulesOf(session),
      ruleSet: pinned
        ? {
            id: pinned.ruleSetId,
            code: pinned.code,
            version: pinned.version,
            name: { vi: pinned.nameVi, en: pinned.nameEn },
            source: { vi: pinned.sourceVi, en: pinned.sourceEn },
            rules: pinned.rules,
            considersAwards: pinned.considersAwards,
          }
        : null,
      writtenOpinions: opinions.map((o) => ({
        id: o.id,
        accountId: o.accountId,
        fileName: o.fileName,
        contentType: o.contentType,
        sizeBytes: o.sizeBytes,
        sha256: o.sha256,
        choices: o.choices,
        recordedBy: o.recordedBy,
        recordedAt: iso(o.recordedAt),
      })),
      noticeWorkingDays: session.noticeWorkingDays,
      criteriaSetIds: session.criteriaSetIds,
      council: council ? { id: council.id, name: council.name, unitName: council.unitName } : null,
      chairName: session.chairName,
      venue: session.venue,
      checklistsDueOn: session.checklistsDueOn,
      votingClosesOn: session.votingClosesOn,
      openedBy: session.openedBy,
      openedAt: iso(session.openedAt),
      votingOpenedAt: isoOrNull(session.votingOpenedAt),
      votingClosedAt: isoOrNull(session.votingClosedAt),
      closedAt: isoOrNull(session.closedAt),
      members: members.map((m) => ({
        accountId: m.accountId,
        displayName: m.displayName,
        unitId: m.unitId,
        unitName: m.unitName,
        position: m.position ?? 'MEMBER',
        positionLabel: positionLabel(m.position),
        attendance: m.attendance,
      })),
      items: await Promise.all(items.map((i) => this.itemView(em, session.ballot, i, members, actor, casting.get(i.id)?.choice ?? null))),
      notice: notice ? { ...notice, publishedAt: iso(notice.publishedAt) } : null,
      comments: comments.map((c) => ({ ...c, recordedAt: iso(c.recordedAt), answeredAt: isoOrNull(c.answeredAt), answerPublishedAt: isoOrNull(c.answerPublishedAt) })),
    };
  }

  private async itemView(em: EntityManager, ballot: BallotKind, item: ReviewItemRow, members: MemberWithUnit[], actor: Actor, castingVote: 'FOR' | 'AGAINST' | null = null): Promise<ReviewItemView> {
    const facts = await this.sessions.itemFacts(em, item);
    const assigned = await this.sessions.assignedReviewers(em, item.id);
    const checklists = await this.checklistHistory(em, item.id);
    const votes = await this.ballotRecords.participation(em, item.id);
    const decision = item.verdict ? decideVerdict(item.verdict) : null;
    const { candidate } = facts;
    return {
      id: item.id,
      status: item.status,
      candidate: {
        id: candidate.id,
        name: candidate.name,
        kind: candidate.kind,
        unitId: candidate.unitId,
        unitName: candidate.unitName,
        field: candidate.field,
        state: candidate.state,
        version: candidate.version,
      },
      criteriaSetId: item.criteriaSetId,
      criteria: facts.criteria,
      conflicts: members.filter((m) => inConflict(m.unitPath, candidate.unitPath)).map((m) => m.accountId),
      reviewers: assigned,
      checklists,
      voted: votes.map((v) => v.memberId),
      votedModes: Object.fromEntries(votes.map((v) => [v.memberId, v.mode])),
      myVote: votes.some((v) => v.memberId === actor.accountId),
      verdict: item.verdict,
      outcome: item.outcome,
      quorumMet: decision?.quorumMet ?? null,
      thresholdMet: decision?.thresholdMet ?? null,
      figures: decision && 'figures' in decision ? (decision.figures as ReviewItemView['figures']) : null,
      castingVote,
      findings: item.findings,
      decidedBy: item.decidedBy,
      decidedAt: isoOrNull(item.decidedAt),
      closedAt: isoOrNull(item.closedAt),
      ballot,
      clearances: await this.clearances.views(em, item.sessionId, item.id),
      holds: (await holdRecords.listOf(em, candidate.id)).map(holdView),
      repeatRecognition: await repeatRecognitionOf(em, candidate.id),
    };
  }

  /**
   * What a person is called, for every login this view names: the account's full name, the system's own actors in
   * words (libs/domain), and a login that matches neither left as it is.
   */
  private async peopleNamed(em: EntityManager, logins: (string | null)[]): Promise<Record<string, string>> {
    const wanted = [...new Set(logins.filter((l): l is string => !!l))];
    const names = await this.sessions.displayNames(em, wanted);
    return Object.fromEntries(wanted.map((l) => [l, names.get(l) ?? SYSTEM_ACTORS[l]?.vi ?? l]));
  }

  /** Every checklist of an item, oldest first, each saying whether it is in force or which one corrected it. */
  private async checklistHistory(em: EntityManager, itemId: string): Promise<ChecklistView[]> {
    const rows = await this.checklists.history(em, itemId);
    return rows.map((r) => ({ ...r, inForce: r.correctedById === null, submittedAt: iso(r.submittedAt) }));
  }

  /**
   * The ballots of a candidate once voting has closed: for a secret ballot the urn (receipt hashes and choices, in
   * the urn's shuffled order) with the members recorded as having voted; for an open ballot each vote.
   */
  async ballots(sessionId: string, itemId: string): Promise<Ballots> {
    const em = this.sessions.reader;
    const session = await this.changes.read(em, sessionId);
    const item = await this.changes.item(em, sessionId, itemId);
    requireStage(session, 'SEE_BALLOTS');
    const votes = await this.ballotRecords.namedVotes(em, item.id);
    if (session.ballot === 'SECRET') {
      const urn = await this.ballotRecords.urn(em, item.id);
      return {
        ballot: 'SECRET',
        voters: votes.map((v) => ({ memberId: v.memberId, displayName: v.displayName, mode: v.mode })),
        ballots: urn?.ballots ?? [],
        countsMatch: (urn?.ballots.length ?? 0) === votes.length,
      };
    }
    return { ballot: 'OPEN', votes: votes.map((v) => ({ ...v, choice: v.choice!, castAt: iso(v.castAt) })) };
  }

  /** Every review of a candidate across sessions, with checklists and the outcome. */
  async forCandidate(candidateId: string, actor: Actor): Promise<CandidateReviews> {
    const em = this.sessions.reader;
    const reviews: CandidateReview[] = [];
    for (const r of await this.sessions.reviewsOf(em, candidateId)) {
      const item = (await this.sessions.item(em, r.sessionId, r.itemId))!;
      const members = await this.sessions.members(em, r.sessionId);
      const casting = await this.attendance.castingVotes(em, r.sessionId);
      const view = await this.itemView(em, r.ballot, item, members, actor, casting.get(item.id)?.choice ?? null);
      const set = (await this.criteriaSets.version(em, item.criteriaSetId))!;
      reviews.push({
        session: { id: r.sessionId, title: r.title, year: r.year, status: r.sessionStatus },
        criteriaSet: { id: item.criteriaSetId, code: set.code, version: set.version },
        ...view,
      });
    }
    return { candidateId, reviews };
  }

  /** A council member's waiting work: checklists to submit and votes to cast, at the stages that take them. */
  async myWork(actor: Actor): Promise<MyCouncilWork> {
    const checklists = await this.sessions.checklistsWaiting(actor.accountId, stagesAllowing('SUBMIT_CHECKLIST'));
    const votes = await this.sessions.votesWaiting(actor.accountId, stagesAllowing('CAST_VOTE'));
    return {
      checklists,
      votes: votes.filter((v) => !inConflict(v.memberPath, v.unitPath)).map(({ unitPath: _u, memberPath: _m, ...v }) => v),
    };
  }
}
