/**
 * Closes the vote (kết thúc biểu quyết) and computes each candidate's outcome from the rules, the tally and the
 * checklists (libs/workflow decides; the secretariat confirms later). A candidate its unit withdrew meanwhile is
 * closed as withdrawn. Secret urns are sealed; each must hold one ballot per member recorded as having voted.
 */
import { Injectable } from '@nestjs/common';
import { decideCouncilOutcome, type CouncilOutcome } from '#workflow';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { BallotRepository } from '../ballot.repository.js';
import { CouncilVerdicts } from '../council-verdicts.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

export interface VotingResult {
  itemId: string;
  candidateId: string;
  outcome: CouncilOutcome | 'WITHDRAWN';
}

@Injectable()
export class CloseVoting {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly ballots: BallotRepository,
    private readonly verdicts: CouncilVerdicts,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, actor: Actor): Promise<{ results: VotingResult[] }> {
    return this.changes.run(sessionId, 'CLOSE_VOTING', async (em, session) => {
      const members = await this.sessions.members(em, sessionId);
      const now = this.clock.now();
      const results: VotingResult[] = [];
      for (const item of (await this.sessions.items(em, sessionId)).filter((i) => i.status === 'PENDING')) {
        const facts = await this.sessions.itemFacts(em, item);
        if (facts.candidate.state !== 'underReview') {
          await this.sessions.closeItemAs(em, item.id, 'WITHDRAWN', now);
          results.push({ itemId: item.id, candidateId: item.candidateId, outcome: 'WITHDRAWN' });
          continue;
        }
        const verdict = await this.verdicts.verdictFor(em, session, facts, members);
        const decision = decideCouncilOutcome(verdict);
        const noDecision = decision.outcome === 'NO_DECISION';
        await this.sessions.recordOutcome(em, item.id, {
          status: noDecision ? 'NO_DECISION' : 'DECIDABLE',
          verdict,
          outcome: decision.outcome,
          findings: decision.findings,
          closedAt: noDecision ? now : null,
        });
        results.push({ itemId: item.id, candidateId: item.candidateId, outcome: decision.outcome });
      }
      if (session.ballot === 'SECRET') await this.ballots.sealUrns(em, sessionId, now);
      await this.changes.moveOn(em, session, 'CLOSE_VOTING', { votingClosedAt: now }, now);
      await this.changes.record(em, sessionId, 'VOTING_CLOSED', { results }, actor, now);
      return { results };
    });
  }
}
