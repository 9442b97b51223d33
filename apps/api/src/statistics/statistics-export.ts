/**
 * The statistics table as files, in the report's layout: TT, Năm, Lĩnh vực, Điển hình (Tập thể, Cá nhân
 * [, Hộ gia đình]), Hình thức tôn vinh, Ghi chú; a subtotal line after each year and the grand total last.
 * Counts are numbers (never text) and an unknown figure is an empty cell with a note, never 0.
 * A year of the range without any figure is one line of empty cells saying so. Under the grand total, for each
 * imported file, the totals its source prints and the differences from the sums of its rows, in the same columns.
 * Vietnamese headers first, English beneath (Excel) or beside (CSV).
 */
import type { StatisticsFigures as Figures, StatisticsRow as TableRow, StatisticsTable } from '#contracts';
import { lazyModule } from '../common/lazy-module.js';

/** exceljs, loaded by the first workbook read or written. */
const loadExcel = lazyModule(() => import('exceljs'));

const UNKNOWN_NOTE = { vi: 'Chưa rõ số liệu (ô trống trong nguồn)', en: 'Unknown (blank in the source)' };
const SOURCE_NOTES = {
  LIVE: 'Số liệu trong hệ thống / Live data',
  IMPORT: 'Số liệu nhập (lịch sử) / Imported history',
  CONFLICT: 'Xung đột: có cả số liệu nhập và số liệu trong hệ thống; hiển thị số liệu nhập / Conflict: imported and live figures; imported shown',
} as const;
const NO_FIGURES = {
  label: 'Không có số liệu',
  note: 'Năm không có số liệu: không có điển hình được công nhận trong hệ thống, không có trong tệp nhập / No figures: none recognised in the system, none imported',
};

/** One line of the exported layout, shared by both formats. */
interface Line {
  kind: 'row' | 'subtotal' | 'total' | 'source';
  tt: number | null;
  year: number | null;
  /** Rows of the same year: the first carries TT, the year and the honouring forms. */
  firstOfYear: boolean;
  yearSpan: number;
  label: string;
  figures: Figures;
  forms: string;
  note: string;
}

/** The series' events marked on the year they happened in (a merger of provinces, its document). */
const eventsOf = (table: StatisticsTable, year: number | null) => table.seriesEvents.filter((e) => e.year === year).map((e) => e.message.vi);

