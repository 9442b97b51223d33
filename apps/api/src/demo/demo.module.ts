import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { UnitsModule } from '../units/units.module.js';
import { DemoSeeder } from './demo.seeder.js';

@Module({
  imports: [UnitsModule, CandidatesModule, TransitionsModule, EvidenceModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
