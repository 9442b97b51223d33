/** The body of every refusal: a stable code for programs, the words for people, and the fields it names. */
import { Type, type Static } from './schema.js';

export const FieldError = Type.Object({
  field: Type.String(),
  code: Type.Optional(Type.String()),
  message: Type.String(),
  messageEn: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** One unmet condition of a refused statechart event (422 GUARD_REFUSED). */
export const Refusal = Type.Object({ code: Type.String(), message: Type.String(), messageEn: Type.String() });

/** Every refusal; codes add facts of their own (the allowed events, the current version…). */
export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String(),
    message: Type.String(),
    messageEn: Type.String(),
    correlationId: Type.String(),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
    refusals: Type.Optional(Type.Array(Refusal)),
  },
  { additionalProperties: true },
);
export type ErrorBody = Static<typeof ErrorBody>;
