/**
 * Reads a historical statistics table in the layout of the report's data file
 * (`year,field,collective,individual`, optionally `honouring_forms`), from CSV (UTF-8) or Excel (.xlsx, first
 * sheet). It never guesses: a blank count stays null (unknown) and is reported; anything it cannot read
 * exactly is an error naming the line and column. Pure apart from unzipping the workbook.
 */
import type ExcelJS from 'exceljs';
import { FIELDS, HONOURING_FORMS, HonouringFormCodes, type Field, type HonouringForm } from '#domain';
import type { ImportFormat } from './statistics.entities.js';
import { lazyModule } from '../common/lazy-module.js';

/** exceljs, loaded by the first workbook read or written. */
const loadExcel = lazyModule(() => import('exceljs'));

export interface ParsedRow {
  line: number;
  year: number;
  field: Field;
  collective: number | null;
  individual: number | null;
  honouringForms: HonouringForm[];
}

export interface ParseError {
  line: number | null;
  column: string | null;
  value?: string;
  code: string;
  message: string;
  messageEn: string;
}

export type ParseResult = { ok: true; rows: ParsedRow[] } | { ok: false; errors: ParseError[] };

const COLUMNS = {
  year: ['year', 'năm', 'nam'],
  field: ['field', 'lĩnh vực', 'linh vuc'],
  collective: ['collective', 'tập thể', 'tap the'],
  individual: ['individual', 'cá nhân', 'ca nhan'],
  honouring_forms: ['honouring_forms', 'hình thức tôn vinh', 'hinh thuc ton vinh'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['year', 'field', 'collective', 'individual'];
const COLUMN_WORDS: Record<Column, string> = {
  year: 'Năm',
  field: 'Lĩnh vực',
  collective: 'Tập thể',
  individual: 'Cá nhân',
  honouring_forms: 'Hình thức tôn vinh',
};

export const YEAR_RANGE = { min: 1945, max: 2100 } as const;
const MAX_ERRORS = 100;

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();

export function detectFormat(bytes: Buffer, fileName: string, contentType: string): ImportFormat | null {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (isZip) return ext === 'xlsx' ? 'XLSX' : null;
  // Browsers send CSV as text/csv, text/plain or (on Windows) application/vnd.ms-excel.
  if (ext === 'csv' || ['text/csv', 'text/plain', 'application/csv'].includes(contentType)) return 'CSV';
  return null;
}

/** The file's cells as text, line by line (CSV as UTF-8; Excel: the first sheet), or the reason it cannot be read. */
export async function gridOf(format: ImportFormat, bytes: Buffer): Promise<{ lines: string[][] } | { error: ParseError }> {
  return format === 'CSV' ? csvGrid(bytes) : xlsxGrid(bytes);
}

export async function parseTable(format: ImportFormat, bytes: Buffer): Promise<ParseResult> {
  const grid = await gridOf(format, bytes);
  if ('error' in grid) return { ok: false, errors: [grid.error] };
  return readGrid(grid.lines);
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF; a leading BOM is dropped. */
export function parseCsv(text: string): string[][] {
  const lines: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      lines.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    lines.push(row);
  }
  return lines;
}

function csvGrid(bytes: Buffer): { lines: string[][] } | { error: ParseError } {
  try {
    return { lines: parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return {
      error: {
        line: null,
        column: null,
        code: 'encoding',
        message: 'Tệp CSV không phải bảng mã UTF-8; hãy lưu lại với bảng mã UTF-8.',
        messageEn: 'The CSV file is not UTF-8; save it again as UTF-8.',
      },
    };
  }
}

async function xlsxGrid(bytes: Buffer): Promise<{ lines: string[][] } | { error: ParseError }> {
  // exceljs is loaded by the first workbook read, not at start.
  const { Workbook } = (await loadExcel()).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { error: { line: null, column: null, code: 'xlsx', message: 'Không đọc được tệp Excel (.xlsx).', messageEn: 'The Excel (.xlsx) file cannot be read.' } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: { line: null, column: null, code: 'xlsx', message: 'Tệp Excel không có trang tính nào.', messageEn: 'The Excel file has no worksheet.' } };
  const lines: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellText(row.getCell(c).value));
    // A formatted but empty cell past the table is not a cell of it.
    while (cells.length > 1 && cells.at(-1)!.trim() === '') cells.pop();
    lines.push(cells);
  }
  return { lines };
}

/** A cell's value as the text the CSV would hold: numbers as written, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A fraction stays a fraction (and is refused as a count), never rounded.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return String(value);
}

function readGrid(lines: string[][]): ParseResult {
  const errors: ParseError[] = [];
  const fail = (e: ParseError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const header = lines[0]?.map(norm) ?? [];
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(name));
    if (column && !index.has(column)) index.set(column, i);
    else if (name !== '' || i < header.length - 1) {
      fail({ line: 1, column: lines[0]![i] ?? '', value: lines[0]![i], code: 'unknownColumn', message: `Cột "${lines[0]![i]}" không thuộc mẫu (year, field, collective, individual, honouring_forms).`, messageEn: `Column "${lines[0]![i]}" is not part of the layout (year, field, collective, individual, honouring_forms).` });
    }
  });
  for (const c of REQUIRED) {
    if (!index.has(c)) fail({ line: 1, column: c, code: 'missingColumn', message: `Thiếu cột ${c} (${COLUMN_WORDS[c]}).`, messageEn: `Column ${c} is missing.` });
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!;
    const line = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length > header.length) {
      fail({ line, column: null, code: 'extraCells', message: `Dòng ${line} có ${cells.length} ô, nhiều hơn số cột (${header.length}).`, messageEn: `Line ${line} has ${cells.length} cells, more than the ${header.length} columns.` });
      continue;
    }
    const get = (c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '').normalize('NFC').trim() : '');

    const yearText = get('year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year >= YEAR_RANGE.min && year <= YEAR_RANGE.max)) {
      fail({ line, column: 'year', value: yearText, code: 'year', message: `Dòng ${line}, cột year: "${yearText}" không phải năm từ ${YEAR_RANGE.min} đến ${YEAR_RANGE.max}.`, messageEn: `Line ${line}, column year: "${yearText}" is not a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}.` });
    }
    const fieldText = get('field');
    const field = FIELDS.find((f) => f.code === fieldText || norm(f.vi) === norm(fieldText))?.code;
    if (!field) {
      fail({ line, column: 'field', value: fieldText, code: 'field', message: `Dòng ${line}, cột field: "${fieldText}" không phải mã hoặc tên lĩnh vực trong danh mục.`, messageEn: `Line ${line}, column field: "${fieldText}" is not a field code or name of the catalogue.` });
    }
    const count = (c: 'collective' | 'individual'): number | null | undefined => {
      const text = get(c);
      if (text === '') return null;
      // Whole numbers, with or without the Vietnamese thousands separator (10.984): counts have no decimals.
      const n = /^\d+$/.test(text) ? Number(text) : /^\d{1,3}(\.\d{3})+$/.test(text) ? Number(text.replace(/\./g, '')) : NaN;
      if (Number.isSafeInteger(n) && n <= 2_000_000_000) return n;
      fail({ line, column: c, value: text, code: 'count', message: `Dòng ${line}, cột ${c}: "${text}" không phải số nguyên không âm.`, messageEn: `Line ${line}, column ${c}: "${text}" is not a whole number of zero or more.` });
      return undefined;
    };
    const collective = count('collective');
    const individual = count('individual');
    const formsText = get('honouring_forms');
    let honouringForms: HonouringForm[] = [...HonouringFormCodes];
    if (formsText !== '') {
      const parts = formsText.split(';').map((p) => p.trim()).filter(Boolean);
      const found = parts.map((p) => HONOURING_FORMS.find((f) => f.code === p || norm(f.vi) === norm(p))?.code);
      const bad = parts.filter((_, k) => !found[k]);
      if (bad.length > 0) {
        fail({ line, column: 'honouring_forms', value: bad.join('; '), code: 'honouringForm', message: `Dòng ${line}, cột honouring_forms: không có trong danh mục: ${bad.join('; ')}.`, messageEn: `Line ${line}, column honouring_forms: not in the catalogue: ${bad.join('; ')}.` });
      }
      honouringForms = HonouringFormCodes.filter((c) => found.includes(c));
    }
    if (field && Number.isInteger(year)) {
      const key = `${year}:${field}`;
      if (seen.has(key)) {
        fail({ line, column: 'field', value: fieldText, code: 'duplicate', message: `Dòng ${line}: năm ${year}, lĩnh vực ${field} đã có ở dòng ${seen.get(key)}.`, messageEn: `Line ${line}: year ${year}, field ${field} already appears on line ${seen.get(key)}.` });
      }
      seen.set(key, line);
    }
    if (field && collective !== undefined && individual !== undefined && errors.length === 0) rows.push({ line, year, field, collective, individual, honouringForms });
  }
  if (errors.length === 0 && rows.length === 0) {
    fail({ line: null, column: null, code: 'empty', message: 'Tệp không có dòng số liệu nào.', messageEn: 'The file has no data lines.' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
