import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested, IsIn } from 'class-validator';
import { SectorCodes, UnitLevelCodes, type Sector, type UnitLevel } from '#domain';
import { CodeField, DateField, TextField, UuidField } from '../../common/fields.js';
import { UNIT_OPERATION_KINDS, type UnitOperationKind } from '../reorganisation.entities.js';

/** A unit an operation creates (the unit a merge forms, a part of a split). */
export class NewUnitDto {
  @TextField({ description: 'Tên đơn vị mới / New unit name', max: 300, example: 'Xã Tân Yên' })
  name: string;

  @CodeField({ description: 'Cấp đơn vị / Level', codes: UnitLevelCodes, example: 'GRASSROOTS' })
  level: UnitLevel;

  @CodeField({ description: 'Khối / Sector', codes: SectorCodes, example: 'STATE' })
  sector: Sector;

  @UuidField({ description: 'Đơn vị cấp trên của đơn vị mới / Parent of the new unit', optional: true })
  parentId?: string;
}

/** One successor of a split: an existing unit or a new one. */
export class SplitPartDto {
  @UuidField({ description: 'Đơn vị tiếp nhận (có sẵn) / Receiving unit (existing)', optional: true })
  unitId?: string;

  @ApiPropertyOptional({ description: 'Đơn vị tiếp nhận (thành lập mới) / Receiving unit (new)', type: NewUnitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewUnitDto)
  newUnit?: NewUnitDto;
}

/** Where one candidate, account or child unit of a split unit goes: the index of a part. */
export class PlacementDto {
  @ApiProperty({ description: 'Loại: CANDIDATE (hồ sơ), ACCOUNT (tài khoản), UNIT (đơn vị trực thuộc) / Kind', enum: ['CANDIDATE', 'ACCOUNT', 'UNIT'] })
  @IsIn(['CANDIDATE', 'ACCOUNT', 'UNIT'])
  kind: 'CANDIDATE' | 'ACCOUNT' | 'UNIT';

  @UuidField({ description: 'Mã của hồ sơ, tài khoản hoặc đơn vị / Its id' })
  id: string;

  @ApiProperty({ description: 'Thứ tự đơn vị tiếp nhận (bắt đầu từ 0) / Index of the receiving part (from 0)', minimum: 0, maximum: 49 })
  @IsInt()
  @Min(0)
  @Max(49)
  part: number;
}

export class ReorganisationDto {
  @CodeField({ description: 'Loại thao tác / Operation', codes: UNIT_OPERATION_KINDS, example: 'MERGE' })
  kind: UnitOperationKind;

  @DateField({ description: 'Ngày có hiệu lực / Effective date', example: '2025-07-01' })
  effectiveOn: string;

  @TextField({ description: 'Số văn bản quyết định / Document number', max: 100, example: '1658/NQ-UBTVQH15' })
  documentNumber: string;

  @DateField({ description: 'Ngày văn bản / Document date', example: '2025-06-16' })
  documentDate: string;

  @TextField({ description: 'Cơ quan ban hành / Issuing authority', max: 300, example: 'Ủy ban Thường vụ Quốc hội' })
  documentAuthority: string;

  @TextField({ description: 'Ghi chú / Note', max: 4000, optional: true })
  note?: string;

  @UuidField({ description: 'Đơn vị (đổi tên, điều chuyển, chia tách, giải thể) / The unit (rename, move, split, dissolve)', optional: true })
  unitId?: string;

  @TextField({ description: 'Tên mới / New name', max: 300, optional: true })
  name?: string;

  @UuidField({ description: 'Đơn vị cấp trên mới / New parent unit', optional: true })
  parentId?: string;

  @ApiPropertyOptional({ description: 'Các đơn vị sáp nhập / Units merged', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @UuidField({ description: 'Sáp nhập vào đơn vị (một trong các đơn vị sáp nhập) / Merge into (one of the merged units)', optional: true })
  intoUnitId?: string;

  @ApiPropertyOptional({ description: 'Đơn vị mới hình thành sau sáp nhập / The new unit the merge forms', type: NewUnitDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewUnitDto)
  newUnit?: NewUnitDto;

  @ApiPropertyOptional({ description: 'Các đơn vị tiếp nhận khi chia tách (đơn vị đầu tiên kế thừa lịch sử) / Parts of a split (the first carries on the history)', type: [SplitPartDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SplitPartDto)
  parts?: SplitPartDto[];

  @ApiPropertyOptional({ description: 'Nơi tiếp nhận từng hồ sơ, tài khoản, đơn vị trực thuộc / Where each candidate, account and child unit goes', type: [PlacementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => PlacementDto)
  placements?: PlacementDto[];
}
