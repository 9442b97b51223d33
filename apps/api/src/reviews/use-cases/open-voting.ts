/**
 * Takes attendance and opens the vote (điểm danh, mở biểu quyết). Members present vote in person; an absent
 * member's vote is their written opinion. A secret ballot gets an empty urn per candidate.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { BallotRepository } from '../ballot.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { ReviewNotifications } from '../review-notifications.js';
import { SessionChanges } from '../session-changes.js';

@Injectable()
export class OpenVoting {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly ballots: BallotRepository,
    private readonly clock: Clock,
    private readonly notices: ReviewNotifications,
  ) {}

  async execute(sessionId: string, presentMemberIds: string[], actor: Actor): Promise<void> {
    await this.changes.run(sessionId, 'OPEN_VOTING', async (em, session) => {
      const members = await this.sessions.members(em, sessionId);
      const unknown = presentMemberIds.filter((id) => !members.some((m) => m.accountId === id));
      if (unknown.length > 0) throw new DomainError('NOT_A_SESSION_MEMBER', { field: 'presentMemberIds', accountIds: unknown });
      const items = (await this.sessions.items(em, sessionId)).filter((i) => i.status === 'PENDING');
      if (items.length === 0) throw new DomainError('SESSION_HAS_NO_CANDIDATES', {});
      const present = new Set(presentMemberIds);
      await this.sessions.recordAttendance(em, sessionId, [...present]);
      if (session.ballot === 'SECRET') {
        for (const item of items) await this.ballots.createUrn(em, item.id);
      }
      const now = this.clock.now();
      await this.changes.moveOn(em, session, 'OPEN_VOTING', { votingOpenedAt: now }, now);
      await this.changes.record(em, sessionId, 'VOTING_OPENED', {
        present: members.filter((m) => present.has(m.accountId)).map((m) => m.accountId),
        absent: members.filter((m) => !present.has(m.accountId)).map((m) => m.accountId),
        ballot: session.ballot,
      }, actor, now);
      await this.notices.votingOpened(em, sessionId, session.title, members.map((m) => m.accountId));
    });
  }
}
