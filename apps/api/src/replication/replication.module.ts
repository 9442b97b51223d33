import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { ReplicationController, UnitPlansController } from './replication.controller.js';
import { ReplicationService } from './replication.service.js';
import { UnitPlansService } from './unit-plans.service.js';

/**
 * Owns the replicate stage (nhân rộng): the honouring ledger, adoptions by other units and yearly follow-ups of
 * recognised exemplars (effects of the statechart's RECORD_* events; never written any other way), and the
 * units' yearly plans. Never changes a candidate's state itself.
 */
@Module({
  imports: [TransitionsModule, AuditModule],
  controllers: [ReplicationController, UnitPlansController],
  providers: [ReplicationService, UnitPlansService],
})
export class ReplicationModule {}
