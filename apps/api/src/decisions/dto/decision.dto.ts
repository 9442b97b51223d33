import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IssuingAuthorityCodes, RevocationGroundCodes, type IssuingAuthority, type RevocationGroundCode } from '#domain';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

export class RecipientCorrectionDto {
  @UuidField({ description: 'Hồ sơ trong quyết định / The candidate in the decision' })
  candidateId: string;

  @TextField({ description: 'Tên đúng / Corrected name', max: 300, optional: true })
  name?: string;

  @TextField({ description: 'Đơn vị đúng / Corrected unit name', max: 300, optional: true })
  unitName?: string;

  @TextField({ description: 'Thành tích đúng / Corrected achievement', max: 4000, optional: true })
  achievement?: string;
}

/** Who signs a correction or revocation: its date is the register's, given by the clerk when numbering. */
export class AmendmentSignerDto {
  @CodeField({ description: 'Cơ quan ban hành / Issuing authority', codes: IssuingAuthorityCodes, example: 'UBND_TINH' })
  authorityCode: IssuingAuthority;

  @TextField({ description: 'Chức vụ người ký (mặc định theo hồ sơ pháp lý) / Signer’s title (default: the profile’s)', max: 200, optional: true, example: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' })
  signerTitle?: string;

  @TextField({ description: 'Họ tên người ký (mặc định theo hồ sơ pháp lý) / Signer’s name (default: the profile’s)', max: 200, optional: true, example: 'Nguyễn Văn Mạnh' })
  signerName?: string;
}

export class CorrectDecisionDto extends AmendmentSignerDto {
  @TextField({ description: 'Lý do đính chính / Reasons', max: 4000 })
  reasons: string;

  @ApiProperty({ description: 'Nội dung đính chính theo từng hồ sơ / Corrections per recipient', type: [RecipientCorrectionDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RecipientCorrectionDto)
  recipients: RecipientCorrectionDto[];
}

export class RevokeDecisionDto extends AmendmentSignerDto {
  @ApiProperty({
    description: 'Căn cứ thu hồi theo Luật Thi đua, khen thưởng 2022, Chương VII (ít nhất một) / Grounds under the 2022 Law, Chapter VII (at least one)',
    enum: [...RevocationGroundCodes],
    isArray: true,
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(4)
  @IsIn([...RevocationGroundCodes], { each: true })
  grounds: RevocationGroundCode[];

  @TextField({ description: 'Lý do thu hồi (sự việc cụ thể) / Reasons (the facts)', max: 4000 })
  reasons: string;

  @ApiPropertyOptional({ description: 'Các hồ sơ bị thu hồi (mặc định: tất cả) / Candidates revoked (default all)', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  candidateIds?: string[];
}

export class DecisionListQuery {
  @IntField({ description: 'Năm / Year', min: 2000, max: 2100, optional: true, query: true })
  year?: number;

  @CodeField({ description: 'Cơ quan ban hành / Issuing authority', codes: IssuingAuthorityCodes, optional: true })
  authorityCode?: string;

  @UuidField({ description: 'Đợt xét / Review session', optional: true })
  sessionId?: string;
}