function linesOf(table: StatisticsTable): Line[] {
  const lines: Line[] = [];
  const shownYears = new Set(table.years.map((y) => y.year));
  for (const y of table.years) {
    if (y.source === 'NONE') {
      const empty = { collective: null, individual: null, ...(table.filters.separateHouseholds ? { household: null } : {}) };
      lines.push({ kind: 'row', tt: y.tt, year: y.year, firstOfYear: true, yearSpan: 1, label: NO_FIGURES.label, figures: empty, forms: '', note: [NO_FIGURES.note, ...eventsOf(table, y.year)].join('; ') });
      continue;
    }
    y.rows.forEach((r: TableRow, i) => {
      lines.push({
        kind: 'row',
        tt: y.tt,
        year: y.year,
        firstOfYear: i === 0,
        yearSpan: y.rows.length,
        label: r.fieldLabel.vi,
        figures: r,
        forms: y.honouringFormsText.vi,
        note: r.unknown.length ? `${UNKNOWN_NOTE.vi}: ${r.unknown.map((c) => (c === 'COLLECTIVE' ? 'Tập thể' : 'Cá nhân')).join(', ')}` : '',
      });
    });
    lines.push({
      kind: 'subtotal',
      tt: null,
      year: y.year,
      firstOfYear: false,
      yearSpan: 0,
      label: `Cộng năm ${y.year}`,
      figures: y.subtotal,
      forms: '',
      note: [SOURCE_NOTES[y.source as keyof typeof SOURCE_NOTES], y.subtotal.unknownCells ? `${y.subtotal.unknownCells} ô chưa rõ số liệu` : '', ...eventsOf(table, y.year)].filter(Boolean).join('; '),
    });
  }
  lines.push({
    kind: 'total',
    tt: null,
    year: null,
    firstOfYear: false,
    yearSpan: 0,
    label: 'Tổng cộng',
    figures: table.total,
    forms: '',
    note: [
      table.total.unknownCells ? `${table.total.unknownCells} ô chưa rõ số liệu, không tính vào tổng` : '',
      // An event in a year the table has no row for is noted on the total line.
      ...table.seriesEvents.filter((e) => !shownYears.has(e.year)).map((e) => e.message.vi),
    ]
      .filter(Boolean)
      .join('; '),
  });
  // The source's own printed totals, and how far the sums of its rows are from them (printed − computed).
  for (const b of table.sourceTotals) {
    const column = (code: 'COLLECTIVE' | 'INDIVIDUAL') => b.columns.find((c) => c.column === code)!;
    const [c, i] = [column('COLLECTIVE'), column('INDIVIDUAL')];
    const base = { tt: null, year: null, firstOfYear: false, yearSpan: 0, forms: '' } as const;
    lines.push({
      ...base,
      kind: 'source',
      label: `Tổng số in trong nguồn (${b.fileName}, ${b.yearFrom}-${b.yearTo})`,
      figures: { collective: c.stated, individual: i.stated },
      note: `Cộng từ các dòng của tệp: ${c.computed} tập thể, ${i.computed} cá nhân${c.blankCells + i.blankCells ? `; ${c.blankCells + i.blankCells} ô trống không tính` : ''} / Printed total of the source; the file's rows add up to ${c.computed} collectives, ${i.computed} individuals`,
    });
    lines.push({
      ...base,
      kind: 'source',
      label: 'Chênh lệch: số in trong nguồn trừ tổng cộng từ các dòng',
      figures: { collective: c.difference, individual: i.difference },
      note: c.difference === null && i.difference === null ? 'Nguồn không nêu tổng số / The source states no totals' : 'Difference: printed minus computed',
    });
  }
  return lines;
}

function figureColumns(table: StatisticsTable): (keyof Figures)[] {
  return table.filters.separateHouseholds ? ['collective', 'individual', 'household'] : ['collective', 'individual'];
}

