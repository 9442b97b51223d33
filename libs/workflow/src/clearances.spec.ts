import { describe, expect, it } from '@jest/globals';
import { HISTORICAL_PRESET, REGULATION_2025_PRESET } from './council-presets.js';
import { clearanceRuleOf, decideUnderRuleSet, ruleSetProblems, type CouncilRuleSet, type RuleSetTally } from './council-rules.js';
import { decideCouncilOutcome, type CouncilVerdict } from './council.js';
import { blockingClearances, clearanceState, withClearances, type ClearanceRule, type ClearanceStatus } from './clearances.js';

const REGULATION = REGULATION_2025_PRESET.ruleSet;
const ALL_IN = { assigned: 2, submitted: 2, criteria: 5, criteriaReviewed: 5 };
const tally = (members: number, inFavour: number, against: number): RuleSetTally => ({ members, present: members, writtenOpinions: 0, recused: 0, inFavour, against, abstain: members - inFavour - against, chairCastingVote: null });
const request = (agencyName: string, state: ClearanceStatus['state']): ClearanceStatus => ({ agencyCode: agencyName.toUpperCase().replace(/\W/g, '_'), agencyName, dueOn: '2026-12-10', state });
const decide = (ruleSet: CouncilRuleSet, clearances: ClearanceStatus[] | undefined, t = tally(10, 8, 0)) =>
  decideUnderRuleSet({ sessionId: 's', ruleSet, tally: t, checklists: ALL_IN, considersAwards: true, clearances });
const withRule = (clearances: ClearanceRule | undefined): CouncilRuleSet => {
  const { clearances: _drop, ...rest } = REGULATION;
  return clearances ? { ...rest, clearances } : rest;
};

describe('a request’s state', () => {
  it('is its answer when one was recorded, else awaited up to and including the deadline day, NO_ANSWER from the day after', () => {
    expect(clearanceState(null, '2026-12-10', '2026-12-09')).toBe('PENDING');
    expect(clearanceState(null, '2026-12-10', '2026-12-10')).toBe('PENDING');
    expect(clearanceState(null, '2026-12-10', '2026-12-11')).toBe('NO_ANSWER');
    expect(clearanceState('AGREES', '2026-12-10', '2026-12-11')).toBe('AGREES');
    expect(clearanceState('DISAGREES', '2026-12-10', '2026-12-01')).toBe('DISAGREES');
  });
});

describe('the rule set’s clearance rule', () => {
  it('the regulation blocks on a missing or negative clearance; the historical practice is advisory; an older rule set without the field is advisory', () => {
    expect(REGULATION.clearances).toBe('MISSING_OR_NEGATIVE_BLOCKS');
    expect(HISTORICAL_PRESET.ruleSet.clearances).toBe('ADVISORY');
    expect(clearanceRuleOf(withRule(undefined))).toBe('ADVISORY');
    expect(ruleSetProblems(withRule(undefined))).toEqual([]);
  });

  it('an unknown clearance rule is a problem naming the field', () => {
    const problems = ruleSetProblems({ ...REGULATION, clearances: 'SOMETIMES' as ClearanceRule });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'RULE_SET_INVALID' });
    expect(problems[0]!.en).toContain('(clearances)');
    expect(problems[0]!.vi).toContain('hiệp y');
  });
});

