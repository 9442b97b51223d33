import { describe, expect, it } from '@jest/globals';
import { daysBetween, describeSetting, parseRehearsalClock, sameSetting, shifted } from './rehearsal-clock.js';

describe('the rehearsal clock setting as configured', () => {
  it('reads shifts in whole days and fixed dates', () => {
    expect(parseRehearsalClock('+35d')).toEqual({ mode: 'OFFSET', offsetDays: 35 });
    expect(parseRehearsalClock('-3d')).toEqual({ mode: 'OFFSET', offsetDays: -3 });
    expect(parseRehearsalClock(' 7 ')).toEqual({ mode: 'OFFSET', offsetDays: 7 });
    expect(parseRehearsalClock('3650d')).toEqual({ mode: 'OFFSET', offsetDays: 3650 });
    expect(parseRehearsalClock('2027-01-15')).toEqual({ mode: 'FIXED_DATE', date: '2027-01-15' });
    expect(parseRehearsalClock('2028-02-29')).toEqual({ mode: 'FIXED_DATE', date: '2028-02-29' });
  });

  it('refuses anything else: zero, too far, hours, dates that do not exist', () => {
    for (const bad of ['0', '+0d', '3651d', '-3651', '+3h', '2027-02-29', '2027-13-01', '15/01/2027', 'tomorrow', '']) expect(parseRehearsalClock(bad)).toBeNull();
  });
});

describe('moving a real instant', () => {
  const real = new Date('2026-12-06T17:30:00.000Z'); // 00:30 on 7 December in Asia/Ho_Chi_Minh

  it('shifts by whole days and keeps the time of day', () => {
    expect(shifted(real, '2026-12-07', { mode: 'OFFSET', offsetDays: 30 }).toISOString()).toBe('2027-01-05T17:30:00.000Z');
    expect(shifted(real, '2026-12-07', { mode: 'OFFSET', offsetDays: -7 }).toISOString()).toBe('2026-11-29T17:30:00.000Z');
  });

  it('puts a fixed date on the local date, whatever the real one, and leaves the instant alone when off', () => {
    // The local date is 7 December: 15 January is 39 days on, at the same local time.
    expect(shifted(real, '2026-12-07', { mode: 'FIXED_DATE', date: '2027-01-15' }).toISOString()).toBe('2027-01-14T17:30:00.000Z');
    expect(shifted(real, '2026-12-07', { mode: 'FIXED_DATE', date: '2026-12-07' })).toEqual(real);
    expect(shifted(real, '2026-12-07', null)).toBe(real);
  });

  it('counts days across months, years and a leap day', () => {
    expect(daysBetween('2026-12-07', '2027-01-15')).toBe(39);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-01-15', '2026-12-07')).toBe(-39);
  });

  it('compares and describes settings', () => {
    expect(sameSetting({ mode: 'OFFSET', offsetDays: 3 }, { mode: 'OFFSET', offsetDays: 3 })).toBe(true);
    expect(sameSetting({ mode: 'OFFSET', offsetDays: 3 }, { mode: 'OFFSET', offsetDays: 4 })).toBe(false);
    expect(sameSetting({ mode: 'FIXED_DATE', date: '2027-01-15' }, { mode: 'OFFSET', offsetDays: 3 })).toBe(false);
    expect(sameSetting(null, null)).toBe(true);
    expect(sameSetting(null, { mode: 'OFFSET', offsetDays: 3 })).toBe(false);
    expect(describeSetting({ mode: 'OFFSET', offsetDays: 30 })).toBe('tiến thêm 30 ngày so với ngày thật');
    expect(describeSetting({ mode: 'OFFSET', offsetDays: -2 })).toBe('lùi lại 2 ngày so với ngày thật');
    expect(describeSetting({ mode: 'FIXED_DATE', date: '2027-01-15' })).toBe('cố định ngày 15/01/2027');
  });
});
