import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { FieldCodes, MOVEMENT_STATUS_CODES, REVIEW_KIND_CODES, type Field, type MovementStatus, type ReviewKind } from '#domain';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

/** One or more field codes (lĩnh vực), each once. */
function FieldListField(o: { description: string; optional?: boolean }) {
  const doc = { description: o.description, isArray: true, enum: [...FieldCodes], example: ['ECONOMY', 'CULTURE_SPORTS_TOURISM'] };
  return applyDecorators(
    o.optional ? ApiPropertyOptional(doc) : ApiProperty(doc),
    ...(o.optional ? [IsOptional()] : []),
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(FieldCodes.length),
    ArrayUnique(),
    IsIn([...FieldCodes], { each: true }),
  );
}

const VersionField = () => IntField({ description: 'Phiên bản phong trào đang xem / Version of the movement the client last saw', min: 1, max: 2_147_483_647 });
const FigureField = (description: string) => IntField({ description, min: 0, max: 2_000_000_000, optional: true });

export class LaunchMovementDto {
  @TextField({ description: 'Tên phong trào / Name', max: 300, example: 'Bắc Ninh chung sức xây dựng nông thôn mới' })
  name: string;

  @UuidField({ description: 'Đơn vị phát động / Launching unit' })
  launchingUnitId: string;

  @DateField({ description: 'Từ ngày (YYYY-MM-DD) / From', example: '2021-01-01' })
  periodFrom: string;

  @DateField({ description: 'Đến ngày (YYYY-MM-DD) / To', example: '2025-12-31' })
  periodTo: string;

  @FieldListField({ description: 'Các lĩnh vực phong trào hướng tới / Fields the movement concerns' })
  fields: Field[];

  @TextField({ description: 'Mục tiêu, chỉ tiêu / Goals', max: 10_000 })
  goals: string;

  @TextField({ description: 'Số hiệu văn bản phát động / Launching document number', max: 100, example: '05/KH-HĐTĐKT' })
  documentNumber: string;

  @DateField({ description: 'Ngày ban hành văn bản / Document date', example: '2021-02-05' })
  documentDate: string;

  @TextField({ description: 'Trích yếu văn bản / Document subject line', max: 1000, optional: true })
  documentTitle?: string;
}

export class StartMovementDto {
  @VersionField()
  expectedVersion: number;

  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;
}

export class RecordReviewDto {
  @VersionField()
  expectedVersion: number;

  @CodeField({ description: 'Sơ kết (INTERIM) hay tổng kết (FINAL, kết thúc phong trào) / Interim or final review (closes the movement)', codes: REVIEW_KIND_CODES, example: 'INTERIM' })
  kind: ReviewKind;

  @DateField({ description: 'Ngày sơ kết, tổng kết / Date of the review', example: '2023-12-20' })
  heldOn: string;

  @TextField({ description: 'Kết quả / Results', max: 20_000 })
  results: string;

  @FigureField('Số đơn vị tham gia / Participating units')
  participatingUnits?: number;

  @FigureField('Số điển hình phát hiện / Exemplars found')
  exemplarsFound?: number;

  @FigureField('Số tập thể được khen thưởng / Collectives commended')
  collectivesCommended?: number;

  @FigureField('Số cá nhân được khen thưởng / Individuals commended')
  individualsCommended?: number;

  @DateField({ description: 'Ngày tổ chức hội nghị sơ kết, tổng kết / Date of the review conference', optional: true })
  conferenceHeldOn?: string;

  @TextField({ description: 'Địa điểm hội nghị / Venue of the conference', max: 300, optional: true })
  conferencePlace?: string;

  @TextField({ description: 'Ghi chú về hội nghị / Note on the conference', max: 5000, optional: true })
  conferenceNote?: string;

  @UuidField({ description: 'Bản ghi sơ kết, tổng kết được đính chính (bản cũ được giữ nguyên) / The review record this one corrects (the old one is kept)', optional: true })
  correctsId?: string;
}

