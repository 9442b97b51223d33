import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CandidateEventsController } from './candidate-events.controller.js';
import { CandidateTransitions } from './candidate-transitions.service.js';
import { EventEffects } from './event-effects.js';

/** Owns the one way a candidate's state changes; feature modules register their events' effects here. */
@Module({
  imports: [AuditModule],
  controllers: [CandidateEventsController],
  providers: [CandidateTransitions, EventEffects],
  exports: [CandidateTransitions, EventEffects],
})
export class TransitionsModule {}
