/**
 * The secretariat's side of the public pages (/cong-khai, server-rendered HTML, outside the API): the comments the
 * public sent on a notice, waiting for moderation or moderated, and the publication of an answer.
 */
import { EVIDENCE_MEDIA_TYPES } from './evidence.js';
import { CalendarDate, Code, Instant, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

export const MODERATION_DECISION_CODES = ['ACCEPTED', 'REJECTED'] as const;

export const PublicCommentView = Type.Object({
  id: Uuid,
  /** The candidate of the notice it is about (the session's item); null for the list as a whole. */
  itemId: Nullable(Uuid),
  authorName: Type.String(),
  /** Telephone or e-mail given by the sender: for the secretariat only, never shown publicly. */
  contact: Type.String(),
  body: Type.String(),
  attachment: Nullable(Type.Object({ fileName: Type.String(), contentType: Code(EVIDENCE_MEDIA_TYPES), sizeBytes: Type.Integer(), sha256: Type.String() })),
  receivedOn: CalendarDate,
  receivedAt: Instant,
  /** Null while it waits for moderation. */
  moderation: Nullable(
    Type.Object({
      decision: Code(MODERATION_DECISION_CODES),
      reason: Nullable(Type.String()),
      /** The notice comment it became, when accepted. */
      commentId: Nullable(Uuid),
      decidedBy: Type.String(),
      decidedAt: Instant,
    }),
  ),
});
export type PublicCommentView = Static<typeof PublicCommentView>;

export const PublicCommentModerated = Type.Object({ publicCommentId: Uuid, decision: Code(MODERATION_DECISION_CODES), commentId: Nullable(Uuid) });
export const AnswerPublished = Type.Object({ answerId: Uuid, publishedAt: Instant });

export const PUBLICITY_ENDPOINTS = {
  'GET /api/review-sessions/{id}/notice/public-comments': json(Type.Array(PublicCommentView)),
  'POST /api/review-sessions/{id}/notice/public-comments/{publicCommentId}/moderation': json(PublicCommentModerated, 201),
  'GET /api/review-sessions/{id}/notice/public-comments/{publicCommentId}/attachment': file(...EVIDENCE_MEDIA_TYPES),
  'POST /api/review-sessions/{id}/notice/comments/{commentId}/answer/publication': json(AnswerPublished, 201),
} satisfies EndpointTable;
