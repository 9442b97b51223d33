/**
 * Domain errors: what services throw when a request cannot be carried out.
 * Services never throw HTTP exceptions; the table in error-codes.ts gives each code its status and words.
 */
import type { ErrorCode } from './error-codes.js';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Facts a program can act on (e.g. the allowed events, the current version); shown to the client. */
    readonly details: Record<string, unknown> = {},
    /** Overrides the table's wording when the case needs its own (e.g. a guard's reason). */
    readonly wording?: { vi: string; en: string },
  ) {
    super(wording?.en ?? code);
    this.name = 'DomainError';
  }
}
