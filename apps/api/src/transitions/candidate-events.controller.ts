import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import type { ClassConstructor } from 'class-transformer';
import { COUNCIL_DECISION_EVENTS, type CandidateEvent } from '#workflow';
import { DomainError } from '../common/domain-error.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { validatePlain } from '../common/validation.js';
import { CandidateTransitions, type TransitionResult } from './candidate-transitions.service.js';
import { EVENT_PAYLOADS, type ApiEventType } from './dto/event-payloads.js';
import { SendEventDto } from './dto/send-event.dto.js';

@ApiTags('Chuyển trạng thái / Transitions')
@Controller('candidates/:id/events')
export class CandidateEventsController {
  constructor(
    private readonly transitions: CandidateTransitions,
    private readonly access: CandidateAccess,
  ) {}

  @Post()
  @HttpCode(200)
  @Allow('UNIT_HEAD', 'COUNCIL_SECRETARY')
  @ApiOperation({
    summary: 'Gửi một sự kiện tới hồ sơ / Send an event to a candidate',
    description: '409 when the event is not possible in the current state or the version is stale; 422 when a guard refuses.',
  })
  async send(@Param('id', ParseUuid) id: string, @Body() body: SendEventDto, @CurrentActor() actor: Actor): Promise<TransitionResult> {
    return this.access.sendingWithinReach(actor, id, body.type, async () => {
      if (COUNCIL_DECISION_EVENTS.has(body.type)) throw new DomainError('DECISION_ONLY_IN_REVIEW_SESSION', { field: 'type', event: body.type });
      const payloadClass: ClassConstructor<object> = EVENT_PAYLOADS[body.type as ApiEventType];
      const payload = await validatePlain(payloadClass, body.payload ?? {}, 'payload');
      const event = { ...payload, type: body.type } as CandidateEvent;
      return this.transitions.send({ candidateId: id, event, expectedVersion: body.expectedVersion, actor, checkReach: true });
    });
  }
}
