/**
 * The chair's casting vote (phiếu quyết định của Chủ tịch Hội đồng) on a candidate whose votes in favour and against
 * are equal, when the session's rule set says the chair breaks ties. Recorded after voting closes (the tie is known
 * only once the votes are counted) and before any outcome of the session is confirmed; the session's candidates are
 * judged again, since under a quota one candidate's outcome ranks the others.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
import { CouncilVerdicts } from '../council-verdicts.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges, requireItemStatus } from '../session-changes.js';

@Injectable()
export class RecordCastingVote {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly verdicts: CouncilVerdicts,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, itemId: string, choice: 'FOR' | 'AGAINST', actor: Actor): Promise<void> {
    return this.changes.run(sessionId, 'CONFIRM_DECISION', actor, async (em, session) => {
      const item = await this.changes.item(em, sessionId, itemId, true);
      requireItemStatus(item, ['DECIDABLE']);
      const pinned = await this.attendance.pinned(em, sessionId);
      if (!pinned || !pinned.rules.chairBreaksTies) throw new DomainError('CASTING_VOTE_NOT_IN_RULES', { field: 'choice' });
      const tally = item.verdict && 'ruleSet' in item.verdict ? item.verdict.tally : null;
      if (!tally || tally.inFavour !== tally.against || tally.inFavour === 0) throw new DomainError('CASTING_VOTE_NOT_A_TIE', { field: 'choice', inFavour: tally?.inFavour, against: tally?.against });
      if ((await this.attendance.castingVotes(em, sessionId)).has(itemId)) throw new DomainError('CASTING_VOTE_ALREADY_RECORDED', { itemId });
      const items = await this.sessions.items(em, sessionId);
      if (items.some((i) => i.decidedAt !== null)) throw new DomainError('CASTING_VOTE_TOO_LATE', { itemId });
      const now = this.clock.now();
      await this.attendance.insertCastingVote(em, { itemId, choice, recordedBy: actor.username, recordedAt: now });
      // Judged again, every candidate still waiting for its confirmation (a quota ranks them together).
      const waiting = items.filter((i) => i.status === 'DECIDABLE');
      const members = await this.sessions.members(em, sessionId);
      const facts = await Promise.all(waiting.map(async (i) => ({ item: i, facts: await this.sessions.itemFacts(em, i) })));
      const judged = await this.verdicts.judge(em, session, facts, members);
      for (const j of judged) {
        const noDecision = j.decision.outcome === 'NO_DECISION';
        await this.sessions.recordOutcome(em, j.item.id, { status: noDecision ? 'NO_DECISION' : 'DECIDABLE', verdict: j.verdict, outcome: j.decision.outcome, findings: j.decision.findings, closedAt: noDecision ? now : null });
      }
      const own = judged.find((j) => j.item.id === itemId)!;
      await this.changes.record(
        em,
        sessionId,
        'CASTING_VOTE_RECORDED',
        { itemId, choice, outcome: own.decision.outcome, ...('figures' in own.decision ? { figures: own.decision.figures } : {}), rejudged: judged.map((j) => ({ itemId: j.item.id, outcome: j.decision.outcome })) },
        actor,
        now,
        item.candidateId,
      );
    });
  }
}
