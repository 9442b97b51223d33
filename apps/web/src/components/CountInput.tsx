/**
 * A whole-number input for counts (people, units, reach): typed as the source report writes them — "10.984",
 * "10 984" or "10,984" — and shown with the reader's thousands separator. Years and versions use a plain input.
 */
import { InputNumber, type InputNumberProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

/** "10.984" → 10984: a count has no fraction, so dots, commas and spaces between digits are only grouping. */
export function parseCount(text: string | undefined): number {
  const cleaned = (text ?? '').trim();
  const negative = cleaned.startsWith('-');
  const digits = cleaned.replace(/[^\d]/g, '');
  if (digits === '') return NaN;
  return (negative ? -1 : 1) * Number(digits);
}

export function CountInput(props: Omit<InputNumberProps<number>, 'parser' | 'formatter' | 'precision'>) {
  const { i18n } = useTranslation();
  return (
    <InputNumber<number>
      {...props}
      precision={0}
      inputMode="numeric"
      parser={(text) => parseCount(text)}
      formatter={(value) => (value === undefined || value === null || String(value) === '' ? '' : Number.isFinite(Number(value)) ? formatNumber(Number(value), i18n.language) : String(value))}
    />
  );
}
