/**
 * The secretariat's moderation of a comment sent by the public (kiểm duyệt): accepted, it becomes a comment of the
 * notice (notice_comment, as if recorded by hand, dated when the public sent it), answered in the notice panel as
 * any other; rejected, it is set aside with a reason. Either way the public comment itself stays, unchanged.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { ReviewSessionRepository } from '../../reviews/review-session.repository.js';
import { SessionChanges } from '../../reviews/session-changes.js';
import { PublicCommentRepository } from '../public-comment.repository.js';

export interface ModerationCommand {
  decision: 'ACCEPTED' | 'REJECTED';
  reason?: string;
}

@Injectable()
export class ModeratePublicComment {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly comments: PublicCommentRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, publicCommentId: string, command: ModerationCommand, actor: Actor): Promise<{ publicCommentId: string; decision: 'ACCEPTED' | 'REJECTED'; commentId: string | null }> {
    return this.changes.run(sessionId, 'RECORD_COMMENT', actor, async (em, session) => {
      const notice = await this.sessions.notice(em, sessionId);
      const comment = notice ? await this.comments.find(em, notice.id, publicCommentId) : null;
      if (!notice || !comment) throw new DomainError('PUBLIC_COMMENT_NOT_FOUND', { publicCommentId });
      if (comment.decision) throw new DomainError('PUBLIC_COMMENT_ALREADY_MODERATED', { publicCommentId, decision: comment.decision });
      const reason = command.reason?.trim() || null;
      if (command.decision === 'REJECTED' && !reason) {
        throw new DomainError('PUBLIC_COMMENT_FIELD_INVALID', { field: 'reason' }, { vi: 'Vui lòng nêu lý do không tiếp nhận (trường reason).', en: 'Give the reason for not accepting it (field reason).' });
      }
      const now = this.clock.now();
      let commentId: string | null = null;
      if (command.decision === 'ACCEPTED') {
        commentId = randomUUID();
        await this.sessions.insertComment(em, {
          id: commentId,
          noticeId: notice.id,
          itemId: comment.itemId,
          author: comment.authorName,
          body: comment.body,
          receivedOn: comment.receivedOn,
          recordedBy: actor.username,
          recordedAt: now,
        });
      }
      await this.comments.insertModeration(em, { publicCommentId, decision: command.decision, reason, noticeCommentId: commentId, decidedBy: actor.username, decidedAt: now });
      await this.changes.moveOn(em, session, 'RECORD_COMMENT', {}, now);
      const candidateId = comment.itemId ? ((await this.sessions.item(em, sessionId, comment.itemId))?.candidateId ?? null) : null;
      await this.changes.record(
        em,
        sessionId,
        command.decision === 'ACCEPTED' ? 'PUBLIC_COMMENT_ACCEPTED' : 'PUBLIC_COMMENT_REJECTED',
        { publicCommentId, commentId, itemId: comment.itemId, author: comment.authorName, body: comment.body, receivedOn: comment.receivedOn, reason, late: comment.receivedOn > notice.endsOn },
        actor,
        now,
        candidateId,
      );
      return { publicCommentId, decision: command.decision, commentId };
    });
  }
}