export async function toXlsx(table: StatisticsTable): Promise<Buffer> {
  // exceljs is loaded by the first workbook written, not at start.
  const { Workbook } = (await loadExcel()).default;
  const workbook = new Workbook();
  workbook.creator = 'Điển hình tiên tiến';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('Thống kê', { views: [{ state: 'frozen', ySplit: HEADER_ROWS }] });
  const counts = figureColumns(table);
  const width = 3 + counts.length + 2;
  const last = sheet.getColumn(width).letter;
  const formsCol = 4 + counts.length;
  const noteCol = formsCol + 1;

  const titled = (row: number, text: string, bold: boolean) => {
    sheet.mergeCells(`A${row}:${last}${row}`);
    const cell = sheet.getCell(`A${row}`);
    cell.value = text;
    cell.font = { bold, italic: !bold };
    cell.alignment = { horizontal: 'center', wrapText: true };
  };
  titled(1, 'BẢNG THỐNG KÊ', true);
  titled(2, table.title.vi.replace(/^BẢNG THỐNG KÊ /, ''), true);
  titled(3, table.title.en, false);
  titled(4, `Phạm vi / Scope: ${table.scope.vi} / ${table.scope.en}`, false);

  // Two header rows as in the report ("Điển hình" over Tập thể / Cá nhân), then the English row.
  const h1 = 6;
  const h2 = 7;
  const h3 = 8;
  const heads: [number, string, string][] = [
    [1, 'TT', 'No.'],
    [2, 'Năm', 'Year'],
    [3, 'Lĩnh vực', 'Field'],
    [formsCol, 'Hình thức tôn vinh', 'Honouring forms'],
    [noteCol, 'Ghi chú', 'Notes'],
  ];
  for (const [col, vi] of heads) {
    sheet.mergeCells(h1, col, h2, col);
    sheet.getCell(h1, col).value = vi;
  }
  sheet.mergeCells(h1, 4, h1, 3 + counts.length);
  sheet.getCell(h1, 4).value = 'Điển hình';
  const countHeads = { collective: ['Tập thể', 'Collective'], individual: ['Cá nhân', 'Individual'], household: ['Hộ gia đình', 'Household'] } as const;
  counts.forEach((c, i) => {
    sheet.getCell(h2, 4 + i).value = countHeads[c][0];
    sheet.getCell(h3, 4 + i).value = countHeads[c][1];
  });
  for (const [col, , en] of heads) sheet.getCell(h3, col).value = en;
  for (const r of [h1, h2, h3]) {
    sheet.getRow(r).eachCell((cell) => {
      cell.font = { bold: r !== h3, italic: r === h3 };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
  }

  let row = HEADER_ROWS + 1;
  for (const line of linesOf(table)) {
    const cells = sheet.getRow(row);
    if (line.kind === 'row' && line.firstOfYear) {
      cells.getCell(1).value = line.tt;
      cells.getCell(2).value = line.year;
      cells.getCell(formsCol).value = line.forms;
      if (line.yearSpan > 1) {
        sheet.mergeCells(row, 1, row + line.yearSpan - 1, 1);
        sheet.mergeCells(row, 2, row + line.yearSpan - 1, 2);
        sheet.mergeCells(row, formsCol, row + line.yearSpan - 1, formsCol);
      }
    }
    cells.getCell(3).value = line.label;
    counts.forEach((c, i) => {
      const value = line.figures[c];
      const cell = cells.getCell(4 + i);
      // Numbers as numbers; an unknown figure stays an empty cell.
      cell.value = value === null || value === undefined ? null : value;
      cell.numFmt = '#,##0';
    });
    cells.getCell(noteCol).value = line.note || null;
    if (line.kind !== 'row') cells.font = { bold: true };
    for (const col of [1, 2, formsCol]) cells.getCell(col).alignment = { vertical: 'top', wrapText: true };
    row++;
  }
  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 7;
  sheet.getColumn(3).width = 45;
  counts.forEach((_, i) => (sheet.getColumn(4 + i).width = 11));
  sheet.getColumn(formsCol).width = 60;
  sheet.getColumn(noteCol).width = 40;

  const notes = workbook.addWorksheet('Ghi chú');
  notes.getColumn(1).width = 120;
  [...table.seriesEvents.flatMap((e) => [e.message.vi, e.message.en]), table.countingRule.vi, table.countingRule.en, ...(table.historical.note ? [table.historical.note.vi, table.historical.note.en] : []), ...table.conflicts.flatMap((c) => [c.message.vi, c.message.en])].forEach(
    (text, i) => {
      notes.getCell(i + 1, 1).value = text;
      notes.getCell(i + 1, 1).alignment = { wrapText: true };
    },
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows above the data: title (4), a blank line, and the three header rows. */
export const HEADER_ROWS = 8;

/** CSV, UTF-8 with a byte-order mark so that Excel opens the Vietnamese text correctly; CRLF line ends (RFC 4180). */
export function toCsv(table: StatisticsTable): Buffer {
  const counts = figureColumns(table);
  const head = [
    'TT / No.',
    'Năm / Year',
    'Lĩnh vực / Field',
    ...counts.map((c) => ({ collective: 'Tập thể / Collective', individual: 'Cá nhân / Individual', household: 'Hộ gia đình / Household' })[c]),
    'Hình thức tôn vinh / Honouring forms',
    'Ghi chú / Notes',
  ];
  const out = [head];
  for (const line of linesOf(table)) {
    out.push([
      line.kind === 'row' && line.firstOfYear ? String(line.tt) : '',
      line.year === null ? '' : String(line.year),
      line.label,
      // Plain digits: a thousands separator would make spreadsheets read the count as text or a fraction.
      ...counts.map((c) => (line.figures[c] === null || line.figures[c] === undefined ? '' : String(line.figures[c]))),
      line.firstOfYear ? line.forms : '',
      line.note,
    ]);
  }
  const text = out.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
