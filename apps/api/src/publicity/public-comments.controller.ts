/** The secretariat's side of public comments: the moderation queue of a notice, its decisions, attachments, and publishing an answer. */
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MODERATION_DECISION_CODES, type PublicCommentView } from '#contracts';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CodeField, TextField } from '../common/fields.js';
import { ParseUuid } from '../common/pipes.js';
import { ReviewSessionRepository } from '../reviews/review-session.repository.js';
import { PublicCommentRepository, type PublicCommentWithModeration } from './public-comment.repository.js';
import { ModeratePublicComment } from './use-cases/moderate-public-comment.js';
import { PublishAnswer } from './use-cases/publish-answer.js';
import { attachment } from '../common/download-name.js';

class ModeratePublicCommentDto {
  @CodeField({ description: 'Tiếp nhận (ACCEPTED) hoặc không tiếp nhận (REJECTED) / Accept or reject', codes: MODERATION_DECISION_CODES })
  decision: 'ACCEPTED' | 'REJECTED';

  @TextField({ description: 'Lý do không tiếp nhận (bắt buộc khi REJECTED) / Why it is rejected (required then)', max: 2000, optional: true })
  reason?: string;
}

/** Contacts of the public are personal data: the secretariat, which moderates, and the auditor, who reads everything. */
const MODERATORS = ['COUNCIL_SECRETARY', 'AUDITOR'] as const;

@ApiTags('Công khai / Public side')
@Controller('review-sessions/:id/notice')
export class PublicCommentsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessionRepository,
    private readonly comments: PublicCommentRepository,
    private readonly moderate: ModeratePublicComment,
    private readonly publish: PublishAnswer,
  ) {}

  @Get('public-comments')
  @Allow(...MODERATORS)
  @ApiOperation({ summary: 'Ý kiến người dân gửi qua trang công khai (chờ kiểm duyệt và đã xử lý) / Comments sent by the public' })
  async list(@Param('id', ParseUuid) id: string): Promise<PublicCommentView[]> {
    const em = this.dataSource.manager;
    const notice = await this.sessions.notice(em, id);
    if (!notice) {
      if (!(await this.sessions.find(em, id))) throw new DomainError('REVIEW_SESSION_NOT_FOUND', { sessionId: id });
      return [];
    }
    return (await this.comments.ofNotice(em, notice.id)).map(publicCommentView);
  }

  @Post('public-comments/:publicCommentId/moderation')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Kiểm duyệt ý kiến người dân: tiếp nhận vào danh sách ý kiến, hoặc không tiếp nhận / Moderate a public comment' })
  moderation(@Param('id', ParseUuid) id: string, @Param('publicCommentId', ParseUuid) publicCommentId: string, @Body() body: ModeratePublicCommentDto, @CurrentActor() actor: Actor) {
    return this.moderate.execute(id, publicCommentId, body, actor);
  }

  @Get('public-comments/:publicCommentId/attachment')
  @Allow(...MODERATORS)
  @ApiOperation({ summary: 'Tải xuống tệp đính kèm của ý kiến người dân / Download a public comment’s attachment' })
  async attachment(@Param('id', ParseUuid) id: string, @Param('publicCommentId', ParseUuid) publicCommentId: string, @Res() res: Response): Promise<void> {
    const em = this.dataSource.manager;
    const notice = await this.sessions.notice(em, id);
    const file = notice ? await this.comments.attachment(em, notice.id, publicCommentId) : null;
    if (!file) throw new DomainError('PUBLIC_COMMENT_NO_ATTACHMENT', { publicCommentId });
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', attachment(file.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(file.content);
  }

  @Post('comments/:commentId/answer/publication')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Công bố câu trả lời trên trang thông báo công khai / Publish an answer on the public notice page' })
  publication(@Param('id', ParseUuid) id: string, @Param('commentId', ParseUuid) commentId: string, @CurrentActor() actor: Actor) {
    return this.publish.execute(id, commentId, actor);
  }
}

export function publicCommentView(c: PublicCommentWithModeration): PublicCommentView {
  return {
    id: c.id,
    itemId: c.itemId,
    authorName: c.authorName,
    contact: c.contact,
    body: c.body,
    attachment: c.attachmentName
      ? { fileName: c.attachmentName, contentType: c.attachmentType as NonNullable<PublicCommentView['attachment']>['contentType'], sizeBytes: c.attachmentSize!, sha256: c.attachmentSha256! }
      : null,
    receivedOn: c.receivedOn,
    receivedAt: new Date(c.receivedAt).toISOString(),
    moderation: c.decision ? { decision: c.decision, reason: c.reason, commentId: c.noticeCommentId, decidedBy: c.decidedBy!, decidedAt: new Date(c.decidedAt!).toISOString() } : null,
  };
}
