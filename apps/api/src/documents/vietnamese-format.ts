/**
 * How numbers, dates and times are written in Vietnamese administrative documents. Pure functions with no
 * dependence on the machine's locale or time zone, so a document reads the same wherever it is generated.
 *
 * Dates follow Decree 30/2020/NĐ-CP (Appendix I, II.5): "ngày 05 tháng 3 năm 2025" — a day below 10 and the months
 * January and February take a leading zero, other months do not. Tables use dd/mm/yyyy. Vietnam has kept UTC+7
 * without daylight saving since 1975, so instants are shown in that fixed offset.
 */
import { isIsoDate } from '#domain';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** 10984 → "10.984"; 1234.5 with 2 fraction digits → "1.234,50"; -3 → "-3". */
export function formatNumberVi(value: number, fractionDigits = 0): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 20) throw new RangeError(`Bad fraction digits: ${fractionDigits}`);
  const fixed = Math.abs(value).toFixed(fractionDigits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (fraction ? `,${fraction}` : '');
}

function dateParts(isoDate: string): { day: number; month: number; year: number } {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${isoDate}`);
  const [year, month, day] = isoDate.split('-').map(Number);
  return { day, month, year };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2025-12-05" → "ngày 05 tháng 12 năm 2025"; "2025-03-15" → "ngày 15 tháng 3 năm 2025" (Decree 30). */
export function formatDateLongVi(isoDate: string): string {
  const { day, month, year } = dateParts(isoDate);
  return `ngày ${two(day)} tháng ${month <= 2 ? two(month) : String(month)} năm ${year}`;
}

/** "2025-12-05" → "05/12/2025", as dates are shown in tables. */
export function formatDateVi(isoDate: string): string {
  const { day, month, year } = dateParts(isoDate);
  return `${two(day)}/${two(month)}/${year}`;
}

/** The place and date line under the national motto: "Bắc Ninh, ngày 05 tháng 12 năm 2025". */
export function placeAndDateVi(place: string, isoDate: string): string {
  return `${place}, ${formatDateLongVi(isoDate)}`;
}

function parseInstant(iso: string): Date {
  const d = new Date(iso);
  if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(d.getTime())) throw new RangeError(`Not an ISO timestamp: ${iso}`);
  return d;
}

/** The Vietnam calendar date (YYYY-MM-DD) of an instant. */
export function vietnamDateOf(isoInstant: string): string {
  return new Date(parseInstant(isoInstant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** "2025-12-05T03:04:05Z" → "10:04 ngày 05/12/2025" (Vietnam time). */
export function formatDateTimeVi(isoInstant: string): string {
  const local = new Date(parseInstant(isoInstant).getTime() + VIETNAM_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ngày ${formatDateVi(date)}`;
}

/** The instant itself, for the PDF's creation date. */
export function instantOf(isoInstant: string): Date {
  return parseInstant(isoInstant);
}

/**
 * Every string in a value in NFC, the composed form: text typed on some systems arrives decomposed (a letter then
 * its combining marks), which the font lays out less well and which text search would not find. Plain objects
 * and arrays are copied; anything else is returned as it is.
 */
export function composedText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => composedText(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, composedText(v)])) as T;
  }
  return value;
}
