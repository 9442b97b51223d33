import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import type { Response } from 'express';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { CodeField, IntField } from '../common/fields.js';
import { EvidenceService, type IncomingFile } from './evidence.service.js';
import { ROLE_GROUPS } from '#domain';
import type { AttachedEvidence, EvidenceView } from '#contracts';
import { attachment, inlineName } from '../common/download-name.js';

/**
 * What a council member may read inside the page, beside the checklist: PDFs and pictures, whose types the upload
 * checked by their first bytes. Anything else (Word, Excel, video) is only downloaded, so that nothing a unit
 * uploads ever runs as a page of this origin.
 */
const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);
/**
 * The preview's own policy: nothing of it runs scripts or loads anything else; only this origin's pages may frame
 * it; the PDF viewer is a plugin of the file's own origin (object-src 'self').
 */
export const PREVIEW_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

class EvidenceDownloadQuery {
  @CodeField({ description: 'Xem trong trang (PDF, ảnh) thay vì tải xuống / Show inside the page (PDF, pictures) instead of downloading', codes: ['true', 'false'], optional: true })
  inline?: 'true' | 'false';
}

class UploadEvidenceForm {
  @IntField({ description: 'Phiên bản hồ sơ đang xem (không bắt buộc) / Version the client last saw (optional)', min: 1, max: 2_147_483_647, optional: true, query: true })
  expectedVersion?: number;
}

@ApiTags('Minh chứng / Evidence')
@Controller('candidates/:id/evidence')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly access: CandidateAccess,
  ) {}

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @Allow('UNIT_HEAD')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, expectedVersion: { type: 'integer' } },
    },
  })
  @ApiOperation({ summary: 'Tải lên tệp minh chứng (PDF, ảnh, Word, Excel, MP4) / Upload an evidence file' })
  async upload(
    @Param('id', ParseUuid) id: string,
    @UploadedFile() file: IncomingFile | undefined,
    @Body() form: UploadEvidenceForm,
    @CurrentActor() actor: Actor,
  ): Promise<AttachedEvidence> {
    await this.access.assertMaySend(actor, id, 'ATTACH_EVIDENCE');
    return this.evidence.attach(id, file, actor, form.expectedVersion);
  }

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Danh sách minh chứng / Evidence files of a candidate' })
  async list(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<EvidenceView[]> {
    await this.access.assertReadable(actor, id);
    return this.evidence.list(id);
  }

  @Get(':evidenceId')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Tải xuống một tệp minh chứng, hoặc xem PDF, ảnh trong trang (inline=true) / Download one evidence file, or show a PDF or picture inside the page (inline=true)' })
  async download(@Param('id', ParseUuid) id: string, @Param('evidenceId', ParseUuid) evidenceId: string, @Query() query: EvidenceDownloadQuery, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    await this.access.assertReadable(actor, id);
    const file = await this.evidence.content(id, evidenceId);
    const inline = query.inline === 'true' && PREVIEWABLE.has(file.contentType);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.content.length));
    res.setHeader('Content-Disposition', inline ? inlineName(file.fileName) : attachment(file.fileName));
    if (inline) {
      res.setHeader('Content-Security-Policy', PREVIEW_CONTENT_SECURITY_POLICY);
      res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      res.setHeader('Cache-Control', 'private, no-store');
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    res.end(file.content);
  }
}
