import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { HISTORICAL_PRESET, REGULATION_2025_PRESET } from './council-presets.js';
import {
  decideUnderRuleSet,
  ruleSetProblems,
  tallyBallots,
  votesNeeded,
  type CouncilRuleSet,
  type MemberBallot,
  type RuleSetTally,
  type RuleSetVerdict,
} from './council-rules.js';

const REGULATION = REGULATION_2025_PRESET.ruleSet;
const HISTORICAL = HISTORICAL_PRESET.ruleSet;
const ALL_IN = { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 };

/** A tally: `members` in all, everyone present unless said, votes as given. */
function tally(members: number, inFavour: number, against: number, more: Partial<RuleSetTally> = {}): RuleSetTally {
  return { members, present: members, writtenOpinions: 0, recused: 0, inFavour, against, abstain: 0, chairCastingVote: null, ...more };
}
function verdict(t: RuleSetTally, ruleSet: CouncilRuleSet = REGULATION, considersAwards = true): RuleSetVerdict {
  return { sessionId: 's', ruleSet, tally: t, checklists: ALL_IN, considersAwards };
}
const decide = (t: RuleSetTally, ruleSet: CouncilRuleSet = REGULATION, considersAwards = true) => decideUnderRuleSet(verdict(t, ruleSet, considersAwards));
const codes = (t: RuleSetTally, ruleSet?: CouncilRuleSet, considersAwards?: boolean) => decide(t, ruleSet, considersAwards).findings.map((f) => f.code);

/** Strict majority of the votes cast, the chair breaking ties: the rule most councils use for other business. */
const MAJORITY_WITH_CHAIR: CouncilRuleSet = {
  ...REGULATION,
  code: 'DA_SO',
  recognition: { fraction: { numerator: 1, denominator: 2 }, of: 'VOTES_CAST', strict: true },
  rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'VOTES_CAST', strict: true },
};

describe('the regulation in force: figures at their edges', () => {
  it('quorum: at least 2/3 of ALL members present (11 members: 8; 7 is not enough, even with written opinions)', () => {
    expect(decide(tally(11, 8, 0, { present: 8, writtenOpinions: 3 })).quorumMet).toBe(true);
    expect(decide(tally(11, 7, 0, { present: 7, writtenOpinions: 4 }))).toMatchObject({ outcome: 'NO_DECISION', quorumMet: false });
    expect(codes(tally(11, 7, 0, { present: 7, writtenOpinions: 4 }))).toEqual(['QUORUM_NOT_MET']);
    // 9 members: exactly 2/3 is 6.
    expect(decide(tally(9, 6, 0, { present: 6, writtenOpinions: 3 })).quorumMet).toBe(true);
    expect(decide(tally(9, 5, 0, { present: 5, writtenOpinions: 4 })).quorumMet).toBe(false);
  });

  it('a session considering awards needs 80 % of all members, written opinions counting: 11 members need 9', () => {
    const eight = tally(11, 8, 0, { present: 8 });
    expect(decide(eight)).toMatchObject({ outcome: 'NO_DECISION', quorumMet: true, attendanceMet: false });
    expect(codes(eight)).toEqual(['AWARD_ATTENDANCE_NOT_MET']);
    expect(decide(eight).findings[0].vi).toContain('8/11, cần 9');
    // One absent member's written opinion makes the 9.
    expect(decide(tally(11, 9, 0, { present: 8, writtenOpinions: 1 }))).toMatchObject({ outcome: 'RECOGNISE', attendanceMet: true });
    // 10 members: exactly 80 % is 8.
    expect(decide(tally(10, 8, 0, { present: 8 })).attendanceMet).toBe(true);
    expect(decide(tally(10, 7, 0, { present: 7 })).attendanceMet).toBe(false);
    // A session that does not consider awards needs only the quorum.
    expect(decide(tally(11, 8, 0, { present: 8 }), REGULATION, false)).toMatchObject({ outcome: 'RECOGNISE', attendanceMet: true });
  });

  it('recognition: at least 70 % of ALL members in favour (11 members: 8; 7 returns)', () => {
    expect(votesNeeded(REGULATION.recognition, 11)).toBe(8);
    expect(decide(tally(11, 8, 3)).outcome).toBe('RECOGNISE');
    expect(decide(tally(11, 7, 4)).outcome).toBe('RETURN_TO_NURTURING');
    // Exactly 70 %: 7 of 10.
    expect(decide(tally(10, 7, 3)).outcome).toBe('RECOGNISE');
    expect(decide(tally(10, 6, 4)).outcome).toBe('RETURN_TO_NURTURING');
    // Of all members, not of the votes cast: 7 of 8 votes cast (87.5 %) with 11 members is 63.6 %.
    expect(decide(tally(11, 7, 1, { present: 9, writtenOpinions: 0 }), REGULATION, false).outcome).toBe('RETURN_TO_NURTURING');
  });

  it('a recused member counts as not in favour under the regulation, and is left out of the base in the historical practice', () => {
    // 11 members, one recused, 7 in favour and 3 against: 7/11 = 63.6 % under the regulation, 7/10 = 70 % before.
    const t = tally(11, 7, 3, { recused: 1 });
    expect(decide(t)).toMatchObject({ outcome: 'RETURN_TO_NURTURING', figures: { base: 11, needed: 8 } });
    expect(decide(t, HISTORICAL)).toMatchObject({ outcome: 'RECOGNISE', figures: { base: 10, needed: 7 } });
  });

  it('rejection: more than half of all members against rejects; exactly half returns', () => {
    expect(decide(tally(10, 4, 6)).outcome).toBe('REJECT');
    expect(decide(tally(10, 5, 5)).outcome).toBe('RETURN_TO_NURTURING');
    expect(codes(tally(10, 4, 6))).toEqual(['THRESHOLD_NOT_MET', 'MAJORITY_AGAINST']);
  });

  it('incomplete checklists decide nothing, whatever the votes', () => {
    const v = { ...verdict(tally(10, 10, 0)), checklists: { assigned: 2, submitted: 1, criteria: 5, criteriaReviewed: 5 } };
    expect(decideUnderRuleSet(v)).toMatchObject({ outcome: 'NO_DECISION', checklistsComplete: false });
  });
});

