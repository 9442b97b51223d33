import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { SignatureStoreModule } from '../signatures/signature-store.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { DecisionDocuments } from './decision-documents.js';
import { DecisionViews } from './decision.views.js';
import { DecisionsController } from './decisions.controller.js';
import { RecognitionDecisionRepository } from './recognition-decision.repository.js';
import { RecognitionDecisions } from './recognition-decisions.service.js';
import { RevocationsController } from './revocations.controller.js';
import { Revocations } from './revocations.service.js';

/**
 * Owns recognition decisions and certificates: issued from a closed review session, numbered without gaps per
 * authority and year, corrected or revoked only by new decisions that refer to them. SQL only in the repository.
 */
@Module({
  imports: [TransitionsModule, AuditModule, DocumentsModule, JurisdictionModule, SignatureStoreModule],
  controllers: [DecisionsController, RevocationsController],
  providers: [RecognitionDecisionRepository, RecognitionDecisions, DecisionViews, DecisionDocuments, Revocations],
  exports: [RecognitionDecisions, DecisionDocuments, DecisionViews],
})
export class DecisionsModule {}
