import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { CouncilRulesModule } from '../council-rules/council-rules.module.js';
import { CouncilAttendanceRepository } from './council-attendance.repository.js';
import { ClearancesModule } from '../clearances/clearances.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { CouncilsModule } from '../councils/councils.module.js';
import { BallotRepository } from './ballot.repository.js';
import { ChecklistRepository } from './checklist.repository.js';
import { CouncilVerdicts } from './council-verdicts.js';
import { CriteriaSetRepository } from './criteria-set.repository.js';
import { CriteriaSetViews } from './criteria-set.views.js';
import { CandidateReviewsController, CriteriaSetsController, ReviewSessionsController } from './reviews.controller.js';
import { ReviewSessionViews } from './review-session.views.js';
import { ReviewNotifications } from './review-notifications.js';
import { SessionChangesModule } from './session-changes.module.js';
import { REVIEW_USE_CASES } from './use-cases/index.js';

/**
 * Owns the summarise stage (tổng kết): versioned criteria sets, review sessions with their rules and members,
 * assignment with conflicts of interest excluded, checklists, open and secret ballots, the outcomes the rules give,
 * the public notice and the minutes. One use case per operation (use-cases/), every change to a session through
 * SessionChanges (row lock, the lifecycle's stage check, audit record), SQL only in the repositories. A candidate's
 * state changes only through CandidateTransitions, with the verdict the statechart's guards check.
 */
@Module({
  imports: [TransitionsModule, AuditModule, DocumentsModule, JurisdictionModule, ClearancesModule, CouncilsModule, CouncilRulesModule, SessionChangesModule],
  controllers: [CriteriaSetsController, ReviewSessionsController, CandidateReviewsController],
  providers: [
    ChecklistRepository,
    BallotRepository,
    CouncilAttendanceRepository,
    CriteriaSetRepository,
    ReviewNotifications,
    CouncilVerdicts,
    ReviewSessionViews,
    CriteriaSetViews,
    ...REVIEW_USE_CASES,
  ],
  exports: [...REVIEW_USE_CASES, SessionChangesModule],
})
export class ReviewsModule {}
