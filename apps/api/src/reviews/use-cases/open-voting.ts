/**
 * Takes attendance and opens the vote (điểm danh, mở biểu quyết): each member present, absent giving a written
 * opinion (the signed form is recorded afterwards), or absent. In a session judged by a rule set, members present
 * vote in person and a written opinion's choices are recorded by the secretariat from the form; in an older
 * session an absent member's own vote counts as their written opinion. A secret ballot gets an empty urn per
 * candidate. The audit record names each member's attendance and the members recused on each candidate.
 */
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { BallotRepository } from '../ballot.repository.js';
import { inConflict } from '../conflict-of-interest.js';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { ReviewNotifications } from '../review-notifications.js';
import { SessionChanges } from '../session-changes.js';

export type MemberAttendance = 'PRESENT' | 'WRITTEN_OPINION' | 'ABSENT';

@Injectable()
export class OpenVoting {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly ballots: BallotRepository,
    private readonly attendanceRecords: CouncilAttendanceRepository,
    private readonly clock: Clock,
    private readonly notices: ReviewNotifications,
  ) {}

  async execute(sessionId: string, presentMemberIds: string[], actor: Actor, writtenOpinionMemberIds: string[] = []): Promise<void> {
    await this.changes.run(sessionId, 'OPEN_VOTING', actor, async (em, session) => {
      const members = await this.sessions.members(em, sessionId);
      for (const [field, ids] of [['presentMemberIds', presentMemberIds], ['writtenOpinionMemberIds', writtenOpinionMemberIds]] as const) {
        const unknown = ids.filter((id) => !members.some((m) => m.accountId === id));
        if (unknown.length > 0) throw new DomainError('NOT_A_SESSION_MEMBER', { field, accountIds: unknown });
      }
      const both = writtenOpinionMemberIds.filter((id) => presentMemberIds.includes(id));
      if (both.length > 0) throw new DomainError('ATTENDANCE_TWICE', { field: 'writtenOpinionMemberIds', accountIds: both });
      const pinned = await this.attendanceRecords.pinned(em, sessionId);
      if (!pinned && writtenOpinionMemberIds.length > 0) throw new DomainError('WRITTEN_OPINIONS_NEED_RULE_SET', { field: 'writtenOpinionMemberIds' });
      const items = (await this.sessions.items(em, sessionId)).filter((i) => i.status === 'PENDING');
      if (items.length === 0) throw new DomainError('SESSION_HAS_NO_CANDIDATES', {});
      const present = new Set(presentMemberIds);
      const written = new Set(writtenOpinionMemberIds);
      const attendance = new Map<string, MemberAttendance>(members.map((m) => [m.accountId, present.has(m.accountId) ? 'PRESENT' : written.has(m.accountId) ? 'WRITTEN_OPINION' : 'ABSENT']));
      await this.attendanceRecords.recordAttendance(em, sessionId, attendance);
      if (session.ballot === 'SECRET') {
        for (const item of items) await this.ballots.createUrn(em, item.id);
      }
      const recusals = [];
      for (const item of items) {
        const facts = await this.sessions.itemFacts(em, item);
        const recused = members.filter((m) => inConflict(m.unitPath, facts.candidate.unitPath)).map((m) => m.accountId);
        if (recused.length > 0) recusals.push({ itemId: item.id, candidateId: item.candidateId, recused });
      }
      const now = this.clock.now();
      await this.changes.moveOn(em, session, 'OPEN_VOTING', { votingOpenedAt: now }, now);
      await this.changes.record(em, sessionId, 'VOTING_OPENED', {
        present: members.filter((m) => attendance.get(m.accountId) === 'PRESENT').map((m) => m.accountId),
        ...(pinned ? { writtenOpinion: members.filter((m) => attendance.get(m.accountId) === 'WRITTEN_OPINION').map((m) => m.accountId) } : {}),
        absent: members.filter((m) => attendance.get(m.accountId) === 'ABSENT').map((m) => m.accountId),
        ...(pinned ? { recusals } : {}),
        ballot: session.ballot,
      }, actor, now);
      await this.notices.votingOpened(em, sessionId, session.title, members.map((m) => m.accountId));
    });
  }
}
