/**
 * A problem verification found, with the words for a person from the catalogue of libs/domain (AUDIT_PROBLEMS),
 * located as precisely as it can be.
 */
import { AUDIT_PROBLEMS, type AuditProblemKind } from '#domain';
import type { AuditProblem } from '#contracts';

export type { AuditProblem };

export function problem(kind: AuditProblemKind, where: Omit<AuditProblem, 'kind' | 'message' | 'messageEn'>): AuditProblem {
  return { kind, message: AUDIT_PROBLEMS[kind].vi, messageEn: AUDIT_PROBLEMS[kind].en, ...where };
}
