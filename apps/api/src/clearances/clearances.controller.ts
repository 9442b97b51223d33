import { Body, CallHandler, Controller, ExecutionContext, Get, Injectable, Param, PayloadTooLargeException, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { ROLE_GROUPS } from '#domain';
import { CLEARANCE_ANSWERS } from '#workflow';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import type { IncomingFile } from '../evidence/evidence.service.js';
import { ClearanceRepository } from './clearance.repository.js';
import { RecordClearanceAnswerDto, RequestClearancesDto } from './dto/clearance.dto.js';
import { RecordClearanceAnswer } from './use-cases/record-clearance-answer.js';
import { RequestClearances } from './use-cases/request-clearances.js';
import { SessionClearances } from './use-cases/session-clearances.js';
import { attachment } from '../common/download-name.js';

/** Multer's upload (limits from ClearancesModule); past the size limit, this feature's own 413. */
@Injectable()
class ClearanceFileInterceptor extends FileInterceptor('file') {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new DomainError('CLEARANCE_DOCUMENT_TOO_LARGE', { field: 'file' });
      throw error;
    }
  }
}

/** The council's secretariat requests and records clearances; the council and the auditor read them. */
@ApiTags('Hiệp y / Clearances')
@Controller('review-sessions/:id')
export class ClearancesController {
  constructor(
    private readonly requests: RequestClearances,
    private readonly answers: RecordClearanceAnswer,
    private readonly views: SessionClearances,
    private readonly clearances: ClearanceRepository,
  ) {}

  @Get('clearances')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Ý kiến hiệp y của đợt xét: quy tắc, cơ quan, các đề nghị và trạng thái / A session’s clearances' })
  list(@Param('id', ParseUuid) id: string) {
    return this.views.of(id);
  }

  @Post('items/:itemId/clearances')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Đề nghị các cơ quan hiệp y cho một hồ sơ, thời hạn theo hồ sơ pháp lý / Request clearances for a candidate' })
  request(@Param('id', ParseUuid) id: string, @Param('itemId', ParseUuid) itemId: string, @Body() body: RequestClearancesDto, @CurrentActor() actor: Actor) {
    return this.requests.execute(id, itemId, body, actor);
  }

  @Post('clearances/:requestId/answer')
  @Allow('COUNCIL_SECRETARY')
  @UseInterceptors(ClearanceFileInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['answer', 'documentNumber', 'documentDate'],
      properties: {
        answer: { type: 'string', enum: [...CLEARANCE_ANSWERS] },
        reasons: { type: 'string' },
        documentNumber: { type: 'string' },
        documentDate: { type: 'string', format: 'date' },
        file: { type: 'string', format: 'binary', description: 'Văn bản trả lời (PDF, Word, ảnh) / The answering document' },
      },
    },
  })
  @ApiOperation({ summary: 'Ghi nhận ý kiến hiệp y của cơ quan kèm văn bản / Record an agency’s answer with its document' })
  answer(
    @Param('id', ParseUuid) id: string,
    @Param('requestId', ParseUuid) requestId: string,
    @Body() body: RecordClearanceAnswerDto,
    @UploadedFile() file: IncomingFile | undefined,
    @CurrentActor() actor: Actor,
  ) {
    return this.answers.execute(id, requestId, body, file, actor);
  }

  @Get('clearances/:requestId/document')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Tải xuống văn bản trả lời hiệp y / Download the answering document' })
  async document(@Param('id', ParseUuid) id: string, @Param('requestId', ParseUuid) requestId: string, @Res() res: Response): Promise<void> {
    const file = await this.clearances.file(id, requestId);
    if (!file) throw new DomainError('CLEARANCE_DOCUMENT_NOT_FOUND', { sessionId: id, requestId });
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', attachment(file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256.trim(), 'hex').toString('base64')}:`);
    res.end(file.content);
  }
}
