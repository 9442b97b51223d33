/**
 * What a council outcome follows from, counted from the records: the session's rules, the tally of the votes of
 * the members allowed to vote (from the urn in a secret ballot), and how far the assigned reviewers' checklists
 * cover the criteria. libs/workflow decides the outcome from it; this only counts.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CouncilVerdict } from '#workflow';
import { ClearanceRepository, statusOf } from '../clearances/clearance.repository.js';
import { Clock } from '../common/clock.js';
import { BallotRepository } from './ballot.repository.js';
import { ChecklistRepository } from './checklist.repository.js';
import { inConflict } from './conflict-of-interest.js';
import type { ReviewSession } from './review.entities.js';
import { ReviewSessionRepository, type ItemFacts, type MemberWithUnit } from './review-session.repository.js';

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
    private readonly clearances: ClearanceRepository,
    private readonly clock: Clock,
  ) {}

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
