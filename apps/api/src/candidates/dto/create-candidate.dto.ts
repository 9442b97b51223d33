import { DiscoveryChannelCodes, FieldCodes, SubjectKindCodes, type DiscoveryChannel, type Field, type SubjectKind } from '#domain';
import { CodeField, IntField, TextField, UuidField } from '../../common/fields.js';

export class CreateCandidateDto {
  @CodeField({ description: 'Loại: tập thể, cá nhân, hộ gia đình / Kind', codes: SubjectKindCodes, example: 'COLLECTIVE' })
  kind: SubjectKind;

  @TextField({ description: 'Tên tập thể, cá nhân hoặc hộ / Name', max: 300, example: 'Trường THCS Tân Dĩnh' })
  name: string;

  @UuidField({ description: 'Đơn vị quản lý / Unit the candidate belongs to' })
  unitId: string;

  @CodeField({ description: 'Lĩnh vực / Field', codes: FieldCodes, example: 'EDUCATION_SCIENCE' })
  field: Field;

  @IntField({ description: 'Năm / Year', min: 2000, max: 2100, example: 2025 })
  year: number;

  @CodeField({ description: 'Hình thức phát hiện / Discovery channel', codes: DiscoveryChannelCodes, example: 'REVIEW_CONFERENCE' })
  discoveryChannel: DiscoveryChannel;

  @TextField({ description: 'Thành tích tiêu biểu / Achievement', max: 10_000 })
  achievement: string;
}
