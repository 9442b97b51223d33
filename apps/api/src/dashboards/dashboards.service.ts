/**
 * The dashboards: the office's (pipeline by stage and unit level, nurturing overdue, sessions and their deadlines,
 * this year against last) and the auditors' (the checkpoint history checked now, the last checkpoint and what the
 * witness holds, recent refusals of access). Every figure is computed from the database when asked; nothing is
 * stored, nothing is changed. Overdue nurturing uses the nurturing feature's own schedule (checkInSchedule), so the
 * dashboard and a candidate's page never disagree.
 */
import { Injectable } from '@nestjs/common';
import { ACCESS_REFUSAL_REASONS, ROLES, STAGES, UNIT_LEVELS, labelsOf, type Role } from '#domain';
import { CANDIDATE_STATES, REVIEW_SESSION_STATUSES, type CandidateState } from '#workflow';
import type { AuditDashboard, DashboardSession, OfficeDashboard, SessionDeadline, YearFigures } from '#contracts';
import { AUDIT_PROBLEMS } from '#domain';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { UnitScope } from '../access/unit-scope.js';
import { checkInSchedule } from '../nurturing/nurturing.service.js';
import { AuditKeyring } from '../audit/audit-keyring.js';
import { AuditWitness } from '../audit/audit-witness.js';
import { CheckpointRepository } from '../audit/checkpoint.repository.js';
import { checkHistory } from '../audit/history-check.js';
import { checkSignature } from '../audit/checkpoint-format.js';
import { toSignedCheckpoint } from '../audit/audit-checkpoints.service.js';
import { DashboardRepository, type SessionRow } from './dashboard.repository.js';

/** How many overdue candidates and refusals are listed (the totals count them all). */
const LISTED = 20;
const DAY_MS = 86_400_000;

