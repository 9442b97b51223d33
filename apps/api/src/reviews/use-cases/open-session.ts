/**
 * Opens a review session (mở đợt xét) with its rules, its council (all active council members unless named) and
 * the criteria set versions in force now, which stay pinned to it whatever is published later.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { REGULATION_2025_PRESET, clearanceRuleOf, initialSessionStatus, type ClearanceRule } from '#workflow';
import { ClearanceRepository } from '../../clearances/clearance.repository.js';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { invalidField } from '../../common/validation.js';
import { rulesOf } from '../council-verdicts.js';
import { CriteriaSetRepository } from '../criteria-set.repository.js';
import type { BallotKind, ReviewSession } from '../review.entities.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

export interface OpenSessionCommand {
  title: string;
  year: number;
  chairName: string;
  venue?: string;
  ballot: BallotKind;
  quorumNumerator?: number;
  quorumDenominator?: number;
  recognitionPercent?: number;
  rejectionPercent?: number;
  noticeWorkingDays?: number;
  /** The council for this session; all active council members when omitted. */
  memberIds?: string[];
  /** Whether a missing or negative clearance (hiệp y) blocks recognition; the regulation's preset when omitted. */
  clearanceRule?: ClearanceRule;
}

@Injectable()
export class OpenSession {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessionRepository,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly changes: SessionChanges,
    private readonly clearances: ClearanceRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: OpenSessionCommand, actor: Actor): Promise<{ id: string }> {
    const quorumNumerator = command.quorumNumerator ?? 2;
    const quorumDenominator = command.quorumDenominator ?? 3;
    if (quorumNumerator > quorumDenominator) throw invalidField('quorumNumerator', 'max', { vi: 'Tử số không được lớn hơn mẫu số của tỷ lệ tham dự tối thiểu.', en: 'The quorum numerator cannot exceed its denominator.' });
    return this.dataSource.transaction(async (em) => {
      const members = command.memberIds ? await this.sessions.accounts(em, command.memberIds) : await this.sessions.activeCouncilMembers(em);
      if (command.memberIds) {
        const notMembers = command.memberIds.filter((id) => {
          const account = members.find((m) => m.id === id);
          return !account || account.role !== 'COUNCIL_MEMBER' || account.disabledAt;
        });
        if (notMembers.length > 0) throw new DomainError('NOT_COUNCIL_MEMBERS', { field: 'memberIds', accountIds: notMembers });
      }
      if (members.length === 0) throw new DomainError('COUNCIL_HAS_NO_MEMBERS', { field: 'memberIds' });

      const sets = await this.criteriaSets.inForce(em);
      const now = this.clock.now();
      const session: ReviewSession = {
        id: randomUUID(),
        title: command.title,
        year: command.year,
        status: initialSessionStatus(),
        quorumNumerator,
        quorumDenominator,
        recognitionPercent: command.recognitionPercent ?? 70,
        rejectionPercent: command.rejectionPercent ?? 50,
        ballot: command.ballot,
        noticeWorkingDays: command.noticeWorkingDays ?? 10,
        criteriaSetIds: Object.fromEntries(sets.map((s) => [s.code, s.id])),
        chairName: command.chairName,
        venue: command.venue ?? null,
        openedBy: actor.username,
        openedAt: now,
        votingOpenedAt: null,
        votingClosedAt: null,
        closedAt: null,
        version: 1,
        updatedAt: now,
      };
      await this.sessions.insert(
        em,
        session,
        members.map((m) => ({ sessionId: session.id, accountId: m.id, displayName: m.displayName, unitId: m.unitId, attendance: null })),
      );
      // The clearance rule is pinned now, like the criteria: what is published later does not change this session.
      const clearanceRule = command.clearanceRule ?? clearanceRuleOf(REGULATION_2025_PRESET.ruleSet);
      await this.clearances.pinRule(em, { sessionId: session.id, rule: clearanceRule, source: command.clearanceRule ? 'CHOSEN' : `PRESET:${REGULATION_2025_PRESET.ruleSet.code}`, pinnedAt: now });
      await this.changes.record(em, session.id, 'SESSION_OPENED', {
        title: session.title,
        year: session.year,
        rules: rulesOf(session),
        ballot: session.ballot,
        noticeWorkingDays: session.noticeWorkingDays,
        criteriaSets: sets.map((s) => ({ id: s.id, code: s.code, version: s.version })),
        members: members.map((m) => ({ accountId: m.id, displayName: m.displayName, unitId: m.unitId })),
        chairName: session.chairName,
        clearanceRule,
      }, actor, now);
      return { id: session.id };
    });
  }
}
