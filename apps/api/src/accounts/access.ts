/**
 * Who may do what. Function level: each route names the roles allowed (`@Allow`), or is `@Public`; a route
 * with neither is refused. Object level: a unit head acts only within the subtree of their own unit.
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from '#domain';
import type { ApiEventType } from '../transitions/dto/event-payloads.js';
import type { Actor } from '../common/actor.js';

export const PUBLIC_ROUTE = 'access:public';
export const ALLOWED_ROLES = 'access:roles';

/** No session needed (sign-in, health, readiness). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const EVERYONE: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR', 'ADMIN'];
/** Roles that read candidates: everyone but administrators, who run the system and take no part in decisions. */
export const CANDIDATE_READERS: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

/**
 * Which roles may send which event. Unit heads discover, nurture, propose and replicate; the council's
 * secretariat records the council's decisions. Council members act through reviews (their own feature).
 */
export const EVENT_ROLES: Record<ApiEventType | 'ATTACH_EVIDENCE', Role[]> = {
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
  // Replication records of a recognised exemplar: its unit's heads (up the tree) and the secretariat. An
  // adoption is recorded on the exemplar by them, naming the adopting unit, which is usually outside their
  // subtree: the adopting unit's head cannot see the exemplar and reports the visit through them.
  RECORD_HONOURING: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  RECORD_ADOPTION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  RECORD_FOLLOW_UP: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
};

/** Whether the actor's reach includes a unit (given by its path). Unit heads reach their own subtree only. */
export function reaches(actor: Actor, unitPath: string): boolean {
  if (actor.role !== 'UNIT_HEAD') return true;
  return actor.unitPath !== null && unitPath.startsWith(actor.unitPath);
}
