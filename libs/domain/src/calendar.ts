/**
 * Working days for deadlines counted the administrative way: Saturdays, Sundays and public holidays are not
 * working days, and a period of N working days "from" a date starts counting on the next day (the law's rule that
 * a period starts the day after the event). Dates are ISO `YYYY-MM-DD` strings; the arithmetic is in UTC so that
 * no time zone can move a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parse(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

const format = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const day = parse(date).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/** The last day of a period of `workingDays` working days counted from the day after `from`. */
export function addWorkingDays(from: string, workingDays: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`Working days must be a positive integer: ${workingDays}`);
  let date = from;
  for (let counted = 0; counted < workingDays; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) counted++;
  }
  return date;
}

/**
 * Days off for public servants in Vietnam (Labour Code 2019, art. 112, and the yearly notices of the Ministry of
 * Home Affairs that place Tết and the compensatory days). The solar holidays are computed for any year; the lunar
 * ones (Tết, Hùng Kings) and the days moved by government notice are listed for the years announced. The office
 * adds the next years' days through the PUBLIC_HOLIDAYS setting as they are announced.
 */
export const ANNOUNCED_HOLIDAYS: readonly string[] = [
  // 2025: Tết Ất Tỵ 25/01–02/02 (weekdays 27–31/01); Giỗ Tổ 07/04; 30/04–01/05 with 02/05 swapped for Sat 26/04; Quốc khánh 01–02/09.
  '2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02',
  // 2026: Tết Bính Ngọ 14/02–22/02 (weekdays 16–20/02); Giỗ Tổ on Sun 26/04, compensated Mon 27/04; 30/04–01/05; Quốc khánh 01–02/09.
  '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
];

/** New Year's Day, Reunification Day, Labour Day and National Day of a year (their weekday observances included). */
export function solarHolidays(year: number): string[] {
  return [`${year}-01-01`, `${year}-04-30`, `${year}-05-01`, `${year}-09-02`];
}

/** The holiday set for counting: the announced list, the solar holidays of the years spanned, and any extra days. */
export function holidaySet(fromYear: number, toYear: number, extra: readonly string[] = []): Set<string> {
  const set = new Set<string>([...ANNOUNCED_HOLIDAYS, ...extra]);
  for (let y = fromYear; y <= toYear; y++) for (const d of solarHolidays(y)) set.add(d);
  return set;
}
