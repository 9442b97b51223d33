import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CouncilsModule } from '../councils/councils.module.js';
import { ReviewSessionRepository } from './review-session.repository.js';
import { SessionChanges } from './session-changes.js';

/**
 * The one way a review session changes (SessionChanges: lock, the council's secretariat, the lifecycle's stage,
 * the audit record), on its own so that the features that change a session beside the review itself (clearances)
 * go through it without the review feature and them importing each other.
 */
@Module({
  imports: [AuditModule, CouncilsModule],
  providers: [ReviewSessionRepository, SessionChanges],
  exports: [ReviewSessionRepository, SessionChanges],
})
export class SessionChangesModule {}
