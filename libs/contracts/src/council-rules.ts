/** Council rule sets (libs/workflow council-rules.ts says what each rule means) and their published versions. */
import { CLEARANCE_RULES } from '#workflow';
import { Code, Instant, Nullable, Type, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

const Count = Type.Integer({ minimum: 0 });
export const FractionSchema = Type.Object({ numerator: Count, denominator: Count });
export const ThresholdSchema = Type.Object({ fraction: FractionSchema, of: Code(['ALL_MEMBERS', 'VOTES_CAST'] as const), strict: Type.Boolean() });

/** The rule document a session pins (further fields a later version adds are allowed). */
export const CouncilRuleSetSchema = Type.Object(
  {
    code: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    quorum: FractionSchema,
    awardSessionAttendance: Nullable(FractionSchema),
    writtenOpinionsCount: Type.Boolean(),
    recognition: ThresholdSchema,
    rejection: Nullable(ThresholdSchema),
    recusal: Code(['COUNTS_AS_NOT_IN_FAVOUR', 'LEFT_OUT_OF_BASE'] as const),
    chairBreaksTies: Type.Boolean(),
    quota: Nullable(Type.Integer({ minimum: 1 })),
    /** Whether a missing or negative clearance (hiệp y) blocks recognition; absent from older rule sets: ADVISORY. */
    clearances: Type.Optional(Code(CLEARANCE_RULES)),
  },
  { additionalProperties: true },
);

const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

export const CouncilRuleSetView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  name: Bilingual,
  source: Bilingual,
  rules: CouncilRuleSetSchema,
  note: Nullable(Type.String()),
  publishedBy: Type.String(),
  publishedAt: Instant,
  /** The people it names by login (see PeopleNames): screens show these, never the login. */
  people: PeopleNames,
  /** The version a session opening now pins (the one published last). */
  inForce: Type.Boolean(),
});
export type CouncilRuleSetView = Static<typeof CouncilRuleSetView>;

export const CouncilRulePresetView = Type.Object({ code: Type.String(), name: Bilingual, source: Bilingual, rules: CouncilRuleSetSchema });
export type CouncilRulePresetView = Static<typeof CouncilRulePresetView>;

export const COUNCIL_RULE_ENDPOINTS = {
  'GET /api/council-rule-sets': json(Type.Array(CouncilRuleSetView)),
  'GET /api/council-rule-sets/presets': json(Type.Array(CouncilRulePresetView)),
  'POST /api/council-rule-sets': json(CouncilRuleSetView, 201),
} satisfies EndpointTable;
