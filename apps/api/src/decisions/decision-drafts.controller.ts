import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { DECISION_READERS } from '../access/decision-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { attachment } from '../common/download-name.js';
import { ParseUuid } from '../common/pipes.js';
import { DecisionDrafts } from './decision-drafts.service.js';
import { DocumentRegisters } from './document-registers.js';
import { DraftDocuments } from './draft-documents.js';
import { AbandonDraftDto, CreateDraftDto, DraftListQuery, NumberDraftDto, RegisterModeDto } from './dto/draft.dto.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function send(res: Response, content: Buffer, contentType: string, fileName: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(content.length));
  res.setHeader('Content-Disposition', attachment(fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(content);
}

/**
 * Decision drafts: the secretariat drafts, the clerk (văn thư) numbers from the document register and issues.
 * Drafts are the office's working papers: read by the secretariat, the clerk and auditors, not yet public acts.
 */
@ApiTags('Dự thảo quyết định / Decision drafts')
@Controller('decision-drafts')
export class DecisionDraftsController {
  constructor(
    private readonly drafts: DecisionDrafts,
    private readonly documents: DraftDocuments,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.decisionDrafters, 'AUDITOR')
  @ApiOperation({ summary: 'Các dự thảo quyết định / Decision drafts' })
  list(@Query() query: DraftListQuery) {
    return this.drafts.list(query);
  }

  @Post()
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Lập dự thảo quyết định công nhận của một đợt xét đã kết thúc / Draft the decision of a closed session' })
  create(@Body() body: CreateDraftDto, @CurrentActor() actor: Actor) {
    return this.drafts.create(body, actor);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.decisionDrafters, 'AUDITOR')
  @ApiOperation({ summary: 'Một dự thảo quyết định / One decision draft' })
  get(@Param('id', ParseUuid) id: string) {
    return this.drafts.get(id);
  }

  @Get(':id/pdf')
  @Allow(...ROLE_GROUPS.decisionDrafters, 'AUDITOR')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Dự thảo (PDF, đóng dấu "DỰ THẢO") / The draft as PDF, watermarked' })
  async pdf(@Param('id', ParseUuid) id: string, @Res() res: Response) {
    const file = await this.documents.pdf(id);
    send(res, file.content, 'application/pdf', file.fileName);
  }

  @Get(':id/docx')
  @Allow(...ROLE_GROUPS.decisionDrafters, 'AUDITOR')
  @ApiProduces(DOCX)
  @ApiOperation({ summary: 'Dự thảo (Word, để chỉnh sửa) / The draft as DOCX, to edit in Word' })
  async docx(@Param('id', ParseUuid) id: string, @Res() res: Response) {
    const file = await this.documents.docx(id);
    send(res, file.content, DOCX, file.fileName);
  }

  @Post(':id/number')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.documentClerks)
  @ApiOperation({ summary: 'Văn thư ghi số, ngày theo sổ đăng ký văn bản / The clerk gives the register number and date' })
  number(@Param('id', ParseUuid) id: string, @Body() body: NumberDraftDto, @CurrentActor() actor: Actor) {
    return this.drafts.number(id, body, actor);
  }

  @Post(':id/issue')
  @Allow(...ROLE_GROUPS.documentClerks)
  @ApiOperation({ summary: 'Văn thư ban hành quyết định đã có số / The clerk issues the numbered decision' })
  issue(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.drafts.issue(id, actor);
  }

  /** Like drafting a correction or revocation: the secretariat's. */
  @Post(':id/abandon')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Hủy dự thảo đính chính, thu hồi chưa ban hành (giữ lại làm lịch sử) / Abandon an unissued correction or revocation draft (kept as history)' })
  abandon(@Param('id', ParseUuid) id: string, @Body() body: AbandonDraftDto, @CurrentActor() actor: Actor) {
    return this.drafts.abandon(id, body.reason, actor);
  }
}

/**
 * Document registers: everyone who reads decisions sees them. A register opens with the first draft of its authority
 * and symbol (numbers copied by the clerk from the office's register); an administrator changes how it numbers.
 */
@ApiTags('Sổ đăng ký văn bản / Document registers')
@Controller('document-registers')
export class DocumentRegistersController {
  constructor(private readonly registers: DocumentRegisters) {}

  @Get()
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Các sổ đăng ký văn bản / Document registers' })
  list() {
    return this.registers.list();
  }

  @Post(':id/mode')
  @HttpCode(200)
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Đổi cách lấy số của sổ / Change how a register numbers' })
  setMode(@Param('id', ParseUuid) id: string, @Body() body: RegisterModeDto, @CurrentActor() actor: Actor) {
    return this.registers.setMode(id, body, actor);
  }
}
