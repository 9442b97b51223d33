import type { Role } from '#domain';
import type { CandidateEventType } from './events.js';

/**
 * Which roles may send which event: one table for the API (which enforces it) and the web app (which offers
 * only the buttons a person may use). Unit heads discover, nurture, propose and replicate within their subtree;
 * the council's secretariat records the council's decisions. Replication records of a recognised exemplar are
 * kept by its unit's heads (up the tree) and the secretariat; an adoption is recorded on the exemplar by them,
 * naming the adopting unit, whose head usually cannot see the exemplar and reports the visit through them.
 */
export const EVENT_ROLES = {
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
  CONFIRM_RECOGNITION: ['COUNCIL_SECRETARY'],
  REVOKE_RECOGNITION: ['COUNCIL_SECRETARY'],
  CORRECT_RECOGNITION: ['COUNCIL_SECRETARY'],
  START_REPLICATION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  END_REPLICATION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  RECORD_HONOURING: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  RECORD_ADOPTION: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  RECORD_FOLLOW_UP: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  PROPOSE_UPWARD: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  ENTER_UPWARD_REVIEW: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  // Holds (NĐ 152 Điều 4.4): a unit reports a discipline, inspection or complaint of its own candidate to the council
  // (QĐ 86/2025 Điều 10.2), and the council's standing body learns of the others (Thanh tra, Công an, press); only the
  // secretariat, which checks the conclusion, lifts one: a unit cannot clear its own candidate.
  PLACE_HOLD: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  LIFT_HOLD: ['COUNCIL_SECRETARY'],
} as const satisfies Record<CandidateEventType, readonly Role[]>;

/**
 * The council's decisions: the secretariat confirms them, but only through a review session, which computes the
 * verdict they carry from the recorded votes and checklists (and a revocation only through a revocation
 * decision). The generic event endpoint refuses them, so a verdict can never be typed in by hand.
 */
export const COUNCIL_DECISION_EVENTS: ReadonlySet<CandidateEventType> = new Set(['RECOGNISE', 'RETURN_TO_NURTURING', 'REJECT', 'CONFIRM_RECOGNITION', 'REVOKE_RECOGNITION', 'CORRECT_RECOGNITION', 'PROPOSE_UPWARD', 'ENTER_UPWARD_REVIEW']);

export function maySend(role: Role | undefined, type: CandidateEventType): boolean {
  return role !== undefined && (EVENT_ROLES[type] as readonly Role[]).includes(role);
}
