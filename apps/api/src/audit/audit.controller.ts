import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { AuditTrails } from './audit-trails.service.js';

@ApiTags('Nhật ký / Audit')
@Controller()
export class AuditController {
  constructor(
    private readonly trails: AuditTrails,
    private readonly access: CandidateAccess,
  ) {}

  @Get('candidates/:id/history')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Toàn bộ lịch sử của hồ sơ / A candidate’s full history, oldest first' })
  async candidateHistory(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    await this.access.assertReadable(actor, id);
    return this.trails.candidateHistory(id);
  }
}
