import { describe, expect, it } from '@jest/globals';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from '@xstate/graph';
import {
  REVIEW_SESSION_OPERATION_CODES,
  REVIEW_SESSION_OPERATIONS,
  REVIEW_SESSION_STATUS_CODES,
  allowedSessionOperations,
  initialSessionStatus,
  reviewSessionLifecycle,
  sessionAllows,
  sessionClosed,
  sessionReached,
  sessionStageRefusal,
  sessionStatusAfter,
  stagesAllowing,
  type ReviewSessionOperation,
  type ReviewSessionStatus,
} from './index.js';

const events = REVIEW_SESSION_OPERATION_CODES.map((type) => ({ type }));
const options = { events };

describe('review session lifecycle: generated paths', () => {
  it('reaches every stage from a new session', () => {
    const reached = new Set(getShortestPaths(reviewSessionLifecycle, options).map((p) => p.state.value as string));
    expect([...reached].sort()).toEqual([...REVIEW_SESSION_STATUS_CODES].sort());
  });

  it('takes every declared transition from some reachable stage, and no other', () => {
    const declared = new Set<string>();
    for (const status of REVIEW_SESSION_STATUS_CODES) {
      for (const type of Object.keys(reviewSessionLifecycle.states[status]!.on)) declared.add(`${status}:${type}`);
    }
    const exercised = new Set<string>();
    // The adjacency map holds every reachable stage; try every operation from each.
    for (const vertex of Object.values(getAdjacencyMap(reviewSessionLifecycle, options))) {
      for (const event of events) if (vertex.state.can(event)) exercised.add(`${vertex.state.value as string}:${event.type}`);
    }
    expect([...exercised].sort()).toEqual([...declared].sort());
  });

  it('every simple path from a new session to the closed session opens and closes the vote once, in that order', () => {
    const paths = getSimplePaths(reviewSessionLifecycle, { ...options, toState: (s) => s.value === 'CLOSED' });
    // Closed straight after voting (nobody recognised), or after the notice.
    expect(paths.length).toBe(2);
    for (const path of paths) {
      const moves = path.steps.map((s) => (s.event as { type: string }).type).filter((t) => ['OPEN_VOTING', 'CLOSE_VOTING', 'FINALISE'].includes(t));
      expect(moves).toEqual(['OPEN_VOTING', 'CLOSE_VOTING', 'FINALISE']);
    }
  });

  it('never goes back to an earlier stage', () => {
    for (const status of REVIEW_SESSION_STATUS_CODES) {
      for (const operation of allowedSessionOperations(status)) {
        expect(sessionReached(sessionStatusAfter(status, operation)!, status)).toBe(true);
      }
    }
  });
});

