import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { SignatureStoreModule } from '../signatures/signature-store.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { DecisionDocuments } from './decision-documents.js';
import { DecisionViews } from './decision.views.js';
import { DecisionsController } from './decisions.controller.js';
import { DecisionDraftRepository } from './decision-draft.repository.js';
import { DecisionDrafts } from './decision-drafts.service.js';
import { DecisionDraftsController, DocumentRegistersController } from './decision-drafts.controller.js';
import { DocumentRegisters } from './document-registers.js';
import { DraftDocuments } from './draft-documents.js';
import { RecognitionDecisionRepository } from './recognition-decision.repository.js';
import { RecognitionDecisions } from './recognition-decisions.service.js';
import { RevocationsController } from './revocations.controller.js';
import { Revocations } from './revocations.service.js';

/**
 * Owns recognition decisions and certificates: drafted from a closed review session, numbered from the issuing
 * authority's document register by the clerk and issued, corrected or revoked only by new decisions that refer to them. SQL only in the repository.
 */
@Module({
  imports: [TransitionsModule, AuditModule, DocumentsModule, JurisdictionModule, SignatureStoreModule],
  controllers: [DecisionsController, RevocationsController, DecisionDraftsController, DocumentRegistersController],
  providers: [RecognitionDecisionRepository, RecognitionDecisions, DecisionViews, DecisionDocuments, Revocations, DecisionDraftRepository, DocumentRegisters, DecisionDrafts, DraftDocuments],
  exports: [RecognitionDecisions, DecisionDocuments, DecisionViews, DecisionDrafts, DocumentRegisters],
})
export class DecisionsModule {}
