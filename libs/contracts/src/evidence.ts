/** Evidence files (minh chứng) of a candidate: stored with their SHA-256, never replaced. */
import { Code, Instant, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { TransitionResult } from './candidates.js';

/** The kinds of file accepted as evidence, as their media types; a download answers with the one stored. */
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
  'video/mp4',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

export const EvidenceView = Type.Object({
  id: Uuid,
  candidateId: Uuid,
  fileName: Type.String(),
  contentType: Code(EVIDENCE_MEDIA_TYPES),
  sizeBytes: Type.Integer({ minimum: 1 }),
  /** Lower-case hex SHA-256 of the content, also in the audit record of the upload. */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  uploadedBy: Type.String(),
  uploadedAt: Instant,
});
export type EvidenceView = Static<typeof EvidenceView>;

/** An upload is the ATTACH_EVIDENCE event: its result, with the stored file. */
export const AttachedEvidence = Type.Object({ ...TransitionResult.properties, evidence: EvidenceView });
export type AttachedEvidence = Static<typeof AttachedEvidence>;

export const EVIDENCE_ENDPOINTS = {
  'POST /api/candidates/{id}/evidence': json(AttachedEvidence, 201),
  'GET /api/candidates/{id}/evidence': json(Type.Array(EvidenceView)),
  'GET /api/candidates/{id}/evidence/{evidenceId}': file(...EVIDENCE_MEDIA_TYPES),
} satisfies EndpointTable;
