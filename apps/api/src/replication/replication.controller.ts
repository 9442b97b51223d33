import { Body, Controller, Get, Injectable, Param, Post, Query, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { SpreadQuery, UnitPlansQuery, WriteUnitPlanDto } from './dto/unit-plan.dto.js';
import { ReplicationService } from './replication.service.js';
import { UnitPlansService } from './unit-plans.service.js';
import { ROLE_GROUPS } from '#domain';
import { fieldName, invalidField } from '../common/validation.js';
import type { ReplicationView, SpreadRanking, UnitPlanRevisions, UnitPlansOverview, WrittenUnitPlan } from '#contracts';

/** A year in the route: a whole number from 2000 to 2100, or a 400 naming the parameter. */
@Injectable()
export class ParseYear implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (year >= 2000 && year <= 2100) return year;
    const field = metadata.data ?? 'year';
    throw invalidField(field, 'isInt', { vi: `${fieldName(field).vi} phải là năm từ 2000 đến 2100.`, en: `${fieldName(field).en} must be a year from 2000 to 2100.` });
  }
}

@ApiTags('Nhân rộng / Replication')
@Controller()
export class ReplicationController {
  constructor(
    private readonly replication: ReplicationService,
    private readonly access: CandidateAccess,
  ) {}

  @Get('candidates/:id/replication')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Tuyên truyền, tôn vinh, nhân rộng và theo dõi một điển hình / An exemplar’s honouring ledger, adoptions, spread and follow-ups',
    description: 'Written through POST /api/candidates/:id/events with RECORD_HONOURING, RECORD_ADOPTION or RECORD_FOLLOW_UP.',
  })
  async forCandidate(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<ReplicationView> {
    await this.access.assertReadable(actor, id);
    return this.replication.forCandidate(id);
  }

  @Get('replication/spread')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Các mô hình lan tỏa rộng nhất / The models that spread furthest (units that studied or adopted them)' })
  spread(@Query() query: SpreadQuery, @CurrentActor() actor: Actor): Promise<SpreadRanking> {
    return this.replication.spread(actor, query);
  }
}

@ApiTags('Kế hoạch đơn vị / Unit plans')
@Controller()
export class UnitPlansController {
  constructor(private readonly plans: UnitPlansService) {}

  @Get('unit-plans')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Kế hoạch của các đơn vị trong năm, và các đơn vị chưa có / Every unit’s plan for a year, and the units without one' })
  overview(@Query() query: UnitPlansQuery, @CurrentActor() actor: Actor): Promise<UnitPlansOverview> {
    return this.plans.overview(query.year, actor, query.unitId);
  }

  @Get('units/:unitId/plans/:year')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Kế hoạch đang áp dụng và các lần sửa trước / The plan in force and its earlier revisions' })
  get(@Param('unitId', ParseUuid) unitId: string, @Param('year', ParseYear) year: number, @CurrentActor() actor: Actor): Promise<UnitPlanRevisions> {
    return this.plans.get(unitId, year, actor);
  }

  @Post('units/:unitId/plans/:year')
  @Allow('UNIT_HEAD')
  @ApiOperation({
    summary: 'Ghi kế hoạch năm (mỗi lần sửa là một bản mới) / Write the year’s plan (each revision is a new version)',
    description: 'expectedRevision is the revision the client last saw (0 for the first); a stale one is a 409.',
  })
  write(@Param('unitId', ParseUuid) unitId: string, @Param('year', ParseYear) year: number, @Body() dto: WriteUnitPlanDto, @CurrentActor() actor: Actor): Promise<WrittenUnitPlan> {
    return this.plans.write(unitId, year, dto, actor);
  }
}
