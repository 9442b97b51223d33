/**
 * Decision drafts and the document registers (sổ đăng ký văn bản) that number them: a decision is first a draft
 * (PDF watermarked "DỰ THẢO", and a DOCX the office edits in Word), then the clerk (văn thư) gives it the number and
 * date of the authority's register, and issues it. Nothing is issued without a register's number.
 */
import { FieldCodes, IssuingAuthorityCodes, RegisterModeCodes, SubjectKindCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { DECISION_KINDS, DecisionIssued } from './decisions.js';
import { RevocationGroundView } from './revocations.js';

/** ABANDONED: a correction or revocation draft the secretariat abandoned before issue (hủy dự thảo), kept as history. */
export const DRAFT_STATUSES = ['DRAFT', 'NUMBERED', 'ISSUED', 'ABANDONED'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const NUMBER_SOURCES = ['CLERK_ENTERED', 'COUNTER'] as const;

export const DocumentRegisterView = Type.Object({
  id: Uuid,
  authority: Type.Object({ code: Code(IssuingAuthorityCodes), vi: Type.String(), en: Type.String() }),
  /** The symbol after the number (QĐ-UBND): numbers are unique per register, symbol and year. */
  symbol: Type.String(),
  name: Type.String(),
  mode: Code(RegisterModeCodes),
  modeLabel: Labels,
  openedBy: Type.String(),
  openedAt: Instant,
  version: Type.Integer({ minimum: 1 }),
});
export type DocumentRegisterView = Static<typeof DocumentRegisterView>;

export const DraftRecipientView = Type.Object({
  candidateId: Uuid,
  name: Type.String(),
  kind: Code(SubjectKindCodes),
  kindLabel: Nullable(Labels),
  unitName: Type.String(),
  field: Code(FieldCodes),
  fieldLabel: Nullable(Labels),
  achievement: Type.String(),
});

export const DecisionDraftView = Type.Object({
  id: Uuid,
  /** A recognition from the closed session, or a correction or revocation of an issued decision. */
  kind: Code(DECISION_KINDS),
  /** The decision a correction or revocation amends. */
  amends: Nullable(Type.Object({ id: Uuid, number: Type.String(), issuedOn: CalendarDate, kind: Code(DECISION_KINDS) })),
  /** A correction's or revocation's reasons as the secretariat wrote them; null for a recognition. */
  reasons: Nullable(Type.String()),
  /** A revocation's grounds (Luật Thi đua, khen thưởng 2022 Chương VII); empty otherwise. */
  grounds: Type.Array(RevocationGroundView),
  sessionId: Uuid,
  sessionTitle: Type.String(),
  authority: Type.Object({ code: Code(IssuingAuthorityCodes), vi: Type.String(), en: Type.String() }),
  register: DocumentRegisterView,
  status: Code(DRAFT_STATUSES),
  subject: Type.String(),
  /** "125/QĐ-UBND" once numbered; null before. */
  number: Nullable(Type.String()),
  issuedOn: Nullable(CalendarDate),
  numberSource: Nullable(Code(NUMBER_SOURCES)),
  numberedBy: Nullable(Type.String()),
  numberedAt: Nullable(Instant),
  /** The signer as the draft names them (null: the profile's usual signer when issued). */
  signerTitle: Nullable(Type.String()),
  signerName: Nullable(Type.String()),
  draftedBy: Type.String(),
  draftedAt: Instant,
  /** The issued decision, once issued. */
  decisionId: Nullable(Uuid),
  issuedBy: Nullable(Type.String()),
  issuedAt: Nullable(Instant),
  /** Once abandoned: by whom, when and why. */
  abandonedBy: Nullable(Type.String()),
  abandonedAt: Nullable(Instant),
  abandonReason: Nullable(Type.String()),
  /**
   * Who the decision names: for a recognition, those the session recognised and still recognised now; for a
   * correction, the list as corrected; for a revocation, those it revokes (issued: as the decision printed them).
   */
  recipients: Type.Array(DraftRecipientView),
});
export type DecisionDraftView = Static<typeof DecisionDraftView>;

export const DECISION_DRAFT_ENDPOINTS = {
  'GET /api/document-registers': json(Type.Array(DocumentRegisterView)),
  'POST /api/document-registers/{id}/mode': json(DocumentRegisterView),
  'GET /api/decision-drafts': json(Type.Array(DecisionDraftView)),
  'POST /api/decision-drafts': json(DecisionDraftView, 201),
  'GET /api/decision-drafts/{id}': json(DecisionDraftView),
  'GET /api/decision-drafts/{id}/pdf': file('application/pdf'),
  'GET /api/decision-drafts/{id}/docx': file('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  'POST /api/decision-drafts/{id}/number': json(DecisionDraftView),
  'POST /api/decision-drafts/{id}/issue': json(DecisionIssued, 201),
  'POST /api/decision-drafts/{id}/abandon': json(DecisionDraftView),
  // A correction or revocation is drafted from the decision it amends; the clerk numbers and issues it as above.
  'POST /api/decisions/{id}/corrections': json(DecisionDraftView, 201),
  'POST /api/decisions/{id}/revocations': json(DecisionDraftView, 201),
  'GET /api/decisions/{id}/certificates.pdf': file('application/pdf'),
} satisfies EndpointTable;
