/** The secretariat publishes its answer to a comment of the notice: from then on it shows on the public notice page. */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { ReviewSessionRepository } from '../../reviews/review-session.repository.js';
import { SessionChanges } from '../../reviews/session-changes.js';
import { PublicCommentRepository } from '../public-comment.repository.js';

@Injectable()
export class PublishAnswer {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly comments: PublicCommentRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, commentId: string, actor: Actor): Promise<{ answerId: string; publishedAt: string }> {
    return this.changes.run(sessionId, 'ANSWER_COMMENT', actor, async (em, session) => {
      const notice = await this.sessions.notice(em, sessionId);
      const answer = notice ? await this.comments.answerOf(em, notice.id, commentId) : null;
      if (!answer) throw new DomainError('NOTICE_ANSWER_NOT_FOUND', { commentId });
      if (answer.published) throw new DomainError('NOTICE_ANSWER_ALREADY_PUBLISHED', { commentId, answerId: answer.answerId });
      const now = this.clock.now();
      await this.comments.insertPublication(em, { answerId: answer.answerId, publishedBy: actor.username, publishedAt: now });
      await this.changes.moveOn(em, session, 'ANSWER_COMMENT', {}, now);
      await this.changes.record(em, sessionId, 'NOTICE_ANSWER_PUBLISHED', { commentId, answerId: answer.answerId }, actor, now);
      return { answerId: answer.answerId, publishedAt: now.toISOString() };
    });
  }
}
