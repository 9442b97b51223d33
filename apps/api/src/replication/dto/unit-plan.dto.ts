import { FieldCodes, type Field } from '#domain';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

/** A revision of a unit's yearly plan: the whole plan as of now (the earlier revisions stay). */
export class WriteUnitPlanDto {
  @IntField({
    description: 'Số lần sửa hiện tại mà người dùng đang xem (0 khi chưa có kế hoạch) / The revision the client last saw (0 when there is none)',
    min: 0,
    max: 100_000,
    example: 0,
  })
  expectedRevision: number;

  @TextField({ description: 'Kế hoạch xây dựng điển hình tiên tiến / Plan for building exemplars', max: 20_000 })
  buildingPlan: string;

  @TextField({ description: 'Kế hoạch nhân rộng điển hình tiên tiến / Plan for replicating exemplars', max: 20_000 })
  replicationPlan: string;

  @TextField({ description: 'Số, ký hiệu văn bản / Document reference', max: 200, optional: true, example: 'Kế hoạch số 08/KH-HĐTĐKT' })
  documentNumber?: string;

  @DateField({ description: 'Ngày ban hành (YYYY-MM-DD) / Issued on', optional: true })
  issuedOn?: string;

  @DateField({ description: 'Ngày kiểm tra hằng năm (YYYY-MM-DD) / Inspected on', optional: true })
  inspectedOn?: string;

  @TextField({ description: 'Kết quả kiểm tra hằng năm / Result of the yearly inspection', max: 20_000, optional: true })
  inspectionResult?: string;
}

export class UnitPlansQuery {
  @IntField({ description: 'Năm / Year', min: 2000, max: 2100, query: true, example: 2025 })
  year: number;

  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;
}

export class SpreadQuery {
  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;

  @IntField({ description: 'Năm của điển hình / Exemplar year', min: 2000, max: 2100, optional: true, query: true })
  year?: number;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, optional: true })
  field?: Field;

  @IntField({ description: 'Số điển hình tối đa / At most this many exemplars', min: 1, max: 200, optional: true, query: true })
  limit?: number;
}
