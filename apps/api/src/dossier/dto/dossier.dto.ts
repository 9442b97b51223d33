import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { TextField } from '../../common/fields.js';

/** A section may be left empty while the report is drafted; each is at most 20,000 characters. */
export class AchievementReportContentDto {
  @ApiProperty({ description: 'I. Sơ lược lý lịch / đặc điểm tình hình / Profile' })
  @IsString()
  @MaxLength(20000)
  profile: string;

  @ApiProperty({ description: 'II.1 Thành tích đạt được / Achievements' })
  @IsString()
  @MaxLength(20000)
  achievements: string;

  @ApiProperty({ description: 'II.2 Giải pháp, mô hình, cách làm mới / Methods' })
  @IsString()
  @MaxLength(20000)
  methods: string;

  @ApiProperty({ description: 'II.3 Hiệu quả, khả năng nhân rộng / Impact' })
  @IsString()
  @MaxLength(20000)
  impact: string;

  @ApiProperty({ description: 'III. Hình thức đã được khen thưởng / Earlier awards' })
  @IsString()
  @MaxLength(20000)
  earlierAwards: string;
}

export class SaveAchievementReportDto {
  @ApiProperty({ description: 'Nội dung báo cáo thành tích / The report', type: AchievementReportContentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AchievementReportContentDto)
  content: AchievementReportContentDto;

  @ApiProperty({ description: 'Phiên bản đang sửa (0: bản điền sẵn) / The version edited (0: the pre-filled draft)', minimum: 0 })
  @IsInt()
  @Min(0)
  expectedVersion: number;

  @TextField({ description: 'Ghi chú lần sửa / Note on this edit', max: 500, optional: true })
  note?: string;
}
