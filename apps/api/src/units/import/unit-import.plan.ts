/**
 * The bulk import of a unit tree, as pure functions: the template's columns, reading the file's lines into rows
 * (every problem an error naming the line and the column by its Vietnamese header), and the plan that compares
 * the rows with the tree as it is: what would be created, renamed or found unchanged. No I/O here; the service
 * reads the tree, asks for the plan, and applies it in one transaction.
 *
 * A unit is identified by its code (Mã đơn vị): importing the same file twice finds every line unchanged. A line
 * whose code exists with another name is a rename (recorded as one, with the old name), never a silent
 * overwrite. A line that would change an existing unit's level, sector or parent is refused: moving a unit is a
 * reorganisation (with its date and document), not an import.
 */
import { SECTORS, UNIT_LEVELS, foldVietnamese, type Sector, type UnitLevel } from '#domain';

/** The template's columns, in order: the Vietnamese header (what the errors name), and the headers also accepted. */
export const UNIT_IMPORT_COLUMNS = {
  code: { vi: 'Mã đơn vị', en: 'Code', aliases: ['code', 'ma'] },
  name: { vi: 'Tên đơn vị', en: 'Name', aliases: ['name', 'ten'] },
  level: { vi: 'Cấp', en: 'Level', aliases: ['level', 'kind', 'cap don vi', 'loai'] },
  sector: { vi: 'Khối', en: 'Sector', aliases: ['sector'] },
  parentCode: { vi: 'Mã đơn vị cấp trên', en: 'Parent code', aliases: ['parent code', 'parent_code', 'parentcode', 'ma cap tren'] },
  note: { vi: 'Ghi chú', en: 'Note', aliases: ['note'] },
} as const;
export type UnitImportColumn = keyof typeof UNIT_IMPORT_COLUMNS;
const REQUIRED: UnitImportColumn[] = ['code', 'name', 'level', 'sector', 'parentCode'];

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;
export const NAME_MAX = 300;
export const MAX_LINES = 5000;
const MAX_ERRORS = 200;

export interface ImportLineError {
  /** The file's line (1 is the header); null for the file as a whole. */
  line: number | null;
  /** The column's Vietnamese header; null for the line as a whole. */
  column: string | null;
  value?: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface ImportRow {
  line: number;
  code: string;
  name: string;
  level: UnitLevel;
  sector: Sector;
  parentCode: string | null;
}

/** The tree as it is, as far as the plan needs it. */
export interface ExistingUnit {
  id: string;
  code: string | null;
  name: string;
  level: UnitLevel;
  sector: Sector;
  parentId: string | null;
  version: number;
}

export type PlanAction = 'CREATE' | 'RENAME' | 'UNCHANGED';

export interface PlanItem {
  line: number;
  action: PlanAction;
  code: string;
  name: string;
  /** The name the unit has now (renames). */
  previousName: string | null;
  level: UnitLevel;
  sector: Sector;
  parentCode: string | null;
  /** The existing unit (renames and unchanged lines). */
  unitId: string | null;
  /** The version the plan saw (renames and unchanged lines): applying refuses when it has moved on. */
  version: number | null;
}

export interface Plan {
  items: PlanItem[];
  errors: ImportLineError[];
}

const fold = (s: string) => foldVietnamese(s.normalize('NFC')).trim().replace(/\s+/g, ' ');

function headerColumn(header: string): UnitImportColumn | null {
  const h = fold(header);
  for (const [key, c] of Object.entries(UNIT_IMPORT_COLUMNS) as [UnitImportColumn, (typeof UNIT_IMPORT_COLUMNS)[UnitImportColumn]][]) {
    if (fold(c.vi) === h || fold(c.en) === h || (c.aliases as readonly string[]).includes(h)) return key;
  }
  return null;
}

/** A level or sector named by its code or its Vietnamese or English label (accents and case do not matter). */
function codeOf<T extends string>(list: readonly { code: T; vi: string; en: string }[], text: string): T | null {
  const f = fold(text);
  return list.find((x) => x.code.toLowerCase() === f || fold(x.vi) === f || fold(x.en) === f)?.code ?? null;
}

const levelWords = UNIT_LEVELS.map((l) => `${l.code} (${l.vi})`).join(', ');
const sectorWords = SECTORS.map((s) => `${s.code} (${s.vi})`).join(', ');

/** Reads the file's lines (the first is the header) into rows, or the errors by line and column. */
export function readRows(lines: string[][]): { rows: ImportRow[]; errors: ImportLineError[] } {
  const errors: ImportLineError[] = [];
  const fail = (e: ImportLineError) => {
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  const header = lines[0] ?? [];
  const index = new Map<UnitImportColumn, number>();
  header.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const column = headerColumn(raw);
    if (!column) {
      fail({ line: 1, column: raw, value: raw, code: 'unknownColumn', message: `Dòng 1: cột "${raw}" không thuộc mẫu nhập đơn vị.`, messageEn: `Line 1: column "${raw}" is not part of the unit import template.` });
    } else if (index.has(column)) {
      fail({ line: 1, column: UNIT_IMPORT_COLUMNS[column].vi, value: raw, code: 'duplicateColumn', message: `Dòng 1: cột "${UNIT_IMPORT_COLUMNS[column].vi}" xuất hiện hai lần.`, messageEn: `Line 1: column "${UNIT_IMPORT_COLUMNS[column].en}" appears twice.` });
    } else index.set(column, i);
  });
  for (const c of REQUIRED) {
    if (!index.has(c)) fail({ line: 1, column: UNIT_IMPORT_COLUMNS[c].vi, code: 'missingColumn', message: `Dòng 1: thiếu cột "${UNIT_IMPORT_COLUMNS[c].vi}".`, messageEn: `Line 1: the column "${UNIT_IMPORT_COLUMNS[c].en}" is missing.` });
  }
  if (errors.length > 0) return { rows: [], errors };
  if (lines.length - 1 > MAX_LINES) {
    return { rows: [], errors: [{ line: null, column: null, code: 'tooManyLines', message: `Tệp có quá ${MAX_LINES} dòng.`, messageEn: `The file has more than ${MAX_LINES} lines.` }] };
  }

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!;
    const line = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const get = (c: UnitImportColumn) => (index.has(c) ? (cells[index.get(c)!] ?? '').normalize('NFC').trim().replace(/\s+/g, ' ') : '');
    const cellError = (c: UnitImportColumn, value: string, code: string, vi: string, en: string) =>
      fail({ line, column: UNIT_IMPORT_COLUMNS[c].vi, value, code, message: `Dòng ${line}, cột "${UNIT_IMPORT_COLUMNS[c].vi}": ${vi}`, messageEn: `Line ${line}, column "${UNIT_IMPORT_COLUMNS[c].en}": ${en}` });
    let ok = true;

