import { Body, Controller, Get, HttpCode, Injectable, PayloadTooLargeException, Post, Res, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Allow } from '../../access/decorators.js';
import { CurrentActor, type Actor } from '../../common/actor.js';
import { DomainError } from '../../common/domain-error.js';
import { UnitImportService, type UploadedUnitList } from './unit-import.service.js';
import { templateCsv } from './unit-import.template.js';

export const UNIT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

@Injectable()
class UnitListInterceptor extends FileInterceptor('file', { limits: { fileSize: UNIT_IMPORT_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1024 } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new DomainError('UNIT_IMPORT_FILE_TOO_LARGE', { field: 'file', maxBytes: UNIT_IMPORT_MAX_BYTES });
      throw error;
    }
  }
}

export class ApplyUnitImportForm {
  @ApiProperty({ description: 'Mã của bản xem trước (planDigest) / The digest the preview answered', example: 'a3f…' })
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be the 64 hexadecimal digits the preview answered' })
  planDigest: string;
}

const FILE_BODY = { schema: { type: 'object' as const, required: ['file'], properties: { file: { type: 'string' as const, format: 'binary' } } } };

@ApiTags('Đơn vị / Units')
@Controller('unit-imports')
export class UnitImportController {
  constructor(private readonly imports: UnitImportService) {}

  @Get('template')
  @Allow('ADMIN')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Tệp mẫu nhập danh sách đơn vị (CSV, UTF-8) / The unit list template (CSV, UTF-8)' })
  template(@Res() res: Response) {
    const body = templateCsv();
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Length', String(body.length));
    res.setHeader('Content-Disposition', 'attachment; filename="mau-nhap-don-vi.csv"');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(body);
  }

  @Post('preview')
  @HttpCode(200)
  @Allow('ADMIN')
  @UseInterceptors(UnitListInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOperation({
    summary: 'Xem trước việc nhập danh sách đơn vị (không ghi gì) / Preview a unit list import (writes nothing)',
    description: 'What would be created, renamed or found unchanged, and every error by line and column (Vietnamese header).',
  })
  preview(@UploadedFile() file: UploadedUnitList | undefined) {
    return this.imports.preview(file);
  }

  @Post()
  @HttpCode(200)
  @Allow('ADMIN')
  @UseInterceptors(UnitListInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file', 'planDigest'], properties: { file: { type: 'string', format: 'binary' }, planDigest: { type: 'string' } } } })
  @ApiOperation({
    summary: 'Áp dụng việc nhập danh sách đơn vị (một thay đổi, một giao dịch) / Apply a unit list import (one change, one transaction)',
    description: '201 when units were created or renamed; 200 when the tree already matched the file (nothing changed); 409 when the plan differs from the preview.',
  })
  @ApiResponse({ status: 201, description: 'Đã nhập / Imported' })
  @ApiResponse({ status: 200, description: 'Không có gì thay đổi / Nothing changed' })
  async apply(@UploadedFile() file: UploadedUnitList | undefined, @Body() form: ApplyUnitImportForm, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const result = await this.imports.apply(file, form.planDigest, actor);
    if (result.applied) res.status(201);
    return result;
  }

  @Get()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Các lần nhập danh sách đơn vị / Unit list imports, newest first' })
  list() {
    return this.imports.list();
  }
}
