/**
 * Who may do what. Function level: each route names the roles allowed (`@Allow`), or is `@Public`; a route
 * with neither is refused. Object level: a unit head acts only within the subtree of their own unit.
 */
import { SetMetadata } from '@nestjs/common';
import type { Role } from '#domain';
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

/** Which roles may send which event: one table, in the workflow library, shared with the web app. */
export { EVENT_ROLES } from '#workflow';

/** Whether the actor's reach includes a unit (given by its path). Unit heads reach their own subtree only. */
export function reaches(actor: Actor, unitPath: string): boolean {
  if (actor.role !== 'UNIT_HEAD') return true;
  return actor.unitPath !== null && unitPath.startsWith(actor.unitPath);
}
