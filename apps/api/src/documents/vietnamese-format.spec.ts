import { describe, expect, it } from '@jest/globals';
import {
  composedText,
  formatDateLongVi,
  formatDateTimeVi,
  formatDateVi,
  formatNumberVi,
  placeAndDateVi,
  vietnamDateOf,
} from './vietnamese-format.js';

describe('formatNumberVi', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1.000'],
    [10984, '10.984'],
    [17889, '17.889'],
    [1234567, '1.234.567'],
    [-10984, '-10.984'],
  ])('%d → %s', (value, expected) => {
    expect(formatNumberVi(value)).toBe(expected);
  });

  it('writes decimals with a comma', () => {
    expect(formatNumberVi(1234.5, 2)).toBe('1.234,50');
    expect(formatNumberVi(0.125, 1)).toBe('0,1');
    expect(formatNumberVi(-0.04, 1)).toBe('0,0');
    expect(formatNumberVi(2.5)).toBe('3');
  });

  it("agrees with ICU's vi-VN formatting", () => {
    const icu = new Intl.NumberFormat('vi-VN', { useGrouping: true });
    for (const n of [1, 12, 123, 1234, 12345, 123456, 1234567, 98765432, -5432, 2 ** 40]) expect(formatNumberVi(n)).toBe(icu.format(n));
    const icu2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    for (const n of [0.5, 1234.56, 98765.4, -17889.25]) expect(formatNumberVi(n, 2)).toBe(icu2.format(n));
  });

  it('refuses what is not a number', () => {
    expect(() => formatNumberVi(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumberVi(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatNumberVi(1, -1)).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('writes the long form of Decree 30: zero before days below 10 and months 1 and 2 only', () => {
    expect(formatDateLongVi('2025-12-05')).toBe('ngày 05 tháng 12 năm 2025');
    expect(formatDateLongVi('2025-03-15')).toBe('ngày 15 tháng 3 năm 2025');
    expect(formatDateLongVi('2025-02-01')).toBe('ngày 01 tháng 02 năm 2025');
    expect(formatDateLongVi('2024-01-09')).toBe('ngày 09 tháng 01 năm 2024');
    expect(formatDateLongVi('2026-10-31')).toBe('ngày 31 tháng 10 năm 2026');
  });

  it('writes dd/mm/yyyy for tables', () => {
    expect(formatDateVi('2025-12-05')).toBe('05/12/2025');
    expect(formatDateVi('2025-03-05')).toBe('05/03/2025');
  });

  it('puts the place before the date', () => {
    expect(placeAndDateVi('Bắc Ninh', '2025-12-05')).toBe('Bắc Ninh, ngày 05 tháng 12 năm 2025');
  });

  it('refuses dates that do not exist or are not ISO', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '05/12/2025', '2025-1-5', '']) expect(() => formatDateLongVi(bad)).toThrow(RangeError);
  });

  it("shows instants in Vietnam's time (UTC+7, no daylight saving), whatever the machine's zone", () => {
    expect(formatDateTimeVi('2025-12-05T09:30:00.000Z')).toBe('16:30 ngày 05/12/2025');
    expect(formatDateTimeVi('2025-12-05T17:05:00Z')).toBe('00:05 ngày 06/12/2025');
    expect(formatDateTimeVi('2025-12-05T10:00:00+07:00')).toBe('10:00 ngày 05/12/2025');
    expect(vietnamDateOf('2025-12-31T18:00:00Z')).toBe('2026-01-01');
    expect(() => formatDateTimeVi('yesterday')).toThrow(RangeError);
    expect(() => formatDateTimeVi('2025-12-05')).toThrow(RangeError);
  });
});

describe('composedText', () => {
  it('turns decomposed Vietnamese into composed letters everywhere in a value', () => {
    const decomposed = 'Nguyễn Thị Hường'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Hường');
    const value = composedText({ name: decomposed, list: [decomposed, { deep: decomposed }], count: 3, flag: true, none: null });
    expect(value).toEqual({ name: 'Nguyễn Thị Hường', list: ['Nguyễn Thị Hường', { deep: 'Nguyễn Thị Hường' }], count: 3, flag: true, none: null });
  });
});
