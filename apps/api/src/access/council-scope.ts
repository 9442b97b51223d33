/**
 * Which councils' work a council member or secretariat account sees: the council it serves (the one a composition
 * tied it to, else the nearest at or above its unit), and any session it sits on. A commune's council members and
 * secretariat see their commune council's sessions and proposals, not the province's. Auditors see every council;
 * unit heads see proposals by their unit's reach (upward-proposals.service.ts).
 */
import type { Actor } from '../common/actor.js';

/** Roles whose view of sessions and proposals is the council they serve. */
export const COUNCIL_BOUND_ROLES: readonly string[] = ['COUNCIL_MEMBER', 'COUNCIL_SECRETARY'];

export function councilBound(actor: Pick<Actor, 'role'>): boolean {
  return COUNCIL_BOUND_ROLES.includes(actor.role);
}
