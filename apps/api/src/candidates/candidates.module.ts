import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { LookupModule } from '../lookup/lookup.module.js';
import { MovementsModule } from '../movements/movements.module.js';
import { UnitsModule } from '../units/units.module.js';
import { CandidateRepositoryModule } from './candidate-repository.module.js';
import { CandidatesController } from './candidates.controller.js';
import { CandidatesService } from './candidates.service.js';

/** Owns candidates' records: discovery, lookup and lists. State changes belong to the transitions feature. */
@Module({
  imports: [AuditModule, MovementsModule, LookupModule, UnitsModule, CandidateRepositoryModule],
  controllers: [CandidatesController],
  providers: [CandidatesService],
  exports: [CandidatesService],
})
export class CandidatesModule {}
