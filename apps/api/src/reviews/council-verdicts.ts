/**
 * What a council outcome follows from, counted from the records: the session's rules, the tally of the votes of
 * the members allowed to vote (from the urn in a secret ballot), and how far the assigned reviewers' checklists
 * cover the criteria. libs/workflow decides the outcome from it; this only counts.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  decideCouncilOutcome,
  decideInSession,
  decideUnderRuleSet,
  preferredAmongEquals,
  type AnyCouncilVerdict,
  type ChecklistCoverage,
  type CouncilDecision,
  type CouncilVerdict,
  type QuotaStanding,
  type RuleSetTally,
  type SessionDecision,
  type SessionVerdict,
} from '#workflow';
import { ClearanceRepository, statusOf } from '../clearances/clearance.repository.js';
import { Clock } from '../common/clock.js';
import { BallotRepository } from './ballot.repository.js';
import { ChecklistRepository } from './checklist.repository.js';
import { inConflict } from './conflict-of-interest.js';
import { CouncilAttendanceRepository, type PinnedRuleSetRow } from './council-attendance.repository.js';
import type { ReviewSession } from './review.entities.js';
import { ReviewSessionRepository, type ItemFacts, type MemberWithUnit, type ReviewItemRow } from './review-session.repository.js';

/** One candidate judged: the verdict its decision event will carry, and what the rules give for it. */
export interface Judged {
  item: ReviewItemRow;
  facts: ItemFacts;
  verdict: AnyCouncilVerdict;
  decision: CouncilDecision | SessionDecision;
}

/** The session's decision rules, as the verdict carries them. */
export function rulesOf(session: Pick<ReviewSession, 'quorumNumerator' | 'quorumDenominator' | 'recognitionPercent' | 'rejectionPercent'>): CouncilVerdict['rules'] {
  return {
    quorum: { numerator: session.quorumNumerator, denominator: session.quorumDenominator },
    recognitionPercent: session.recognitionPercent,
    rejectionPercent: session.rejectionPercent,
  };
}

