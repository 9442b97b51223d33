import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { CreateUnitDto, RenameUnitDto } from './dto/unit.dto.js';
import { UnitsService } from './units.service.js';
import { ROLE_GROUPS } from '#domain';

@ApiTags('Đơn vị / Units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Tạo đơn vị / Create a unit' })
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor) {
    return this.units.create(dto, actor);
  }

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Cây đơn vị / The unit hierarchy as a tree' })
  tree() {
    return this.units.tree();
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Một đơn vị / One unit' })
  get(@Param('id', ParseUuid) id: string) {
    return this.units.get(id);
  }

  @Patch(':id')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Đổi tên đơn vị (tên cũ được lưu trong nhật ký) / Rename a unit (the old name stays in the audit trail)' })
  rename(@Param('id', ParseUuid) id: string, @Body() dto: RenameUnitDto, @CurrentActor() actor: Actor) {
    return this.units.rename(id, dto, actor);
  }
}