describe('clearances and the outcome under a rule set', () => {
  const police = request('Công an tỉnh', 'AGREES');
  const tax = request('Thuế tỉnh', 'DISAGREES');
  const insurance = request('Bảo hiểm xã hội tỉnh', 'NO_ANSWER');
  const inspectorate = request('Thanh tra tỉnh', 'PENDING');

  it('no clearance requested, or every agency agreeing: the votes decide', () => {
    expect(decide(REGULATION, undefined).outcome).toBe('RECOGNISE');
    expect(decide(REGULATION, []).outcome).toBe('RECOGNISE');
    const agreed = decide(REGULATION, [police]);
    expect(agreed.outcome).toBe('RECOGNISE');
    expect(agreed.findings.map((f) => f.code)).toContain('CLEARANCES_AGREE');
  });

  it('MISSING_OR_NEGATIVE_BLOCKS: a disagreement, no answer by the deadline, or an answer still awaited give NO_DECISION naming the agencies', () => {
    for (const blocking of [tax, insurance, inspectorate]) {
      const d = decide(REGULATION, [police, blocking]);
      expect(d.outcome).toBe('NO_DECISION');
      const finding = d.findings.find((f) => f.code === 'CLEARANCE_BLOCKS')!;
      expect(finding.vi).toContain(blocking.agencyName);
      expect(finding.vi).not.toContain('Công an tỉnh');
    }
    const both = decide(REGULATION, [tax, insurance]).findings.find((f) => f.code === 'CLEARANCE_BLOCKS')!;
    expect(both.vi).toMatch(/không đồng ý: Thuế tỉnh; chưa có ý kiến: Bảo hiểm xã hội tỉnh/);
  });

  it('NEGATIVE_BLOCKS: only a disagreement blocks; a missing answer is noted', () => {
    expect(decide(withRule('NEGATIVE_BLOCKS'), [tax]).outcome).toBe('NO_DECISION');
    const missing = decide(withRule('NEGATIVE_BLOCKS'), [insurance, inspectorate]);
    expect(missing.outcome).toBe('RECOGNISE');
    expect(missing.findings.map((f) => f.code)).toContain('CLEARANCE_NOTED');
  });

  it('ADVISORY (and an older rule set without the field): nothing blocks, the clearances are noted', () => {
    for (const rules of [withRule('ADVISORY'), withRule(undefined), HISTORICAL_PRESET.ruleSet]) {
      const d = decide(rules, [tax, insurance]);
      expect(d.outcome).toBe('RECOGNISE');
      expect(d.findings.find((f) => f.code === 'CLEARANCE_NOTED')!.vi).toMatch(/Thuế tỉnh.*Bảo hiểm xã hội tỉnh/);
    }
  });

  it('clearances stand only in the way of recognition: a return or a rejection stays what the votes gave', () => {
    expect(decide(REGULATION, [tax], tally(10, 5, 1)).outcome).toBe('RETURN_TO_NURTURING');
    expect(decide(REGULATION, [tax], tally(10, 1, 8)).outcome).toBe('REJECT');
  });

  it('a request that cannot be real decides nothing', () => {
    const bad = decide(REGULATION, [{ ...police, state: 'MAYBE' as ClearanceStatus['state'] }]);
    expect(bad.outcome).toBe('NO_DECISION');
    expect(bad.findings.map((f) => f.code)).toContain('VERDICT_INCONSISTENT');
  });

  it('the outcome does not depend on the order of the requests', () => {
    const requests = [police, tax, insurance, inspectorate];
    const outcomes = new Set<string>();
    for (let i = 0; i < requests.length; i++) {
      const rotated = [...requests.slice(i), ...requests.slice(0, i)];
      outcomes.add(decide(REGULATION, rotated).outcome);
      outcomes.add(decide(withRule('ADVISORY'), rotated.reverse()).outcome);
    }
    expect([...outcomes].sort()).toEqual(['NO_DECISION', 'RECOGNISE']);
    expect(blockingClearances({ rule: 'MISSING_OR_NEGATIVE_BLOCKS', requests }).map((r) => r.agencyName)).toEqual(['Thuế tỉnh', 'Bảo hiểm xã hội tỉnh', 'Thanh tra tỉnh']);
  });
});

describe('clearances in a session verdict (today’s rules, council.ts)', () => {
  const base: CouncilVerdict = {
    sessionId: 's',
    rules: { quorum: { numerator: 2, denominator: 3 }, recognitionPercent: 70, rejectionPercent: 50 },
    tally: { eligible: 3, participants: 3, inFavour: 3, against: 0, abstain: 0 },
    checklists: ALL_IN,
  };
  it('the verdict’s rule decides; without clearances the verdict decides as before', () => {
    expect(decideCouncilOutcome(base).outcome).toBe('RECOGNISE');
    expect(decideCouncilOutcome({ ...base, clearances: { rule: 'MISSING_OR_NEGATIVE_BLOCKS', requests: [request('Công an tỉnh', 'NO_ANSWER')] } }).outcome).toBe('NO_DECISION');
    expect(decideCouncilOutcome({ ...base, clearances: { rule: 'ADVISORY', requests: [request('Công an tỉnh', 'NO_ANSWER')] } }).outcome).toBe('RECOGNISE');
    expect(decideCouncilOutcome({ ...base, clearances: { rule: 'BOGUS' as ClearanceRule, requests: [] } }).outcome).toBe('NO_DECISION');
  });
  it('an inconsistent verdict stays inconsistent (clearances add nothing to it)', () => {
    const d = withClearances({ outcome: 'NO_DECISION', quorumMet: false, thresholdMet: false, checklistsComplete: false, findings: [{ code: 'VERDICT_INCONSISTENT', vi: '', en: '' }] }, { rule: 'ADVISORY', requests: [] });
    expect(d.findings).toHaveLength(1);
  });
});
