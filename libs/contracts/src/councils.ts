/** Councils at every level, their compositions, upward proposals (liên thông) and statistics by level of recognition. */
import { CouncilPositionCodes, UnitLevelCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

export const CouncilSeatView = Type.Object({
  accountId: Uuid,
  displayName: Type.String(),
  unitName: Nullable(Type.String()),
  position: Code(CouncilPositionCodes),
  positionLabel: Labels,
});
export type CouncilSeatView = Static<typeof CouncilSeatView>;

export const CompositionView = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  members: Type.Array(CouncilSeatView),
  secretariat: Type.Array(Type.Object({ accountId: Uuid, displayName: Type.String() })),
  note: Nullable(Type.String()),
  publishedBy: Type.String(),
  publishedAt: Instant,
});
export type CompositionView = Static<typeof CompositionView>;

export const CouncilView = Type.Object({
  id: Uuid,
  /** The name it bears today (a council that continued under a merge's successor reads as the successor's). */
  name: Type.String(),
  /** The names it bore before, oldest first, each with the day the next one took over (the merge's effective date). */
  formerNames: Type.Array(Type.Object({ name: Type.String(), replacedOn: CalendarDate })),
  /**
   * The unit it serves today. `retiredOn`: the day that unit stopped (merged into a unit with a council of its own, or
   * dissolved); the council is then history, listed after those of today's units.
   */
  unit: Type.Object({ id: Uuid, name: Type.String(), level: Code(UnitLevelCodes), levelLabel: Nullable(Labels), retiredOn: Nullable(CalendarDate) }),
  /** The council an exemplar recognised here is proposed to; null for the province's. */
  parentCouncilId: Nullable(Uuid),
  /** The composition in force (the newest version); null before the first is published. */
  composition: Nullable(CompositionView),
  createdBy: Type.String(),
  createdAt: Instant,
  /** The people it names by login (its creator, the publishers of its compositions, history included): screens show these. */
  people: PeopleNames,
});
export type CouncilView = Static<typeof CouncilView>;

export const CouncilDetail = Type.Intersect([CouncilView, Type.Object({ history: Type.Array(CompositionView) })]);
export type CouncilDetail = Static<typeof CouncilDetail>;

export const UpwardProposalView = Type.Object({
  id: Uuid,
  candidate: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() }),
  unit: Type.Object({ id: Uuid, name: Type.String() }),
  /** The candidacy at the parent level and where its review stands. */
  upperCandidate: Type.Object({ id: Uuid, state: Type.String() }),
  fromCouncil: Type.Object({ id: Uuid, name: Type.String() }),
  toCouncil: Type.Object({ id: Uuid, name: Type.String() }),
  /** The lower council's session that recognised it: its minutes are at /api/review-sessions/{id}/minutes. */
  lowerSessionId: Uuid,
  lowerDecisionId: Nullable(Uuid),
  reasons: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Instant,
  /** The people it names by login (see PeopleNames): screens show these, never the login. */
  people: PeopleNames,
  /** Seen from the reader: proposals leaving their council or unit, or arriving at it. */
  direction: Type.Union([Type.Literal('OUTGOING'), Type.Literal('INCOMING'), Type.Literal('OTHER')]),
});
export type UpwardProposalView = Static<typeof UpwardProposalView>;

export const UpwardProposed = Type.Object({ proposalId: Uuid, upperCandidateId: Uuid, toCouncilId: Uuid });
export type UpwardProposed = Static<typeof UpwardProposed>;

export const RecognitionsByLevel = Type.Object({
  year: Nullable(Type.Integer()),
  rows: Type.Array(
    Type.Object({
      level: Code(UnitLevelCodes),
      levelLabel: Nullable(Labels),
      collective: Type.Integer({ minimum: 0 }),
      individual: Type.Integer({ minimum: 0 }),
      household: Type.Integer({ minimum: 0 }),
      total: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type RecognitionsByLevel = Static<typeof RecognitionsByLevel>;

export const COUNCIL_ENDPOINTS = {
  'GET /api/councils': json(Type.Array(CouncilView)),
  'POST /api/councils': json(CouncilView, 201),
  'GET /api/councils/mine': json(CouncilView),
  'GET /api/councils/{id}': json(CouncilDetail),
  'POST /api/councils/{id}/compositions': json(CouncilView, 201),
  'GET /api/upward-proposals': json(Type.Array(UpwardProposalView)),
  'POST /api/candidates/{id}/upward-proposals': json(UpwardProposed, 201),
  'GET /api/statistics/recognitions-by-level': json(RecognitionsByLevel),
} satisfies EndpointTable;
