import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseUuid } from '../common/pipes.js';
import { NurturingService } from './nurturing.service.js';

@ApiTags('Bồi dưỡng / Nurturing')
@Controller('candidates/:id/nurturing')
export class NurturingController {
  constructor(private readonly nurturing: NurturingService) {}

  @Get()
  @ApiOperation({
    summary: 'Kế hoạch bồi dưỡng và các lần kiểm tra / Nurturing plan and check-ins',
    description: 'Written through POST /api/candidates/:id/events with START_NURTURING, REVISE_PLAN, RESUME_NURTURING or RECORD_CHECK_IN.',
  })
  get(@Param('id', ParseUuid) id: string) {
    return this.nurturing.forCandidate(id);
  }
}
