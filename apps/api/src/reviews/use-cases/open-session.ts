/**
 * Opens a review session (mở đợt xét) of a council (the one the secretariat serves unless named), with its rules,
 * its members as the council's composition in force lists them, each with their position (or those named; or,
 * before any composition, the council's active members), the chair named by the composition, and the criteria set
 * versions in force now, which stay pinned to it whatever is published later.
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
import { CouncilRepository } from '../../councils/council.repository.js';
import type { CouncilPosition } from '#domain';

export interface OpenSessionCommand {
  title: string;
  year: number;
  /** The chair of the meeting; by default the chair of the council's composition in force. */
  chairName?: string;
  /** The council meeting; by default the one the secretariat serves. */
  councilId?: string;
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
    private readonly councils: CouncilRepository,
  ) {}

  async execute(command: OpenSessionCommand, actor: Actor): Promise<{ id: string }> {
    const quorumNumerator = command.quorumNumerator ?? 2;
    const quorumDenominator = command.quorumDenominator ?? 3;
    if (quorumNumerator > quorumDenominator) throw invalidField('quorumNumerator', 'max', { vi: 'Tử số không được lớn hơn mẫu số của tỷ lệ tham dự tối thiểu.', en: 'The quorum numerator cannot exceed its denominator.' });
    return this.dataSource.transaction(async (em) => {
      const served = await this.councils.servedBy(em, actor.accountId);
      const council = command.councilId ? await this.councils.byId(em, command.councilId) : served;
      if (command.councilId && !council) throw new DomainError('COUNCIL_NOT_FOUND', { field: 'councilId', councilId: command.councilId });
      if (!council) throw new DomainError('COUNCIL_NOT_FOUND', { field: 'councilId' });
      if (served?.id !== council.id) throw new DomainError('COUNCIL_NOT_SERVED', { field: 'councilId', councilId: council.id });
      const composition = await this.councils.latestComposition(em, council.id);
      const positions = new Map<string, CouncilPosition>((composition?.members ?? []).map((m) => [m.accountId, m.position]));
      const members = command.memberIds
        ? await this.sessions.accounts(em, command.memberIds)
        : composition
          ? await this.sessions.accounts(em, composition.members.map((m) => m.accountId))
          : await this.councils.defaultMembers(em, council);
      if (command.memberIds) {
        const notMembers = command.memberIds.filter((id) => {
          const account = members.find((m) => m.id === id);
          return !account || account.role !== 'COUNCIL_MEMBER' || account.disabledAt;
        });
        if (notMembers.length > 0) throw new DomainError('NOT_COUNCIL_MEMBERS', { field: 'memberIds', accountIds: notMembers });
      }
      if (!command.memberIds && composition) {
        const inactive = members.filter((m) => m.disabledAt).map((m) => m.id);
        if (inactive.length > 0) throw new DomainError('NOT_COUNCIL_MEMBERS', { field: 'memberIds', accountIds: inactive });
      }
      if (members.length === 0) throw new DomainError('COUNCIL_HAS_NO_MEMBERS', { field: 'memberIds' });
      // The chair is the composition's; a session of a council without one names its chair.
      const chair = composition?.members.find((m) => m.position === 'CHAIR');
      const chairName = (chair ? members.find((m) => m.id === chair.accountId)?.displayName : undefined) ?? command.chairName;
      if (!chairName) throw invalidField('chairName', 'isDefined', { vi: 'Hội đồng chưa có Chủ tịch trong thành phần: cần nêu chủ tọa phiên họp.', en: 'The council’s composition has no chair: name the chair of the meeting.' });

      const sets = await this.criteriaSets.inForce(em);
      const now = this.clock.now();
      const session: ReviewSession = {
        id: randomUUID(),
        title: command.title,
        councilId: council.id,
        year: command.year,
        status: initialSessionStatus(),
        quorumNumerator,
        quorumDenominator,
        recognitionPercent: command.recognitionPercent ?? 70,
        rejectionPercent: command.rejectionPercent ?? 50,
        ballot: command.ballot,
        noticeWorkingDays: command.noticeWorkingDays ?? 10,
        criteriaSetIds: Object.fromEntries(sets.map((s) => [s.code, s.id])),
        chairName,
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
        members.map((m) => ({ sessionId: session.id, accountId: m.id, displayName: m.displayName, unitId: m.unitId, position: positions.get(m.id) ?? 'MEMBER', attendance: null })),
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
        councilId: council.id,
        compositionVersion: composition?.version ?? null,
        members: members.map((m) => ({ accountId: m.id, displayName: m.displayName, unitId: m.unitId, position: positions.get(m.id) ?? 'MEMBER' })),
        chairName: session.chairName,
        clearanceRule,
      }, actor, now);
      return { id: session.id };
    });
  }
}
