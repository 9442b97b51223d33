/**
 * Drops a provisionally recognised candidate from the list on objections that were upheld (loại khỏi danh sách):
 * the candidate's statechart takes REJECT from the public notice, citing the comments.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { CandidateTransitions, type TransitionResult } from '../../transitions/candidate-transitions.service.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

@Injectable()
export class DropOnObjection {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly transitions: CandidateTransitions,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, itemId: string, command: { reasons: string; commentIds: string[] }, actor: Actor): Promise<TransitionResult> {
    return this.changes.run(sessionId, 'DROP_ON_OBJECTION', actor, async (em, session) => {
      const item = await this.changes.item(em, sessionId, itemId, true);
      const upheld = await this.sessions.upheldAbout(em, itemId, command.commentIds);
      const missing = command.commentIds.filter((id) => !upheld.includes(id));
      if (missing.length > 0) throw new DomainError('OBJECTION_NOT_UPHELD', { field: 'commentIds', commentIds: missing });
      const result = await this.transitions.sendWithin(em, { candidateId: item.candidateId, event: { type: 'REJECT', reasons: command.reasons, upheldCommentIds: command.commentIds }, actor });
      const now = this.clock.now();
      await this.sessions.closeItemAs(em, item.id, 'DROPPED', now);
      await this.changes.moveOn(em, session, 'DROP_ON_OBJECTION', {}, now);
      await this.changes.record(em, sessionId, 'DROPPED_ON_OBJECTION', { itemId, candidateId: item.candidateId, commentIds: command.commentIds, reasons: command.reasons }, actor, now, item.candidateId);
      return result;
    });
  }
}
