/**
 * Opens a review session (mở đợt xét) of a council (the one the secretariat serves unless named), with its members
 * as the council's composition in force lists them, each with their position (or those named; or, before any
 * composition, the council's active members), the chair named by the composition, the council rule set in force now
 * (or the newest version of the one the secretariat names) and the criteria set versions in force now: both stay
 * pinned to it whatever is published later.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { clearanceRuleOf, initialSessionStatus } from '#workflow';
import { ClearanceRepository } from '../../clearances/clearance.repository.js';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { invalidField } from '../../common/validation.js';
import type { Fraction } from '#workflow';
import { CouncilRuleSets } from '../../council-rules/council-rule-sets.js';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
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
  /** Deadlines (YYYY-MM-DD), optional: reminders go out before them. */
  checklistsDueOn?: string;
  votingClosesOn?: string;
  ballot: BallotKind;
  /** The council rule set to judge by (its newest version); the one published last when omitted. */
  ruleSetCode?: string;
  /** The session considers awards (recognitions), so the rule set's award attendance applies; true when omitted. */
  considersAwards?: boolean;
  noticeWorkingDays?: number;
  /** The council for this session; all active council members when omitted. */
  memberIds?: string[];
}

@Injectable()
export class OpenSession {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReviewSessionRepository,
    private readonly criteriaSets: CriteriaSetRepository,
    private readonly changes: SessionChanges,
    private readonly ruleSets: CouncilRuleSets,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clearances: ClearanceRepository,
    private readonly clock: Clock,
    private readonly councils: CouncilRepository,
  ) {}

  async execute(command: OpenSessionCommand, actor: Actor): Promise<{ id: string }> {
    if (command.checklistsDueOn && command.votingClosesOn && command.votingClosesOn < command.checklistsDueOn) {
      throw invalidField('votingClosesOn', 'notBeforeChecklists', { vi: 'Hạn biểu quyết không được trước hạn nộp phiếu đánh giá.', en: 'Voting cannot close before the checklists are due.' });
    }
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
      const ruleSet = await this.ruleSets.forNewSession(em, command.ruleSetCode);
      const rules = ruleSet.rules;
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
        // The columns sessions were judged by before rule sets: for a new session, the rule set's figures in their words.
        quorumNumerator: rules.quorum.numerator,
        quorumDenominator: rules.quorum.denominator,
        recognitionPercent: percentOf(rules.recognition.fraction),
        rejectionPercent: rules.rejection ? percentOf(rules.rejection.fraction) : 100,
        ballot: command.ballot,
        noticeWorkingDays: command.noticeWorkingDays ?? 10,
        criteriaSetIds: Object.fromEntries(sets.map((s) => [s.code, s.id])),
        chairName,
        venue: command.venue ?? null,
        checklistsDueOn: command.checklistsDueOn ?? null,
        votingClosesOn: command.votingClosesOn ?? null,
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
      const considersAwards = command.considersAwards ?? true;
      await this.attendance.pin(em, { sessionId: session.id, ruleSetId: ruleSet.id, rules, considersAwards });
      // Whether a missing or negative clearance (hiệp y) blocks recognition is the pinned rule set's to say; kept
      // beside the session's clearances so that their view and the verdict read one rule.
      const clearanceRule = clearanceRuleOf(rules);
      await this.clearances.pinRule(em, { sessionId: session.id, rule: clearanceRule, source: `RULE_SET:${ruleSet.code}:${ruleSet.version}`, pinnedAt: now });
      await this.changes.record(em, session.id, 'SESSION_OPENED', {
        title: session.title,
        year: session.year,
        ruleSet: { id: ruleSet.id, code: ruleSet.code, version: ruleSet.version, rules },
        considersAwards,
        ballot: session.ballot,
        noticeWorkingDays: session.noticeWorkingDays,
        criteriaSets: sets.map((s) => ({ id: s.id, code: s.code, version: s.version })),
        councilId: council.id,
        compositionVersion: composition?.version ?? null,
        members: members.map((m) => ({ accountId: m.id, displayName: m.displayName, unitId: m.unitId, position: positions.get(m.id) ?? 'MEMBER' })),
        chairName: session.chairName,
        checklistsDueOn: session.checklistsDueOn,
        votingClosesOn: session.votingClosesOn,
        clearanceRule,
      }, actor, now);
      return { id: session.id };
    });
  }
}

/** A fraction as a whole percentage (rounded down), for the columns older sessions were judged by. */
const percentOf = (f: Fraction) => Math.floor((f.numerator * 100) / f.denominator);
