import { Body, Controller, Get, HttpCode, Injectable, Param, PayloadTooLargeException, Post, Query, Res, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import { Allow } from '../access/decorators.js';
import { ROLE_GROUPS } from '#domain';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import { ImportForm, ImportJurisdictionDto, RecognitionsByLevelQuery, SeriesEventDto, StatisticsQuery } from './dto/statistics.dto.js';
import { StatisticsSeriesService } from './statistics-series.service.js';
import { toCsv, toXlsx } from './statistics-export.js';
import { StatisticsImportService, type UploadedTable } from './statistics-import.service.js';
import { StatisticsService } from './statistics.service.js';
import { attachment } from '../common/download-name.js';

/** Unit heads read the table of their own subtree; the others read the whole province. */
/** Imported batches are province-wide history: the council, its secretariat and auditors. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** Multer's upload, in memory up to the limit; past it, this feature's own 413 (not the evidence file's). */
@Injectable()
class ImportFileInterceptor extends FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 1024 } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new DomainError('IMPORT_FILE_TOO_LARGE', { field: 'file', maxBytes: IMPORT_MAX_BYTES });
      throw error;
    }
  }
}

@ApiTags('Thống kê / Statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly imports: StatisticsImportService,
    private readonly series: StatisticsSeriesService,
  ) {}

  @Get('exemplars')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Bảng thống kê điển hình tiên tiến (năm × lĩnh vực) / The statistics table (year × field)',
    description: 'Counted in the database by one aggregate query; imported history and live data as one series; conflicts and unknown cells reported.',
  })
  table(@Query() query: StatisticsQuery, @CurrentActor() actor: Actor) {
    return this.statistics.table(actor, query);
  }

  @Get('recognitions-by-level')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Điển hình được công nhận theo cấp công nhận / Recognised exemplars by the level that recognised them' })
  byLevel(@Query() query: RecognitionsByLevelQuery, @CurrentActor() actor: Actor) {
    return this.statistics.recognitionsByLevel(actor, query.year);
  }

  @Get('exemplars/xlsx')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Bảng thống kê dạng Excel (.xlsx) / The statistics table as Excel' })
  async xlsx(@Query() query: StatisticsQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    const file = await toXlsx(await this.statistics.table(actor, query));
    send(res, file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Thống kê điển hình tiên tiến.xlsx');
  }

  @Get('exemplars/csv')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Bảng thống kê dạng CSV (UTF-8 có BOM) / The statistics table as CSV (UTF-8 with BOM)' })
  async csv(@Query() query: StatisticsQuery, @CurrentActor() actor: Actor, @Res() res: Response) {
    send(res, toCsv(await this.statistics.table(actor, query)), 'text/csv; charset=utf-8', 'Thống kê điển hình tiên tiến.csv');
  }

  @Post('imports')
  @HttpCode(200)
  @Allow('COUNCIL_SECRETARY')
  @UseInterceptors(ImportFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, statedCollective: { type: 'integer' }, statedIndividual: { type: 'integer' } },
    },
  })
  @ApiOperation({
    summary: 'Nhập số liệu lịch sử (CSV hoặc Excel, theo mẫu year,field,collective,individual) / Import historical figures',
    description: '201 with the report when new; 200 when the same file (same SHA-256) was imported before: nothing changes.',
  })
  @ApiResponse({ status: 201, description: 'Đã nhập; báo cáo ô trống và chênh lệch / Imported; the report of blank cells and differences' })
  @ApiResponse({ status: 200, description: 'Tệp đã được nhập trước đó; không có gì thay đổi / Already imported; nothing changed' })
  async import(@UploadedFile() file: UploadedTable | undefined, @Body() form: ImportForm, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const result = await this.imports.import(file, form, actor);
    if (result.created) res.status(201);
    return result;
  }

  @Get('imports')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Các lần nhập số liệu lịch sử / Historical imports, newest first' })
  list() {
    return this.imports.list();
  }

  @Get('imports/:id')
  @Allow(...ROLE_GROUPS.councilReaders)
  @ApiOperation({ summary: 'Một lần nhập: ô trống, chênh lệch với tổng nêu trong nguồn / One import: blank cells, differences to the stated totals' })
  get(@Param('id', ParseUuid) id: string) {
    return this.imports.get(id);
  }

  @Post('imports/:id/jurisdiction')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({
    summary: 'Ghi địa bàn của một lần nhập đã có (một lần) / Record, once, the jurisdiction of an earlier import',
    description: 'E.g. the former Bắc Giang’s 2014–2023 table imported before the merger: its figures then count in the merged province’s series up to the merger.',
  })
  async recordJurisdiction(@Param('id', ParseUuid) id: string, @Body() dto: ImportJurisdictionDto, @CurrentActor() actor: Actor) {
    await this.series.recordJurisdiction(id, dto.jurisdiction, actor);
    return this.imports.get(id);
  }

  @Post('series-events')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Ghi sự kiện của chuỗi số liệu (hợp nhất tỉnh) / Record an event of the series (a merger of provinces)' })
  recordEvent(@Body() dto: SeriesEventDto, @CurrentActor() actor: Actor) {
    return this.series.recordEvent(dto, actor);
  }

  @Get('series-events')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Các sự kiện của chuỗi số liệu / The series’ events' })
  async events() {
    return this.series.listed();
  }
}

function send(res: Response, body: Buffer, contentType: string, fileName: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', String(body.length));
  res.setHeader('Content-Disposition', attachment(fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(body);
}
