import { DiscoveryChannelCodes, FieldCodes, SubjectKindCodes, type DiscoveryChannel, type Field, type SubjectKind } from '#domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'Các phong trào thi đua mà điển hình dẫn đầu / Movements the candidate leads', type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  movementIds?: string[];

  @UuidField({ description: 'Phát hiện tại hội nghị sơ kết, tổng kết của phong trào này (kênh REVIEW_CONFERENCE) / Discovered at this movement’s review conference', optional: true })
  discoveredAtMovementId?: string;

  @UuidField({ description: 'Đợt sơ kết, tổng kết nơi phát hiện / The review at which it was discovered', optional: true })
  discoveredAtReviewId?: string;

  @UuidField({ description: 'Cùng đối tượng với hồ sơ trước đây này (tra cứu để chọn) / The same subject as this earlier candidacy', optional: true })
  sameSubjectAs?: string;

  @IntField({
    description: 'Tỷ lệ nữ (%): cá nhân nữ 100, nam 0; tập thể, hộ: tỷ lệ nữ. Dùng để ưu tiên khi ngang nhau (NĐ 152/2025 Điều 4.6) / Share of women, percent',
    min: 0,
    max: 100,
    optional: true,
  })
  womenSharePercent?: number;

  @ApiPropertyOptional({ description: 'Đối tượng mới, dù trùng tên với hồ sơ khác của đơn vị / A new subject, even if another candidacy of the unit has the same name' })
  @IsOptional()
  @IsBoolean()
  newSubject?: boolean;

  @TextField({
    description:
      'Lý do vẫn đề nghị khi đối tượng đã được công nhận cùng năm hoặc cùng thành tích (Luật 2022 Điều 5) / Why the subject is nominated though already recognised for the same year or achievement',
    max: 4000,
    optional: true,
  })
  repeatJustification?: string;
}