const RECOGNISED: readonly CandidateState[] = ['recognised', 'replicating', 'replicationEnded'];
const REJECTED: readonly CandidateState[] = ['rejected', 'revoked'];

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The dates of a session that still matter at its stage. */
function deadlinesOf(s: Omit<SessionRow, 'candidates' | 'undecided'>, today: string): SessionDeadline[] {
  const dates: [SessionDeadline['kind'], string | null][] =
    s.status === 'PREPARING'
      ? [['CHECKLISTS_DUE', s.checklistsDueOn], ['VOTING_CLOSES', s.votingClosesOn]]
      : s.status === 'VOTING'
        ? [['VOTING_CLOSES', s.votingClosesOn]]
        : s.status === 'NOTICE'
          ? [['NOTICE_ENDS', s.noticeEndsOn]]
          : [];
  return dates
    .filter((d): d is [SessionDeadline['kind'], string] => d[1] !== null)
    .map(([kind, date]) => ({ kind, date, daysLeft: daysBetween(today, date) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

@Injectable()
export class DashboardsService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly scope: UnitScope,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly keyring: AuditKeyring,
    private readonly witness: AuditWitness,
    private readonly tree: CheckpointRepository,
  ) {}

  async office(actor: Actor): Promise<OfficeDashboard> {
    const { reach } = await this.scope.of(actor, undefined);
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    const [byStateLevel, nurturing, sessions, byYear, underCouncil] = await Promise.all([
      this.repository.byStateAndLevel(reach),
      this.repository.nurturing(reach),
      this.repository.openSessions(reach),
      this.repository.byYearAndState(reach, [year, year - 1]),
      this.repository.underCouncil(reach),
    ]);

    const rows = STAGES.map((stage) => {
      const states = CANDIDATE_STATES.filter((s) => s.stage === stage.code);
      const inStage = byStateLevel.filter((r) => states.some((s) => s.code === r.state));
      return {
        stage: stage.code,
        stageLabel: { vi: stage.vi, en: stage.en },
        byLevel: UNIT_LEVELS.map((l) => ({ level: l.code, count: inStage.filter((r) => r.level === l.code).reduce((n, r) => n + r.count, 0) })),
        byState: states.map((s) => ({ state: s.code, stateLabel: { vi: s.vi, en: s.en }, count: inStage.filter((r) => r.state === s.code).reduce((n, r) => n + r.count, 0) })),
        total: inStage.reduce((n, r) => n + r.count, 0),
      };
    });

    const interval = this.config.NURTURING_CHECK_IN_INTERVAL_DAYS;
    const overdue = nurturing
      .map((c) => ({ c, schedule: checkInSchedule({ state: 'nurturing', lastCheckInOn: c.lastCheckInOn, planWrittenOn: c.planWrittenAt ? this.clock.dateOf(new Date(c.planWrittenAt)) : null, intervalDays: interval, today }) }))
      .filter(({ schedule }) => schedule.overdue)
      .sort((a, b) => a.schedule.nextCheckInDue!.localeCompare(b.schedule.nextCheckInDue!) || a.c.name.localeCompare(b.c.name, 'vi'));

    const figures = (y: number): YearFigures => {
      const of = (states?: readonly CandidateState[]) => byYear.filter((r) => r.year === y && (!states || states.includes(r.state))).reduce((n, r) => n + r.count, 0);
      return {
        year: y,
        nominated: of(),
        inProgress: of(['discovered', 'nurturing', 'underReview', 'publicNotice']),
        recognised: of(RECOGNISED),
        rejected: of(REJECTED),
        withdrawn: of(['withdrawn']),
        returned: of(['returned']),
      };
    };

    return {
      today,
      scope: reach.kind === 'subtree' ? await this.ownUnit(actor) : null,
      pipeline: { rows, total: rows.reduce((n, r) => n + r.total, 0) },
      overdueNurturing: {
        total: overdue.length,
        checkInIntervalDays: interval,
        items: overdue.slice(0, LISTED).map(({ c, schedule }) => ({
          candidate: { id: c.id, name: c.name, kind: c.kind, unit: { id: c.unitId, name: c.unitName } },
          lastCheckInOn: c.lastCheckInOn,
          nextCheckInDue: schedule.nextCheckInDue!,
          daysOverdue: daysBetween(schedule.nextCheckInDue!, today),
        })),
      },
      sessions: sessions.map((s): DashboardSession => {
        const deadlines = deadlinesOf(s, today);
        const status = REVIEW_SESSION_STATUSES.find((x) => x.code === s.status)!;
        return {
          id: s.id,
          title: s.title,
          year: s.year,
          status: s.status,
          statusLabel: { vi: status.vi, en: status.en },
          candidates: s.candidates,
          undecided: s.undecided,
          deadlines,
          next: deadlines.find((d) => d.daysLeft >= 0) ?? deadlines.at(-1) ?? null,
        };
      }),
      years: { current: figures(year), previous: figures(year - 1) },
      underCouncil: underCouncil.map((c) => {
        const deadlines = c.session ? deadlinesOf(c.session, today) : [];
        return {
          candidate: { id: c.id, name: c.name, kind: c.kind, state: c.state, unit: { id: c.unitId, name: c.unitName } },
          session: c.session ? { id: c.session.id, title: c.session.title, status: c.session.status } : null,
          next: deadlines.find((d) => d.daysLeft >= 0) ?? deadlines.at(-1) ?? null,
        };
      }),
    };
  }

  /** A unit head's own unit, named. */
  private async ownUnit(actor: Actor) {
    if (!actor.unitId) return null;
    const unit = await this.scope.reachable(actor, actor.unitId);
    return { id: unit.id, name: unit.name };
  }

  async audit(): Promise<AuditDashboard> {
    const trusted = this.keyring.trustedKeys;
    const [total, latest, history] = await Promise.all([
      this.repository.auditRecordCount(),
      this.tree.latest(),
      checkHistory({ tree: this.tree, witness: this.witness.witness, trusted, overdueAfterMs: this.config.checkpointOverdueMs }),
    ]);
    const witnessed = this.witness.witness ? await this.witness.witness.lastEntry().catch(() => null) : null;
    const signed = latest ? toSignedCheckpoint(latest) : null;
    const since = new Date(this.clock.realNow().getTime() - 7 * DAY_MS);
    const [recent, last7Days] = await Promise.all([this.repository.recentRefusals(LISTED), this.repository.refusalsSince(since)]);
    return {
      records: { total, covered: signed ? signed.treeSize : 0 },
      latestCheckpoint: signed ? { treeSize: signed.treeSize, createdAt: signed.createdAt, keyId: signed.keyId, signatureValid: checkSignature(signed, trusted) === 'VALID' } : null,
      witness: {
        configured: history.witness.configured,
        entries: history.witness.entries,
        latestTreeSize: history.witness.latestTreeSize,
        latestWitnessedAt: witnessed?.witnessedAt ?? null,
      },
      history: {
        ok: history.problems.length === 0,
        problems: history.problems.map((p) => ({ code: p.kind, words: { vi: AUDIT_PROBLEMS[p.kind].vi, en: AUDIT_PROBLEMS[p.kind].en }, treeSize: p.treeSize ?? null })),
      },
      refusals: {
        last7Days,
        recent: recent.map((r) => {
          const reason = typeof r.payload.reason === 'string' ? r.payload.reason : '';
          return {
            at: new Date(r.occurredAt).toISOString(),
            account: r.accountId ? { id: r.accountId, displayName: r.displayName ?? '', roleLabel: r.role ? labelsOf(ROLES, r.role as Role) : null } : null,
            reason,
            reasonWords: labelsOf(ACCESS_REFUSAL_REASONS, reason) ?? { vi: 'Truy cập bị từ chối', en: 'Access refused' },
            count: r.eventType === 'ACCESS_REFUSED' ? 1 : Math.max(1, Number(r.payload.notRecordedSeparately ?? 1)),
          };
        }),
      },
    };
  }
}
