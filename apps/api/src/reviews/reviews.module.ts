import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { CouncilMinutes } from './council-minutes.js';
import { CouncilVotes } from './council-votes.service.js';
import { CriteriaSets } from './criteria-sets.service.js';
import { CandidateReviewsController, CriteriaSetsController, ReviewSessionsController } from './reviews.controller.js';
import { ReviewSessions } from './review-sessions.service.js';
import { ReviewViews } from './review-views.service.js';

/**
 * Owns the summarise stage (tổng kết): versioned criteria sets, review sessions with their rules and members,
 * assignment with conflicts of interest excluded, checklists, open and secret ballots, the outcomes the rules give,
 * the public notice and the minutes. A candidate's state changes only through CandidateTransitions, with the
 * verdict the statechart's guards check.
 */
@Module({
  imports: [TransitionsModule, AuditModule, DocumentsModule],
  controllers: [CriteriaSetsController, ReviewSessionsController, CandidateReviewsController],
  providers: [CriteriaSets, ReviewSessions, CouncilVotes, ReviewViews, CouncilMinutes],
  exports: [ReviewSessions, CouncilVotes],
})
export class ReviewsModule {}
