/** Units (đơn vị): the tree of agencies, communes, schools, companies… that candidates belong to. */
import { SectorCodes, UnitLevelCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const UnitView = Type.Object({
  id: Uuid,
  code: Nullable(Type.String()),
  name: Type.String(),
  level: Code(UnitLevelCodes),
  levelLabel: Nullable(Labels),
  sector: Code(SectorCodes),
  sectorLabel: Nullable(Labels),
  parentId: Nullable(Uuid),
  /** ACTIVE, or RETIRED once merged, split or dissolved (it stays, below the unit that carries it on). */
  status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('RETIRED')]),
  retiredOn: Nullable(CalendarDate),
  version: Type.Integer(),
});
export type UnitView = Static<typeof UnitView>;

/** A unit with the units directly below it, recursively. */
export const UnitNode = Type.Cyclic(
  { UnitNode: Type.Intersect([UnitView, Type.Object({ children: Type.Array(Type.Ref('UnitNode')) })]) },
  'UnitNode',
);
export type UnitNode = Static<typeof UnitNode>;

const UnitStatus = Type.Union([Type.Literal('ACTIVE'), Type.Literal('RETIRED')]);
const OperationKind = Code(['RENAME', 'MOVE', 'MERGE', 'SPLIT', 'DISSOLVE'] as const);

/** Something that would be left without a home: what must be placed first. */
export const ReorganisationBlocker = Type.Object({
  kind: Code(['CANDIDATE', 'ACCOUNT', 'UNIT', 'SESSION'] as const),
  id: Uuid,
  name: Type.String(),
  unitName: Type.String(),
  vi: Type.String(),
  en: Type.String(),
});

/** What an operation does (its preview, and what the applied operation recorded). */
export const ReorganisationEffect = Type.Object({
  kind: OperationKind,
  effectiveOn: CalendarDate,
  units: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      change: Code(['CREATED', 'RENAMED', 'MOVED', 'RETIRED'] as const),
      nameBefore: Nullable(Type.String()),
      nameAfter: Type.String(),
      parentBefore: Nullable(UnitRef),
      parentAfter: Nullable(UnitRef),
      statusAfter: UnitStatus,
    }),
  ),
  successions: Type.Array(Type.Object({ predecessor: UnitRef, successor: UnitRef, kind: Type.String(), primary: Type.Boolean() })),
  /** Candidates whose unit of today changes (at most 500 listed; `candidateCount` counts them all). */
  candidateCount: Type.Integer({ minimum: 0 }),
  candidates: Type.Array(Type.Object({ id: Uuid, name: Type.String(), state: Type.String(), nominatedIn: UnitRef, before: Nullable(UnitRef), after: Nullable(UnitRef) })),
  accounts: Type.Array(Type.Object({ id: Uuid, username: Type.String(), displayName: Type.String(), from: UnitRef, to: UnitRef })),
  /**
   * Councils of the units the operation touches. A merge's successor without a council of its own takes over the first
   * merged unit's council (`continuesUnder`), with its sessions and history; the others stay with their unit's history.
   * A continuing council whose name named the merged unit takes the successor's name in it from the effective date
   * (`nameAfter`); its former name stays in its history.
   */
  councils: Type.Array(Type.Object({ id: Uuid, name: Type.String(), unit: UnitRef, continuesUnder: Type.Optional(Nullable(UnitRef)), nameAfter: Type.Optional(Type.String()) })),
  blockers: Type.Array(ReorganisationBlocker),
});
export type ReorganisationEffect = Static<typeof ReorganisationEffect>;

export const UnitOperationView = Type.Object({
  id: Uuid,
  kind: OperationKind,
  effectiveOn: CalendarDate,
  documentNumber: Type.String(),
  documentDate: CalendarDate,
  documentAuthority: Type.String(),
  note: Nullable(Type.String()),
  effect: ReorganisationEffect,
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type UnitOperationView = Static<typeof UnitOperationView>;

const SuccessionLink = Type.Object({
  unit: UnitRef,
  kind: Type.String(),
  primary: Type.Boolean(),
  effectiveOn: CalendarDate,
  operationId: Uuid,
  document: Type.Object({ number: Type.String(), date: CalendarDate, authority: Type.String() }),
});

/** What a unit was and became. */
export const UnitTimeline = Type.Object({
  unit: Type.Object({ id: Uuid, name: Type.String(), status: UnitStatus, retiredOn: Nullable(CalendarDate) }),
  /** The unit that carries on its work today (itself when active). */
  today: Nullable(UnitRef),
  changes: Type.Array(
    Type.Object({
      change: Type.String(),
      nameBefore: Nullable(Type.String()),
      nameAfter: Type.String(),
      statusAfter: Type.String(),
      parentBefore: Nullable(UnitRef),
      parentAfter: Nullable(UnitRef),
      operation: UnitOperationView,
    }),
  ),
  predecessors: Type.Array(SuccessionLink),
  successors: Type.Array(SuccessionLink),
});
export type UnitTimeline = Static<typeof UnitTimeline>;

const Counts = { collective: Type.Integer({ minimum: 0 }), individual: Type.Integer({ minimum: 0 }), household: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) };

/** Recognised exemplars by unit: as nominated (units as they were) or mapped onto today's units; same totals. */
export const ExemplarsByUnit = Type.Object({
  basis: Code(['AS_NOMINATED', 'TODAY'] as const),
  yearFrom: Type.Integer(),
  yearTo: Type.Integer(),
  rows: Type.Array(Type.Object({ unit: UnitRef, status: UnitStatus, ...Counts })),
  totals: Type.Object(Counts),
});
export type ExemplarsByUnit = Static<typeof ExemplarsByUnit>;

/** A candidate's unit both ways: as nominated (with the name it had then) and the unit carrying it on today. */
export const CandidateUnitHistory = Type.Object({
  nominatedIn: Type.Object({ id: Uuid, name: Type.String(), nameThen: Type.String(), status: UnitStatus }),
  today: Nullable(UnitRef),
  placements: Type.Array(Type.Object({ effectiveOn: CalendarDate, from: UnitRef, to: UnitRef, documentNumber: Type.String() })),
});
export type CandidateUnitHistory = Static<typeof CandidateUnitHistory>;

export const UNIT_ENDPOINTS = {
  'POST /api/units': json(UnitView, 201),
  'GET /api/units': json(Type.Array(UnitNode)),
  'GET /api/units/{id}': json(UnitView),
  'PATCH /api/units/{id}': json(UnitView),
  'GET /api/units/{id}/timeline': json(UnitTimeline),
  'GET /api/unit-reorganisations': json(Type.Array(UnitOperationView)),
  'POST /api/unit-reorganisations': json(UnitOperationView, 201),
  'POST /api/unit-reorganisations/preview': json(ReorganisationEffect),
  'GET /api/statistics/exemplars-by-unit': json(ExemplarsByUnit),
  'GET /api/candidates/{id}/units': json(CandidateUnitHistory),
} satisfies EndpointTable;
