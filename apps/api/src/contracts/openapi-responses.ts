/**
 * Writes the response contracts of libs/contracts into the OpenAPI description: each operation's success
 * response gets its schema (converted from JSON Schema to OpenAPI 3.0's dialect: `nullable` instead of a null
 * type, `enum` instead of `const`, recursive types as components).
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { ENDPOINTS, type EndpointContract } from '#contracts';

type Json = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The key of an operation in ENDPOINTS. */
export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every operation of the description, as ENDPOINTS keys. */
export function operationsOf(document: OpenAPIObject): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((m) => (item as Json)[m]).map((m) => routeKey(m, path)));
}

export function describeResponses(document: OpenAPIObject): OpenAPIObject {
  const components: Json = {};
  const endpoints = ENDPOINTS as Record<string, EndpointContract>;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as { responses?: Json } | undefined;
      const contract = operation && endpoints[routeKey(method, path)];
      if (!operation || !contract) continue;
      const responses = (operation.responses ??= {});
      const declared = Object.keys(responses).find((s) => s.startsWith('2'));
      const status = String(contract.kind === 'file' ? (declared ?? 200) : (contract.status ?? declared ?? 200));
      if (declared && declared !== status) delete responses[declared];
      const description = ((responses[status] as Json | undefined)?.description as string | undefined) || 'OK';
      if (contract.kind === 'json') {
        responses[status] = { description, content: { 'application/json': { schema: toOpenApi(contract.schema as unknown as Json, components) } } };
      } else if (contract.kind === 'file') {
        responses[status] = { description, content: Object.fromEntries(contract.mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
      } else {
        responses[status] = { description };
      }
    }
  }
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(components as Record<string, never>) } };
  return document;
}

/** JSON Schema (as TypeBox builds it) → OpenAPI 3.0 Schema Object. Named recursive types go to `components`. */
function toOpenApi(schema: Json, components: Json): Json {
  if (schema.$defs && typeof schema.$ref === 'string') {
    for (const [name, def] of Object.entries(schema.$defs as Record<string, Json>)) {
      if (!(name in components)) {
        components[name] = {};
        components[name] = toOpenApi(def, components);
      }
    }
    return { $ref: `#/components/schemas/${schema.$ref}` };
  }
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref.startsWith('#') ? schema.$ref : `#/components/schemas/${schema.$ref}` };
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$defs' || key === '$id') continue;
    if (key === 'const') out.enum = [value];
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, Json>).map(([k, v]) => [k, toOpenApi(v, components)]));
    else if (key === 'items' || key === 'additionalProperties' || key === 'not') out[key] = typeof value === 'object' && value !== null ? toOpenApi(value as Json, components) : value;
    else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') out[key] = (value as Json[]).map((v) => toOpenApi(v, components));
    else out[key] = value;
  }
  const union = out.anyOf as Json[] | undefined;
  if (union?.some((s) => s.type === 'null')) {
    const rest = union.filter((s) => s.type !== 'null');
    delete out.anyOf;
    if (rest.length === 1 && !rest[0]!.$ref) return { ...out, ...rest[0], nullable: true };
    return rest.length === 1 ? { ...out, allOf: rest, nullable: true } : { ...out, anyOf: rest, nullable: true };
  }
  return out;
}
