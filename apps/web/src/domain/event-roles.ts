/**
 * Which role may send which event: mirrors EVENT_ROLES in apps/api/src/accounts/access.ts (which cannot be
 * imported into a browser bundle because it lives beside Nest decorators). The browser test checks the two
 * are equal, so a change on one side without the other fails the build.
 * The API still decides; this only keeps buttons a person may not use off their screen. An event missing
 * here (one added to the machine before its screen exists) is offered to nobody.
 */
import type { Role } from '#domain';
import type { CandidateEventType } from '#workflow';

export const EVENT_ROLES: Partial<Record<CandidateEventType, Role[]>> = {
  ATTACH_EVIDENCE: ['UNIT_HEAD'],
  START_NURTURING: ['UNIT_HEAD'],
  REVISE_PLAN: ['UNIT_HEAD'],
  RECORD_CHECK_IN: ['UNIT_HEAD'],
  PROPOSE_FOR_REVIEW: ['UNIT_HEAD'],
  RESUME_NURTURING: ['UNIT_HEAD'],
  WITHDRAW: ['UNIT_HEAD'],
  RECOGNISE: ['COUNCIL_SECRETARY'],
  RETURN_TO_NURTURING: ['COUNCIL_SECRETARY'],
  REJECT: ['COUNCIL_SECRETARY'],
  START_REPLICATION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  END_REPLICATION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
};

export function maySend(role: Role | undefined, type: CandidateEventType): boolean {
  return role !== undefined && (EVENT_ROLES[type]?.includes(role) ?? false);
}
