import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { MailModeCodes, MailStatusCodes, NotificationKindCodes, type MailMode, type MailStatus, type NotificationKind } from '#domain';
import { CodeField, IntField } from '../../common/fields.js';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc / Unread only', type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '$property must be true or false' })
  unread?: boolean;

  @IntField({ description: 'Số thông báo tối đa (mặc định 50) / At most this many (default 50)', min: 0, max: 200, optional: true, query: true })
  limit?: number;
}

export class MarkReadDto {
  @ApiPropertyOptional({ description: 'Các thông báo đánh dấu đã đọc / Notifications to mark read', type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Đánh dấu tất cả đã đọc / Mark all read', type: Boolean })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class PreferenceDto {
  @CodeField({ description: 'Loại thông báo / Kind', codes: NotificationKindCodes, example: 'SESSION_ASSIGNED' })
  kind: NotificationKind;

  @CodeField({ description: 'Cách nhận thư: OFF, IMMEDIATE, DIGEST / Mail: none, at once, daily digest', codes: MailModeCodes, example: 'DIGEST' })
  mail: MailMode;
}

export class SetPreferencesDto {
  @ApiProperty({ description: 'Lựa chọn theo từng loại / Choices per kind', type: [PreferenceDto] })
  @IsArray()
  @ArrayMaxSize(NotificationKindCodes.length)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences: PreferenceDto[];
}

export class MailQueryDto {
  @CodeField({ description: 'Trạng thái / Status', codes: MailStatusCodes, optional: true, example: 'FAILED' })
  status?: MailStatus;

  @IntField({ description: 'Số thư tối đa (mặc định 100) / At most this many (default 100)', min: 1, max: 500, optional: true, query: true })
  limit?: number;
}
