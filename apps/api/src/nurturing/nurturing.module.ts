import { Module } from '@nestjs/common';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { NurturingController } from './nurturing.controller.js';
import { NurturingRepository } from './nurturing.repository.js';
import { NurturingService } from './nurturing.service.js';

/** Owns nurturing plans and check-ins: written as the statechart's effects (nurturing.effects.ts), read here. */
@Module({
  imports: [CandidateRepositoryModule],
  controllers: [NurturingController],
  providers: [NurturingService, NurturingRepository],
})
export class NurturingModule {}
