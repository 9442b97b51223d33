import { IssuingAuthorityCodes, RegisterModeCodes, type IssuingAuthority, type RegisterMode } from '#domain';
import { DRAFT_STATUSES } from '#contracts';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

export class CreateDraftDto {
  @UuidField({ description: 'Đợt xét đã kết thúc / The closed review session' })
  sessionId: string;

  @CodeField({ description: 'Cơ quan ban hành / Issuing authority', codes: IssuingAuthorityCodes, example: 'UBND_TINH' })
  authorityCode: IssuingAuthority;

  @TextField({ description: 'Chức vụ người ký (mặc định theo hồ sơ pháp lý) / Signer’s title (default: the profile’s)', max: 200, optional: true, example: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' })
  signerTitle?: string;

  @TextField({ description: 'Họ tên người ký (mặc định theo hồ sơ pháp lý) / Signer’s name (default: the profile’s)', max: 200, optional: true, example: 'Nguyễn Văn Mạnh' })
  signerName?: string;
}

export class NumberDraftDto {
  @IntField({ description: 'Số văn bản theo sổ đăng ký / Number from the document register', min: 1, max: 999999, optional: true, example: 125 })
  number?: number;

  @DateField({ description: 'Ngày ban hành theo sổ đăng ký / Date from the document register' })
  issuedOn: string;
}

export class DraftListQuery {
  @UuidField({ description: 'Đợt xét / Review session', optional: true })
  sessionId?: string;

  @CodeField({ description: 'Trạng thái dự thảo / Draft status', codes: DRAFT_STATUSES, optional: true })
  status?: string;
}

export class RegisterModeDto {
  @CodeField({ description: 'Cách lấy số / How it numbers', codes: RegisterModeCodes, example: 'COUNTER' })
  mode: RegisterMode;

  @IntField({ description: 'Phiên bản sổ đã xem / The register version seen', min: 1, max: 1_000_000 })
  expectedVersion: number;
}

export class AbandonDraftDto {
  @TextField({ description: 'Lý do hủy dự thảo / Why the draft is abandoned', max: 2000, example: 'Lập nhầm: đính chính sai người' })
  reason: string;
}
