import { IsIn, IsOptional, IsInt, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { RecoveryItemCodes, type RecoveryItem } from '#domain';
import { CodeField, DateField, TextField, UuidField } from '../../common/fields.js';

export class RecordRecoveryDto {
  @UuidField({ description: 'Hồ sơ bị thu hồi / The candidate revoked' })
  candidateId: string;

  @CodeField({ description: 'Thu hồi gì (giấy chứng nhận, hiện vật, tiền thưởng) / What is recovered', codes: RecoveryItemCodes, example: 'CERTIFICATE' })
  item: RecoveryItem;

  @ApiPropertyOptional({ description: 'Số lượng (giấy chứng nhận, hiện vật) / Quantity', minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity?: number;

  @ApiPropertyOptional({ description: 'Số tiền thưởng thu hồi (đồng) / Reward money recovered (đồng)', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount?: number;

  @DateField({ description: 'Ngày thu hồi / Recovered on' })
  recoveredOn: string;

  @TextField({ description: 'Biên bản, chứng từ thu hồi (số, ngày) / The record of the recovery', max: 500 })
  document: string;

  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;
}

export class CertificateCopyQuery {
  @ApiPropertyOptional({ description: 'Bản lưu đóng dấu "ĐÃ THU HỒI" của giấy chứng nhận đã bị thu hồi / The stamped archive copy of a revoked certificate' })
  @IsOptional()
  @IsIn(['true', 'false'])
  archived?: string;
}
