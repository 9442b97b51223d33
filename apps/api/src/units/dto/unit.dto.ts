import { SectorCodes, UnitLevelCodes, type Sector, type UnitLevel } from '#domain';
import { Matches, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CodeField, IntField, TextField, UuidField } from '../../common/fields.js';

export class CreateUnitDto {
  @TextField({ description: 'Tên đơn vị / Unit name', max: 300, example: 'Sở Giáo dục và Đào tạo' })
  name: string;

  @CodeField({ description: 'Cấp đơn vị / Level', codes: UnitLevelCodes, example: 'DEPARTMENT' })
  level: UnitLevel;

  @CodeField({ description: 'Khối / Sector', codes: SectorCodes, example: 'STATE' })
  sector: Sector;

  @UuidField({ description: 'Đơn vị cấp trên (bỏ trống với cấp tỉnh) / Parent unit (none for the province)', optional: true })
  parentId?: string;

  @ApiPropertyOptional({ description: 'Mã đơn vị (chữ in hoa, số, gạch ngang) / Unit code', example: 'SGDDT' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,39}$/, { message: '$property must be 1–40 upper-case letters, digits, - or _' })
  code?: string;
}

export class RenameUnitDto {
  @TextField({ description: 'Tên mới / New name', max: 300 })
  name: string;

  @IntField({ description: 'Phiên bản đang xem / Version the client last saw', min: 1, max: 2_147_483_647 })
  expectedVersion: number;
}
