/**
 * The final decision (quyết định chính thức): every candidate still on the provisional list becomes recognised,
 * only after the notice period (the candidate's statechart refuses earlier) and with every comment answered. A
 * session that recognised no one closes without a notice.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { CandidateTransitions } from '../../transitions/candidate-transitions.service.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';
import { isProvisional } from './publish-notice.js';

@Injectable()
export class Finalise {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly transitions: CandidateTransitions,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, actor: Actor): Promise<{ recognised: string[]; confirmedOn: string }> {
    return this.changes.run(sessionId, 'FINALISE', actor, async (em, session) => {
      const items = await this.sessions.items(em, sessionId);
      const undecided = items.filter((i) => i.status === 'DECIDABLE');
      if (undecided.length > 0) throw new DomainError('DECISIONS_NOT_CONFIRMED', { itemIds: undecided.map((i) => i.id) });
      const provisional = items.filter(isProvisional);
      const notice = await this.sessions.notice(em, sessionId);
      if (provisional.length > 0 && !notice) throw new DomainError('NOTICE_NOT_PUBLISHED', {});
      if (notice) {
        const unanswered = await this.sessions.unansweredCount(em, notice.id);
        if (unanswered > 0) throw new DomainError('COMMENTS_UNANSWERED', { unanswered });
        // A comment the public sent is dealt with (accepted and answered, or set aside) before the decision.
        const pending = await this.sessions.pendingPublicComments(em, notice.id);
        if (pending > 0) throw new DomainError('PUBLIC_COMMENTS_PENDING', { pending });
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
        await this.sessions.closeItem(em, item.id, now);
        recognised.push(item.candidateId);
      }
      await this.changes.moveOn(em, session, 'FINALISE', { closedAt: now }, now);
      await this.changes.record(em, sessionId, 'SESSION_CLOSED', { recognised, confirmedOn }, actor, now);
      return { recognised, confirmedOn };
    });
  }
}
