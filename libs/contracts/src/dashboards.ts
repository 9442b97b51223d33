/**
 * Dashboards (bảng điều hành): what the office and the auditors see first, each figure computed from the database
 * when asked. The office's is scoped to the reader's reach (a unit head sees their subtree); the auditors' reads
 * the trail's checkpoints, the witness and the refusals, and changes nothing.
 */
import { CANDIDATE_STATE_CODES, REVIEW_SESSION_STATUS_CODES } from '#workflow';
import { StageCodes, SubjectKindCodes, UnitLevelCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';

const Count = Type.Integer({ minimum: 0 });

/** Candidates in one stage of the programme, by the level of the unit that holds them. */
export const PipelineRow = Type.Object({
  stage: Code(StageCodes),
  stageLabel: Labels,
  /** Per unit level, in the catalogue's order (every level present, 0 included). */
  byLevel: Type.Array(Type.Object({ level: Code(UnitLevelCodes), count: Count })),
  /** Per candidate state of the stage, in the statechart's order (every state of the stage, 0 included). */
  byState: Type.Array(Type.Object({ state: Code(CANDIDATE_STATE_CODES), stateLabel: Labels, count: Count })),
  total: Count,
});
export type PipelineRow = Static<typeof PipelineRow>;

export const OverdueNurturing = Type.Object({
  candidate: Type.Object({ id: Uuid, name: Type.String(), kind: Code(SubjectKindCodes), unit: UnitRef }),
  lastCheckInOn: Nullable(CalendarDate),
  nextCheckInDue: CalendarDate,
  daysOverdue: Type.Integer({ minimum: 1 }),
});
export type OverdueNurturing = Static<typeof OverdueNurturing>;

/** A deadline of a session not yet closed. */
export const SessionDeadline = Type.Object({
  kind: Type.Union([Type.Literal('CHECKLISTS_DUE'), Type.Literal('VOTING_CLOSES'), Type.Literal('NOTICE_ENDS')]),
  date: CalendarDate,
  /** Days from today (negative: passed). */
  daysLeft: Type.Integer(),
});
export type SessionDeadline = Static<typeof SessionDeadline>;

export const DashboardSession = Type.Object({
  id: Uuid,
  title: Type.String(),
  year: Type.Integer(),
  status: Code(REVIEW_SESSION_STATUS_CODES),
  statusLabel: Labels,
  /** Candidates in the session (within the reader's reach) and those still undecided. */
  candidates: Count,
  undecided: Count,
  /** The session's dates still relevant at its stage, earliest first. */
  deadlines: Type.Array(SessionDeadline),
  /** The first of them not yet passed (else the last passed): what the office watches. */
  next: Nullable(SessionDeadline),
});
export type DashboardSession = Static<typeof DashboardSession>;

/** One year's candidates (by the year whose achievements they are), by what became of them. */
export const YearFigures = Type.Object({
  year: Type.Integer(),
  nominated: Count,
  inProgress: Count,
  recognised: Count,
  rejected: Count,
  withdrawn: Count,
  returned: Count,
});
export type YearFigures = Static<typeof YearFigures>;

/** A candidate before the council (under review or on public notice), with its session and next date. */
export const UnderCouncil = Type.Object({
  candidate: Type.Object({ id: Uuid, name: Type.String(), kind: Code(SubjectKindCodes), state: Code(CANDIDATE_STATE_CODES), unit: UnitRef }),
  /** The open session that holds it; null: proposed, waiting to be added to a session. */
  session: Nullable(Type.Object({ id: Uuid, title: Type.String(), status: Code(REVIEW_SESSION_STATUS_CODES) })),
  next: Nullable(SessionDeadline),
});
export type UnderCouncil = Static<typeof UnderCouncil>;

export const OfficeDashboard = Type.Object({
  today: CalendarDate,
  /** The unit the figures are for (null: the whole province). */
  scope: Nullable(UnitRef),
  pipeline: Type.Object({ rows: Type.Array(PipelineRow), total: Count }),
  overdueNurturing: Type.Object({ total: Count, items: Type.Array(OverdueNurturing), checkInIntervalDays: Type.Integer({ minimum: 1 }) }),
  sessions: Type.Array(DashboardSession),
  years: Type.Object({ current: YearFigures, previous: YearFigures }),
  /** Candidates under review or on public notice, by name: the unit head's tasks list shows them with their next date. */
  underCouncil: Type.Array(UnderCouncil),
});
export type OfficeDashboard = Static<typeof OfficeDashboard>;

export const DashboardProblem = Type.Object({ code: Type.String(), words: Labels, treeSize: Nullable(Type.Integer()) });

export const DashboardRefusal = Type.Object({
  at: Instant,
  /** The refused person (their name; null when the account is gone). */
  account: Nullable(Type.Object({ id: Uuid, displayName: Type.String(), roleLabel: Nullable(Labels) })),
  reason: Type.String(),
  reasonWords: Labels,
  /** How many refusals the record stands for (a repeated-refusal record counts a window's). */
  count: Type.Integer({ minimum: 1 }),
});
export type DashboardRefusal = Static<typeof DashboardRefusal>;

export const AuditDashboard = Type.Object({
  records: Type.Object({
    total: Count,
    /** Records the latest signed checkpoint covers. */
    covered: Count,
  }),
  latestCheckpoint: Nullable(
    Type.Object({
      treeSize: Count,
      createdAt: Instant,
      keyId: Type.String(),
      /** The checkpoint's signature checked now against the keys the server trusts. */
      signatureValid: Type.Boolean(),
    }),
  ),
  witness: Type.Object({ configured: Type.Boolean(), entries: Count, latestTreeSize: Nullable(Count), latestWitnessedAt: Nullable(Instant) }),
  /** The checkpoint history checked now (timeliness, witness agreement): the quick part of verification. */
  history: Type.Object({ ok: Type.Boolean(), problems: Type.Array(DashboardProblem) }),
  refusals: Type.Object({ last7Days: Count, recent: Type.Array(DashboardRefusal) }),
});
export type AuditDashboard = Static<typeof AuditDashboard>;

export const DASHBOARD_ENDPOINTS = {
  'GET /api/dashboards/office': json(OfficeDashboard),
  'GET /api/dashboards/audit': json(AuditDashboard),
} satisfies EndpointTable;