export class ReviseMovementDto {
  @VersionField()
  expectedVersion: number;

  @TextField({ description: 'Lý do đính chính / Reason for the correction', max: 2000 })
  reason: string;

  @TextField({ description: 'Tên phong trào / Name', max: 300, optional: true })
  name?: string;

  @DateField({ description: 'Từ ngày / From', optional: true })
  periodFrom?: string;

  @DateField({ description: 'Đến ngày / To', optional: true })
  periodTo?: string;

  @FieldListField({ description: 'Các lĩnh vực / Fields', optional: true })
  fields?: Field[];

  @TextField({ description: 'Mục tiêu, chỉ tiêu / Goals', max: 10_000, optional: true })
  goals?: string;

  @TextField({ description: 'Số hiệu văn bản phát động / Document number', max: 100, optional: true })
  documentNumber?: string;

  @DateField({ description: 'Ngày ban hành văn bản / Document date', optional: true })
  documentDate?: string;

  @TextField({ description: 'Trích yếu văn bản / Document subject line', max: 1000, optional: true })
  documentTitle?: string;
}

/** The text field that comes with an uploaded document file (multipart: converted here). */
export class UploadDocumentForm {
  @IntField({ description: 'Phiên bản phong trào đang xem / Version of the movement the client last saw', min: 1, max: 2_147_483_647, query: true })
  expectedVersion: number;
}

export class RegisterDto {
  @UuidField({ description: 'Đơn vị đăng ký tham gia (trực thuộc đơn vị phát động) / Registering unit (below the launching unit)' })
  unitId: string;

  @TextField({ description: 'Chỉ tiêu, nội dung đăng ký / The unit’s targets', max: 5000 })
  targets: string;

  @IntField({ description: 'Số điển hình phấn đấu xây dựng / Exemplars the unit aims to build', min: 0, max: 1_000_000, optional: true })
  targetExemplars?: number;
}

export class AmendRegistrationDto {
  @TextField({ description: 'Chỉ tiêu, nội dung đăng ký mới / The new targets', max: 5000 })
  targets: string;

  @IntField({ description: 'Số điển hình phấn đấu xây dựng / Exemplars the unit aims to build', min: 0, max: 1_000_000, optional: true })
  targetExemplars?: number;

  @TextField({ description: 'Lý do điều chỉnh / Reason', max: 2000, optional: true })
  reason?: string;
}

export class WithdrawRegistrationDto {
  @TextField({ description: 'Lý do rút đăng ký / Reason', max: 2000 })
  reason: string;
}

export class ListMovementsQuery {
  @CodeField({ description: 'Trạng thái / Status', codes: MOVEMENT_STATUS_CODES, optional: true })
  status?: MovementStatus;

  @UuidField({ description: 'Phát động bởi đơn vị này hoặc đơn vị trực thuộc / Launched by this unit or a unit below it', optional: true })
  unitId?: string;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, optional: true })
  field?: Field;

  @IntField({ description: 'Đang diễn ra trong năm / Active in the year', min: 1945, max: 2100, optional: true, query: true })
  year?: number;

  @TextField({ description: 'Tìm theo tên (có dấu hoặc không dấu) / Search by name (with or without diacritics)', max: 200, optional: true })
  q?: string;

  @IntField({ description: 'Trang / Page', min: 1, max: 100_000, optional: true, query: true })
  page?: number;

  @IntField({ description: 'Số dòng mỗi trang / Page size', min: 1, max: 100, optional: true, query: true })
  pageSize?: number;
}

export class LinkMovementDto {
  @UuidField({ description: 'Phong trào / Movement' })
  movementId: string;

  @CodeField({ description: 'Gắn (LINK, mặc định) hay bỏ gắn (UNLINK) / Link (default) or unlink', codes: ['LINK', 'UNLINK'], optional: true })
  action?: 'LINK' | 'UNLINK';

  @TextField({ description: 'Lý do (bắt buộc khi bỏ gắn) / Reason (required to unlink)', max: 2000, optional: true })
  reason?: string;
}
