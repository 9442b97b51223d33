import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { ROLE_GROUPS } from '#domain';
import { ReorganisationDto } from './dto/reorganisation.dto.js';
import { ReorganisationService } from './reorganisation.service.js';
import { ByUnitQuery, UnitsOverTime } from './units-over-time.js';

@ApiTags('Sắp xếp đơn vị / Unit reorganisations')
@Controller()
export class ReorganisationController {
  constructor(
    private readonly reorganisations: ReorganisationService,
    private readonly overTime: UnitsOverTime,
  ) {}

  @Get('statistics/exemplars-by-unit')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Điển hình theo đơn vị: như khi đề nghị, hoặc quy về đơn vị hiện nay / Exemplars by unit, as they were or as they are now' })
  byUnit(@Query() query: ByUnitQuery, @CurrentActor() actor: Actor) {
    return this.overTime.exemplarsByUnit(actor, query);
  }

  @Get('candidates/:id/units')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Đơn vị khi đề nghị (tên lúc đó) và đơn vị kế thừa hiện nay / The unit as nominated and its successor today' })
  candidateUnits(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.overTime.candidateUnits(actor, id);
  }

  @Get('unit-reorganisations')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các lần sắp xếp đơn vị / Every reorganisation of the unit tree' })
  list() {
    return this.reorganisations.list();
  }

  @Post('unit-reorganisations/preview')
  @HttpCode(200)
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Xem trước kết quả sắp xếp (không ghi) / Preview what an operation would do (writes nothing)' })
  preview(@Body() dto: ReorganisationDto) {
    return this.reorganisations.preview(dto);
  }

  @Post('unit-reorganisations')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Đổi tên, điều chuyển, sáp nhập, chia tách, giải thể đơn vị / Rename, move, merge, split or dissolve units' })
  apply(@Body() dto: ReorganisationDto, @CurrentActor() actor: Actor) {
    return this.reorganisations.apply(dto, actor);
  }

  @Get('units/:id/timeline')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Lịch sử đơn vị: trước đây là gì, nay là gì / What a unit was and became' })
  timeline(@Param('id', ParseUuid) id: string) {
    return this.reorganisations.timeline(id);
  }
}
