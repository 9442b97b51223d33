/**
 * Refuses request bodies nested deeper than any request of this API needs: deep nesting costs nothing to
 * send, and the libraries that walk a parsed body (transformation, validation) recurse over it.
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error.js';

export const MAX_JSON_DEPTH = 32;

/** Depth of arrays/objects in a parsed JSON value, measured without recursion; stops once past `max`. */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Express middleware, placed right after the JSON body parser. */
export function rejectDeepJson(req: Request, _res: Response, next: NextFunction): void {
  next(jsonDepthExceeds(req.body) ? new DomainError('JSON_TOO_DEEP') : undefined);
}
