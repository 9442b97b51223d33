/**
 * Conflict of interest (xung đột lợi ích): a council member never reviews or votes on a candidate of their own
 * unit, of a unit above it or of a unit below it. Units carry materialised paths (`/root/…/self/`), so "same
 * line of the tree" is "one path is a prefix of the other". A member without a unit has no such tie.
 */
import { DomainError } from '../common/domain-error.js';

export function inConflict(memberUnitPath: string | null, candidateUnitPath: string): boolean {
  if (!memberUnitPath) return false;
  return candidateUnitPath.startsWith(memberUnitPath) || memberUnitPath.startsWith(candidateUnitPath);
}

export interface AssignmentCandidate {
  itemId: string;
  unitPath: string;
  /** Reviewers already assigned (kept; they count towards the number wanted). */
  assigned: readonly string[];
}

export interface AssignmentMember {
  accountId: string;
  unitPath: string | null;
}

/**
 * Balanced automatic assignment: each candidate gets `perItem` reviewers, none in conflict, each time the member
 * with the fewest assignments so far (ties by the order members are given, so the plan is reproducible).
 * Returns the new assignments and the items that could not get enough reviewers.
 */
export function planAssignments(
  items: readonly AssignmentCandidate[],
  members: readonly AssignmentMember[],
  perItem: number,
): { assignments: { itemId: string; reviewerId: string }[]; short: { itemId: string; wanted: number; possible: number }[] } {
  const load = new Map(members.map((m) => [m.accountId, 0]));
  for (const item of items) for (const r of item.assigned) if (load.has(r)) load.set(r, load.get(r)! + 1);
  const assignments: { itemId: string; reviewerId: string }[] = [];
  const short: { itemId: string; wanted: number; possible: number }[] = [];
  for (const item of items) {
    const taken = new Set(item.assigned);
    const eligible = members.filter((m) => !taken.has(m.accountId) && !inConflict(m.unitPath, item.unitPath));
    const needed = Math.max(0, perItem - taken.size);
    const chosen = [...eligible]
      .map((m, order) => ({ m, order }))
      .sort((a, b) => load.get(a.m.accountId)! - load.get(b.m.accountId)! || a.order - b.order)
      .slice(0, needed);
    for (const { m } of chosen) {
      assignments.push({ itemId: item.itemId, reviewerId: m.accountId });
      load.set(m.accountId, load.get(m.accountId)! + 1);
    }
    if (chosen.length < needed) short.push({ itemId: item.itemId, wanted: perItem, possible: taken.size + chosen.length });
  }
  return { assignments, short };
}

/** The refusal of a member with a conflict of interest, naming them, their unit and the candidate's. */
export function conflictOfInterest(
  member: { accountId: string; displayName: string; unitName: string | null },
  candidate: { id: string; name: string; unitName: string },
  field?: string,
): DomainError {
  return new DomainError(
    'CONFLICT_OF_INTEREST',
    { ...(field ? { field } : {}), accountId: member.accountId, candidateId: candidate.id },
    {
      vi: `Xung đột lợi ích: ${member.displayName} (${member.unitName ?? 'không thuộc đơn vị'}) cùng đơn vị, hoặc thuộc đơn vị cấp trên hay cấp dưới của đơn vị có hồ sơ "${candidate.name}" (${candidate.unitName}); không được đánh giá hay biểu quyết hồ sơ này.`,
      en: `Conflict of interest: ${member.displayName} belongs to the unit of "${candidate.name}" or to a unit above or below it, and may neither review nor vote on it.`,
    },
  );
}
