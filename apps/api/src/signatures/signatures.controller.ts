/**
 * Signing a decision's documents: on the server with the configured certificate, or by downloading the issued copy,
 * signing it with the signer's own token and uploading the signed file. The secretariat signs; every signed-in
 * reader of decisions sees which documents are signed and by whom.
 */
import { Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { IssuedDocumentView, SigningCapabilitiesView } from '#contracts';
import { Allow } from '../access/decorators.js';
import { DECISION_READERS } from '../access/decision-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { DecisionDocuments } from '../decisions/decision-documents.js';
import { DecisionSigning } from './decision-signing.js';
import { DocumentSignatures, issuedDocumentView } from './document-signatures.js';
import { SigningKeys } from './signing-keys.js';

const SIGNED_FILE_BODY = { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } };

@ApiTags('Chữ ký số / Digital signatures')
@Controller('decisions/:id')
export class SignaturesController {
  constructor(
    private readonly signatures: DocumentSignatures,
    private readonly decisionDocuments: DecisionDocuments,
    private readonly documents: DecisionSigning,
  ) {}

  @Get('signatures')
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Các văn bản đã ban hành của quyết định (quyết định, giấy chứng nhận) và chữ ký số của chúng / Issued documents and their signatures' })
  async list(@Param('id', ParseUuid) id: string): Promise<IssuedDocumentView[]> {
    await this.decisionDocuments.decisionData(id);
    return this.signatures.list(id);
  }

  @Post('signatures')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Ký số trên máy chủ quyết định và mọi giấy chứng nhận chưa ký (PAdES) / Sign the decision and its certificates on the server' })
  async signAll(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<IssuedDocumentView[]> {
    return this.documents.signAllOnServer(id, actor);
  }

  @Get('issued-copy')
  @Allow('COUNCIL_SECRETARY')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Bản ban hành (chưa ký) của quyết định, để ký bằng thiết bị ký số / The issued copy to sign with a token' })
  async decisionCopy(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const issued = await this.signatures.issuedCopy(await this.documents.decisionSource(id), actor);
    sendPdf(res, issued.content, issued.fileName);
  }

  @Post('signed-copy')
  @HttpCode(201)
  @Allow('COUNCIL_SECRETARY')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(SIGNED_FILE_BODY)
  @ApiOperation({ summary: 'Tải lên quyết định đã ký số bằng thiết bị của người ký / Upload the decision signed elsewhere' })
  async decisionSigned(@Param('id', ParseUuid) id: string, @UploadedFile() file: { buffer: Buffer } | undefined, @CurrentActor() actor: Actor): Promise<IssuedDocumentView> {
    return issuedDocumentView(await this.signatures.acceptSigned(await this.documents.decisionSource(id), file?.buffer, actor));
  }

  @Get('certificates/:candidateId/issued-copy')
  @Allow('COUNCIL_SECRETARY')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Bản ban hành (chưa ký) của giấy chứng nhận, để ký bằng thiết bị ký số / The certificate’s issued copy to sign' })
  async certificateCopy(@Param('id', ParseUuid) id: string, @Param('candidateId', ParseUuid) candidateId: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const issued = await this.signatures.issuedCopy(await this.documents.certificateSource(id, candidateId), actor);
    sendPdf(res, issued.content, issued.fileName);
  }

  @Post('certificates/:candidateId/signed-copy')
  @HttpCode(201)
  @Allow('COUNCIL_SECRETARY')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody(SIGNED_FILE_BODY)
  @ApiOperation({ summary: 'Tải lên giấy chứng nhận đã ký số / Upload the certificate signed elsewhere' })
  async certificateSigned(
    @Param('id', ParseUuid) id: string,
    @Param('candidateId', ParseUuid) candidateId: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<IssuedDocumentView> {
    return issuedDocumentView(await this.signatures.acceptSigned(await this.documents.certificateSource(id, candidateId), file?.buffer, actor));
  }

}

/** Whether the server can sign (a configured PKCS#12, or the demo's key on a rehearsal), so screens offer it only then. */
@ApiTags('Chữ ký số / Digital signatures')
@Controller('signing')
export class SigningCapabilitiesController {
  constructor(
    private readonly documents: DecisionSigning,
    private readonly keys: SigningKeys,
  ) {}

  @Get()
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Máy chủ có chứng thư số để ký không, và mức chữ ký / Whether the server signs, and at which level' })
  async capabilities(): Promise<SigningCapabilitiesView> {
    return { serverKey: await this.documents.canSignOnServer(), level: this.keys.tsa ? 'B-T' : 'B-B' };
  }
}

function sendPdf(res: Response, pdf: Buffer, fileName: string): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', String(pdf.length));
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(pdf);
}
