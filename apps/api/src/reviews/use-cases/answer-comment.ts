/** The secretariat answers a comment of the notice (trả lời ý kiến), once; `upheld` when the objection is accepted. */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

@Injectable()
export class AnswerComment {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, commentId: string, command: { body: string; upheld: boolean }, actor: Actor): Promise<{ answerId: string }> {
    return this.changes.run(sessionId, 'ANSWER_COMMENT', actor, async (em, session) => {
      const comment = await this.sessions.comment(em, sessionId, commentId);
      if (!comment) throw new DomainError('NOTICE_COMMENT_NOT_FOUND', { commentId });
      if (await this.sessions.isAnswered(em, commentId)) throw new DomainError('COMMENT_ALREADY_ANSWERED', { commentId });
      const now = this.clock.now();
      const answer = { id: randomUUID(), commentId, body: command.body, upheld: command.upheld, answeredBy: actor.username, answeredAt: now };
      await this.sessions.insertAnswer(em, answer);
      await this.changes.moveOn(em, session, 'ANSWER_COMMENT', {}, now);
      await this.changes.record(em, sessionId, 'NOTICE_COMMENT_ANSWERED', { commentId, answerId: answer.id, body: command.body, upheld: command.upheld }, actor, now);
      return { answerId: answer.id };
    });
  }
}
