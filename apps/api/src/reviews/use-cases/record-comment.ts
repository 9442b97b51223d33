/**
 * Records a comment received during the public notice (ghi nhận ý kiến), about one candidate on the list or the
 * list as a whole, dated when it was received; one received after the period is kept and marked late.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

export interface RecordCommentCommand {
  itemId?: string;
  author: string;
  body: string;
  receivedOn?: string;
}

@Injectable()
export class RecordComment {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, command: RecordCommentCommand, actor: Actor): Promise<{ commentId: string; late: boolean }> {
    return this.changes.run(sessionId, 'RECORD_COMMENT', actor, async (em, session) => {
      const notice = (await this.sessions.notice(em, sessionId))!;
      const today = this.clock.today();
      const receivedOn = command.receivedOn ?? today;
      if (receivedOn > today || receivedOn < notice.publishedOn) {
        throw new DomainError('COMMENT_DATE_OUT_OF_RANGE', { field: 'receivedOn', receivedOn, earliest: notice.publishedOn, latest: today });
      }
      let candidateId: string | null = null;
      if (command.itemId) {
        const item = await this.sessions.item(em, sessionId, command.itemId);
        if (!item) throw new DomainError('REFERENCED_REVIEW_ITEM_NOT_FOUND', { field: 'itemId', itemId: command.itemId });
        if (!(item.status === 'DECIDED' && item.outcome === 'RECOGNISE')) throw new DomainError('ITEM_NOT_ON_NOTICE', { field: 'itemId', itemId: item.id });
        candidateId = item.candidateId;
      }
      const now = this.clock.now();
      const comment = {
        id: randomUUID(),
        noticeId: notice.id,
        itemId: command.itemId ?? null,
        author: command.author,
        body: command.body,
        receivedOn,
        recordedBy: actor.username,
        recordedAt: now,
      };
      await this.sessions.insertComment(em, comment);
      await this.changes.moveOn(em, session, 'RECORD_COMMENT', {}, now);
      await this.changes.record(em, sessionId, 'NOTICE_COMMENT_RECORDED', {
        commentId: comment.id,
        itemId: comment.itemId,
        author: comment.author,
        body: comment.body,
        receivedOn,
        late: receivedOn > notice.endsOn,
      }, actor, now, candidateId);
      return { commentId: comment.id, late: receivedOn > notice.endsOn };
    });
  }
}
