/**
 * Holds (tạm dừng xét, NĐ 152/2025/NĐ-CP Điều 4.4) of a candidate and their liftings, each with the document it
 * rests on; and the subject's earlier recognitions that a new proposal repeats (one achievement, one recognition).
 */
import { HoldKindCodes } from '#workflow';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { TransitionResult } from './candidates.js';
import { EVIDENCE_MEDIA_TYPES } from './evidence.js';

/** The document a hold or its lifting rests on, and its stored file when one was uploaded. */
export const HoldDocumentView = Type.Object({
  number: Type.String(),
  date: CalendarDate,
  issuer: Type.String(),
  file: Nullable(
    Type.Object({
      fileName: Type.String(),
      contentType: Type.String(),
      sizeBytes: Type.Integer({ minimum: 1 }),
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    }),
  ),
});
export type HoldDocumentView = Static<typeof HoldDocumentView>;

export const HoldView = Type.Object({
  id: Uuid,
  candidateId: Uuid,
  kind: Code(HoldKindCodes),
  kindLabel: Labels,
  grounds: Type.String(),
  document: HoldDocumentView,
  placedBy: Type.String(),
  placedAt: Instant,
  /** Null while the hold is open. */
  lifted: Nullable(
    Type.Object({
      id: Uuid,
      conclusion: Type.String(),
      document: HoldDocumentView,
      liftedBy: Type.String(),
      liftedAt: Instant,
    }),
  ),
});
export type HoldView = Static<typeof HoldView>;

export const HoldList = Type.Object({
  /** Holds open now: while any is, the candidate cannot be proposed, recognised or confirmed. */
  open: Type.Integer({ minimum: 0 }),
  holds: Type.Array(HoldView),
});
export type HoldList = Static<typeof HoldList>;

/** Placing or lifting a hold is a statechart event: its result, with the hold as it now stands. */
export const HoldChanged = Type.Object({ ...TransitionResult.properties, hold: HoldView });
export type HoldChanged = Static<typeof HoldChanged>;

export const HOLD_ENDPOINTS = {
  'GET /api/candidates/{id}/holds': json(HoldList),
  'POST /api/candidates/{id}/holds': json(HoldChanged, 201),
  'POST /api/candidates/{id}/holds/{holdId}/lift': json(HoldChanged, 201),
  'GET /api/candidates/{id}/holds/{holdId}/document': file(...EVIDENCE_MEDIA_TYPES),
  'GET /api/candidates/{id}/holds/{holdId}/lift-document': file(...EVIDENCE_MEDIA_TYPES),
} satisfies EndpointTable;
