import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseUuid } from '../common/pipes.js';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { NurturingService } from './nurturing.service.js';
import { ROLE_GROUPS } from '#domain';
import type { NurturingView } from '#contracts';

@ApiTags('Bồi dưỡng / Nurturing')
@Controller('candidates/:id/nurturing')
export class NurturingController {
  constructor(
    private readonly nurturing: NurturingService,
    private readonly access: CandidateAccess,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Kế hoạch bồi dưỡng và các lần kiểm tra / Nurturing plan and check-ins',
    description: 'Written through POST /api/candidates/:id/events with START_NURTURING, REVISE_PLAN, RESUME_NURTURING or RECORD_CHECK_IN.',
  })
  async get(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<NurturingView> {
    await this.access.assertReadable(actor, id);
    return this.nurturing.forCandidate(id);
  }
}
