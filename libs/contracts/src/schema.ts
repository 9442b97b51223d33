/**
 * Building blocks of the response contracts: JSON Schemas (TypeBox) whose static types the API's views return
 * and the web app reads. Each helper says what the JSON looks like on the wire (dates are ISO strings there).
 */
import Type, { type Static, type TSchema } from 'typebox';

export { Type, type Static, type TSchema };

/** `T` or JSON null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An instant, ISO 8601 in UTC (`2025-03-15T08:30:00.000Z`). */
export const Instant = Type.String({ format: 'date-time' });

/** A calendar date written YYYY-MM-DD. */
export const CalendarDate = Type.String({ format: 'date' });

export const Uuid = Type.String({ format: 'uuid' });

/** A catalogue code: one of the codes of a list from libs/domain (or of a statechart). */
export const Code = <T extends string>(codes: readonly T[]) => Type.Unsafe<T>(Type.Enum([...codes]));

/** The Vietnamese and English words for a code (Vietnamese first). */
export const Labels = Type.Object({ vi: Type.String(), en: Type.String() });
export type Labels = Static<typeof Labels>;

/** A unit named in a view: enough to show and link it. */
export const UnitRef = Type.Object({ id: Uuid, name: Type.String() });
export type UnitRef = Static<typeof UnitRef>;

/**
 * An object keyed by any string, each value of the schema given. OpenAPI 3.0 knows `additionalProperties`, not the
 * `patternProperties` that Type.Record writes.
 */
export const Dictionary = <T extends TSchema>(value: T) => Type.Unsafe<Record<string, Static<T>>>({ type: 'object', additionalProperties: value });

/** One page of a list. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ total: Type.Integer({ minimum: 0 }), page: Type.Integer({ minimum: 1 }), pageSize: Type.Integer({ minimum: 1 }), items: Type.Array(item) });

/** What a route answers: JSON of a schema, a file of the given media types, or nothing. */
export type EndpointContract =
  | { kind: 'json'; schema: TSchema; status?: 200 | 201 }
  | { kind: 'file'; mediaTypes: readonly string[] }
  | { kind: 'empty'; status?: 200 | 204 };

/** Routes keyed `METHOD /api/path/{param}` (the OpenAPI description's own spelling). */
export type EndpointTable = Record<string, EndpointContract>;

export const json = <T extends TSchema>(schema: T, status?: 200 | 201) => ({ kind: 'json' as const, schema, ...(status ? { status } : {}) });
export const file = (...mediaTypes: string[]) => ({ kind: 'file' as const, mediaTypes });
