import { CANDIDATE_STATE_CODES, type CandidateState } from '#workflow';
import { FieldCodes, SubjectKindCodes, type Field, type SubjectKind } from '#domain';
import { CodeField, IntField, TextField, UuidField } from '../../common/fields.js';

export class ListCandidatesQuery {
  @CodeField({ description: 'Trạng thái / State', codes: CANDIDATE_STATE_CODES, optional: true })
  state?: CandidateState;

  @CodeField({ description: 'Loại / Kind', codes: SubjectKindCodes, optional: true })
  kind?: SubjectKind;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, optional: true })
  field?: Field;

  @IntField({ description: 'Năm / Year', min: 2000, max: 2100, optional: true, query: true })
  year?: number;

  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;

  @TextField({ description: 'Tìm theo tên / Search by name', max: 200, optional: true })
  q?: string;

  @IntField({ description: 'Trang / Page', min: 1, max: 100_000, optional: true, query: true })
  page?: number;

  @IntField({ description: 'Số dòng mỗi trang / Page size', min: 1, max: 100, optional: true, query: true })
  pageSize?: number;
}
