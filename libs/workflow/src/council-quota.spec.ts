import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { REGULATION_2025_PRESET } from './council-presets.js';
import { decideInSession, preferredAmongEquals, rankUnderQuota, type QuotaStanding, type SessionVerdict } from './council-quota.js';
import { verdictGives } from './council.js';
import type { CouncilRuleSet } from './council-rules.js';

const WITH_QUOTA = { ...REGULATION_2025_PRESET.ruleSet, quota: 2 };
const ALL_IN = { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 };

/** The verdict of candidate `id` in a session of 10 members all present, with the session's standing. */
function verdictOf(id: string, inFavour: number, standing: QuotaStanding[], ruleSet: CouncilRuleSet = WITH_QUOTA): SessionVerdict {
  return {
    sessionId: 's',
    ruleSet,
    tally: { members: 10, present: 10, writtenOpinions: 0, recused: 0, inFavour, against: 10 - inFavour, abstain: 0, chairCastingVote: null },
    checklists: ALL_IN,
    considersAwards: true,
    candidateId: id,
    standing,
  };
}
const s = (candidateId: string, inFavour: number, preferred: boolean, order: number): QuotaStanding => ({ candidateId, inFavour, preferred, order });

describe('preference among equals (NĐ 152/2025 Điều 4.6)', () => {
  it('a woman (100) or a collective with at least 70 % women is preferred; 69 % or unknown is not', () => {
    expect([100, 70, 69, 0, null, undefined, 101].map(preferredAmongEquals)).toEqual([true, true, false, false, false, false, false]);
  });

  it('ranks by votes, then the preferred among equals, then the order they joined the session; no quota: all within', () => {
    const standing = [s('a', 8, false, 1), s('b', 9, false, 2), s('c', 8, true, 3), s('d', 8, false, 4)];
    expect(rankUnderQuota(standing, 2)).toEqual({ ranked: ['b', 'c', 'a', 'd'], within: ['b', 'c'], beyond: ['a', 'd'], preferredWithin: ['c'] });
    expect(rankUnderQuota(standing, null)).toMatchObject({ within: ['b', 'c', 'a', 'd'], beyond: [] });
    expect(rankUnderQuota(standing, 4)).toMatchObject({ beyond: [] });
    // More votes always come first, preferred or not.
    expect(rankUnderQuota([s('w', 7, true, 1), s('m', 8, false, 2)], 1)).toMatchObject({ within: ['m'], preferredWithin: [] });
  });

  it('beyond the quota: returned to nurturing with the quota named; within: recognised, saying the preference decided it', () => {
    const standing = [s('a', 8, false, 1), s('b', 9, false, 2), s('c', 8, true, 3)];
    const c = decideInSession(verdictOf('c', 8, standing));
    expect(c).toMatchObject({ outcome: 'RECOGNISE', quota: { limit: 2, rank: 2, of: 3, within: true, preferenceDecided: true } });
    expect(c.findings.map((f) => f.code)).toContain('QUOTA_PREFERENCE_APPLIED');
    const a = decideInSession(verdictOf('a', 8, standing));
    expect(a).toMatchObject({ outcome: 'RETURN_TO_NURTURING', thresholdMet: true, quota: { rank: 3, within: false, preferenceDecided: true } });
    expect(a.findings.at(-1)).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(a.findings.at(-1)!.vi).toContain('Điều 4 khoản 6');
    expect(verdictGives(verdictOf('a', 8, standing), 'RETURN_TO_NURTURING')).toBe(true);
    expect(verdictGives(verdictOf('a', 8, standing), 'RECOGNISE')).toBe(false);
    expect(verdictGives(verdictOf('b', 9, standing), 'RECOGNISE')).toBe(true);
  });

  it('a standing that does not hold the candidate, or disagrees with its tally, decides nothing', () => {
    const standing = [s('a', 8, false, 1), s('b', 9, false, 2)];
    expect(decideInSession(verdictOf('x', 8, standing)).outcome).toBe('NO_DECISION');
    expect(decideInSession(verdictOf('a', 9, standing)).outcome).toBe('NO_DECISION');
    expect(decideInSession({ ...verdictOf('a', 8, standing), standing: undefined }).outcome).toBe('NO_DECISION');
    // Without a quota the standing is not needed.
    expect(decideInSession({ ...verdictOf('a', 8, standing, REGULATION_2025_PRESET.ruleSet), standing: undefined }).outcome).toBe('RECOGNISE');
  });

  it('the ranking never depends on the order the standing is listed in', () => {
    const entry = fc.record({ inFavour: fc.integer({ min: 0, max: 12 }), preferred: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 12 }).chain((es) => {
          const standing = es.map((e, i) => s(`c${i}`, e.inFavour, e.preferred, i + 1));
          return fc.tuple(fc.constant(standing), fc.shuffledSubarray(standing, { minLength: standing.length, maxLength: standing.length }), fc.integer({ min: 1, max: 12 }));
        }),
        ([standing, shuffled, quota]) => {
          expect(rankUnderQuota(shuffled, quota)).toEqual(rankUnderQuota(standing, quota));
          const r = rankUnderQuota(standing, quota);
          expect(r.within.length).toBe(Math.min(quota, standing.length));
          // Nobody beyond has more votes than anybody within, nor the same votes and a preference over them.
          for (const b of r.beyond.map((id) => standing.find((x) => x.candidateId === id)!)) {
            for (const w of r.within.map((id) => standing.find((x) => x.candidateId === id)!)) {
              expect(b.inFavour > w.inFavour || (b.inFavour === w.inFavour && b.preferred && !w.preferred)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
