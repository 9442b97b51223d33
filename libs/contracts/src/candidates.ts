/** Candidates (hồ sơ điển hình) and the events that move them (transitions). */
import { DiscoveryChannelCodes, FieldCodes, StageCodes, SubjectKindCodes } from '#domain';
import { CANDIDATE_EVENT_TYPES, CANDIDATE_STATE_CODES } from '#workflow';
import { CalendarDate, Code, Instant, Labels, Nullable, Page, Type, UnitRef, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const CandidateStateCode = Code(CANDIDATE_STATE_CODES);
export const CandidateEventCode = Code(CANDIDATE_EVENT_TYPES);

/** An event the person may send now, with its words as a button. */
export const AllowedEvent = Type.Object({ type: CandidateEventCode, label: Nullable(Labels) });
export type AllowedEvent = Static<typeof AllowedEvent>;

/** A candidate as every list and page shows it: codes with their labels, the stage, and what can be done next. */
export const CandidateView = Type.Object({
  id: Uuid,
  kind: Code(SubjectKindCodes),
  kindLabel: Nullable(Labels),
  name: Type.String(),
  unitId: Uuid,
  /** Present where the view was read with its unit (lists, one candidate, a nomination). */
  unit: Type.Optional(UnitRef),
  field: Code(FieldCodes),
  fieldLabel: Nullable(Labels),
  year: Type.Integer(),
  discoveryChannel: Code(DiscoveryChannelCodes),
  discoveryChannelLabel: Nullable(Labels),
  achievement: Type.String(),
  state: CandidateStateCode,
  stateLabel: Nullable(Labels),
  /** The programme stage; null for a withdrawn candidate, which left the programme. */
  stage: Nullable(Code(StageCodes)),
  machineVersion: Type.Integer(),
  /** The version to send back as `expectedVersion` with the next event. */
  version: Type.Integer({ minimum: 1 }),
  counts: Type.Object({
    checkIns: Type.Integer({ minimum: 0 }),
    evidenceFiles: Type.Integer({ minimum: 0 }),
    planVersions: Type.Integer({ minimum: 0 }),
    returns: Type.Integer({ minimum: 0 }),
  }),
  allowedEvents: Type.Array(AllowedEvent),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CandidateView = Static<typeof CandidateView>;

export const CandidatePage = Page(CandidateView);
export type CandidatePage = Static<typeof CandidatePage>;

/** Where a candidate was discovered: a movement's review conference (and which review, when known). */
export const DiscoveredAt = Type.Object({ movementId: Uuid, reviewId: Nullable(Uuid) });

/** One candidate: the view with its subject and the movements it leads now. */
/**
 * An earlier recognition of the same subject that a new proposal repeats (the same year, or the same achievement
 * in the same words), with the decision that recognised it where one was issued.
 */
export const EarlierRecognition = Type.Object({
  candidateId: Uuid,
  name: Type.String(),
  year: Type.Integer(),
  unitName: Type.String(),
  sameAchievement: Type.Boolean(),
  decision: Nullable(Type.Object({ id: Uuid, number: Type.String(), issuedOn: CalendarDate })),
});
export type EarlierRecognition = Static<typeof EarlierRecognition>;

/** The repeat-recognition rule applied to a candidacy: the recognitions it repeats and the unit head's justification. */
export const RepeatRecognition = Type.Object({
  earlier: Type.Array(EarlierRecognition),
  /** The justification given at nomination or with the latest proposal for review; null when none was given. */
  justification: Nullable(Type.String()),
});
export type RepeatRecognition = Static<typeof RepeatRecognition>;

export const CandidateDetail = Type.Object({
  ...CandidateView.properties,
  /** The subject (person, collective, household) the candidacy is about: the id of its first candidacy. */
  subjectId: Uuid,
  discoveredAt: Nullable(DiscoveredAt),
  movements: Type.Array(Type.Object({ id: Uuid, name: Type.String(), status: Type.String() })),
  /** One achievement, one recognition (Luật 2022 Điều 5): what this candidacy repeats, and why it goes ahead. */
  repeatRecognition: RepeatRecognition,
  /** Holds open now (NĐ 152 Điều 4.4); their grounds at GET /api/candidates/{id}/holds. */
  openHolds: Type.Integer({ minimum: 0 }),
});
export type CandidateDetail = Static<typeof CandidateDetail>;

/** "One achievement, one recognition": an earlier candidacy of the same subject, flagged, never refused. */
export const NominationWarning = Type.Object({
  code: Code(['REPEATS_RECOGNISED_ACHIEVEMENT', 'SUBJECT_RECOGNISED_BEFORE', 'SUBJECT_ALREADY_NOMINATED'] as const),
  message: Type.String(),
  messageEn: Type.String(),
  candidateId: Uuid,
  year: Type.Integer(),
  state: CandidateStateCode,
});
export type NominationWarning = Static<typeof NominationWarning>;

/** A new candidate: the view, the subject it was matched to, its movements and the warnings of its nomination. */
export const NominatedCandidate = Type.Object({
  ...CandidateView.properties,
  subject: Type.Object({
    id: Uuid,
    /** Null when this candidacy begins a new subject. */
    subjectId: Nullable(Uuid),
    matchedBy: Code(['NAMED', 'SAME_NAME_KIND_UNIT', 'NEW'] as const),
    matchedCandidateId: Nullable(Uuid),
  }),
  movements: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  discoveredAt: Nullable(DiscoveredAt),
  warnings: Type.Array(NominationWarning),
});
export type NominatedCandidate = Static<typeof NominatedCandidate>;

/** What an accepted event did: the state it left and reached, the new version and the events allowed next. */
export const TransitionResult = Type.Object({
  candidateId: Uuid,
  event: CandidateEventCode,
  previousState: CandidateStateCode,
  state: CandidateStateCode,
  version: Type.Integer({ minimum: 1 }),
  allowedEvents: Type.Array(CandidateEventCode),
});
export type TransitionResult = Static<typeof TransitionResult>;

export const CANDIDATE_ENDPOINTS = {
  'POST /api/candidates': json(NominatedCandidate, 201),
  'GET /api/candidates': json(CandidatePage),
  'GET /api/candidates/{id}': json(CandidateDetail),
  'POST /api/candidates/{id}/events': json(TransitionResult),
} satisfies EndpointTable;
