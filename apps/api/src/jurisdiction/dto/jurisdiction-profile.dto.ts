import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { IssuingAuthorityCodes, type IssuingAuthority } from '#domain';
import { CodeField, DateField, IntField, TextField, isRealDate } from '../../common/fields.js';

const trimAll = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v)) : value);
const notBlank = ValidateBy({ name: 'isNotBlank', validator: { validate: (v: unknown) => typeof v === 'string' && /\S/.test(v) } }, { each: true });

/** Lines of text (legal bases, distribution): each non-blank, trimmed. */
function Lines(o: { description: string; max: number; each: number }) {
  return function (target: object, key: string) {
    ApiProperty({ description: o.description, type: [String], maxItems: o.max })(target, key);
    Transform(trimAll)(target, key);
    IsArray()(target, key);
    ArrayNotEmpty()(target, key);
    ArrayMaxSize(o.max)(target, key);
    IsString({ each: true })(target, key);
    notBlank(target, key);
    MaxLength(o.each, { each: true })(target, key);
  };
}

export class SignatoryBlockDto {
  @TextField({ description: 'Thẩm quyền ký thay mặt tập thể, ví dụ "TM. ỦY BAN NHÂN DÂN" / On behalf of', max: 200, optional: true, example: 'TM. ỦY BAN NHÂN DÂN' })
  onBehalfOf?: string;

  @TextField({ description: 'Chức danh ký, ví dụ "KT. CHỦ TỊCH" / Title', max: 200, example: 'KT. CHỦ TỊCH' })
  title: string;

  @TextField({ description: 'Chức vụ của người ký thay, ví dụ "PHÓ CHỦ TỊCH" / Signer’s own title', max: 200, optional: true, example: 'PHÓ CHỦ TỊCH' })
  signerTitle?: string;

  @TextField({ description: 'Họ tên người thường ký / Usual signer', max: 200, optional: true })
  name?: string;
}

export class ProfileAuthorityDto {
  @CodeField({ description: 'Mã cơ quan ban hành / Authority code', codes: IssuingAuthorityCodes, example: 'UBND_TINH' })
  code: IssuingAuthority;

  @TextField({ description: 'Cơ quan chủ quản in phía trên (chữ in hoa) / Parent body in the header', max: 200, optional: true })
  parentName?: string;

  @TextField({ description: 'Tên cơ quan ban hành ở đầu văn bản / Issuer in the header', max: 200, example: 'ỦY BAN NHÂN DÂN TỈNH BẮC NINH' })
  header: string;

  @TextField({ description: 'Thẩm quyền ban hành in dưới trích yếu / Deciding authority', max: 300, example: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH' })
  authority: string;

  @ApiProperty({ description: 'Ký hiệu văn bản sau số, ví dụ QĐ-UBND / Symbol after the number', example: 'QĐ-UBND' })
  @Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value))
  @IsString()
  @Matches(/^[\p{Lu}\d]+(-[\p{Lu}\d]+)*$/u)
  @MaxLength(40)
  symbol: string;

  @ApiProperty({ description: 'Khối chữ ký / Signature block', type: SignatoryBlockDto })
  @ValidateNested()
  @Type(() => SignatoryBlockDto)
  signatory: SignatoryBlockDto;

  @Lines({ description: 'Các căn cứ pháp lý ("Căn cứ …"), theo thứ tự / Legal bases, in order', max: 20, each: 1000 })
  legalBases: string[];

  @TextField({ description: 'Căn cứ đề nghị cuối cùng, ví dụ "Theo đề nghị của Giám đốc Sở Nội vụ." / Proposal line', max: 500 })
  proposal: string;

  @Lines({ description: 'Nơi nhận / Distribution', max: 20, each: 300 })
  distribution: string[];
}

export class ProfileCouncilDto {
  @TextField({ description: 'Cơ quan chủ quản của Hội đồng (chữ in hoa) / Council’s parent body', max: 200, optional: true, example: 'UBND TỈNH BẮC NINH' })
  parentName?: string;

