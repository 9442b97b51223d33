import { FieldCodes, SectorCodes, type Field, type Sector } from '#domain';
import { CodeField, IntField, UuidField } from '../../common/fields.js';

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
}

export class RecognitionsByLevelQuery {
  @IntField({ description: 'Năm (của thành tích) / Year of the achievement', min: 1945, max: 2100, optional: true, query: true, example: 2025 })
  year?: number;
}
