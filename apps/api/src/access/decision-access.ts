/**
 * Who reads recognition decisions: every signed-in person reads every decision, its PDF and every certificate it
 * grants, whatever their unit (`ROLE_GROUPS.decisionReaders`, administrators included). No unit reach applies.
 *
 * Why: a decision (with its certificates) is a public administrative act of the province. It is signed by the
 * authority, published and posted, and the exemplars it names cite it; the council's notice already showed the
 * same names to the public before the decision. Hiding it from a unit head of another unit would protect nothing
 * and would keep them from checking a certificate shown to them. This is the one deliberate exception to "another
 * unit's objects answer 404": a candidate's file (evidence, plans, reviews, history) stays within reach as before;
 * only what the decision itself prints (name, unit, achievement, number, signer) is public.
 *
 * Changing decisions (issue, correct, revoke) is the secretariat's, named on each route.
 */
import { ROLE_GROUPS, type Role } from '#domain';

/** The roles that read decisions and certificates; with no unit reach (see above). */
export const DECISION_READERS: readonly Role[] = ROLE_GROUPS.decisionReaders;
