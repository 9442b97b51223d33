import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { ReplicationController, UnitPlansController } from './replication.controller.js';
import { ReplicationRepository } from './replication.repository.js';
import { ReplicationService } from './replication.service.js';
import { UnitPlanRepository } from './unit-plan.repository.js';
import { UnitPlansService } from './unit-plans.service.js';

/**
 * Owns the replicate stage (nhân rộng): the honouring ledger, adoptions by other units and yearly follow-ups of
 * recognised exemplars (the statechart's recordHonouring, recordAdoption and recordFollowUp effects, in
 * replication.effects.ts; never written any other way), and the units' yearly plans. Never changes a candidate's
 * state itself.
 */
@Module({
  imports: [AuditModule, CandidateRepositoryModule],
  controllers: [ReplicationController, UnitPlansController],
  providers: [ReplicationService, UnitPlansService, ReplicationRepository, UnitPlanRepository],
})
export class ReplicationModule {}
