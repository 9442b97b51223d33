import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSPHRASE_LENGTH } from '../backup-crypto.js';

export class MakeBackupDto {
  @ApiProperty({ description: 'Mật khẩu mã hóa các khóa trong bản sao lưu (từ 12 ký tự; cần khi khôi phục, không lưu ở đâu) / Passphrase that encrypts the keys (needed to restore; stored nowhere)', minLength: MIN_PASSPHRASE_LENGTH })
  @IsString()
  @MinLength(MIN_PASSPHRASE_LENGTH)
  @MaxLength(1000)
  passphrase: string;
}
