import { Body, Controller, Get, HttpCode, Injectable, Param, PayloadTooLargeException, Post, Query, Res, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import {
  AmendRegistrationDto,
  LaunchMovementDto,
  LinkMovementDto,
  ListMovementsQuery,
  RecordReviewDto,
  RegisterDto,
  ReviseMovementDto,
  StartMovementDto,
  UploadDocumentForm,
  WithdrawRegistrationDto,
} from './dto/movement.dto.js';
import { MovementLinks } from './movement-links.service.js';
import { MovementsService, type IncomingDocument } from './movements.service.js';
import { RegistrationsService } from './registrations.service.js';
import { attachment } from '../common/download-name.js';

/** Who launches and runs movements: the secretariat (province) and unit heads (their unit and below). */

/** Multer's upload (limits from MovementsModule); past the size limit, this feature's own 413. */
@Injectable()
class DocumentFileInterceptor extends FileInterceptor('file') {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new DomainError('MOVEMENT_DOCUMENT_TOO_LARGE', { field: 'file' });
      throw error;
    }
  }
}

@ApiTags('Phong trào thi đua / Emulation movements')
@Controller('movements')
export class MovementsController {
  constructor(
    private readonly movements: MovementsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Post()
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Phát động một phong trào thi đua / Launch an emulation movement' })
  launch(@Body() dto: LaunchMovementDto, @CurrentActor() actor: Actor) {
    return this.movements.launch(dto, actor);
  }

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Danh sách phong trào, có lọc và phân trang / List movements with filters and pages' })
  list(@Query() query: ListMovementsQuery, @CurrentActor() actor: Actor) {
    return this.movements.list(query, actor);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Trang phong trào: đăng ký tham gia, sơ kết, tổng kết, hồ sơ theo trạng thái / A movement: registrations, reviews, candidates by state',
  })
  get(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.movements.page(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Bắt đầu triển khai phong trào / Start running the movement' })
  start(@Param('id', ParseUuid) id: string, @Body() dto: StartMovementDto, @CurrentActor() actor: Actor) {
    return this.movements.start(id, dto, actor);
  }

  @Post(':id/reviews')
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({
    summary: 'Ghi nhận sơ kết (INTERIM) hoặc tổng kết (FINAL, kết thúc phong trào), hoặc đính chính (correctsId) / Record an interim or final review, or correct one',
  })
  review(@Param('id', ParseUuid) id: string, @Body() dto: RecordReviewDto, @CurrentActor() actor: Actor) {
    return this.movements.review(id, dto, actor);
  }

  @Post(':id/revisions')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Đính chính thông tin phong trào (thông tin cũ được lưu trong nhật ký) / Correct the details (the old ones stay in the audit trail)' })
  revise(@Param('id', ParseUuid) id: string, @Body() dto: ReviseMovementDto, @CurrentActor() actor: Actor) {
    return this.movements.revise(id, dto, actor);
  }

  @Post(':id/documents')
  @Allow(...ROLE_GROUPS.movementRunners)
  @UseInterceptors(DocumentFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file', 'expectedVersion'], properties: { file: { type: 'string', format: 'binary' }, expectedVersion: { type: 'integer' } } } })
  @ApiOperation({ summary: 'Tải lên tệp văn bản phát động (PDF, Word, ảnh) / Upload the launching document’s file' })
  attach(@Param('id', ParseUuid) id: string, @UploadedFile() file: IncomingDocument | undefined, @Body() form: UploadDocumentForm, @CurrentActor() actor: Actor) {
    return this.movements.attachDocument(id, file, form.expectedVersion, actor);
  }

  @Get(':id/documents/:documentId')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Tải xuống tệp văn bản phát động / Download a launching document file' })
  async download(@Param('id', ParseUuid) id: string, @Param('documentId', ParseUuid) documentId: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const file = await this.movements.documentContent(actor, id, documentId);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', attachment(file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.end(file.content);
  }

  @Post(':id/registrations')
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Đơn vị trực thuộc đăng ký tham gia, kèm chỉ tiêu / A unit below registers to take part, with its targets' })
  register(@Param('id', ParseUuid) id: string, @Body() dto: RegisterDto, @CurrentActor() actor: Actor) {
    return this.registrations.register(id, dto, actor);
  }

  @Post(':id/registrations/:registrationId/amend')
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Điều chỉnh đăng ký (bản mới trỏ về bản cũ) / Amend a registration (a new row pointing at the old)' })
  amend(@Param('id', ParseUuid) id: string, @Param('registrationId', ParseUuid) registrationId: string, @Body() dto: AmendRegistrationDto, @CurrentActor() actor: Actor) {
    return this.registrations.amend(id, registrationId, dto, actor);
  }

  @Post(':id/registrations/:registrationId/withdraw')
  @Allow(...ROLE_GROUPS.movementRunners)
  @ApiOperation({ summary: 'Rút đăng ký tham gia (được đánh dấu, không xóa) / Withdraw a registration (marked, never deleted)' })
  withdraw(@Param('id', ParseUuid) id: string, @Param('registrationId', ParseUuid) registrationId: string, @Body() dto: WithdrawRegistrationDto, @CurrentActor() actor: Actor) {
    return this.registrations.withdraw(id, registrationId, dto, actor);
  }
}

@ApiTags('Phong trào thi đua / Emulation movements')
@Controller('candidates/:id/movements')
export class CandidateMovementsController {
  constructor(private readonly links: MovementLinks) {}

  @Post()
  @HttpCode(200)
  @Allow('UNIT_HEAD')
  @ApiOperation({ summary: 'Gắn hồ sơ với phong trào mà điển hình dẫn đầu, hoặc bỏ gắn (có lý do) / Link the candidate to a movement it leads, or unlink (with a reason)' })
  change(@Param('id', ParseUuid) id: string, @Body() dto: LinkMovementDto, @CurrentActor() actor: Actor) {
    return this.links.change(id, dto, actor);
  }

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Các phong trào của hồ sơ và lịch sử gắn, bỏ gắn / The candidate’s movements and the history of links' })
  async list(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    await this.links.assertReadable(actor, id);
    return this.links.forCandidate(id);
  }
}
