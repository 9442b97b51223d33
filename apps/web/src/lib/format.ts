/**
 * Dates as dd/mm/yyyy and numbers with the reader's separators (Vietnamese: 10.984), through Intl.
 * Dates without a time (YYYY-MM-DD) are calendar dates: shown as written, never shifted by a time zone.
 */
import { useTranslation } from 'react-i18next';

const LOCALES: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };
const localeOf = (language: string) => LOCALES[language] ?? 'vi-VN';

export function formatDate(value: string | null | undefined, language = 'vi'): string {
  if (!value) return '';
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) return `${calendar[3]}/${calendar[2]}/${calendar[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(language), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export function formatDateTime(value: string | null | undefined, language = 'vi'): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const day = formatDate(value, language);
  const time = new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
  return `${day} ${time}`;
}

export function formatNumber(value: number, language = 'vi', fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: fractionDigits }).format(value);
}

export function formatBytes(bytes: number, language = 'vi'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, language, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Today as YYYY-MM-DD in the reader's time zone. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The formatters bound to the current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    date: (value: string | null | undefined) => formatDate(value, language),
    dateTime: (value: string | null | undefined) => formatDateTime(value, language),
    number: (value: number) => formatNumber(value, language),
    bytes: (value: number) => formatBytes(value, language),
  };
}
