import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { CandidateEventsController } from './candidate-events.controller.js';
import { CandidateTransitions } from './candidate-transitions.service.js';

/**
 * Owns the one way a candidate's state changes. The writes that go with an event are the effects the statechart
 * names, resolved from the static table in effects.ts to the functions of the features that own them.
 */
@Module({
  imports: [AuditModule, CandidateRepositoryModule],
  controllers: [CandidateEventsController],
  providers: [CandidateTransitions],
  exports: [CandidateTransitions],
})
export class TransitionsModule {}
