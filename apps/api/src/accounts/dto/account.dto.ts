import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** An e-mail address (optional, or nullable: null removes it). */
const EmailField = (o: { description: string; optional?: boolean; nullable?: boolean }) => (target: object, key: string) => {
  ApiProperty({ description: o.description, required: !o.optional, nullable: Boolean(o.nullable), type: String, format: 'email', maxLength: 254, example: 'nguyenvana@bacninh.gov.vn' })(target, key);
  if (o.optional) IsOptional()(target, key);
  if (o.nullable) ValidateIf((_: unknown, v: unknown) => v !== null)(target, key);
  IsEmail({}, { message: '$property must be an e-mail address' })(target, key);
  MaxLength(254)(target, key);
};
import { RoleCodes, type Role } from '#domain';
import { CodeField, TextField, UuidField } from '../../common/fields.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.js';

const PasswordField = (description: string) => (target: object, key: string) => {
  ApiProperty({ description, minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, format: 'password' })(target, key);
  IsString()(target, key);
  MinLength(PASSWORD_MIN_LENGTH)(target, key);
  MaxLength(PASSWORD_MAX_LENGTH)(target, key);
};

export class SignInDto {
  @ApiProperty({ description: 'Tên đăng nhập / Username', example: 'truongdonvi' })
  @IsString()
  @MaxLength(100)
  username: string;

  @ApiProperty({ description: 'Mật khẩu / Password', format: 'password' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class CreateAccountDto {
  @ApiProperty({ description: 'Tên đăng nhập (chữ thường, số, . _ -) / Username', example: 'nguyenvana' })
  @Matches(/^[a-z0-9._-]{3,50}$/, { message: '$property must be 3–50 lower-case letters, digits, ., _ or -' })
  username: string;

  @TextField({ description: 'Họ và tên / Full name', max: 200, example: 'Nguyễn Văn A' })
  displayName: string;

  @CodeField({ description: 'Vai trò / Role', codes: RoleCodes, example: 'UNIT_HEAD' })
  role: Role;

  @UuidField({ description: 'Đơn vị công tác (bắt buộc với thủ trưởng đơn vị và thành viên Hội đồng) / Unit', optional: true })
  unitId?: string;

  @PasswordField('Mật khẩu ban đầu, ít nhất 12 ký tự / Initial password, at least 12 characters')
  password: string;

  @EmailField({ description: 'Địa chỉ thư nhận thông báo / Address notifications are mailed to', optional: true })
  email?: string;
}

export class SetEmailDto {
  @EmailField({ description: 'Địa chỉ thư nhận thông báo; null để bỏ / Address notifications are mailed to; null removes it', nullable: true })
  email: string | null;
}

export class ResetPasswordDto {
  @PasswordField('Mật khẩu mới, ít nhất 12 ký tự / New password, at least 12 characters')
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'Mật khẩu hiện tại / Current password', format: 'password' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @PasswordField('Mật khẩu mới, ít nhất 12 ký tự / New password, at least 12 characters')
  newPassword: string;
}

export class ChangeRoleDto {
  @CodeField({ description: 'Vai trò mới / New role', codes: RoleCodes, example: 'UNIT_HEAD' })
  role: Role;

  @UuidField({ description: 'Đơn vị công tác (bắt buộc với thủ trưởng đơn vị và thành viên Hội đồng); bỏ trống hoặc null: không thuộc đơn vị / Unit (none when left out or null)', optional: true })
  unitId?: string | null;
}

export class AccountSearchQuery {
  @TextField({ description: 'Tìm theo tên đăng nhập, họ tên hoặc đơn vị, có dấu hoặc không dấu / Username, full name or unit, with or without diacritics', max: 200, optional: true, example: 'nguyen van' })
  q?: string;

  @CodeField({ description: 'Vai trò / Role', codes: RoleCodes, optional: true })
  role?: Role;

  @UuidField({ description: 'Đơn vị công tác / Unit', optional: true })
  unitId?: string;
}
