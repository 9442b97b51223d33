/**
 * Who takes part in what: the groups of roles that routes (the API's `@Allow`) and screens (the web app's menu)
 * name. One table, so that a screen is offered exactly to those the API serves.
 */
import type { Role } from './catalog.js';

export const ROLE_GROUPS = {
  /** Every signed-in person. */
  everyone: ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR', 'CLERK', 'ADMIN'],
  /** Read candidates and what hangs on them: everyone but administrators, who run the system and take no part in decisions. */
  candidateReaders: ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'],
  /**
   * Read recognition decisions and their certificates: every signed-in person, whatever their unit. A decision is
   * a public act of the province (published, posted, cited by the person it honours); see access/decision-access.ts.
   */
  decisionReaders: ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR', 'CLERK', 'ADMIN'],
  /**
   * Draft decisions (secretariat) and number and issue them (the clerk, văn thư: the one who keeps the document
   * register and issues what the authority signed); both see the drafts.
   */
  decisionDrafters: ['COUNCIL_SECRETARY', 'CLERK'],
  /** Enter a register's number and date, and issue the numbered decision (văn thư). */
  documentClerks: ['CLERK'],
  /** Read the council's own work: review sessions, checklists, ballots, imported history. */
  councilReaders: ['COUNCIL_SECRETARY', 'COUNCIL_MEMBER', 'AUDITOR'],
  /** Run emulation movements (unit heads: those launched at or above their unit) and record replication. */
  movementRunners: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
  /** Accounts of these roles belong to a unit: their rights (unit heads) or conflicts of interest (council members) depend on it. */
  unitBound: ['UNIT_HEAD', 'COUNCIL_MEMBER'],
} as const satisfies Record<string, readonly Role[]>;

export type RoleGroup = keyof typeof ROLE_GROUPS;

export function inGroup(role: Role, group: RoleGroup): boolean {
  return (ROLE_GROUPS[group] as readonly Role[]).includes(role);
}