    const code = get('code').toUpperCase();
    if (code === '') {
      cellError('code', code, 'required', 'bắt buộc phải có mã đơn vị.', 'a unit code is required.');
      ok = false;
    } else if (!CODE_PATTERN.test(code)) {
      cellError('code', code, 'codeFormat', `"${code}" không hợp lệ (1–40 ký tự: chữ in hoa không dấu, chữ số, "-" hoặc "_").`, `"${code}" is not valid (1–40 upper-case letters, digits, - or _).`);
      ok = false;
    } else if (seen.has(code)) {
      cellError('code', code, 'duplicateCode', `mã "${code}" đã có ở dòng ${seen.get(code)}.`, `code "${code}" already appears on line ${seen.get(code)}.`);
      ok = false;
    } else seen.set(code, line);

    const name = get('name');
    if (name === '') {
      cellError('name', name, 'required', 'bắt buộc phải có tên đơn vị.', 'a unit name is required.');
      ok = false;
    } else if (name.length > NAME_MAX) {
      cellError('name', name.slice(0, 40), 'nameTooLong', `tên dài quá ${NAME_MAX} ký tự.`, `the name is longer than ${NAME_MAX} characters.`);
      ok = false;
    }

    const levelText = get('level');
    const level = codeOf(UNIT_LEVELS, levelText);
    if (!level) {
      cellError('level', levelText, 'level', `"${levelText}" không phải cấp đơn vị trong danh mục (${levelWords}).`, `"${levelText}" is not a unit level of the catalogue.`);
      ok = false;
    }
    const sectorText = get('sector');
    const sector = codeOf(SECTORS, sectorText);
    if (!sector) {
      cellError('sector', sectorText, 'sector', `"${sectorText}" không phải khối trong danh mục (${sectorWords}).`, `"${sectorText}" is not a sector of the catalogue.`);
      ok = false;
    }
    const parentText = get('parentCode').toUpperCase();
    if (parentText !== '' && !CODE_PATTERN.test(parentText)) {
      cellError('parentCode', parentText, 'codeFormat', `"${parentText}" không phải mã đơn vị hợp lệ.`, `"${parentText}" is not a valid unit code.`);
      ok = false;
    } else if (parentText !== '' && parentText === code) {
      cellError('parentCode', parentText, 'parentSelf', 'đơn vị không thể là cấp trên của chính nó.', 'a unit cannot be its own parent.');
      ok = false;
    } else if (level === 'PROVINCE' && parentText !== '') {
      cellError('parentCode', parentText, 'provinceParent', 'đơn vị cấp tỉnh không có đơn vị cấp trên (để trống).', 'the province has no parent unit (leave it blank).');
      ok = false;
    } else if (level && level !== 'PROVINCE' && parentText === '') {
      cellError('parentCode', parentText, 'parentRequired', 'bắt buộc, chỉ đơn vị cấp tỉnh mới không có đơn vị cấp trên.', 'required: only the province has no parent unit.');
      ok = false;
    }
    if (ok) rows.push({ line, code, name, level: level!, sector: sector!, parentCode: parentText || null });
  }
  if (errors.length === 0 && rows.length === 0) {
    fail({ line: null, column: null, code: 'empty', message: 'Tệp không có dòng đơn vị nào.', messageEn: 'The file has no unit lines.' });
  }
  return { rows, errors };
}

