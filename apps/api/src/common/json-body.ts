/**
 * Checks a parsed JSON body before anything else reads it:
 * - nesting deeper than any request of this API needs is refused (deep nesting costs nothing to send, and the
 *   libraries that walk a parsed body — transformation, validation — recurse over it);
 * - text that cannot be stored or hashed is refused, naming the field: NUL (PostgreSQL text cannot hold it) and
 *   lone UTF-16 surrogates such as "\ud800" (JSON allows them, but they are not Unicode text: they cannot be
 *   encoded as UTF-8, so neither PostgreSQL nor the audit trail's canonical hashing can take them).
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error.js';

export const MAX_JSON_DEPTH = 32;

export type BodyProblem = { kind: 'TOO_DEEP' } | { kind: 'UNSUPPORTED_CHARACTER'; field: string };

/** Unicode text PostgreSQL can store: well-formed UTF-16 (no lone surrogate) and no NUL. */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** The first problem of a parsed JSON value, found without recursion; depth stops at `max`. */
export function jsonBodyProblem(value: unknown, max = MAX_JSON_DEPTH): BodyProblem | null {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isStorableText(node)) return { kind: 'UNSUPPORTED_CHARACTER', field: path };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return { kind: 'TOO_DEEP' };
    if (Array.isArray(node)) {
      node.forEach((child, i) => stack.push([child, depth + 1, `${path}[${i}]`]));
      continue;
    }
    for (const [key, child] of Object.entries(node)) {
      const field = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return { kind: 'UNSUPPORTED_CHARACTER', field: path || '(body)' };
      stack.push([child, depth + 1, field]);
    }
  }
  return null;
}

/** Express middleware, placed right after the JSON body parser. */
export function checkJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const problem = jsonBodyProblem(req.body);
  if (!problem) return next();
  next(problem.kind === 'TOO_DEEP' ? new DomainError('JSON_TOO_DEEP') : new DomainError('UNSUPPORTED_CHARACTER', { field: problem.field || '(body)' }));
}
