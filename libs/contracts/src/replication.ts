/**
 * Replication (nhân rộng): an exemplar's honouring ledger, its adoptions by other units and where it spread, its
 * yearly follow-ups; the models that spread furthest; and the units' yearly plans.
 */
import { FieldCodes, HonouringFormCodes, SubjectKindCodes, UnitLevelCodes } from '#domain';
import { AdoptionStageCodes } from '#workflow';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';
import { CandidateStateCode } from './candidates.js';
import { PeopleNames } from './audit.js';

/** What every ledger record carries: records are never overwritten, a correction is a new record naming the old. */
const Ledger = {
  id: Uuid,
  /** YYYY-MM-DD */
  date: CalendarDate,
  correctsId: Nullable(Uuid),
  /** The correction that replaced this record (null: it is in force). */
  supersededBy: Nullable(Uuid),
  recordedBy: Type.String(),
  recordedAt: Instant,
};

export const HonouringRecordView = Type.Object({
  ...Ledger,
  form: Code(HonouringFormCodes),
  formLabel: Nullable(Labels),
  outlet: Type.String(),
  title: Type.String(),
  link: Nullable(Type.String()),
  evidenceId: Nullable(Uuid),
  reach: Nullable(Type.Integer({ minimum: 0 })),
});
export type HonouringRecordView = Static<typeof HonouringRecordView>;

export const AdoptionStageCode = Code(AdoptionStageCodes);

export const AdoptionRecordView = Type.Object({
  ...Ledger,
  adoptingUnit: Type.Object({ id: Uuid, name: Nullable(Type.String()) }),
  stage: AdoptionStageCode,
  stageLabel: Nullable(Labels),
  description: Type.String(),
});
export type AdoptionRecordView = Static<typeof AdoptionRecordView>;

export const FollowUpRecordView = Type.Object({
  ...Ledger,
  year: Type.Integer(),
  holdsUp: Type.Boolean(),
  findings: Type.String(),
});
export type FollowUpRecordView = Static<typeof FollowUpRecordView>;

/** Where a model spread: the exemplar's unit and an edge to each unit that took it up (records in force). */
export const SpreadGraph = Type.Object({
  unitsReached: Type.Integer({ minimum: 0 }),
  unitsAdopted: Type.Integer({ minimum: 0 }),
  nodes: Type.Array(Type.Object({ id: Uuid, name: Nullable(Type.String()), role: Code(['ORIGIN', 'ADOPTER'] as const) })),
  edges: Type.Array(Type.Object({ from: Uuid, to: Uuid, stages: Type.Array(AdoptionStageCode), firstDate: CalendarDate, lastDate: CalendarDate })),
});
export type SpreadGraph = Static<typeof SpreadGraph>;

export const ReplicationView = Type.Object({
  candidateId: Uuid,
  name: Type.String(),
  state: CandidateStateCode,
  stateLabel: Nullable(Labels),
  honouring: Type.Array(HonouringRecordView),
  /** Honouring acts in force, counted by form (forms with none left out). */
  honouringForms: Type.Array(Type.Object({ form: Code(HonouringFormCodes), label: Labels, count: Type.Integer({ minimum: 1 }) })),
  adoptions: Type.Array(AdoptionRecordView),
  spread: SpreadGraph,
  followUps: Type.Array(FollowUpRecordView),
  latestFollowUp: Nullable(FollowUpRecordView),
  /** A follow-up found it no longer holds up while it is still being replicated: END_REPLICATION is open. */
  endOfReplicationSuggested: Type.Boolean(),
  /** The people who recorded the ledgers' lines, by login: screens show these. */
  people: PeopleNames,
});
export type ReplicationView = Static<typeof ReplicationView>;

/** The models that spread furthest, ranked by the units that studied or adopted them. */
export const SpreadRanking = Type.Object({
  items: Type.Array(
    Type.Object({
      rank: Type.Integer({ minimum: 1 }),
      candidateId: Uuid,
      name: Type.String(),
      kind: Code(SubjectKindCodes),
      field: Code(FieldCodes),
      fieldLabel: Nullable(Labels),
      year: Type.Integer(),
      state: CandidateStateCode,
      unit: UnitRef,
      unitsReached: Type.Integer({ minimum: 0 }),
      unitsAdopted: Type.Integer({ minimum: 0 }),
      records: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type SpreadRanking = Static<typeof SpreadRanking>;

/** One revision of a unit's plan for a year: the whole plan as of then. */
export const UnitPlanView = Type.Object({
  id: Uuid,
  unitId: Uuid,
  year: Type.Integer(),
  revision: Type.Integer({ minimum: 1 }),
  buildingPlan: Type.String(),
  replicationPlan: Type.String(),
  documentNumber: Nullable(Type.String()),
  issuedOn: Nullable(CalendarDate),
  /** The year's inspection, once recorded. */
  inspection: Nullable(Type.Object({ inspectedOn: CalendarDate, result: Type.String() })),
  writtenBy: Type.String(),
  writtenAt: Instant,
});
export type UnitPlanView = Static<typeof UnitPlanView>;

export const WrittenUnitPlan = Type.Object({ unit: UnitRef, ...UnitPlanView.properties });
export type WrittenUnitPlan = Static<typeof WrittenUnitPlan>;

export const UnitPlanRevisions = Type.Object({
  unit: UnitRef,
  year: Type.Integer(),
  current: UnitPlanView,
  /** Newest first. */
  earlierRevisions: Type.Array(UnitPlanView),
});
export type UnitPlanRevisions = Static<typeof UnitPlanRevisions>;

const PlannedUnit = Type.Object({ id: Uuid, name: Type.String(), level: Code(UnitLevelCodes), levelLabel: Nullable(Labels), parentId: Nullable(Uuid) });

/** Every unit in reach with its plan in force for the year, if any; "100 % of units have a plan" is withPlan / units. */
export const UnitPlansOverview = Type.Object({
  year: Type.Integer(),
  counts: Type.Object({
    units: Type.Integer({ minimum: 0 }),
    withPlan: Type.Integer({ minimum: 0 }),
    withoutPlan: Type.Integer({ minimum: 0 }),
    inspected: Type.Integer({ minimum: 0 }),
    percentWithPlan: Nullable(Type.Number()),
  }),
  withoutPlan: Type.Array(PlannedUnit),
  units: Type.Array(
    Type.Object({
      unit: PlannedUnit,
      plan: Nullable(Type.Object({ id: Uuid, revision: Type.Integer({ minimum: 1 }), documentNumber: Nullable(Type.String()), writtenAt: Instant, inspected: Type.Boolean() })),
    }),
  ),
});
export type UnitPlansOverview = Static<typeof UnitPlansOverview>;

export const REPLICATION_ENDPOINTS = {
  'GET /api/candidates/{id}/replication': json(ReplicationView),
  'GET /api/replication/spread': json(SpreadRanking),
  'GET /api/unit-plans': json(UnitPlansOverview),
  'GET /api/units/{unitId}/plans/{year}': json(UnitPlanRevisions),
  'POST /api/units/{unitId}/plans/{year}': json(WrittenUnitPlan, 201),
} satisfies EndpointTable;