describe('the chair breaks a tie', () => {
  it('four for and four against: the chair in favour recognises, against rejects, no casting vote returns', () => {
    const t = (chairCastingVote: RuleSetTally['chairCastingVote']) => tally(9, 4, 4, { abstain: 0, recused: 1, chairCastingVote });
    expect(decide(t('FOR'), MAJORITY_WITH_CHAIR)).toMatchObject({ outcome: 'RECOGNISE', figures: { tieBrokenByChair: true } });
    expect(codes(t('FOR'), MAJORITY_WITH_CHAIR)).toEqual(['TIE_BROKEN_BY_CHAIR', 'THRESHOLD_MET']);
    expect(decide(t('AGAINST'), MAJORITY_WITH_CHAIR).outcome).toBe('REJECT');
    expect(decide(t(null), MAJORITY_WITH_CHAIR).outcome).toBe('RETURN_TO_NURTURING');
  });

  it('weighs nothing when the votes are not tied, or when the rule set says the chair does not break ties', () => {
    expect(decide(tally(9, 5, 4, { chairCastingVote: 'AGAINST' }), MAJORITY_WITH_CHAIR).outcome).toBe('RECOGNISE');
    expect(decide(tally(8, 4, 4, { chairCastingVote: 'FOR' }), { ...MAJORITY_WITH_CHAIR, chairBreaksTies: false }).outcome).toBe('RETURN_TO_NURTURING');
  });

  it('cannot lift a candidate short of a threshold over all members', () => {
    // 4 for, 4 against of 11: a tie, but 70 % of 11 is 8 votes; half a vote changes nothing.
    expect(decide(tally(11, 4, 4, { abstain: 3, chairCastingVote: 'FOR' })).outcome).toBe('RETURN_TO_NURTURING');
  });
});

describe('written opinions', () => {
  it('count as votes when the rule set says so, and not otherwise', () => {
    const ballots: MemberBallot[] = [
      ...Array.from({ length: 6 }, () => ({ attendance: 'PRESENT' as const, recused: false, choice: 'FOR' as const })),
      { attendance: 'WRITTEN_OPINION', recused: false, choice: 'FOR' },
      { attendance: 'WRITTEN_OPINION', recused: false, choice: 'FOR' },
      { attendance: 'ABSENT', recused: false, choice: null },
    ];
    expect(tallyBallots(ballots, REGULATION)).toMatchObject({ members: 9, present: 6, writtenOpinions: 2, inFavour: 8 });
    expect(tallyBallots(ballots, { writtenOpinionsCount: false })).toMatchObject({ inFavour: 6 });
  });
});

