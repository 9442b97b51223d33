import { describe, expect, it } from '@jest/globals';
import { DEFAULT_COUNCIL_RULES, decideCouncilOutcome, type CouncilVerdict } from './council.js';

const ALL_IN = { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 };

function verdict(eligible: number, inFavour: number, against: number, abstain = 0, checklists = ALL_IN, rules = DEFAULT_COUNCIL_RULES): CouncilVerdict {
  return { sessionId: 's', rules, tally: { eligible, participants: inFavour + against + abstain, inFavour, against, abstain }, checklists };
}
const outcome = (v: CouncilVerdict) => decideCouncilOutcome(v).outcome;

describe('council decision rules at their edges', () => {
  it('quorum: exactly 2/3 of the eligible members taking part is enough; one fewer is not', () => {
    // 9 eligible: 6 is exactly 2/3.
    expect(decideCouncilOutcome(verdict(9, 6, 0)).quorumMet).toBe(true);
    expect(decideCouncilOutcome(verdict(9, 5, 0))).toMatchObject({ outcome: 'NO_DECISION', quorumMet: false });
    expect(decideCouncilOutcome(verdict(9, 5, 0)).findings.map((f) => f.code)).toEqual(['QUORUM_NOT_MET']);
    // 10 eligible: 2/3 is 6.67, so 7 are needed.
    expect(decideCouncilOutcome(verdict(10, 6, 0)).quorumMet).toBe(false);
    expect(decideCouncilOutcome(verdict(10, 7, 0)).quorumMet).toBe(true);
  });

  it('threshold: exactly 70 % of ALL eligible members in favour recognises; one short returns', () => {
    expect(outcome(verdict(10, 7, 3))).toBe('RECOGNISE');
    expect(outcome(verdict(10, 6, 4))).toBe('RETURN_TO_NURTURING');
    // 70 % of all members, not of the votes cast: 7 in favour of 8 voting (87.5 %) out of 11 eligible is 63.6 %.
    expect(outcome(verdict(11, 7, 0, 1))).toBe('RETURN_TO_NURTURING');
    expect(outcome(verdict(11, 8, 0))).toBe('RECOGNISE');
    // 3 eligible: 70 % is 2.1, so all three must be in favour.
    expect(outcome(verdict(3, 2, 0, 1))).toBe('RETURN_TO_NURTURING');
    expect(outcome(verdict(3, 3, 0))).toBe('RECOGNISE');
  });

  it('rejects when more than half of all eligible members vote against; exactly half returns', () => {
    expect(outcome(verdict(10, 4, 6))).toBe('REJECT');
    expect(outcome(verdict(10, 5, 5))).toBe('RETURN_TO_NURTURING');
    expect(decideCouncilOutcome(verdict(10, 4, 6)).findings.map((f) => f.code)).toEqual(['THRESHOLD_NOT_MET', 'MAJORITY_AGAINST']);
  });

  it('decides nothing while a checklist is missing or a criterion unreviewed, whatever the votes', () => {
    expect(outcome(verdict(5, 5, 0, 0, { ...ALL_IN, submitted: 1 }))).toBe('NO_DECISION');
    expect(outcome(verdict(5, 5, 0, 0, { ...ALL_IN, criteriaReviewed: 4 }))).toBe('NO_DECISION');
    expect(outcome(verdict(5, 5, 0, 0, { ...ALL_IN, assigned: 0, submitted: 0 }))).toBe('NO_DECISION');
  });

  it('higher titles use other rules: 80 % and 3/4', () => {
    const strict = { quorum: { numerator: 3, denominator: 4 }, recognitionPercent: 80, rejectionPercent: 50 };
    expect(outcome(verdict(10, 8, 0, 0, ALL_IN, strict))).toBe('RECOGNISE');
    expect(outcome(verdict(10, 7, 0, 1, ALL_IN, strict))).toBe('RETURN_TO_NURTURING');
    expect(decideCouncilOutcome(verdict(8, 5, 0, 0, ALL_IN, strict)).quorumMet).toBe(false);
  });

  it('an impossible tally decides nothing', () => {
    expect(outcome({ ...verdict(5, 5, 0), tally: { eligible: 5, participants: 6, inFavour: 6, against: 0, abstain: 0 } })).toBe('NO_DECISION');
    expect(outcome({ ...verdict(5, 4, 0), tally: { eligible: 5, participants: 3, inFavour: 4, against: 0, abstain: 0 } })).toBe('NO_DECISION');
    expect(outcome({ ...verdict(5, 4, 0), tally: { eligible: 5, participants: 4, inFavour: -1, against: 5, abstain: 0 } })).toBe('NO_DECISION');
    expect(outcome({ ...verdict(0, 0, 0) })).toBe('NO_DECISION');
  });
});
