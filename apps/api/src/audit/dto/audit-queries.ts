import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, ValidateBy } from 'class-validator';
import { IntField, TextField, UuidField, isRealDate } from '../../common/fields.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date (a whole day in Vietnam's time, UTC+7) or an instant with its offset. */
function DateOrInstantField(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, type: String, example: '2025-03-01' }),
    IsOptional(),
    ValidateBy({
      name: 'isDateString',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && (DATE.test(v) || INSTANT.test(v)) && isRealDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)),
        defaultMessage: () => '$property must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset',
      },
    }),
  );
}

/** Which records: any combination of candidate, unit subtree, person and period. */
export class AuditTrailFilter {
  @UuidField({ description: 'Hồ sơ / Candidate', optional: true })
  candidateId?: string;

  @UuidField({ description: 'Đơn vị: nhật ký của đơn vị và của các hồ sơ thuộc đơn vị và đơn vị cấp dưới / Unit: its own records and those of candidates in its subtree', optional: true })
  unitId?: string;

  @UuidField({
    description: 'Đợt xét của Hội đồng: nhật ký của đợt xét và quyết định trên các hồ sơ của đợt / Review session: its records and the decisions on its candidates',
    optional: true,
  })
  sessionId?: string;

  @TextField({ description: 'Người thực hiện (tên đăng nhập) / Person (username)', max: 100, optional: true })
  actor?: string;

  @DateOrInstantField('Từ ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm ISO 8601 / From a date (Vietnam time) or an ISO 8601 instant, inclusive')
  from?: string;

  @DateOrInstantField('Đến hết ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm ISO 8601 / To the end of a date (Vietnam time) or an ISO 8601 instant, inclusive')
  to?: string;
}

export class AuditTrailQuery extends AuditTrailFilter {
  @IntField({ description: 'Trang / Page', min: 1, max: 100_000, optional: true, query: true })
  page?: number;

  @IntField({ description: 'Số bản ghi mỗi trang / Page size', min: 1, max: 500, optional: true, query: true })
  pageSize?: number;
}

export class ListCheckpointsQuery {
  @IntField({ description: 'Trang / Page', min: 1, max: 100_000, optional: true, query: true })
  page?: number;

  @IntField({ description: 'Số điểm kiểm mỗi trang / Page size', min: 1, max: 100, optional: true, query: true })
  pageSize?: number;
}

export class ConsistencyQuery {
  @IntField({ description: 'Kích thước cây cũ (điểm kiểm kiểm toán viên giữ) / Tree size of the older checkpoint', min: 1, max: Number.MAX_SAFE_INTEGER, query: true })
  from: number;

  @IntField({ description: 'Kích thước cây mới (mặc định: điểm kiểm mới nhất) / Tree size of the newer checkpoint (default: the latest)', min: 1, max: Number.MAX_SAFE_INTEGER, optional: true, query: true })
  to?: number;
}

export class VerifyRequest {
  @ApiPropertyOptional({
    description: 'Các điểm kiểm kiểm toán viên đã lưu (nội dung tệp JSON) / Checkpoint files the auditor kept (their JSON)',
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  checkpoints?: object[];
}
