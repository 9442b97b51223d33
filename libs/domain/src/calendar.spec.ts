import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, holidaySet, isIsoDate, isWorkingDay } from './calendar.js';

describe('working days', () => {
  const none = new Set<string>();

  it('counts from the next day and skips weekends', () => {
    // Monday 2025-12-08 + 10 working days → Monday 2025-12-22.
    expect(addWorkingDays('2025-12-08', 10, none)).toBe('2025-12-22');
    // Published on a Friday: counting starts Monday.
    expect(addWorkingDays('2025-12-05', 1, none)).toBe('2025-12-08');
    expect(addWorkingDays('2025-12-06', 1, none)).toBe('2025-12-08');
  });

  it('skips public holidays: across National Day 2025 (01–02/09) the period is two days longer', () => {
    const holidays = holidaySet(2025, 2025);
    expect(isWorkingDay('2025-09-01', holidays)).toBe(false);
    expect(isWorkingDay('2025-09-02', holidays)).toBe(false);
    // Thursday 2025-08-28 + 10 working days: 29/08, 03–05/09, 08–12/09 → Friday 2025-09-12 (without holidays 2025-09-11).
    expect(addWorkingDays('2025-08-28', 10, none)).toBe('2025-09-11');
    expect(addWorkingDays('2025-08-28', 10, holidays)).toBe('2025-09-15');
  });

  it('skips Tết 2026 and extra configured days', () => {
    const holidays = holidaySet(2026, 2026);
    // Friday 2026-02-13 + 1 working day: the week of Tết (16–20/02) is off → Monday 2026-02-23.
    expect(addWorkingDays('2026-02-13', 1, holidays)).toBe('2026-02-23');
    const extra = holidaySet(2026, 2026, ['2026-02-23']);
    expect(addWorkingDays('2026-02-13', 1, extra)).toBe('2026-02-24');
  });

  it('knows real dates', () => {
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(() => addWorkingDays('2025-13-01', 1, none)).toThrow();
    expect(() => addWorkingDays('2025-12-01', 0, none)).toThrow();
  });
});
