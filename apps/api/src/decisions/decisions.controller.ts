import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../access/decorators.js';
import { DECISION_READERS } from '../access/decision-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { DecisionDocuments, type PrintedDocument } from './decision-documents.js';
import { DecisionViews } from './decision.views.js';
import { CorrectDecisionDto, DecisionListQuery, RevokeDecisionDto } from './dto/decision.dto.js';
import { attachment } from '../common/download-name.js';
import { DecisionDrafts } from './decision-drafts.service.js';
import { CertificateCopyQuery } from './dto/recovery.dto.js';

function sendPdf(res: Response, { pdf, fileName }: PrintedDocument): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', String(pdf.length));
  res.setHeader('Content-Disposition', attachment(fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(pdf);
}

/**
 * Decisions are public acts of the province: every signed-in person reads every decision and certificate, with no
 * unit reach (access/decision-access.ts says why). A recognition is drafted by the secretariat and numbered and
 * issued by the clerk (decision-drafts.controller.ts); the secretariat drafts corrections and revocations, which the
 * clerk numbers and issues the same way.
 */
@ApiTags('Quyết định công nhận / Recognition decisions')
@Controller('decisions')
export class DecisionsController {
  constructor(
    private readonly drafts: DecisionDrafts,
    private readonly views: DecisionViews,
    private readonly documents: DecisionDocuments,
  ) {}

  @Get()
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Các quyết định công nhận, đính chính, thu hồi / Decisions' })
  list(@Query() query: DecisionListQuery) {
    return this.views.list(query);
  }

  @Get(':id')
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Một quyết định, với các quyết định đính chính hoặc thu hồi nó / One decision' })
  get(@Param('id', ParseUuid) id: string) {
    return this.views.get(id);
  }

  @Post(':id/corrections')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Lập dự thảo quyết định đính chính (văn thư ghi số và ban hành) / Draft a correction (the clerk numbers and issues it)' })
  correct(@Param('id', ParseUuid) id: string, @Body() body: CorrectDecisionDto, @CurrentActor() actor: Actor) {
    const { reasons, recipients, ...signer } = body;
    return this.drafts.createAmendment(id, { kind: 'CORRECTION', reasons, recipients }, signer, actor);
  }

  @Post(':id/revocations')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Lập dự thảo quyết định thu hồi (văn thư ghi số và ban hành) / Draft a revocation (the clerk numbers and issues it)' })
  revoke(@Param('id', ParseUuid) id: string, @Body() body: RevokeDecisionDto, @CurrentActor() actor: Actor) {
    const { reasons, grounds, candidateIds, ...signer } = body;
    return this.drafts.createAmendment(id, { kind: 'REVOCATION', reasons, grounds, ...(candidateIds ? { candidateIds } : {}) }, signer, actor);
  }

  @Get(':id/pdf')
  @Allow(...DECISION_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Quyết định (PDF) / The decision as PDF' })
  async pdf(@Param('id', ParseUuid) id: string, @Res() res: Response) {
    sendPdf(res, await this.documents.decision(id));
  }

  @Get(':id/certificates.pdf')
  @Allow(...DECISION_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'In hàng loạt: mọi giấy chứng nhận của quyết định trong một PDF / Every certificate of the decision, one PDF' })
  async certificates(@Param('id', ParseUuid) id: string, @Res() res: Response) {
    sendPdf(res, await this.documents.certificates(id));
  }

  @Get(':id/certificates/:candidateId/pdf')
  @Allow(...DECISION_READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Giấy chứng nhận điển hình tiên tiến (PDF) / Certificate' })
  async certificate(@Param('id', ParseUuid) id: string, @Param('candidateId', ParseUuid) candidateId: string, @Query() query: CertificateCopyQuery, @Res() res: Response) {
    sendPdf(res, await this.documents.certificate(id, candidateId, query.archived === 'true'));
  }
}
