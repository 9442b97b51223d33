/**
 * Digital signatures of issued decisions and certificates (PAdES), and their verification by anyone: which
 * document a file or a number is, whether its signature is valid and by whom, whether its content is unchanged,
 * and whether a later decision has corrected or revoked it.
 */
import { CalendarDate, Code, Instant, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

export const ISSUED_DOCUMENT_KINDS = ['DECISION', 'CERTIFICATE'] as const;
export const SIGNATURE_METHODS = ['SERVER', 'UPLOAD'] as const;
export const SIGNATURE_LEVELS = ['B-B', 'B-T'] as const;
/** What is wrong with a signature, as the verifier found it. */
export const SIGNATURE_PROBLEMS = ['NO_SIGNATURE', 'MALFORMED', 'NOT_WHOLE_FILE', 'DIGEST_MISMATCH', 'SIGNATURE_INVALID', 'CERTIFICATE_EXPIRED', 'UNTRUSTED_CHAIN'] as const;
/** Where a document stands after later decisions: in force, corrected, or revoked. */
export const DOCUMENT_STANDINGS = ['IN_FORCE', 'CORRECTED', 'REVOKED'] as const;
/** STAMPED_COPY: the copy the product prints of a superseded document, stamped "ĐÃ THU HỒI …" / "ĐÃ ĐÍNH CHÍNH …". */
export const VERIFICATION_VERDICTS = ['VALID', 'NOT_VALID', 'NOT_FOUND', 'UNSIGNED', 'REVOKED', 'STAMPED_COPY'] as const;

export const SignatureFacts = Type.Object({
  method: Code(SIGNATURE_METHODS),
  level: Code(SIGNATURE_LEVELS),
  signerName: Type.String(),
  signerSubject: Type.String(),
  issuerSubject: Type.String(),
  certificateSerial: Type.String(),
  certificateNotAfter: Instant,
  claimedSigningTime: Nullable(Instant),
  timeStampedAt: Nullable(Instant),
  sha256: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type SignatureFacts = Static<typeof SignatureFacts>;

/** One issued file of a decision (the decision itself, or a certificate) and its signature if any. */
export const IssuedDocumentView = Type.Object({
  id: Uuid,
  decisionId: Uuid,
  candidateId: Nullable(Uuid),
  kind: Code(ISSUED_DOCUMENT_KINDS),
  reference: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  issuedBy: Type.String(),
  issuedAt: Instant,
  signature: Nullable(SignatureFacts),
});
export type IssuedDocumentView = Static<typeof IssuedDocumentView>;

export const DocumentStandingView = Type.Object({
  status: Code(DOCUMENT_STANDINGS),
  /** The later decisions that corrected or revoked it, oldest first. */
  by: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), number: Type.String(), issuedOn: CalendarDate })),
});
export type DocumentStandingView = Static<typeof DocumentStandingView>;

export const VerificationView = Type.Object({
  verdict: Code(VERIFICATION_VERDICTS),
  /** The verdict in words, Vietnamese then English. */
  message: Type.String(),
  messageEn: Type.String(),
  document: Nullable(
    Type.Object({
      kind: Code(ISSUED_DOCUMENT_KINDS),
      reference: Type.String(),
      decisionId: Uuid,
      decisionNumber: Type.String(),
      subject: Type.String(),
      issuedOn: CalendarDate,
      issuer: Type.String(),
      signerTitle: Type.String(),
      signerName: Type.String(),
      recipientName: Nullable(Type.String()),
      serial: Nullable(Type.String()),
    }),
  ),
  /** The signature found in the uploaded file (or of the stored signed copy, when a number is typed). */
  signature: Nullable(
    Type.Object({
      valid: Type.Boolean(),
      problems: Type.Array(Code(SIGNATURE_PROBLEMS)),
      level: Nullable(Type.String()),
      signerName: Nullable(Type.String()),
      signerSubject: Nullable(Type.String()),
      issuerSubject: Nullable(Type.String()),
      claimedSigningTime: Nullable(Instant),
      timeStampedAt: Nullable(Instant),
    }),
  ),
  /**
   * true: the file is the issued document (plus a signature only); false: it was changed, or it is a stamped copy;
   * null: no file given.
   */
  contentUnchanged: Nullable(Type.Boolean()),
  standing: Nullable(DocumentStandingView),
});
export type VerificationView = Static<typeof VerificationView>;

/** How this instance signs: whether a server-side certificate is configured, and the level its signatures reach. */
export const SigningCapabilitiesView = Type.Object({
  serverKey: Type.Boolean(),
  level: Code(SIGNATURE_LEVELS),
});
export type SigningCapabilitiesView = Static<typeof SigningCapabilitiesView>;

export const SIGNATURE_ENDPOINTS = {
  'GET /api/signing': json(SigningCapabilitiesView),
  'GET /api/decisions/{id}/signatures': json(Type.Array(IssuedDocumentView)),
  'POST /api/decisions/{id}/signatures': json(Type.Array(IssuedDocumentView), 201),
  'GET /api/decisions/{id}/issued-copy': file('application/pdf'),
  'POST /api/decisions/{id}/signed-copy': json(IssuedDocumentView, 201),
  'GET /api/decisions/{id}/certificates/{candidateId}/issued-copy': file('application/pdf'),
  'POST /api/decisions/{id}/certificates/{candidateId}/signed-copy': json(IssuedDocumentView, 201),
  'GET /api/verifications': json(VerificationView),
  'POST /api/verifications': json(VerificationView, 200),
} satisfies EndpointTable;
