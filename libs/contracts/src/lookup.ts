/**
 * Lookup (tra cứu): one search over candidates, units and movements, with or without diacritics, and a subject's
 * history across its candidacies ("one achievement, one recognition").
 */
import { DiscoveryChannelCodes, FieldCodes, MOVEMENT_STATUS_CODES, SectorCodes, StageCodes, SubjectKindCodes, UnitLevelCodes } from '#domain';
import { CANDIDATE_STATE_CODES } from '#workflow';
import { SearchText } from './movements.js';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';

const Count = Type.Integer({ minimum: 0 });

export const CandidateHit = Type.Object({
  type: Type.Literal('CANDIDATE'),
  id: Uuid,
  name: Type.String(),
  kind: Code(SubjectKindCodes),
  kindLabel: Nullable(Labels),
  unit: UnitRef,
  year: Type.Integer(),
  field: Code(FieldCodes),
  fieldLabel: Nullable(Labels),
  state: Code(CANDIDATE_STATE_CODES),
  stateLabel: Nullable(Labels),
  stage: Nullable(Code(StageCodes)),
  stageLabel: Nullable(Labels),
  /** The subject's first candidacy: the key of its history. */
  subjectId: Uuid,
});
export type CandidateHit = Static<typeof CandidateHit>;

export const UnitHit = Type.Object({
  type: Type.Literal('UNIT'),
  id: Uuid,
  name: Type.String(),
  code: Nullable(Type.String()),
  level: Code(UnitLevelCodes),
  levelLabel: Nullable(Labels),
  sector: Code(SectorCodes),
  sectorLabel: Nullable(Labels),
  parent: Nullable(UnitRef),
});
export type UnitHit = Static<typeof UnitHit>;

export const MovementHit = Type.Object({
  type: Type.Literal('MOVEMENT'),
  id: Uuid,
  name: Type.String(),
  status: Code(MOVEMENT_STATUS_CODES),
  statusLabel: Nullable(Labels),
  launchingUnit: UnitRef,
  periodFrom: CalendarDate,
  periodTo: CalendarDate,
  fields: Type.Array(Code(FieldCodes)),
});
export type MovementHit = Static<typeof MovementHit>;

export const LookupHit = Type.Union([CandidateHit, UnitHit, MovementHit]);
export type LookupHit = Static<typeof LookupHit>;

export const LookupResult = Type.Object({
  total: Count,
  totals: Type.Object({ candidates: Count, units: Count, movements: Count }),
  limit: Type.Integer({ minimum: 1 }),
  offset: Count,
  query: Nullable(SearchText),
  /** Best first: the whole name, names beginning with the query, names containing it, the rest. */
  items: Type.Array(LookupHit),
});
export type LookupResult = Static<typeof LookupResult>;

export const SubjectHistory = Type.Object({
  subject: Type.Object({ id: Uuid, kind: Code(SubjectKindCodes), kindLabel: Nullable(Labels), name: Type.String(), unit: UnitRef }),
  rule: Labels,
  recognitions: Type.Array(Type.Object({ candidateId: Uuid, year: Type.Integer() })),
  candidacies: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      year: Type.Integer(),
      unit: UnitRef,
      field: Code(FieldCodes),
      fieldLabel: Nullable(Labels),
      achievement: Type.String(),
      discoveryChannel: Code(DiscoveryChannelCodes),
      nominatedAt: Instant,
      /** The movements it leads (links in force). */
      movements: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
      outcome: Type.Object({
        state: Code(CANDIDATE_STATE_CODES),
        stateLabel: Nullable(Labels),
        stage: Nullable(Code(StageCodes)),
        recognised: Type.Boolean(),
        final: Type.Boolean(),
        /** When it entered the state it is in. */
        since: Nullable(Instant),
      }),
    }),
  ),
});
export type SubjectHistory = Static<typeof SubjectHistory>;

export const LOOKUP_ENDPOINTS = {
  'GET /api/lookup': json(LookupResult),
  'GET /api/lookup/subjects/{candidateId}': json(SubjectHistory),
} satisfies EndpointTable;