@Injectable()
export class CouncilVerdicts {
  constructor(
    private readonly sessions: ReviewSessionRepository,
    private readonly checklists: ChecklistRepository,
    private readonly ballots: BallotRepository,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clearances: ClearanceRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Judges the candidates of a session as voting closes (or as the chair's casting vote changes a tie): under the
   * rule set the session pinned, each candidate's tally over all members with their attendance, written opinions,
   * recusals and the chair's casting vote, then the quota with the preference among equals across the session;
   * under the session's own percentages for a session opened before rule sets.
   */
  async judge(em: EntityManager, session: ReviewSession, items: { item: ReviewItemRow; facts: ItemFacts }[], members: MemberWithUnit[]): Promise<Judged[]> {
    const pinned = await this.attendance.pinned(em, session.id);
    if (!pinned) {
      const out: Judged[] = [];
      for (const { item, facts } of items) {
        const verdict = await this.verdictFor(em, session, facts, members);
        out.push({ item, facts, verdict, decision: decideCouncilOutcome(verdict) });
      }
      return out;
    }
    const opinions = await this.attendance.writtenOpinions(em, session.id);
    const casting = await this.attendance.castingVotes(em, session.id);
    const first: { item: ReviewItemRow; facts: ItemFacts; verdict: SessionVerdict }[] = [];
    for (const { item, facts } of items) {
      const tally = await this.tallyUnder(em, pinned, session, facts, members, opinions, casting.get(item.id)?.choice ?? null);
      // The clearances as they stand when the council judges, only when some were requested; the rule set says
      // whether they block (decideUnderRuleSet).
      const { requests } = await this.clearancesFor(em, session.id, item.id);
      const verdict: SessionVerdict = { sessionId: session.id, ruleSet: pinned.rules, tally, checklists: await this.coverage(em, facts), considersAwards: pinned.considersAwards, ...(requests.length > 0 ? { clearances: requests } : {}) };
      first.push({ item, facts, verdict });
    }
    if (pinned.rules.quota === null) return first.map((j) => ({ ...j, decision: decideInSession(j.verdict) }));
    // The quota ranks every candidate the rule set recognises; each verdict carries the standing so the guard can rank again.
    const shares = await this.attendance.womenShares(em, first.map((j) => j.item.candidateId));
    const order = new Map((await this.sessions.items(em, session.id)).map((i, n) => [i.id, n + 1]));
    const standing: QuotaStanding[] = first
      .filter((j) => decideUnderRuleSet(j.verdict).outcome === 'RECOGNISE')
      .map((j) => ({ candidateId: j.item.candidateId, inFavour: j.verdict.tally.inFavour, preferred: preferredAmongEquals(shares.get(j.item.candidateId)), order: order.get(j.item.id)! }));
    return first.map((j) => {
      const verdict: SessionVerdict = { ...j.verdict, candidateId: j.item.candidateId, standing };
      return { ...j, verdict, decision: decideInSession(verdict) };
    });
  }

  /** One candidate's tally under a rule set: every member, their attendance, recusals, votes and written opinions. */
  private async tallyUnder(
    em: EntityManager,
    pinned: PinnedRuleSetRow,
    session: ReviewSession,
    facts: ItemFacts,
    members: MemberWithUnit[],
    opinions: { accountId: string; choices: Record<string, string> }[],
    chairCastingVote: RuleSetTally['chairCastingVote'],
  ): Promise<RuleSetTally> {
    const recused = new Set(members.filter((m) => inConflict(m.unitPath, facts.candidate.unitPath)).map((m) => m.accountId));
    const choices = await this.countedChoices(em, session, facts);
    if (pinned.rules.writtenOpinionsCount) {
      for (const o of opinions) {
        const member = members.find((m) => m.accountId === o.accountId);
        const choice = o.choices[facts.item.id];
        if (member?.attendance === 'WRITTEN_OPINION' && choice && !recused.has(o.accountId)) choices.push(choice);
      }
    }
    return {
      members: members.length,
      present: members.filter((m) => m.attendance === 'PRESENT').length,
      writtenOpinions: members.filter((m) => m.attendance === 'WRITTEN_OPINION').length,
      recused: recused.size,
      inFavour: choices.filter((c) => c === 'IN_FAVOUR').length,
      against: choices.filter((c) => c === 'AGAINST').length,
      abstain: choices.filter((c) => c === 'ABSTAIN').length,
      chairCastingVote,
    };
  }

  /** The choices cast in the session (from the urn in a secret ballot: one ballot per member recorded as having voted). */
  private async countedChoices(em: EntityManager, session: ReviewSession, facts: ItemFacts): Promise<string[]> {
    const votes = await this.ballots.votes(em, facts.item.id);
    if (session.ballot !== 'SECRET') return votes.map((v) => v.choice!);
    const choices = ((await this.ballots.urn(em, facts.item.id))?.ballots ?? []).map((b) => b.choice as string);
    if (choices.length !== votes.length) throw new Error(`Ballot box of item ${facts.item.id} holds ${choices.length} ballots for ${votes.length} voters`);
    return choices;
  }

  /** How far the assigned reviewers' checklists in force cover the criteria. */
  private async coverage(em: EntityManager, facts: ItemFacts): Promise<ChecklistCoverage> {
    const assigned = await this.sessions.assignedReviewers(em, facts.item.id);
    const inForce = (await this.checklists.inForce(em, facts.item.id)).filter((k) => assigned.includes(k.reviewerId));
    const criteriaCodes = new Set(facts.criteria.map((c) => c.code));
    const reviewed = new Set(inForce.flatMap((k) => k.marks.map((m) => m.criterionCode)).filter((c) => criteriaCodes.has(c)));
    return { assigned: assigned.length, submitted: new Set(inForce.map((k) => k.reviewerId)).size, criteria: criteriaCodes.size, criteriaReviewed: reviewed.size };
  }

  /** Everything the outcome follows from, counted from the records. */
  async verdictFor(em: EntityManager, session: ReviewSession, facts: ItemFacts, members: MemberWithUnit[]): Promise<CouncilVerdict> {
    const eligible = members.filter((m) => !inConflict(m.unitPath, facts.candidate.unitPath));
    const votes = await this.ballots.votes(em, facts.item.id);
    let choices: string[];
    if (session.ballot === 'SECRET') {
      choices = ((await this.ballots.urn(em, facts.item.id))?.ballots ?? []).map((b) => b.choice);
      // The tally is verifiable: one ballot per member recorded as having voted, no more, no fewer.
      if (choices.length !== votes.length) throw new Error(`Ballot box of item ${facts.item.id} holds ${choices.length} ballots for ${votes.length} voters`);
    } else {
      choices = votes.map((v) => v.choice!);
    }
    const assigned = await this.sessions.assignedReviewers(em, facts.item.id);
    const inForce = (await this.checklists.inForce(em, facts.item.id)).filter((k) => assigned.includes(k.reviewerId));
    const criteriaCodes = new Set(facts.criteria.map((c) => c.code));
    const reviewed = new Set(inForce.flatMap((k) => k.marks.map((m) => m.criterionCode)).filter((c) => criteriaCodes.has(c)));
    const clearances = await this.clearancesFor(em, session.id, facts.item.id);
    return {
      sessionId: session.id,
      rules: rulesOf(session),
      tally: {
        eligible: eligible.length,
        participants: choices.length,
        inFavour: choices.filter((c) => c === 'IN_FAVOUR').length,
        against: choices.filter((c) => c === 'AGAINST').length,
        abstain: choices.filter((c) => c === 'ABSTAIN').length,
      },
      checklists: { assigned: assigned.length, submitted: new Set(inForce.map((k) => k.reviewerId)).size, criteria: criteriaCodes.size, criteriaReviewed: reviewed.size },
      // Only when some were requested: a candidate without clearances is decided on votes and checklists alone.
      ...(clearances.requests.length > 0 ? { clearances } : {}),
    };
  }

  /**
   * The candidate's clearances as they stand now (a request past its deadline without an answer is NO_ANSWER), with
   * the session's rule on them: the verdict carries them, so the outcome, the statechart's guard and a replay agree.
   * When council rule sets are pinned to sessions, the rule is the rule set's `clearances` field.
   */
  async clearancesFor(em: EntityManager, sessionId: string, itemId: string): Promise<NonNullable<CouncilVerdict['clearances']>> {
    const today = this.clock.today();
    const rows = await this.clearances.ofSession(em, sessionId, itemId);
    return { rule: await this.clearances.ruleOf(em, sessionId), requests: rows.map((r) => statusOf(r, today)) };
  }

  /** "Criterion: comment" for every criterion a checklist in force marked not met. */
  async shortcomingsFrom(em: EntityManager, facts: ItemFacts): Promise<string[]> {
    const labels = new Map(facts.criteria.map((c) => [c.code, c.vi]));
    const out: string[] = [];
    for (const k of await this.checklists.inForce(em, facts.item.id)) {
      for (const m of k.marks) if (!m.met) out.push(`${labels.get(m.criterionCode) ?? m.criterionCode}: ${m.comment}`);
    }
    return [...new Set(out)];
  }
}
