import { DecisionsModule } from '../decisions/decisions.module.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { MovementsModule } from '../movements/movements.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { UnitsModule } from '../units/units.module.js';
import { SignaturesModule } from '../signatures/signatures.module.js';
import { DemoSeeder } from './demo.seeder.js';
import { UnitImportModule } from '../units/import/unit-import.module.js';
import { ReorganisationModule } from '../reorganisation/reorganisation.module.js';
import { CouncilsModule } from '../councils/councils.module.js';

@Module({
  imports: [UnitsModule, CandidatesModule, TransitionsModule, EvidenceModule, ReviewsModule, MovementsModule, JurisdictionModule, DecisionsModule, SignaturesModule, UnitImportModule, ReorganisationModule, CouncilsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