/** Every stage's allowed operations, pinned by hand: what the API enforced before the lifecycle had a table. */
const ALLOWED: Record<ReviewSessionStatus, ReviewSessionOperation[]> = {
  PREPARING: ['ADD_CANDIDATE', 'ASSIGN_REVIEWERS', 'ASSIGN_AUTOMATICALLY', 'SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER', 'OPEN_VOTING'],
  VOTING: ['SUBMIT_CHECKLIST', 'REQUEST_CLEARANCES', 'RECORD_CLEARANCE_ANSWER', 'CAST_VOTE', 'CLOSE_VOTING'],
  VOTING_CLOSED: ['CONFIRM_DECISION', 'PUBLISH_NOTICE', 'FINALISE', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'],
  NOTICE: ['RECORD_COMMENT', 'ANSWER_COMMENT', 'DROP_ON_OBJECTION', 'FINALISE', 'SEE_BALLOTS', 'DRAW_UP_MINUTES'],
  CLOSED: ['SEE_BALLOTS', 'DRAW_UP_MINUTES'],
};

/** The operations that move the session on, and where to. */
const MOVES: [ReviewSessionStatus, ReviewSessionOperation, ReviewSessionStatus][] = [
  ['PREPARING', 'OPEN_VOTING', 'VOTING'],
  ['VOTING', 'CLOSE_VOTING', 'VOTING_CLOSED'],
  ['VOTING_CLOSED', 'PUBLISH_NOTICE', 'NOTICE'],
  ['VOTING_CLOSED', 'FINALISE', 'CLOSED'],
  ['NOTICE', 'FINALISE', 'CLOSED'],
];

describe('review session lifecycle: pinned transitions', () => {
  it('a new session is preparing', () => {
    expect(initialSessionStatus()).toBe('PREPARING');
  });

  it.each(REVIEW_SESSION_STATUS_CODES)('%s allows exactly its operations', (status) => {
    expect(allowedSessionOperations(status)).toEqual(ALLOWED[status]);
  });

  it.each(MOVES)('%s --%s--> %s', (from, operation, to) => {
    expect(sessionStatusAfter(from, operation)).toBe(to);
  });

  it('every other allowed operation keeps the session at its stage', () => {
    for (const status of REVIEW_SESSION_STATUS_CODES) {
      for (const operation of ALLOWED[status]) {
        if (MOVES.some(([from, op]) => from === status && op === operation)) continue;
        expect([status, operation, sessionStatusAfter(status, operation)]).toEqual([status, operation, status]);
      }
    }
  });

  it('a refused operation leads nowhere', () => {
    expect(sessionStatusAfter('PREPARING', 'CAST_VOTE')).toBeNull();
    expect(sessionStatusAfter('CLOSED', 'FINALISE')).toBeNull();
    expect(sessionStatusAfter('NOTICE', 'PUBLISH_NOTICE')).toBeNull();
  });

  it('lists the stages that allow each operation in order', () => {
    expect(stagesAllowing('ASSIGN_REVIEWERS')).toEqual(['PREPARING']);
    expect(stagesAllowing('FINALISE')).toEqual(['VOTING_CLOSED', 'NOTICE']);
    expect(stagesAllowing('SEE_BALLOTS')).toEqual(['VOTING_CLOSED', 'NOTICE', 'CLOSED']);
    expect(stagesAllowing('CAST_VOTE')).toEqual(['VOTING']);
    // Clearances count until the vote closes: the verdict weighs them as they stand then.
    expect(stagesAllowing('REQUEST_CLEARANCES')).toEqual(['PREPARING', 'VOTING']);
    expect(stagesAllowing('RECORD_CLEARANCE_ANSWER')).toEqual(['PREPARING', 'VOTING']);
  });

  it('only reading operations are left once the session is closed', () => {
    const reads = REVIEW_SESSION_OPERATIONS.filter((o) => o.reads).map((o) => o.code);
    expect(allowedSessionOperations('CLOSED')).toEqual(reads);
  });

  it('explains a refusal with the stage, the stages that would allow it and the action', () => {
    expect(sessionStageRefusal('PREPARING', 'ADD_CANDIDATE')).toBeNull();
    expect(sessionStageRefusal('VOTING', 'ADD_CANDIDATE')).toEqual({
      status: 'VOTING',
      allowed: ['PREPARING'],
      action: 'thêm hồ sơ',
      vi: 'Phiên xét đang ở giai đoạn "Đang biểu quyết"; không thể thực hiện thao tác này (thêm hồ sơ).',
      en: 'The review session is at the stage "Voting"; this action (thêm hồ sơ) is not possible now.',
    });
    expect(sessionStageRefusal('PREPARING', 'SEE_BALLOTS')).toMatchObject({ allowed: ['VOTING_CLOSED', 'NOTICE', 'CLOSED'], action: 'xem phiếu' });
  });

  it('is closed only at its last stage, which allows nothing but reading', () => {
    expect(REVIEW_SESSION_STATUS_CODES.filter(sessionClosed)).toEqual(['CLOSED']);
  });

  it('orders the stages', () => {
    expect(sessionReached('NOTICE', 'VOTING')).toBe(true);
    expect(sessionReached('VOTING', 'VOTING')).toBe(true);
    expect(sessionReached('PREPARING', 'VOTING')).toBe(false);
  });
});
