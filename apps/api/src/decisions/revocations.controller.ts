import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { DECISION_READERS } from '../access/decision-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { RecordRecoveryDto } from './dto/recovery.dto.js';
import { Revocations } from './revocations.service.js';

/** A revocation's grounds and chain, and the recovery of certificates and rewards after it. */
@ApiTags('Quyết định công nhận / Recognition decisions')
@Controller('decisions')
export class RevocationsController {
  constructor(private readonly revocations: Revocations) {}

  @Get(':id/revocation')
  @Allow(...DECISION_READERS)
  @ApiOperation({ summary: 'Căn cứ, chuỗi quyết định bị thu hồi và việc thu hồi hiện vật, tiền thưởng / A revocation’s grounds, chain and recoveries' })
  view(@Param('id', ParseUuid) id: string) {
    return this.revocations.view(id);
  }

  @Post(':id/recoveries')
  @Allow('COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Ghi nhận thu hồi giấy chứng nhận, hiện vật, tiền thưởng / Record a recovery' })
  record(@Param('id', ParseUuid) id: string, @Body() body: RecordRecoveryDto, @CurrentActor() actor: Actor) {
    return this.revocations.record(id, body, actor);
  }
}
