import { FieldCodes, StageCodes, SubjectKindCodes, type Field, type Stage, type SubjectKind } from '#domain';
import { CANDIDATE_STATE_CODES, type CandidateState } from '#workflow';
import { CodeField, IntField, TextField, UuidField } from '../../common/fields.js';

export const LOOKUP_KINDS = [...SubjectKindCodes, 'UNIT', 'MOVEMENT'] as const;
export type LookupKind = SubjectKind | 'UNIT' | 'MOVEMENT';

export class LookupQuery {
  @TextField({ description: 'Tìm theo tên, có dấu hoặc không dấu ("nguyen van" tìm được "Nguyễn Văn") / Name, with or without diacritics', max: 200, optional: true, example: 'nguyen van' })
  q?: string;

  @CodeField({ description: 'Loại kết quả: tập thể, cá nhân, hộ gia đình, đơn vị, phong trào / Kind of result', codes: LOOKUP_KINDS, optional: true })
  kind?: LookupKind;

  @CodeField({ description: 'Giai đoạn của hồ sơ (chỉ hồ sơ) / Stage (candidates only)', codes: StageCodes, optional: true })
  stage?: Stage;

  @CodeField({ description: 'Trạng thái của hồ sơ (chỉ hồ sơ) / State (candidates only)', codes: CANDIDATE_STATE_CODES, optional: true })
  state?: CandidateState;

  @IntField({ description: 'Năm của hồ sơ; phong trào diễn ra trong năm / Candidate’s year; movements active that year', min: 1945, max: 2100, optional: true, query: true })
  year?: number;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, optional: true })
  field?: Field;

  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;

  @UuidField({ description: 'Hồ sơ gắn với phong trào (chỉ hồ sơ) / Candidates linked to the movement (candidates only)', optional: true })
  movementId?: string;

  @IntField({ description: 'Số kết quả mỗi trang / Results per page', min: 1, max: 100, optional: true, query: true })
  limit?: number;

  @IntField({ description: 'Bỏ qua bao nhiêu kết quả đầu / Results to skip', min: 0, max: 100_000, optional: true, query: true })
  offset?: number;
}
