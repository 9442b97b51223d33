/** Nurturing (bồi dưỡng): the plan in force with its earlier versions, the check-ins, and when the next is due. */
import { EFFECT_EVENTS } from '#workflow';
import { CalendarDate, Code, Instant, Nullable, Type, Uuid, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';
import { CandidateStateCode } from './candidates.js';

/** One version of the nurturing plan, with the event that wrote it. */
export const NurturingPlanView = Type.Object({
  id: Uuid,
  /** 1 for the plan written when nurturing started, then 2, 3… */
  revision: Type.Integer({ minimum: 1 }),
  goals: Type.String(),
  supporter: Type.String(),
  writtenByEvent: Code([...EFFECT_EVENTS.startPlan, ...EFFECT_EVENTS.revisePlan]),
  writtenBy: Type.String(),
  writtenAt: Instant,
});
export type NurturingPlanView = Static<typeof NurturingPlanView>;

export const CheckInView = Type.Object({
  id: Uuid,
  date: CalendarDate,
  strengths: Type.String(),
  shortcomings: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type CheckInView = Static<typeof CheckInView>;

/** A return to nurturing by the council, with the shortcomings the plan must now address. */
export const CouncilReturnView = Type.Object({
  sessionId: Nullable(Type.String()),
  shortcomings: Type.Array(Type.String()),
  returnedAt: Instant,
  returnedBy: Type.String(),
});

export const NurturingView = Type.Object({
  candidateId: Uuid,
  state: CandidateStateCode,
  currentPlan: Nullable(NurturingPlanView),
  /** Earlier versions of the plan, newest first. */
  planHistory: Type.Array(NurturingPlanView),
  /** Newest first. */
  checkIns: Type.Array(CheckInView),
  councilReturns: Type.Array(CouncilReturnView),
  /** The shortcomings of the latest return, to be worked on in this round of nurturing. */
  shortcomingsToAddress: Type.Array(Type.String()),
  checkInIntervalDays: Type.Integer({ minimum: 1 }),
  lastCheckInOn: Nullable(CalendarDate),
  /** While the candidate is being nurtured: the last check-in (or the plan in force) plus the interval. */
  nextCheckInDue: Nullable(CalendarDate),
  /** The due date has passed, by the calendar of the province (its time zone). */
  overdue: Type.Boolean(),
  /** Who wrote each plan, recorded each check-in and returned the candidate, by name. */
  people: PeopleNames,
});
export type NurturingView = Static<typeof NurturingView>;

export const NURTURING_ENDPOINTS = {
  'GET /api/candidates/{id}/nurturing': json(NurturingView),
} satisfies EndpointTable;