describe('rule sets and tallies that cannot be real decide nothing', () => {
  it('names what is wrong with a rule set', () => {
    expect(ruleSetProblems(REGULATION)).toEqual([]);
    expect(ruleSetProblems(HISTORICAL)).toEqual([]);
    const bad = { ...REGULATION, quorum: { numerator: 4, denominator: 3 }, quota: 0 };
    expect(ruleSetProblems(bad).map((p) => p.en)).toEqual([expect.stringContaining('(quorum)'), expect.stringContaining('(quota)')]);
    expect(ruleSetProblems(bad).map((p) => p.field)).toEqual(['quorum', 'quota']);
    expect(decide(tally(10, 10, 0), bad).outcome).toBe('NO_DECISION');
  });

  it('more votes than members, or votes from members not there, are inconsistent', () => {
    expect(codes(tally(5, 4, 2))).toEqual(['VERDICT_INCONSISTENT']);
    expect(codes(tally(10, 8, 0, { present: 7 }))).toEqual(['VERDICT_INCONSISTENT']);
    expect(codes(tally(10, 9, 0, { recused: 2 }))).toEqual(['VERDICT_INCONSISTENT']);
  });
});

describe('properties', () => {
  const ballot = fc.record({
    attendance: fc.constantFrom('PRESENT' as const, 'PRESENT' as const, 'PRESENT' as const, 'WRITTEN_OPINION' as const, 'ABSENT' as const),
    recused: fc.constantFrom(false, false, false, false, true),
    choice: fc.constantFrom('FOR' as const, 'AGAINST' as const, 'ABSTAIN' as const, null),
  });
  const ruleSet = fc.constantFrom(REGULATION, HISTORICAL, MAJORITY_WITH_CHAIR);
  const casting = fc.constantFrom('FOR' as const, 'AGAINST' as const, null);
  /** Ballots, and the same ballots in another order. */
  const ballotsAndAnOrder = fc
    .array(ballot, { minLength: 1, maxLength: 25 })
    .chain((bs) => fc.tuple(fc.constant(bs), fc.shuffledSubarray(bs, { minLength: bs.length, maxLength: bs.length })));

  it('the outcome never depends on the order of the ballots', () => {
    fc.assert(
      fc.property(ballotsAndAnOrder, ruleSet, casting, fc.boolean(), ([ballots, shuffled], rules, cv, awards) => {
        const reversed = [...ballots].reverse();
        const d = (bs: MemberBallot[]) => decide(tallyBallots(bs, rules, cv), rules, awards);
        expect(d(shuffled)).toEqual(d(ballots));
        expect(d(reversed)).toEqual(d(ballots));
      }),
      { numRuns: 500 },
    );
  });

  it('one more vote in favour (instead of against) never takes a recognition away', () => {
    fc.assert(
      fc.property(fc.array(ballot, { minLength: 1, maxLength: 25 }), ruleSet, fc.boolean(), (ballots, rules, awards) => {
        const i = ballots.findIndex((b) => b.choice === 'AGAINST' && !b.recused && b.attendance !== 'ABSENT');
        if (i < 0) return;
        const better = ballots.map((b, j) => (j === i ? { ...b, choice: 'FOR' as const } : b));
        const before = decide(tallyBallots(ballots, rules), rules, awards).outcome;
        const after = decide(tallyBallots(better, rules), rules, awards).outcome;
        if (before === 'RECOGNISE') expect(after).toBe('RECOGNISE');
        if (after === 'REJECT') expect(before).toBe('REJECT');
      }),
      { numRuns: 500 },
    );
  });

  it('with quorum, attendance and checklists met and no tie, it recognises exactly when the votes in favour reach votesNeeded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), fc.nat(), fc.nat(), (members, a, b, r) => {
        const recused = r % (members + 1);
        const voters = members - recused;
        const inFavour = a % (voters + 1);
        const against = b % (voters - inFavour + 1);
        if (inFavour === against) return;
        const d = decide(tally(members, inFavour, against, { recused }), REGULATION);
        const expected = inFavour >= votesNeeded(REGULATION.recognition, members);
        expect(d.outcome === 'RECOGNISE').toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
