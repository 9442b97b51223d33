/**
 * Verification for anyone, without signing in: the API (`/api/verifications`) and the public page
 * (`/cong-khai/xac-minh`, plain HTML in the public side's layout), where a certificate's QR code leads.
 */
import { Controller, Get, HttpCode, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiExcludeController, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { VerificationView } from '#contracts';
import { Public } from '../access/decorators.js';
import { DomainError } from '../common/domain-error.js';
import { errorBody } from '../common/exception.filter.js';
import { PublicPageErrors } from '../publicity/public-pages.controller.js';
import { CONTENT_SECURITY_POLICY } from '../web/web-app.js';
import { DocumentVerification } from './document-verification.js';
import { verificationPage } from './verification-html.js';
import { VERIFICATION_PATH } from './verification-url.js';

@ApiTags('Xác minh văn bản / Document verification')
@Public()
@Controller('verifications')
export class VerificationController {
  constructor(private readonly verification: DocumentVerification) {}

  @Get()
  @ApiQuery({ name: 'reference', required: true, description: 'Số quyết định (12/QĐ-UBND) hoặc số giấy chứng nhận / Decision or certificate number' })
  @ApiOperation({ summary: 'Xác minh một quyết định hoặc giấy chứng nhận theo số (không cần đăng nhập) / Verify by number (no sign-in)' })
  byReference(@Query('reference') reference: string | undefined): Promise<VerificationView> {
    return this.verification.verifyReference(typeof reference === 'string' ? reference : undefined);
  }

  @Post()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Xác minh một tệp PDF: văn bản nào, chữ ký, nội dung, hiệu lực (không cần đăng nhập) / Verify a PDF (no sign-in)' })
  byFile(@UploadedFile() file: { buffer: Buffer } | undefined): Promise<VerificationView> {
    return this.verification.verifyFile(file?.buffer);
  }
}

@ApiExcludeController()
@Public()
@UseFilters(PublicPageErrors)
@Controller(VERIFICATION_PATH.slice(1))
export class PublicVerificationPage {
  constructor(private readonly verification: DocumentVerification) {}

  @Get()
  async page(@Query('so') reference: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const typed = typeof reference === 'string' ? reference : '';
    if (!typed.trim()) return send(res, 200, verificationPage({ reference: '' }));
    await this.answer(req, res, typed, () => this.verification.verifyReference(typed));
  }

  @Post()
  @UseInterceptors(FileInterceptor('file'))
  async upload(@UploadedFile() file: { buffer: Buffer; originalname?: string } | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, '', () => this.verification.verifyFile(file?.buffer), file?.originalname);
  }

  private async answer(req: Request, res: Response, reference: string, verify: () => Promise<VerificationView>, fileName?: string): Promise<void> {
    try {
      send(res, 200, verificationPage({ reference, result: await verify(), ...(fileName ? { fileName } : {}) }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const body = errorBody(error, String((req as Request & { id?: string }).id ?? randomUUID()));
      send(res, body.statusCode, verificationPage({ reference, error: body.message }));
    }
  }
}

function send(res: Response, status: number, html: string): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).type('text/html; charset=utf-8').send(html);
}
