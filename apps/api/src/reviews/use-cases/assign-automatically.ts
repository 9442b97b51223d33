/**
 * Assigns reviewers to every candidate still under review (phân công tự động): the number wanted per candidate,
 * the load balanced over the members, conflicts of interest excluded; says which candidates could not get enough.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { planAssignments, type AssignmentCandidate } from '../conflict-of-interest.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { ReviewNotifications } from '../review-notifications.js';
import { SessionChanges } from '../session-changes.js';

export type AutomaticAssignment = ReturnType<typeof planAssignments>;

@Injectable()
export class AssignAutomatically {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly clock: Clock,
    private readonly notices: ReviewNotifications,
  ) {}

  execute(sessionId: string, perCandidate: number, actor: Actor): Promise<AutomaticAssignment> {
    return this.changes.run(sessionId, 'ASSIGN_AUTOMATICALLY', actor, async (em) => {
      const members = await this.sessions.members(em, sessionId);
      const items = (await this.sessions.items(em, sessionId)).filter((i) => i.status === 'PENDING');
      const planned: AssignmentCandidate[] = [];
      for (const item of items) {
        const { candidate } = await this.sessions.itemFacts(em, item);
        planned.push({ itemId: item.id, unitPath: candidate.unitPath, assigned: await this.sessions.assignedReviewers(em, item.id) });
      }
      const { assignments, short } = planAssignments(planned, members, perCandidate);
      const now = this.clock.now();
      for (const a of assignments) {
        await this.sessions.insertAssignment(em, { id: randomUUID(), itemId: a.itemId, reviewerId: a.reviewerId, mode: 'AUTOMATIC', assignedBy: actor.username, assignedAt: now });
      }
      await this.changes.record(em, sessionId, 'REVIEWERS_ASSIGNED', { mode: 'AUTOMATIC', perCandidate, assignments, short }, actor, now);
      await this.notices.assigned(em, assignments);
      return { assignments, short };
    });
  }
}
