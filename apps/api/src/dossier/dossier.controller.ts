import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import { attachment } from '../common/download-name.js';
import { SaveAchievementReportDto } from './dto/dossier.dto.js';
import { DossierService, FORMATS, SESSION_DOCUMENTS, type DossierFormat, type RenderedDossier, type SessionDocument } from './dossier.service.js';

/** Sends a document under its Vietnamese name (RFC 6266 / 8187 filename*, with an ASCII fallback). */
function send(res: Response, doc: RenderedDossier): void {
  const name = doc.fileName.normalize('NFC');
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Length', String(doc.bytes.length));
  res.setHeader('Content-Disposition', attachment(name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(doc.bytes);
}

function formatOf(value: string): DossierFormat {
  if (!(FORMATS as readonly string[]).includes(value)) throw new DomainError('VALIDATION_FAILED', { field: 'format', allowed: [...FORMATS] }, { vi: 'Định dạng tệp phải là pdf hoặc docx.', en: 'The format must be pdf or docx.' });
  return value as DossierFormat;
}

/** The dossier: achievement reports of candidates, and a session's memo and lists (NĐ 152/2025 appendix forms). */
@ApiTags('Hồ sơ trình khen / Dossier')
@Controller()
export class DossierController {
  constructor(
    private readonly dossier: DossierService,
    private readonly access: CandidateAccess,
  ) {}

  @Get('candidates/:id/achievement-report')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Báo cáo thành tích (bản mới nhất hoặc bản điền sẵn) / The achievement report' })
  async report(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    await this.access.assertReadable(actor, id);
    return this.dossier.report(id);
  }

  @Post('candidates/:id/achievement-report')
  @Allow('UNIT_HEAD', 'COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Lưu một phiên bản mới của báo cáo thành tích / Save a new version of the report' })
  async save(@Param('id', ParseUuid) id: string, @Body() body: SaveAchievementReportDto, @CurrentActor() actor: Actor) {
    await this.access.assertReadable(actor, id);
    return this.dossier.saveReport(id, body, actor);
  }

  @Get('candidates/:id/achievement-report/:format')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOperation({ summary: 'Báo cáo thành tích (PDF hoặc DOCX) / The achievement report as PDF or DOCX' })
  async reportFile(@Param('id', ParseUuid) id: string, @Param('format') format: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const f = formatOf(format);
    await this.access.assertReadable(actor, id);
    send(res, await this.dossier.renderReport(id, f));
  }

  @Get('review-sessions/:id/dossier/:document/:format')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOperation({ summary: 'Tờ trình, danh sách xét, danh sách công khai của đợt xét (PDF hoặc DOCX) / A session’s memo and lists' })
  async sessionFile(@Param('id', ParseUuid) id: string, @Param('document') document: string, @Param('format') format: string, @Res() res: Response) {
    if (!(SESSION_DOCUMENTS as readonly string[]).includes(document)) {
      throw new DomainError('VALIDATION_FAILED', { field: 'document', allowed: [...SESSION_DOCUMENTS] }, { vi: 'Văn bản phải là to-trinh, danh-sach hoặc danh-sach-cong-khai.', en: 'The document must be to-trinh, danh-sach or danh-sach-cong-khai.' });
    }
    send(res, await this.dossier.renderSession(id, document as SessionDocument, formatOf(format)));
  }
}
