/**
 * Clearances (hiệp y): the requests the council's secretariat sends other agencies about a candidate of a session,
 * their deadlines and answers with documents, and the session's rule on them (libs/workflow clearances.ts).
 */
import { MOVEMENT_DOCUMENT_TYPES } from '#domain';
import { CLEARANCE_ANSWERS, CLEARANCE_RULES, CLEARANCE_STATES } from '#workflow';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

/** The files an agency's answer may come as: the same as an official document's (PDF, Word, a scan). */
export const CLEARANCE_DOCUMENT_TYPES = MOVEMENT_DOCUMENT_TYPES;

const STATE_CODES = CLEARANCE_STATES.map((s) => s.code);

export const ClearanceAgencyView = Type.Object({ code: Type.String(), name: Type.String(), subject: Nullable(Type.String()) });

export const ClearanceAnswerView = Type.Object({
  answer: Code(CLEARANCE_ANSWERS),
  reasons: Nullable(Type.String()),
  documentNumber: Type.String(),
  documentDate: CalendarDate,
  /** The scanned document, when one was given: its name, type, size and SHA-256 (download at `fileUrl`). */
  file: Nullable(Type.Object({ fileName: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer({ minimum: 0 }), sha256: Type.String(), url: Type.String() })),
  recordedBy: Type.String(),
  recordedAt: Instant,
  /** Recorded after the deadline (the answer still counts). */
  late: Type.Boolean(),
});

export const ClearanceView = Type.Object({
  id: Uuid,
  itemId: Uuid,
  candidateId: Uuid,
  candidateName: Type.String(),
  agency: ClearanceAgencyView,
  profileVersion: Type.Integer({ minimum: 1 }),
  requestedOn: CalendarDate,
  dueOn: CalendarDate,
  letterNumber: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedAt: Instant,
  /** Where it stands today: PENDING until the deadline, NO_ANSWER after it without an answer, else the answer. */
  state: Code(STATE_CODES),
  stateLabel: Labels,
  answer: Nullable(ClearanceAnswerView),
  /** Who asked and who recorded the answer, by login: screens show these. */
  people: PeopleNames,
});
export type ClearanceView = Static<typeof ClearanceView>;

export const SessionClearances = Type.Object({
  sessionId: Uuid,
  /** The session's rule: whether a missing or negative clearance blocks recognition. */
  rule: Code(CLEARANCE_RULES),
  ruleLabel: Labels,
  /** The agencies the jurisdiction profile in force lists (empty when it lists none or none is in force). */
  agencies: Type.Array(ClearanceAgencyView),
  profileVersion: Nullable(Type.Integer({ minimum: 1 })),
  /** The deadline a request sent today would get; null when the profile gives none. */
  dueOnIfRequestedToday: Nullable(CalendarDate),
  /** Whether requests and answers can still be recorded (the session is preparing or voting). */
  open: Type.Boolean(),
  requests: Type.Array(ClearanceView),
});
export type SessionClearances = Static<typeof SessionClearances>;

export const CLEARANCE_ENDPOINTS = {
  'GET /api/review-sessions/{id}/clearances': json(SessionClearances),
  'POST /api/review-sessions/{id}/items/{itemId}/clearances': json(Type.Array(ClearanceView), 201),
  'POST /api/review-sessions/{id}/clearances/{requestId}/answer': json(ClearanceView, 201),
  'GET /api/review-sessions/{id}/clearances/{requestId}/document': file(...CLEARANCE_DOCUMENT_TYPES),
} satisfies EndpointTable;
