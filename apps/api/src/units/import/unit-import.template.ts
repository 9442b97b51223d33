/** The template an administrator downloads: the columns in order, with two example lines (UTF-8 with BOM, for Excel). */
import { UNIT_IMPORT_COLUMNS } from './unit-import.plan.js';

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function templateCsv(): Buffer {
  const header = Object.values(UNIT_IMPORT_COLUMNS).map((c) => c.vi);
  const lines = [
    header,
    ['TINH', 'Tỉnh (tên tỉnh)', 'PROVINCE', 'STATE', '', 'Đơn vị cấp tỉnh: để trống mã cấp trên'],
    ['SO-GDDT', 'Sở Giáo dục và Đào tạo', 'DEPARTMENT', 'STATE', 'TINH', 'Cấp: PROVINCE, DEPARTMENT, DISTRICT, ENTERPRISE, GRASSROOTS (hoặc tên tiếng Việt)'],
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(quote).join(',')).join('\r\n')}\r\n`, 'utf8');
}
