/**
 * The rehearsal clock's settings and arithmetic, pure (no Nest, no database, no reading of the real clock): what a
 * setting means, how it is written in the configuration, and how far it moves a real instant.
 *
 * Both kinds move the real clock by whole days, so the time of day stays the real one and two records made one
 * after the other keep their order within a day:
 * - OFFSET: the product's date is the real date plus `offsetDays` (the date still turns at midnight);
 * - FIXED_DATE: the product's date is `date` whatever the real date (the time of day runs; the date never turns).
 */

export const MAX_OFFSET_DAYS = 3650;
const DAY_MS = 86_400_000;

export type RehearsalClockSetting = { mode: 'OFFSET'; offsetDays: number } | { mode: 'FIXED_DATE'; date: string };
export type RehearsalClockMode = RehearsalClockSetting['mode'] | 'OFF';

/** Whether a YYYY-MM-DD string names a real day of the Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

/** `+35d`, `-3d` (whole days, also without the sign or the d) or `2027-01-15`; null when it is neither. */
export function parseRehearsalClock(text: string): RehearsalClockSetting | null {
  const value = text.trim();
  const offset = /^([+-]?)(\d{1,4})d?$/.exec(value);
  if (offset) {
    const days = Number(offset[2]) * (offset[1] === '-' ? -1 : 1);
    return days !== 0 && Math.abs(days) <= MAX_OFFSET_DAYS ? { mode: 'OFFSET', offsetDays: days } : null;
  }
  return isCalendarDate(value) ? { mode: 'FIXED_DATE', date: value } : null;
}

/** Whole days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The instant the product reads for a real instant: `realToday` is the real instant's date in the province's time
 * zone (the caller's, since the time zone is configuration).
 */
export function shifted(real: Date, realToday: string, setting: RehearsalClockSetting | null): Date {
  if (!setting) return real;
  const days = setting.mode === 'OFFSET' ? setting.offsetDays : daysBetween(realToday, setting.date);
  return new Date(real.getTime() + days * DAY_MS);
}

export function sameSetting(a: RehearsalClockSetting | null, b: RehearsalClockSetting | null): boolean {
  if (!a || !b) return a === b;
  return a.mode === 'OFFSET' ? b.mode === 'OFFSET' && a.offsetDays === b.offsetDays : b.mode === 'FIXED_DATE' && a.date === b.date;
}

/** How a setting reads in Vietnamese (banner, documents, logs). */
export function describeSetting(setting: RehearsalClockSetting): string {
  if (setting.mode === 'FIXED_DATE') return `cố định ngày ${setting.date.split('-').reverse().join('/')}`;
  return `${setting.offsetDays > 0 ? 'tiến thêm' : 'lùi lại'} ${Math.abs(setting.offsetDays)} ngày so với ngày thật`;
}
