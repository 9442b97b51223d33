/**
 * Closes the vote (kết thúc biểu quyết) and computes each candidate's outcome from the rules, the tally and the
 * checklists (libs/workflow decides; the secretariat confirms later). A candidate its unit withdrew meanwhile is
 * closed as withdrawn. Secret urns are sealed; each must hold one ballot per member recorded as having voted.
 */
import { Injectable } from '@nestjs/common';
import type { CouncilDecision, CouncilOutcome } from '#workflow';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { BallotRepository } from '../ballot.repository.js';
import { CouncilVerdicts } from '../council-verdicts.js';
import { ReviewSessionRepository, type ItemFacts, type ReviewItemRow } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

/** The outcome of an item whose candidate is on hold when voting closes. */
function onHold(openHolds: number): CouncilDecision {
  return {
    outcome: 'NO_DECISION',
    quorumMet: false,
    thresholdMet: false,
    checklistsComplete: false,
    findings: [
      {
        code: 'CANDIDATE_ON_HOLD',
        vi: `Hồ sơ đang tạm dừng xét (${openHolds} trường hợp chưa có kết luận: kỷ luật, thanh tra, điều tra, khiếu nại hoặc phản ánh đang xác minh); Hội đồng không quyết định trong phiên này (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4).`,
        en: `The candidate is on hold (${openHolds} without a conclusion: discipline, inspection, investigation, complaint or press report being verified); the council does not decide on it in this session (Decree 152/2025, Article 4.4).`,
      },
    ],
  };
}

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
    return this.changes.run(sessionId, 'CLOSE_VOTING', actor, async (em, session) => {
      const members = await this.sessions.members(em, sessionId);
      const now = this.clock.now();
      const results: VotingResult[] = [];
      const toJudge: { item: ReviewItemRow; facts: ItemFacts }[] = [];
      const figures: Record<string, unknown>[] = [];
      for (const item of (await this.sessions.items(em, sessionId)).filter((i) => i.status === 'PENDING')) {
        const facts = await this.sessions.itemFacts(em, item);
        if (facts.candidate.state !== 'underReview') {
          await this.sessions.closeItemAs(em, item.id, 'WITHDRAWN', now);
          results.push({ itemId: item.id, candidateId: item.candidateId, outcome: 'WITHDRAWN' });
          continue;
        }
        toJudge.push({ item, facts });
      }
      // A candidate on hold (NĐ 152/2025 Điều 4.4) is not decided in this session: its item closes without a
      // decision, saying why, and it takes no place under a quota; it can be reviewed again once the hold is lifted.
      // The others are judged together: a quota ranks the session's candidates against each other.
      const free = toJudge.filter((j) => j.facts.candidate.openHolds === 0);
      const held = toJudge.filter((j) => j.facts.candidate.openHolds > 0);
      const judged = [
        ...(await this.verdicts.judge(em, session, free, members)),
        ...(held.length > 0 ? (await this.verdicts.judge(em, session, held, members)).map((j) => ({ ...j, decision: onHold(j.facts.candidate.openHolds) })) : []),
      ];
      for (const { item, verdict, decision } of judged) {
        const noDecision = decision.outcome === 'NO_DECISION';
        await this.sessions.recordOutcome(em, item.id, {
          status: noDecision ? 'NO_DECISION' : 'DECIDABLE',
          verdict,
          outcome: decision.outcome,
          findings: decision.findings,
          closedAt: noDecision ? now : null,
        });
        results.push({ itemId: item.id, candidateId: item.candidateId, outcome: decision.outcome });
        if ('figures' in decision) figures.push({ itemId: item.id, tally: verdict.tally, figures: decision.figures, ...('quota' in decision && decision.quota ? { quota: decision.quota } : {}) });
      }
      if (session.ballot === 'SECRET') await this.ballots.sealUrns(em, sessionId, now);
      await this.changes.moveOn(em, session, 'CLOSE_VOTING', { votingClosedAt: now }, now);
      await this.changes.record(em, sessionId, 'VOTING_CLOSED', { results, ...(figures.length > 0 ? { figures } : {}) }, actor, now);
      return { results };
    });
  }
}