  @TextField({ description: 'Tên Hội đồng ở đầu biên bản / Council in the header', max: 200, example: 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG' })
  header: string;

  @ApiProperty({ description: 'Ký hiệu biên bản / Minutes symbol', example: 'BB-HĐTĐKT' })
  @IsString()
  @Matches(/^[\p{Lu}\d]+(-[\p{Lu}\d]+)*$/u)
  @MaxLength(40)
  minutesSymbol: string;

  @TextField({ description: 'Tên Hội đồng trong căn cứ của quyết định / Council as cited', max: 200, example: 'Hội đồng Thi đua - Khen thưởng tỉnh' })
  name: string;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ProfileDeadlinesDto {
  @ApiPropertyOptional({ description: 'Hạn gửi hồ sơ hằng năm (MM-DD) / Yearly dossier deadline', example: '12-10' })
  @IsOptional()
  @Matches(MONTH_DAY)
  dossiers?: string;

  @ApiPropertyOptional({ description: 'Hạn hiệp y hằng năm (MM-DD) / Yearly clearance deadline', example: '12-10' })
  @IsOptional()
  @Matches(MONTH_DAY)
  clearances?: string;

  @IntField({ description: 'Số ngày làm việc để cơ quan trả lời hiệp y khi đề nghị sau hạn hằng năm / Working days to answer a clearance requested after the yearly deadline', min: 1, max: 60, optional: true, example: 5 })
  clearanceWorkingDays?: number;
}

export class ClearanceAgencyDto {
  @ApiProperty({ description: 'Mã cơ quan (chữ in hoa, số, gạch dưới) / Agency code', example: 'CONG_AN_TINH' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]*$/)
  @MaxLength(60)
  code: string;

  @TextField({ description: 'Tên cơ quan / Agency name', max: 200, example: 'Công an tỉnh' })
  name: string;

  @TextField({ description: 'Nội dung đề nghị xác nhận / What it confirms', max: 500, optional: true })
  subject?: string;
}

export class JurisdictionProfileContentDto {
  @TextField({ description: 'Tên địa phương dùng trong văn bản, ví dụ "tỉnh Bắc Ninh" / Jurisdiction name', max: 200, example: 'tỉnh Bắc Ninh' })
  jurisdictionName: string;

  @TextField({ description: 'Địa danh ghi trước ngày tháng / Place before the date', max: 100, example: 'Bắc Ninh' })
  place: string;

  @ApiProperty({ description: 'Các cơ quan ban hành quyết định / Issuing authorities', type: [ProfileAuthorityDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ProfileAuthorityDto)
  authorities: ProfileAuthorityDto[];

  @ApiProperty({ description: 'Hội đồng Thi đua - Khen thưởng / The council', type: ProfileCouncilDto })
  @ValidateNested()
  @Type(() => ProfileCouncilDto)
  council: ProfileCouncilDto;

  @ApiProperty({ description: 'Thời hạn hằng năm / Yearly deadlines', type: ProfileDeadlinesDto })
  @ValidateNested()
  @Type(() => ProfileDeadlinesDto)
  deadlines: ProfileDeadlinesDto;

  @ApiPropertyOptional({ description: 'Các cơ quan được lấy ý kiến hiệp y / Agencies asked for clearance', type: [ClearanceAgencyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClearanceAgencyDto)
  clearanceAgencies?: ClearanceAgencyDto[];

  @ApiProperty({ description: 'Ngày nghỉ thêm ngoài các ngày lễ sẵn có (YYYY-MM-DD) / Extra days off', type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateBy({ name: 'isIsoDate', validator: { validate: (v: unknown) => typeof v === 'string' && isRealDate(v) } }, { each: true })
  holidays: string[];
}

export class PublishJurisdictionProfileDto {
  @DateField({ description: 'Ngày bắt đầu có hiệu lực (không trước hôm nay) / Effective from (not before today)', example: '2026-12-15' })
  effectiveFrom: string;

  @ApiProperty({ description: 'Nội dung hồ sơ pháp lý / The profile', type: JurisdictionProfileContentDto })
  @ValidateNested()
  @Type(() => JurisdictionProfileContentDto)
  content: JurisdictionProfileContentDto;

  @TextField({ description: 'Lý do ban hành phiên bản mới / Why this version', max: 2000, optional: true })
  note?: string;
}
