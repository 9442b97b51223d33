import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CouncilRuleSetRepository } from './council-rule-set.repository.js';
import { CouncilRuleSets } from './council-rule-sets.js';
import { CouncilRulesController } from './council-rules.controller.js';

/**
 * Owns the council rule sets (bộ quy tắc Hội đồng): quorum, award attendance, thresholds, recusal, the chair's
 * vote and the quota, as versioned data administrators publish; review sessions pin one when they open.
 */
@Module({
  imports: [AuditModule],
  controllers: [CouncilRulesController],
  providers: [CouncilRuleSetRepository, CouncilRuleSets],
  exports: [CouncilRuleSets],
})
export class CouncilRulesModule {}
