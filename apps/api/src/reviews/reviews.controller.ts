import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { IncomingFile } from '../evidence/evidence.service.js';
import type { Response } from 'express';
import { CRITERIA_SET_CODES } from '#contracts';
import { ROLE_GROUPS, type CriteriaSetCode } from '#domain';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import { CriteriaSetViews } from './criteria-set.views.js';
import {
  AddCandidateDto,
  AnswerCommentDto,
  AssignReviewersDto,
  AutoAssignDto,
  CastVoteDto,
  CastingVoteDto,
  WrittenOpinionForm,
  ConfirmDecisionDto,
  DropOnObjectionDto,
  OpenSessionDto,
  OpenVotingDto,
  PublishCriteriaSetDto,
  PublishNoticeDto,
  RecordCommentDto,
  SessionListQuery,
  SubmitChecklistDto,
  VerifyReceiptDto,
} from './dto/review.dto.js';
import { ReviewSessionViews } from './review-session.views.js';
import {
  AddCandidate,
  AnswerComment,
  AssignAutomatically,
  AssignReviewers,
  CastVote,
  CloseVoting,
  ConfirmDecision,
  DrawUpMinutes,
  DropOnObjection,
  Finalise,
  OpenSession,
  OpenVoting,
  PublishCriteriaSet,
  PublishNotice,
  RecordCastingVote,
  RecordComment,
  RecordWrittenOpinion,
  SubmitChecklist,
  VerifyReceipt,
} from './use-cases/index.js';
import { attachment } from '../common/download-name.js';

const isCriteriaSetCode = (code: string): code is CriteriaSetCode => (CRITERIA_SET_CODES as readonly string[]).includes(code);

