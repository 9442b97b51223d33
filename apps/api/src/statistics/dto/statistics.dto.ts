import { FieldCodes, SectorCodes, type Field, type Sector } from '#domain';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

export class StatisticsQuery {
  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;

  @CodeField({ description: 'Khối (của đơn vị quản lý hồ sơ) / Sector of the candidate’s unit', codes: SectorCodes, optional: true })
  sector?: Sector;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, optional: true })
  field?: Field;

  @IntField({ description: 'Từ năm / From year', min: 1945, max: 2100, optional: true, query: true, example: 2014 })
  yearFrom?: number;

  @IntField({ description: 'Đến năm / To year', min: 1945, max: 2100, optional: true, query: true, example: 2023 })
  yearTo?: number;

  @UuidField({ description: 'Chỉ các điển hình dẫn đầu phong trào này / Only exemplars that lead this movement', optional: true })
  movementId?: string;

  @CodeField({ description: 'Tách riêng hộ gia đình (mặc định tính vào cá nhân) / Show households apart (default: with individuals)', codes: ['true', 'false'], optional: true })
  separateHouseholds?: 'true' | 'false';
}

/** The form fields that come with an uploaded file (multipart: text, converted here). */
export class ImportForm {
  @IntField({ description: 'Tổng số tập thể nêu trong nguồn (không bắt buộc) / Collectives the source states in total (optional)', min: 0, max: 2_000_000_000, optional: true, query: true, example: 10984 })
  statedCollective?: number;

  @IntField({ description: 'Tổng số cá nhân nêu trong nguồn (không bắt buộc) / Individuals the source states in total (optional)', min: 0, max: 2_000_000_000, optional: true, query: true, example: 17889 })
  statedIndividual?: number;

  @TextField({ description: 'Địa bàn mà số liệu là lịch sử của nó; bỏ trống: chính tỉnh này / The jurisdiction the figures are the history of; blank: this province', max: 200, optional: true, example: 'Tỉnh Bắc Giang' })
  jurisdiction?: string;
}

export class RecognitionsByLevelQuery {
  @IntField({ description: 'Năm (của thành tích) / Year of the achievement', min: 1945, max: 2100, optional: true, query: true, example: 2025 })
  year?: number;
}

/** The jurisdiction a batch is the history of (sent with the file, or afterwards for a batch imported before). */
export class ImportJurisdictionDto {
  @TextField({ description: 'Địa bàn mà số liệu là lịch sử của nó (ví dụ: Tỉnh Bắc Giang) / The jurisdiction the figures are the history of', max: 200, example: 'Tỉnh Bắc Giang' })
  jurisdiction: string;
}

/** A merger of jurisdictions in the province's series, with the document that decided it. */
export class SeriesEventDto {
  @CodeField({ description: 'Loại sự kiện (hợp nhất) / Kind of event (merger)', codes: ['MERGER'], example: 'MERGER' })
  kind: 'MERGER';

  @DateField({ description: 'Ngày có hiệu lực / Effective date', example: '2025-07-01' })
  effectiveDate: string;

  @ApiProperty({ description: 'Các địa bàn trước khi hợp nhất / The jurisdictions before the merger', type: [String], example: ['Tỉnh Bắc Giang', 'Tỉnh Bắc Ninh (trước 01/7/2025)'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  @Matches(/\S/, { each: true, message: 'each value of $property must not be blank' })
  predecessors: string[];

  @TextField({ description: 'Địa bàn sau khi hợp nhất / The jurisdiction after the merger', max: 200, example: 'Tỉnh Bắc Ninh' })
  successor: string;

  @TextField({ description: 'Số văn bản / Document number', max: 100, example: '202/2025/QH15' })
  documentNumber: string;

  @DateField({ description: 'Ngày văn bản / Document date', example: '2025-06-12' })
  documentDate: string;

  @TextField({ description: 'Cơ quan ban hành / Issuing authority', max: 200, example: 'Quốc hội' })
  documentAuthority: string;

  @TextField({ description: 'Ghi chú (không bắt buộc) / Note (optional)', max: 1000, optional: true })
  note?: string;
}
