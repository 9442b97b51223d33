/**
 * The review session's lifecycle (đợt xét): its stages, PREPARING → VOTING → VOTING_CLOSED → NOTICE → CLOSED,
 * which operations each stage allows, and which stage each operation leads to. The API asks it before every
 * change to a session (and before showing the ballots or drawing up the minutes); the web app asks it which steps
 * come next. One statechart, so that the answer is the same everywhere and tested once.
 *
 * Owns: the stages, the operations and the words for both. Must never do I/O or look at a session's candidates:
 * what an operation needs beyond the stage (every outcome confirmed, every comment answered…) the API checks with
 * the records, and refuses with its own codes.
 *
 * Each candidate in a session (a review item) has a status of its own, listed here with the stages because it
 * moves with them: PENDING until voting closes, then DECIDABLE (or NO_DECISION, or WITHDRAWN if its unit withdrew
 * it), DECIDED once the secretariat confirms the outcome, DROPPED if an upheld objection removes it from the notice.
 */
import { initialTransition, setup, transition } from 'xstate';

import {
  REVIEW_SESSION_OPERATION_CODES,
  REVIEW_SESSION_OPERATIONS,
  REVIEW_SESSION_STATUS_CODES,
  REVIEW_SESSION_STATUSES,
  type ReviewSessionEvent,
  type ReviewSessionOperation,
  type ReviewSessionStatus,
} from './review-session.words.js';

export * from './review-session.words.js';
export { sessionClosed } from './review-session.steps.js';

/** Operations that keep the session where it is; every one names its own stage so that xstate counts it as possible. */
const stay = <S extends ReviewSessionStatus>(stage: S, ...operations: ReviewSessionOperation[]) =>
  Object.fromEntries(operations.map((o) => [o, { target: stage }])) as Partial<Record<ReviewSessionOperation, { target: S }>>;

export const reviewSessionLifecycle = setup({
  types: { events: {} as ReviewSessionEvent },
}).createMachine({
  id: 'reviewSession',
  initial: 'PREPARING',
  states: {
    /** The secretariat adds candidates and assigns reviewers; reviewers submit their checklists. */
    PREPARING: {
      on: {
        ...stay('PREPARING', 'ADD_CANDIDATE', 'ASSIGN_REVIEWERS', 'ASSIGN_AUTOMATICALLY', 'SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER'),
        OPEN_VOTING: { target: 'VOTING' },
      },
    },
    /**
     * Attendance is taken; members vote. Reviewers are no longer assigned (whoever reviews a candidate is settled
     * before the vote the checklists inform); an assigned reviewer late with a checklist may still submit it;
     * clearances still count.
     */
    VOTING: {
      on: {
        ...stay('VOTING', 'SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER', 'CAST_VOTE'),
        CLOSE_VOTING: { target: 'VOTING_CLOSED' },
      },
    },
    /** The rules have given each candidate's outcome; the secretariat confirms them, then publishes or closes. */
    VOTING_CLOSED: {
      on: {
        ...stay('VOTING_CLOSED', 'CONFIRM_DECISION', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'),
        PUBLISH_NOTICE: { target: 'NOTICE' },
        // A session that recognised no one closes without a notice.
        FINALISE: { target: 'CLOSED' },
      },
    },
    /** The provisional list is public: comments are recorded and answered; an upheld objection drops a candidate. */
    NOTICE: {
      on: {
        ...stay('NOTICE', 'RECORD_COMMENT', 'ANSWER_COMMENT', 'DROP_ON_OBJECTION', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'),
        FINALISE: { target: 'CLOSED' },
      },
    },
    /** The final decision is made; the session's records can only be read. */
    CLOSED: {
      on: stay('CLOSED', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'),
    },
  },
});

export type ReviewSessionLifecycle = typeof reviewSessionLifecycle;

const snapshotAt = (status: ReviewSessionStatus) => reviewSessionLifecycle.resolveState({ value: status });

/** Whether a session at this stage allows the operation. */
export function sessionAllows(status: ReviewSessionStatus, operation: ReviewSessionOperation): boolean {
  return snapshotAt(status).can({ type: operation });
}

/** The operations a session at this stage allows, in the order of the process. */
export function allowedSessionOperations(status: ReviewSessionStatus): ReviewSessionOperation[] {
  return REVIEW_SESSION_OPERATION_CODES.filter((o) => sessionAllows(status, o));
}

/** The stages that allow the operation, in order. */
export function stagesAllowing(operation: ReviewSessionOperation): ReviewSessionStatus[] {
  return REVIEW_SESSION_STATUS_CODES.filter((s) => sessionAllows(s, operation));
}

/** The stage the operation leads to; null when the stage does not allow it. */
export function sessionStatusAfter(status: ReviewSessionStatus, operation: ReviewSessionOperation): ReviewSessionStatus | null {
  if (!sessionAllows(status, operation)) return null;
  const [next] = transition(reviewSessionLifecycle, snapshotAt(status), { type: operation });
  return next.value as ReviewSessionStatus;
}

/** Whether the session has reached the stage (is at it or past it). */
export function sessionReached(status: ReviewSessionStatus, stage: ReviewSessionStatus): boolean {
  return REVIEW_SESSION_STATUS_CODES.indexOf(status) >= REVIEW_SESSION_STATUS_CODES.indexOf(stage);
}


/** A new session's stage. */
export function initialSessionStatus(): ReviewSessionStatus {
  return initialTransition(reviewSessionLifecycle)[0].value as ReviewSessionStatus;
}

/** Why a stage refuses an operation, in the words the API answers with; null when it allows it. */
export interface SessionStageRefusal {
  status: ReviewSessionStatus;
  /** The stages that would allow it. */
  allowed: ReviewSessionStatus[];
  /** The operation, as the refusal names it (Vietnamese). */
  action: string;
  vi: string;
  en: string;
}

export function sessionStageRefusal(status: ReviewSessionStatus, operation: ReviewSessionOperation): SessionStageRefusal | null {
  if (sessionAllows(status, operation)) return null;
  const stage = REVIEW_SESSION_STATUSES.find((s) => s.code === status)!;
  const action = REVIEW_SESSION_OPERATIONS.find((o) => o.code === operation)!.vi;
  return {
    status,
    allowed: stagesAllowing(operation),
    action,
    vi: `Phiên xét đang ở giai đoạn "${stage.vi}"; không thể thực hiện thao tác này (${action}).`,
    en: `The review session is at the stage "${stage.en}"; this action (${action}) is not possible now.`,
  };
}
