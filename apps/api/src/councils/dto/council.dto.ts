import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsUUID, ValidateNested } from 'class-validator';
import { CouncilPositionCodes, type CouncilPosition } from '#domain';
import { CodeField, TextField, UuidField } from '../../common/fields.js';

export class SetUpCouncilDto {
  @UuidField({ description: 'Đơn vị có Hội đồng (sở, ngành, xã, phường…) / The unit whose council it is' })
  unitId: string;

  @TextField({ description: 'Tên Hội đồng (mặc định: Hội đồng Thi đua – Khen thưởng + tên đơn vị) / Council name', max: 300, optional: true })
  name?: string;
}

export class CouncilSeatDto {
  @UuidField({ description: 'Tài khoản Thành viên Hội đồng / A council member account' })
  accountId: string;

  @CodeField({ description: 'Chức danh trong Hội đồng / Position', codes: CouncilPositionCodes, example: 'MEMBER' })
  position: CouncilPosition;
}

export class PublishCompositionDto {
  @ApiProperty({ description: 'Thành viên Hội đồng với chức danh / Members with their positions', type: [CouncilSeatDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CouncilSeatDto)
  members: CouncilSeatDto[];

  @ApiProperty({ description: 'Tài khoản thường trực Hội đồng / The secretariat’s accounts', type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  secretariat: string[];

  @TextField({ description: 'Căn cứ (quyết định kiện toàn Hội đồng…) / Grounds (the decision constituting the council…)', max: 2000, optional: true })
  note?: string;
}

export class ProposeUpwardDto {
  @TextField({ description: 'Lý do đề nghị cấp trên xét / Why the parent level should review it', max: 4000, example: 'Điển hình tiêu biểu, có sức lan tỏa toàn tỉnh' })
  reasons: string;
}
