import { describe, expect, it } from '@jest/globals';
import { REVIEW_SESSION_OPERATION_CODES, REVIEW_SESSION_STATUS_CODES, allowedSessionOperations, sessionAllows, stagesAllowing } from './review-session.lifecycle.js';
import { REVIEW_SESSION_ALLOWED_OPERATIONS, stageAllows, stagesWhere } from './review-session.steps.js';

describe('the table of what each stage of a review session allows', () => {
  it('has a row for every stage and no other', () => {
    expect(Object.keys(REVIEW_SESSION_ALLOWED_OPERATIONS).sort()).toEqual([...REVIEW_SESSION_STATUS_CODES].sort());
  });

  it.each(REVIEW_SESSION_STATUS_CODES.map((s) => [s]))('answers as the statechart does at %s, for every operation', (status) => {
    for (const operation of REVIEW_SESSION_OPERATION_CODES) {
      expect({ status, operation, allowed: stageAllows(status, operation) }).toEqual({ status, operation, allowed: sessionAllows(status, operation) });
    }
    expect(REVIEW_SESSION_ALLOWED_OPERATIONS[status]).toEqual(allowedSessionOperations(status));
  });

  it('lists the stages allowing each operation as the statechart does', () => {
    for (const operation of REVIEW_SESSION_OPERATION_CODES) expect({ operation, stages: stagesWhere(operation) }).toEqual({ operation, stages: stagesAllowing(operation) });
  });
});
