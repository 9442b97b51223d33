/**
 * What a revocation decision adds: its grounds (Luật Thi đua, khen thưởng 2022 Chương VII), the chain of decisions it
 * ends, and the certificates, reward objects and reward money recovered after it.
 */
import { RecoveryItemCodes, RevocationGroundCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const RevocationRecoveryView = Type.Object({
  id: Uuid,
  candidateId: Uuid,
  candidateName: Type.String(),
  item: Code(RecoveryItemCodes),
  itemLabel: Labels,
  quantity: Nullable(Type.Integer({ minimum: 1 })),
  /** Reward money, in đồng. */
  amount: Nullable(Type.Integer({ minimum: 1 })),
  recoveredOn: CalendarDate,
  document: Type.String(),
  note: Nullable(Type.String()),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type RevocationRecoveryView = Static<typeof RevocationRecoveryView>;

/** A ground of revocation with the law (and chapter) it comes from. */
export const RevocationGroundView = Type.Object({ code: Code(RevocationGroundCodes), vi: Type.String(), en: Type.String(), article: Type.String(), citation: Type.String() });
export type RevocationGroundView = Static<typeof RevocationGroundView>;

export const RevocationView = Type.Object({
  decisionId: Uuid,
  number: Type.String(),
  grounds: Type.Array(RevocationGroundView),
  /** The decisions it ends, oldest first: the recognition and its corrections. */
  chain: Type.Array(Type.Object({ id: Uuid, number: Type.String(), issuedOn: CalendarDate, kind: Type.String() })),
  /** Those it revokes, each with what is still to be recovered. */
  recipients: Type.Array(Type.Object({ candidateId: Uuid, name: Type.String(), certificateRecovered: Type.Boolean() })),
  recoveries: Type.Array(RevocationRecoveryView),
});
export type RevocationView = Static<typeof RevocationView>;

export const REVOCATION_ENDPOINTS = {
  'GET /api/decisions/{id}/revocation': json(RevocationView),
  'POST /api/decisions/{id}/recoveries': json(RevocationRecoveryView, 201),
} satisfies EndpointTable;
