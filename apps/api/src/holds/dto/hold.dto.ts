/**
 * The forms of placing and lifting a hold: JSON, or multipart with the document's file (`file`, optional). Multipart
 * fields arrive as strings, which these fields take as they are.
 */
import { HoldKindCodes, type HoldKind } from '#workflow';
import { CodeField, DateField, IntField, TextField } from '../../common/fields.js';

class HoldDocumentForm {
  @TextField({ description: 'Số văn bản làm căn cứ / Number of the document it rests on', max: 200, example: '125/QĐ-TTr' })
  documentNumber: string;

  @DateField({ description: 'Ngày văn bản (YYYY-MM-DD) / Date of the document', example: '2026-11-20' })
  documentDate: string;

  @TextField({ description: 'Cơ quan ban hành / Issuer', max: 500, example: 'Thanh tra tỉnh' })
  documentIssuer: string;

  @IntField({ description: 'Phiên bản hồ sơ đang xem (không bắt buộc) / Version the client last saw (optional)', min: 1, max: 2_147_483_647, optional: true, query: true })
  expectedVersion?: number;
}

export class PlaceHoldForm extends HoldDocumentForm {
  @CodeField({ description: 'Lý do tạm dừng (Nghị định 152/2025 Điều 4.4) / Kind of hold', codes: HoldKindCodes, example: 'COMPLAINT' })
  kind: HoldKind;

  @TextField({ description: 'Nội dung, căn cứ tạm dừng xét / Grounds', max: 4000, example: 'Đơn khiếu nại về kết quả sản xuất đang được Thanh tra tỉnh xác minh' })
  grounds: string;
}

export class LiftHoldForm extends HoldDocumentForm {
  @TextField({ description: 'Kết luận chấm dứt tạm dừng / The conclusion that lifts the hold', max: 4000, example: 'Kết luận nội dung khiếu nại không có cơ sở' })
  conclusion: string;
}
