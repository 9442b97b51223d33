/** The jurisdiction profile's versions (libs/domain jurisdiction.ts says what each part means). */
import { IssuingAuthorityCodes } from '#domain';
import { CalendarDate, Code, Instant, Nullable, Type, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

const Text = Type.String();
const Optional = Type.Optional;

export const SignatoryBlock = Type.Object({ onBehalfOf: Optional(Text), title: Text, signerTitle: Optional(Text), name: Optional(Text) });

export const ProfileAuthority = Type.Object({
  code: Code(IssuingAuthorityCodes),
  parentName: Optional(Text),
  header: Text,
  authority: Text,
  symbol: Text,
  signatory: SignatoryBlock,
  legalBases: Type.Array(Text),
  proposal: Text,
  distribution: Type.Array(Text),
});

export const JurisdictionProfileContent = Type.Object({
  jurisdictionName: Text,
  place: Text,
  authorities: Type.Array(ProfileAuthority),
  council: Type.Object({ parentName: Optional(Text), header: Text, minutesSymbol: Text, name: Text }),
  deadlines: Type.Object({ dossiers: Optional(Text), clearances: Optional(Text), clearanceWorkingDays: Optional(Type.Integer({ minimum: 1 })) }),
  clearanceAgencies: Optional(Type.Array(Type.Object({ code: Text, name: Text, subject: Optional(Text) }))),
  holidays: Type.Array(CalendarDate),
});

export const JurisdictionProfileView = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  effectiveFrom: CalendarDate,
  content: JurisdictionProfileContent,
  note: Nullable(Text),
  publishedBy: Text,
  publishedAt: Instant,
  /** The people it names by login (see PeopleNames): screens show these, never the login. */
  people: PeopleNames,
  /** The version in force today. */
  inForce: Type.Boolean(),
});
export type JurisdictionProfileView = Static<typeof JurisdictionProfileView>;

export const JURISDICTION_ENDPOINTS = {
  'GET /api/jurisdiction-profiles': json(Type.Array(JurisdictionProfileView)),
  'GET /api/jurisdiction-profiles/current': json(JurisdictionProfileView),
  'GET /api/jurisdiction-profiles/{version}': json(JurisdictionProfileView),
  'POST /api/jurisdiction-profiles': json(JurisdictionProfileView, 201),
} satisfies EndpointTable;
