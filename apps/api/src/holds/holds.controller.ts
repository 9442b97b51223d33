import { Body, Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ROLE_GROUPS } from '#domain';
import { HoldKindCodes } from '#workflow';
import type { HoldChanged, HoldList } from '#contracts';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import type { IncomingFile } from '../evidence/evidence.service.js';
import { LiftHoldForm, PlaceHoldForm } from './dto/hold.dto.js';
import { HoldsService } from './holds.service.js';
import { attachment } from '../common/download-name.js';

const DOCUMENT_FIELDS = {
  documentNumber: { type: 'string' },
  documentDate: { type: 'string', format: 'date' },
  documentIssuer: { type: 'string' },
  expectedVersion: { type: 'integer' },
  file: { type: 'string', format: 'binary', description: 'Tệp văn bản (không bắt buộc) / The document file (optional)' },
};

@ApiTags('Tạm dừng xét / Holds')
@Controller('candidates/:id/holds')
export class HoldsController {
  constructor(
    private readonly holds: HoldsService,
    private readonly access: CandidateAccess,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Các trường hợp tạm dừng xét của hồ sơ / Holds of a candidate (NĐ 152/2025 Điều 4.4)' })
  async list(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<HoldList> {
    await this.access.assertReadable(actor, id);
    return this.holds.list(id);
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @Allow('UNIT_HEAD', 'COUNCIL_SECRETARY')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'grounds', 'documentNumber', 'documentDate', 'documentIssuer'],
      properties: { kind: { type: 'string', enum: [...HoldKindCodes] }, grounds: { type: 'string' }, ...DOCUMENT_FIELDS },
    },
  })
  @ApiOperation({
    summary: 'Tạm dừng xét hồ sơ / Place a candidate on hold',
    description: 'The PLACE_HOLD event. 409 once recognised (a recognition is undone only by revocation).',
  })
  async place(@Param('id', ParseUuid) id: string, @UploadedFile() file: IncomingFile | undefined, @Body() form: PlaceHoldForm, @CurrentActor() actor: Actor): Promise<HoldChanged> {
    await this.access.assertMaySend(actor, id, 'PLACE_HOLD');
    return this.holds.place(id, form, file, actor);
  }

  @Post(':holdId/lift')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data', 'application/json')
  @Allow('COUNCIL_SECRETARY')
  @ApiBody({
    schema: { type: 'object', required: ['conclusion', 'documentNumber', 'documentDate', 'documentIssuer'], properties: { conclusion: { type: 'string' }, ...DOCUMENT_FIELDS } },
  })
  @ApiOperation({ summary: 'Chấm dứt tạm dừng xét với kết luận / Lift a hold with its conclusion', description: 'The LIFT_HOLD event.' })
  async lift(
    @Param('id', ParseUuid) id: string,
    @Param('holdId', ParseUuid) holdId: string,
    @UploadedFile() file: IncomingFile | undefined,
    @Body() form: LiftHoldForm,
    @CurrentActor() actor: Actor,
  ): Promise<HoldChanged> {
    await this.access.assertMaySend(actor, id, 'LIFT_HOLD');
    return this.holds.lift(id, holdId, form, file, actor);
  }

  @Get(':holdId/document')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Tải văn bản làm căn cứ tạm dừng / Download the document of a hold' })
  async document(@Param('id', ParseUuid) id: string, @Param('holdId', ParseUuid) holdId: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.access.assertReadable(actor, id);
    send(res, await this.holds.document(id, holdId, 'hold'));
  }

  @Get(':holdId/lift-document')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Tải văn bản kết luận chấm dứt tạm dừng / Download the document that lifted a hold' })
  async liftDocument(@Param('id', ParseUuid) id: string, @Param('holdId', ParseUuid) holdId: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.access.assertReadable(actor, id);
    send(res, await this.holds.document(id, holdId, 'lift'));
  }
}

function send(res: Response, file: { fileName: string; contentType: string; sha256: string; content: Buffer }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.content.length));
  res.setHeader('Content-Disposition', attachment(file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  res.end(file.content);
}
