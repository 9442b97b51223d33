/**
 * The life of an emulation movement (phong trào thi đua) as one small, pure state table: launched (phát động),
 * running (triển khai, with any number of interim reviews, sơ kết), closed by its final review (tổng kết).
 * Corrections (details, the launching document, a review's record) stay possible after closing: a record
 * must always be correctable; nothing new happens in a closed movement. This is NOT the candidate statechart.
 * The words (statuses, actions, review kinds) are the programme's vocabulary, in libs/domain.
 */
import { MOVEMENT_ACTIONS, type MovementAction, type MovementStatus } from '#domain';

/** Where each action leads from each status; an action missing from a status is refused there. */
const TABLE: Record<MovementStatus, Partial<Record<MovementAction, MovementStatus>>> = {
  LAUNCHED: {
    START: 'RUNNING',
    REVISE: 'LAUNCHED',
    ATTACH_DOCUMENT: 'LAUNCHED',
    REGISTER: 'LAUNCHED',
    AMEND_REGISTRATION: 'LAUNCHED',
    WITHDRAW_REGISTRATION: 'LAUNCHED',
  },
  RUNNING: {
    INTERIM_REVIEW: 'RUNNING',
    FINAL_REVIEW: 'CLOSED',
    CORRECT_REVIEW: 'RUNNING',
    REVISE: 'RUNNING',
    ATTACH_DOCUMENT: 'RUNNING',
    REGISTER: 'RUNNING',
    AMEND_REGISTRATION: 'RUNNING',
    WITHDRAW_REGISTRATION: 'RUNNING',
  },
  CLOSED: {
    CORRECT_REVIEW: 'CLOSED',
    REVISE: 'CLOSED',
    ATTACH_DOCUMENT: 'CLOSED',
  },
};

/** The status an action leads to, or null when the status does not take it. */
export function movementStatusAfter(status: MovementStatus, action: MovementAction): MovementStatus | null {
  return TABLE[status]?.[action] ?? null;
}

/** The actions a status takes, in the catalogue's order. */
export function movementActionsIn(status: MovementStatus): MovementAction[] {
  return MOVEMENT_ACTIONS.map((a) => a.code).filter((a) => movementStatusAfter(status, a) !== null);
}

/** Actions by which units take part; refused with their own code (MOVEMENT_CLOSED) once the movement is over. */
export const MOVEMENT_PARTICIPATION_ACTIONS: readonly MovementAction[] = ['REGISTER', 'AMEND_REGISTRATION', 'WITHDRAW_REGISTRATION'];
