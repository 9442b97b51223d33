import { describe, expect, it } from '@jest/globals';
import { MOVEMENT_ACTIONS, MOVEMENT_STATUS_CODES } from '#domain';
import { movementActionsIn, movementStatusAfter } from './movement.lifecycle.js';

describe('the movement state table', () => {
  it('pins every transition', () => {
    const table = Object.fromEntries(MOVEMENT_STATUS_CODES.map((s) => [s, Object.fromEntries(MOVEMENT_ACTIONS.map((a) => [a.code, movementStatusAfter(s, a.code)]))]));
    expect(table).toEqual({
      LAUNCHED: {
        START: 'RUNNING',
        INTERIM_REVIEW: null,
        FINAL_REVIEW: null,
        CORRECT_REVIEW: null,
        REVISE: 'LAUNCHED',
        ATTACH_DOCUMENT: 'LAUNCHED',
        REGISTER: 'LAUNCHED',
        AMEND_REGISTRATION: 'LAUNCHED',
        WITHDRAW_REGISTRATION: 'LAUNCHED',
      },
      RUNNING: {
        START: null,
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
        START: null,
        INTERIM_REVIEW: null,
        FINAL_REVIEW: null,
        CORRECT_REVIEW: 'CLOSED',
        REVISE: 'CLOSED',
        ATTACH_DOCUMENT: 'CLOSED',
        REGISTER: null,
        AMEND_REGISTRATION: null,
        WITHDRAW_REGISTRATION: null,
      },
    });
  });

  it('reaches every status from LAUNCHED, and nothing leaves CLOSED', () => {
    const reached = new Set(['LAUNCHED']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of [...reached]) for (const a of movementActionsIn(s as never)) {
        const to = movementStatusAfter(s as never, a)!;
        if (!reached.has(to)) reached.add(to), (changed = true);
      }
    }
    expect([...reached].sort()).toEqual([...MOVEMENT_STATUS_CODES].sort());
    expect(movementActionsIn('CLOSED').map((a) => movementStatusAfter('CLOSED', a))).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
  });
});
