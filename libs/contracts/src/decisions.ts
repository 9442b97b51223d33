/**
 * Recognition decisions (quyết định công nhận) with their recipients, and the corrections and revocations that
 * refer to them; the decision and each certificate as PDF.
 */
import { FieldCodes, IssuingAuthorityCodes, SubjectKindCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

/** A recognition, or a new decision that corrects or revokes one (a decision is never edited). */
export const DECISION_KINDS = ['RECOGNITION', 'CORRECTION', 'REVOCATION'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Where a decision stands, from the later decisions that refer to it. */
export const DECISION_STATUSES = ['IN_FORCE', 'CORRECTED', 'PARTLY_REVOKED', 'REVOKED'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const DecisionRecipientView = Type.Object({
  decisionId: Uuid,
  candidateId: Uuid,
  /** Order in the decision's list (1, 2, …). */
  position: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  kind: Code(SubjectKindCodes),
  kindLabel: Nullable(Labels),
  unitName: Type.String(),
  field: Code(FieldCodes),
  fieldLabel: Nullable(Labels),
  achievement: Type.String(),
  /** The certificate's serial. */
  serial: Type.String(),
  /** A later revocation decision names this recipient. */
  revoked: Type.Boolean(),
});
export type DecisionRecipientView = Static<typeof DecisionRecipientView>;

export const DecisionView = Type.Object({
  id: Uuid,
  /** "12/QĐ-UBND" */
  number: Type.String(),
  authority: Type.Object({ code: Code(IssuingAuthorityCodes), vi: Type.String(), en: Type.String() }),
  year: Type.Integer(),
  kind: Code(DECISION_KINDS),
  status: Code(DECISION_STATUSES),
  sessionId: Nullable(Uuid),
  amendsId: Nullable(Uuid),
  amendedBy: Type.Array(Type.Object({ id: Uuid, kind: Code(DECISION_KINDS), number: Type.String(), issuedOn: CalendarDate })),
  subject: Type.String(),
  bases: Type.Array(Type.String()),
  reasons: Nullable(Type.String()),
  issuedOn: CalendarDate,
  signerTitle: Type.String(),
  signerName: Type.String(),
  issuedBy: Type.String(),
  /** The jurisdiction profile version it was issued under (header, place, distribution). */
  profileVersion: Type.Integer({ minimum: 1 }),
  issuedAt: Instant,
  recipients: Type.Array(DecisionRecipientView),
});
export type DecisionView = Static<typeof DecisionView>;

/** What issuing, correcting or revoking answers: the new decision's number and how many it names. */
export const DecisionIssued = Type.Object({
  id: Uuid,
  number: Type.String(),
  year: Type.Integer(),
  kind: Code(DECISION_KINDS),
  issuedOn: CalendarDate,
  recipients: Type.Integer({ minimum: 0 }),
});
export type DecisionIssued = Static<typeof DecisionIssued>;

export const DECISION_ENDPOINTS = {
  'GET /api/decisions': json(Type.Array(DecisionView)),
  'GET /api/decisions/{id}': json(DecisionView),
  'GET /api/decisions/{id}/pdf': file('application/pdf'),
  'GET /api/decisions/{id}/certificates/{candidateId}/pdf': file('application/pdf'),
} satisfies EndpointTable;
