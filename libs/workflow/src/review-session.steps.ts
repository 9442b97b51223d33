/**
 * Which operations each stage of a review session allows, as a plain table: for the web app's first screen (the
 * tasks page), which must not bring XState along. The statechart (review-session.lifecycle.ts) decides; this table
 * is its answer written out, and review-session.steps.spec.ts fails as soon as the two differ for any stage and
 * operation. Everything else (the API, the session screens) asks the statechart itself.
 */
import { REVIEW_SESSION_STATUSES, REVIEW_SESSION_STATUS_CODES, type ReviewSessionOperation, type ReviewSessionStatus } from './review-session.words.js';

/** The operations each stage allows, in the order of the process (as `allowedSessionOperations` answers). */
export const REVIEW_SESSION_ALLOWED_OPERATIONS: { readonly [S in ReviewSessionStatus]: readonly ReviewSessionOperation[] } = {
  PREPARING: ['ADD_CANDIDATE', 'ASSIGN_REVIEWERS', 'ASSIGN_AUTOMATICALLY', 'SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER', 'OPEN_VOTING'],
  VOTING: ['SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER', 'CAST_VOTE', 'CLOSE_VOTING'],
  VOTING_CLOSED: ['CONFIRM_DECISION', 'PUBLISH_NOTICE', 'FINALISE', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'],
  NOTICE: ['RECORD_COMMENT', 'ANSWER_COMMENT', 'DROP_ON_OBJECTION', 'FINALISE', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'],
  CLOSED: ['SEE_BALLOTS', 'DRAW_UP_MINUTES'],
};

/** Whether a session at this stage allows the operation (the table's answer; `sessionAllows` is the statechart's). */
export function stageAllows(status: ReviewSessionStatus, operation: ReviewSessionOperation): boolean {
  return REVIEW_SESSION_ALLOWED_OPERATIONS[status].includes(operation);
}

/** The stages that allow the operation, in order (the table's answer; `stagesAllowing` is the statechart's). */
export function stagesWhere(operation: ReviewSessionOperation): ReviewSessionStatus[] {
  return REVIEW_SESSION_STATUS_CODES.filter((s) => stageAllows(s, operation));
}

/** Whether the session is closed: its final decision made, its records only to be read. */
export function sessionClosed(status: ReviewSessionStatus): boolean {
  return REVIEW_SESSION_STATUSES.some((s) => s.code === status && s.final);
}