@ApiTags('Tiêu chí / Criteria sets')
@Controller('criteria-sets')
export class CriteriaSetsController {
  constructor(
    private readonly views: CriteriaSetViews,
    private readonly publishVersion: PublishCriteriaSet,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các bộ tiêu chí và mọi phiên bản / Criteria sets, every version' })
  list() {
    return this.views.list();
  }

  @Post(':code/versions')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Ban hành phiên bản mới của bộ tiêu chí / Publish a new version' })
  publish(@Param('code') code: string, @Body() body: PublishCriteriaSetDto, @CurrentActor() actor: Actor) {
    if (!isCriteriaSetCode(code)) throw new DomainError('CRITERIA_SET_NOT_FOUND', { code });
    return this.publishVersion.execute(code, body.criteria, body.note, actor);
  }
}

@ApiTags('Hội đồng xét / Council review')
@Controller('review-sessions')
export class ReviewSessionsController {
  constructor(
    private readonly views: ReviewSessionViews,
    private readonly openSession: OpenSession,
    private readonly addCandidates: AddCandidate,
    private readonly assignReviewers: AssignReviewers,
    private readonly assignAutomatic: AssignAutomatically,
    private readonly submitChecklists: SubmitChecklist,
    private readonly openVote: OpenVoting,
    private readonly castVote: CastVote,
    private readonly verifyReceipts: VerifyReceipt,
    private readonly closeVote: CloseVoting,
    private readonly confirmDecision: ConfirmDecision,
    private readonly publishNotices: PublishNotice,
    private readonly recordComments: RecordComment,
    private readonly answerComments: AnswerComment,
    private readonly dropOnObjection: DropOnObjection,
    private readonly finaliseSession: Finalise,
    private readonly drawUpMinutes: DrawUpMinutes,
    private readonly writtenOpinions: RecordWrittenOpinion,
    private readonly castingVotes: RecordCastingVote,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Các đợt xét / Review sessions' })
  list(@Query() query: SessionListQuery, @CurrentActor() actor: Actor) {
    return this.views.list(query, actor);
  }

  @Post()
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Mở đợt xét với quy tắc và thành viên Hội đồng / Open a review session' })
  open(@Body() body: OpenSessionDto, @CurrentActor() actor: Actor) {
    return this.openSession.execute(body, actor);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Một đợt xét / One review session' })
  detail(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.views.detail(id, actor);
  }

  @Post(':id/items')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Đưa hồ sơ đã được đề nghị vào đợt xét / Add a proposed candidate' })
  addCandidate(@Param('id', ParseUuid) id: string, @Body() body: AddCandidateDto, @CurrentActor() actor: Actor) {
    return this.addCandidates.execute(id, body.candidateId, actor);
  }

  @Post(':id/items/:itemId/assignments')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Phân công thành viên đánh giá (từ chối nếu xung đột lợi ích) / Assign reviewers (conflicts refused)' })
  assign(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: AssignReviewersDto, @CurrentActor() actor: Actor) {
    return this.assignReviewers.execute(id, itemId, body.reviewerIds, actor);
  }

  @Post(':id/assignments/automatic')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Phân công tự động, cân bằng, loại trừ xung đột / Automatic balanced assignment' })
  assignAutomatically(@Param('id', ParseUuid) id: string, @Body() body: AutoAssignDto, @CurrentActor() actor: Actor) {
    return this.assignAutomatic.execute(id, body.perCandidate, actor);
  }

  @Post(':id/items/:itemId/checklists')
  @Allow('COUNCIL_MEMBER')
  @ApiOperation({ summary: 'Nộp phiếu đánh giá tiêu chí (khóa sau khi nộp; đính chính bằng phiếu mới) / Submit a checklist' })
  submitChecklist(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: SubmitChecklistDto, @CurrentActor() actor: Actor) {
    return this.submitChecklists.execute(id, itemId, body, actor);
  }

  @Post(':id/voting/open')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Điểm danh và mở biểu quyết / Record attendance and open the vote' })
  async openVoting(@Param('id', ParseUuid) id: string, @Body() body: OpenVotingDto, @CurrentActor() actor: Actor) {
    await this.openVote.execute(id, body.presentMemberIds, actor, body.writtenOpinionMemberIds ?? []);
    return this.views.detail(id, actor);
  }

  @Post(':id/written-opinions')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @Allow('COUNCIL_SECRETARY')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'memberId', 'choices'],
      properties: { file: { type: 'string', format: 'binary' }, memberId: { type: 'string', format: 'uuid' }, choices: { type: 'string', description: '{"<itemId>": "IN_FAVOUR" | "AGAINST" | "ABSTAIN"}' } },
    },
  })
  @ApiOperation({ summary: 'Ghi nhận ý kiến bằng văn bản của thành viên vắng mặt (kèm phiếu có chữ ký) / Record an absent member’s written opinion with the signed form' })
  recordWrittenOpinion(@Param('id', ParseUuid) id: string, @UploadedFile() file: IncomingFile | undefined, @Body() form: WrittenOpinionForm, @CurrentActor() actor: Actor) {
    return this.writtenOpinions.execute(id, form, file, actor);
  }

  @Get(':id/written-opinions/:opinionId')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Tải phiếu ý kiến bằng văn bản / Download a signed written-opinion form' })
  async writtenOpinionFile(@Param('id', ParseUuid) id: string, @Param('opinionId', ParseUuid) opinionId: string, @Res() res: Response) {
    const file = await this.views.writtenOpinionFile(id, opinionId);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', attachment(`Phiếu ý kiến bằng văn bản ${opinionId}${file.fileName.slice(file.fileName.lastIndexOf('.'))}`));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.end(file.content);
  }

  @Post(':id/items/:itemId/casting-vote')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Ghi phiếu quyết định của Chủ tịch Hội đồng khi số phiếu ngang nhau / Record the chair’s casting vote on a tie' })
  async castingVote(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: CastingVoteDto, @CurrentActor() actor: Actor) {
    await this.castingVotes.execute(id, itemId, body.choice, actor);
    return this.views.detail(id, actor);
  }

  @Post(':id/items/:itemId/votes')
  @Allow('COUNCIL_MEMBER')
  @ApiOperation({ summary: 'Biểu quyết (bỏ phiếu kín: trả về mã biên nhận) / Vote (secret ballot: returns a receipt)' })
  cast(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: CastVoteDto, @CurrentActor() actor: Actor) {
    return this.castVote.execute(id, itemId, body, actor);
  }

  @Post(':id/items/:itemId/ballots/verify')
  @HttpCode(200)
  @Allow('COUNCIL_MEMBER')
  @ApiOperation({ summary: 'Kiểm tra phiếu của mình đã được tính (bằng mã biên nhận) / Check one’s ballot was counted' })
  verifyReceipt(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: VerifyReceiptDto) {
    return this.verifyReceipts.execute(id, itemId, body.receipt);
  }

  @Get(':id/items/:itemId/ballots')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Phiếu biểu quyết sau khi kết thúc (phiếu kín: không gắn với người bỏ phiếu) / Ballots after the vote' })
  ballots(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string) {
    return this.views.ballots(id, itemId);
  }

  @Post(':id/voting/close')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Kết thúc biểu quyết; hệ thống tính kết quả theo quy tắc / Close the vote; outcomes computed' })
  closeVoting(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.closeVote.execute(id, actor);
  }

  @Post(':id/items/:itemId/decision')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Xác nhận kết luận (máy trạng thái từ chối kết luận trái quy tắc) / Confirm the outcome' })
  confirm(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: ConfirmDecisionDto, @CurrentActor() actor: Actor) {
    return this.confirmDecision.execute(id, itemId, body, actor);
  }

  @Post(':id/notice')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Công khai danh sách đề nghị công nhận (tính theo ngày làm việc) / Publish the provisional list' })
  publishNotice(@Param('id', ParseUuid) id: string, @Body() body: PublishNoticeDto, @CurrentActor() actor: Actor) {
    return this.publishNotices.execute(id, body, actor);
  }

  @Post(':id/notice/comments')
  @Allow('COUNCIL_SECRETARY', 'UNIT_HEAD')
  @ApiOperation({ summary: 'Ghi nhận ý kiến góp ý trong thời gian công khai / Record a comment' })
  recordComment(@Param('id', ParseUuid) id: string, @Body() body: RecordCommentDto, @CurrentActor() actor: Actor) {
    return this.recordComments.execute(id, body, actor);
  }

  @Post(':id/notice/comments/:commentId/answer')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Trả lời ý kiến / Answer a comment' })
  answer(@Param('id', ParseUuid) id: string, @Param('commentId', ParseUuid) commentId: string, @Body() body: AnswerCommentDto, @CurrentActor() actor: Actor) {
    return this.answerComments.execute(id, commentId, body, actor);
  }

  @Post(':id/items/:itemId/drop')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Loại khỏi danh sách do ý kiến phản ánh được chấp nhận / Drop on an upheld objection' })
  drop(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: DropOnObjectionDto, @CurrentActor() actor: Actor) {
    return this.dropOnObjection.execute(id, itemId, body, actor);
  }

  @Post(':id/finalise')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Quyết định chính thức sau thời gian công khai / Final decision after the notice period' })
  finalise(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.finaliseSession.execute(id, actor);
  }

  @Get(':id/minutes.pdf')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Biên bản họp Hội đồng (PDF) / Council minutes (PDF)' })
  async minutesPdf(@Param('id', ParseUuid) id: string, @Res() res: Response) {
    const { pdf, fileName } = await this.drawUpMinutes.execute(id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Content-Disposition', attachment(fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(pdf);
  }
}

@ApiTags('Hội đồng xét / Council review')
@Controller()
export class CandidateReviewsController {
  constructor(
    private readonly views: ReviewSessionViews,
    private readonly access: CandidateAccess,
  ) {}

  @Get('candidates/:id/reviews')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Các lần xét của một hồ sơ: phiếu đánh giá và kết luận / A candidate’s reviews' })
  async forCandidate(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    await this.access.assertReadable(actor, id);
    return this.views.forCandidate(id, actor);
  }

  @Get('council/my-work')
  @Allow('COUNCIL_MEMBER')
  @ApiOperation({ summary: 'Phiếu đánh giá và biểu quyết đang chờ tôi / My checklists and votes waiting' })
  myWork(@CurrentActor() actor: Actor) {
    return this.views.myWork(actor);
  }
}
