import { describe, expect, it } from '@jest/globals';
import { archivesToKeep } from './retention.js';

const at = (iso: string) => ({ name: iso, createdAt: new Date(iso) });

describe('the retention rule (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps the newest of each of the last 7 days, 4 ISO weeks and 12 months, and nothing else', () => {
    // Two a day at 02:00 and 14:00 UTC (09:00 and 21:00 in Hà Nội) for 400 days up to 2026-12-06.
    const files = [];
    for (let d = 0; d < 400; d++) {
      const day = new Date(Date.UTC(2026, 11, 6) - d * 86_400_000).toISOString().slice(0, 10);
      files.push(at(`${day}T02:00:00.000Z`), at(`${day}T14:00:00.000Z`));
    }
    const keep = archivesToKeep(files, { daily: 7, weekly: 4, monthly: 12 }, 'Asia/Ho_Chi_Minh');
    const days = [...keep].filter((k) => k >= '2026-11-30').sort();
    expect(days).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map((d) => `${d}T14:00:00.000Z`));
    // Weeks: the week of 2026-12-06 is covered by the days; Sundays 11-29, 11-22 and 11-15 close the three before it.
    expect(keep.has('2026-11-29T14:00:00.000Z')).toBe(true);
    expect(keep.has('2026-11-22T14:00:00.000Z')).toBe(true);
    expect(keep.has('2026-11-15T14:00:00.000Z')).toBe(true);
    expect(keep.has('2026-11-08T14:00:00.000Z')).toBe(false);
    // Months: December and November are covered by the days; the last day of each of the 10 months before them.
    expect(keep.has('2026-10-31T14:00:00.000Z')).toBe(true);
    expect(keep.has('2026-01-31T14:00:00.000Z')).toBe(true);
    expect(keep.has('2025-12-31T14:00:00.000Z')).toBe(false);
    expect(keep.size).toBe(7 + 3 + 10);
  });
});
