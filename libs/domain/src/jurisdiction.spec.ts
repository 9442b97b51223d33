import { describe, expect, it } from '@jest/globals';
import { clearanceDueOn } from './jurisdiction.js';

const profile = (deadlines: { clearances?: string; clearanceWorkingDays?: number }, holidays: string[] = []) => ({ deadlines, holidays });

describe('the deadline of a clearance request', () => {
  it('is the yearly clearance deadline while it is ahead', () => {
    expect(clearanceDueOn(profile({ clearances: '12-10', clearanceWorkingDays: 5 }), '2026-12-04')).toBe('2026-12-10');
    expect(clearanceDueOn(profile({ clearances: '12-10' }), '2026-12-09')).toBe('2026-12-10');
  });

  it('moves to the next working day when the yearly deadline falls on a day off (10/12/2028 is a Sunday; a profile holiday on the Monday)', () => {
    expect(clearanceDueOn(profile({ clearances: '12-10' }), '2028-12-01')).toBe('2028-12-11');
    expect(clearanceDueOn(profile({ clearances: '12-10' }, ['2028-12-11']), '2028-12-01')).toBe('2028-12-12');
  });

  it('on or after the yearly deadline, counts the profile’s working days from the day after the request', () => {
    // Thursday 10/12/2026 + 5 working days: Fri 11, Mon 14 … Thu 17.
    expect(clearanceDueOn(profile({ clearances: '12-10', clearanceWorkingDays: 5 }), '2026-12-10')).toBe('2026-12-17');
    expect(clearanceDueOn(profile({ clearanceWorkingDays: 2 }), '2026-04-29')).toBe('2026-05-05'); // 30/4 and 1/5 are holidays, then a weekend
  });

  it('is null when the profile gives nothing to count from', () => {
    expect(clearanceDueOn(profile({ clearances: '12-10' }), '2026-12-11')).toBeNull();
    expect(clearanceDueOn(profile({}), '2026-12-01')).toBeNull();
  });
});
