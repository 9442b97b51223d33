import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { CouncilRuleSet } from '#workflow';
import { TextField } from '../../common/fields.js';

export class BilingualNameDto {
  @TextField({ description: 'Tiếng Việt', max: 300 })
  vi: string;

  @TextField({ description: 'English', max: 300 })
  en: string;
}

export class BilingualSourceDto {
  @TextField({ description: 'Tiếng Việt', max: 4000 })
  vi: string;

  @TextField({ description: 'English', max: 4000 })
  en: string;
}

export class PublishCouncilRuleSetDto {
  @ApiProperty({ description: 'Mã bộ quy tắc (chữ in hoa, số, gạch dưới); mã đã có: phiên bản mới / Code (a known code gets a new version)', example: 'QUY_DINH_2025' })
  @Matches(/^[A-Z][A-Z0-9_]*$/)
  @MaxLength(60)
  code: string;

  @ApiProperty({ description: 'Tên bộ quy tắc / Name', type: BilingualNameDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name: BilingualNameDto;

  @ApiProperty({ description: 'Căn cứ (văn bản, điều khoản) / Source of its figures', type: BilingualSourceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BilingualSourceDto)
  source: BilingualSourceDto;

  @ApiProperty({
    description:
      'Nội dung bộ quy tắc (quorum, awardSessionAttendance, writtenOpinionsCount, recognition, rejection, recusal, chairBreaksTies, quota), kiểm tra bằng ruleSetProblems / The rule document',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  rules: Omit<CouncilRuleSet, 'code' | 'version'>;

  @TextField({ description: 'Lý do ban hành phiên bản mới / Why this version', max: 2000, optional: true })
  note?: string;
}