/**
 * The plan: each row against the tree as it is (existing units by code). Parents come before their children in
 * the items (a parent may be a line of the file or an existing unit); a cycle among the file's lines is an error.
 */
export function planImport(rows: ImportRow[], existing: ExistingUnit[]): Plan {
  const errors: ImportLineError[] = [];
  const byCode = new Map(existing.filter((u) => u.code !== null).map((u) => [u.code!, u]));
  const byId = new Map(existing.map((u) => [u.id, u]));
  const inFile = new Map(rows.map((r) => [r.code, r]));
  const col = UNIT_IMPORT_COLUMNS;
  const cellError = (r: ImportRow, c: UnitImportColumn, value: string, code: string, vi: string, en: string) =>
    errors.push({ line: r.line, column: col[c].vi, value, code, message: `Dòng ${r.line}, cột "${col[c].vi}": ${vi}`, messageEn: `Line ${r.line}, column "${col[c].en}": ${en}` });

  const items = new Map<string, PlanItem>();
  for (const r of rows) {
    const unit = byCode.get(r.code);
    let ok = true;
    if (r.parentCode !== null && !inFile.has(r.parentCode) && !byCode.has(r.parentCode)) {
      cellError(r, 'parentCode', r.parentCode, 'parentNotFound', `không có đơn vị mã "${r.parentCode}" trong tệp hay trong hệ thống.`, `no unit with code "${r.parentCode}" in the file or the system.`);
      ok = false;
    }
    if (unit) {
      const levelLabel = UNIT_LEVELS.find((l) => l.code === unit.level)!.vi;
      const sectorLabel = SECTORS.find((s) => s.code === unit.sector)!.vi;
      if (unit.level !== r.level) {
        cellError(r, 'level', r.level, 'levelDiffers', `đơn vị "${r.code}" đang là cấp "${levelLabel}"; nhập tệp không đổi cấp đơn vị.`, `unit "${r.code}" is at level ${unit.level}; an import does not change a unit's level.`);
        ok = false;
      }
      if (unit.sector !== r.sector) {
        cellError(r, 'sector', r.sector, 'sectorDiffers', `đơn vị "${r.code}" đang thuộc khối "${sectorLabel}"; nhập tệp không đổi khối.`, `unit "${r.code}" is in sector ${unit.sector}; an import does not change a unit's sector.`);
        ok = false;
      }
      const parentNow = unit.parentId ? (byId.get(unit.parentId)?.code ?? null) : null;
      const parentNowName = unit.parentId ? (byId.get(unit.parentId)?.name ?? '') : '';
      if ((unit.parentId === null) !== (r.parentCode === null) || (r.parentCode !== null && parentNow !== r.parentCode)) {
        cellError(
          r,
          'parentCode',
          r.parentCode ?? '',
          'parentDiffers',
          `đơn vị "${r.code}" đang trực thuộc ${unit.parentId ? `"${parentNowName}"${parentNow ? ` (mã ${parentNow})` : ''}` : 'không đơn vị nào'}; chuyển đơn vị là thao tác sắp xếp (có ngày hiệu lực và văn bản), không làm qua nhập tệp.`,
          `unit "${r.code}" sits under ${unit.parentId ? `"${parentNowName}"` : 'no unit'}; moving a unit is a reorganisation (with its date and document), not an import.`,
        );
        ok = false;
      }
      if (ok) {
        items.set(r.code, {
          line: r.line,
          action: unit.name === r.name ? 'UNCHANGED' : 'RENAME',
          code: r.code,
          name: r.name,
          previousName: unit.name === r.name ? null : unit.name,
          level: r.level,
          sector: r.sector,
          parentCode: r.parentCode,
          unitId: unit.id,
          version: unit.version,
        });
      }
    } else if (ok) {
      items.set(r.code, { line: r.line, action: 'CREATE', code: r.code, name: r.name, previousName: null, level: r.level, sector: r.sector, parentCode: r.parentCode, unitId: null, version: null });
    }
  }
  // Parents first; a cycle among the file's lines is an error on the line that closes it.
  const ordered: PlanItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (code: string, trail: string[]): boolean => {
    const s = state.get(code);
    if (s === 'done') return true;
    const item = items.get(code);
    // A parent line with errors of its own: the error is reported there (and nothing is applied).
    if (!item) return true;
    if (s === 'visiting') {
      const row = inFile.get(code)!;
      cellError(row, 'parentCode', row.parentCode ?? '', 'cycle', `các đơn vị ${[...trail, code].join(' → ')} là cấp trên của nhau theo vòng tròn.`, `units ${[...trail, code].join(' → ')} are each other's parents in a cycle.`);
      return false;
    }
    state.set(code, 'visiting');
    const ok = item.parentCode === null || !inFile.has(item.parentCode) ? true : visit(item.parentCode, [...trail, code]);
    state.set(code, 'done');
    if (ok) ordered.push(item);
    return ok;
  };
  for (const r of rows) visit(r.code, []);
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { items: ordered, errors };
}
