import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { CouncilsController, UpwardProposalsController } from './councils.controller.js';
import { CouncilRepository } from './council.repository.js';
import { CouncilsService } from './councils.service.js';
import { UpwardProposals } from './upward-proposals.service.js';

/**
 * Owns councils at every level (Hội đồng Thi đua – Khen thưởng of the province, its departments and communes):
 * their compositions with positions, the council each council account serves, and upward proposals (liên thông).
 * The review sessions of a council stay the reviews feature's; it asks this one which council is whose.
 */
@Module({
  imports: [AuditModule, TransitionsModule],
  controllers: [CouncilsController, UpwardProposalsController],
  providers: [CouncilRepository, CouncilsService, UpwardProposals],
  exports: [CouncilRepository, CouncilsService],
})
export class CouncilsModule {}
