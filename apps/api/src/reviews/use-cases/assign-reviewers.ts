/**
 * Assigns reviewers to one candidate by hand (phân công chỉ định): refused as a whole when any of them is not a
 * member of the session or has a conflict of interest with the candidate. Reviewers already assigned stay.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { conflictOfInterest, inConflict } from '../conflict-of-interest.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { ReviewNotifications } from '../review-notifications.js';
import { SessionChanges, requireItemStatus } from '../session-changes.js';

@Injectable()
export class AssignReviewers {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly clock: Clock,
    private readonly notices: ReviewNotifications,
  ) {}

  execute(sessionId: string, itemId: string, reviewerIds: string[], actor: Actor): Promise<{ assigned: string[] }> {
    return this.changes.run(sessionId, 'ASSIGN_REVIEWERS', actor, async (em) => {
      const item = await this.changes.item(em, sessionId, itemId);
      requireItemStatus(item, ['PENDING']);
      const { candidate } = await this.sessions.itemFacts(em, item);
      const members = await this.sessions.members(em, sessionId);
      const already = new Set(await this.sessions.assignedReviewers(em, itemId));
      for (const reviewerId of reviewerIds) {
        const member = members.find((m) => m.accountId === reviewerId);
        if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { field: 'reviewerIds', accountId: reviewerId });
        if (inConflict(member.unitPath, candidate.unitPath)) throw conflictOfInterest(member, candidate, 'reviewerIds');
      }
      const now = this.clock.now();
      const fresh = [...new Set(reviewerIds)].filter((id) => !already.has(id));
      for (const reviewerId of fresh) {
        await this.sessions.insertAssignment(em, { id: randomUUID(), itemId, reviewerId, mode: 'MANUAL', assignedBy: actor.username, assignedAt: now });
      }
      if (fresh.length > 0) {
        await this.changes.record(em, sessionId, 'REVIEWERS_ASSIGNED', { itemId, candidateId: item.candidateId, reviewerIds: fresh, mode: 'MANUAL' }, actor, now, item.candidateId);
        await this.notices.assigned(em, fresh.map((reviewerId) => ({ itemId, reviewerId })));
      }
      return { assigned: fresh };
    });
  }
}
