/**
 * The report's statistics table: the historical import of the report's own data (test/fixtures, a byte-for-byte
 * copy of the shared reference file), the table it produces, live years joined to it as one series, conflicts,
 * filters and reach, and the Excel and CSV exports read back cell by cell.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { FIELDS, HonouringFormCodes } from '#domain';
import { parseCsv } from '../apps/api/src/statistics/import-parser.js';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD, fixture, importStatistics, newCandidate, newUnit, pdfBytes, sendEvent } from './support/factories.js';

const CSV = fixture('bac-giang-exemplars-2014-2023.csv');
const FILE_NAME = 'bac-giang-exemplars-2014-2023.csv';
const STATED = (JSON.parse(fixture('totals.json').toString('utf8')) as { statedTotals: { collective: number; individual: number } }).statedTotals;

interface Cell {
  year: number;
  field: string;
  collective: number | null;
  individual: number | null;
}
/** The printed cells, read from the fixture independently of the application's parser. */
const PRINTED: Cell[] = CSV.toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [year, field, collective, individual] = line.split(',');
    return { year: Number(year), field: field!, collective: collective ? Number(collective) : null, individual: individual ? Number(individual) : null };
  });
const YEARS = [...new Set(PRINTED.map((c) => c.year))];
const sum = (cells: Cell[], k: 'collective' | 'individual') => cells.reduce((s, c) => s + (c[k] ?? 0), 0);
const FIELD_ORDER = FIELDS.map((f) => f.code);

let t: TestApp;
let districtA: string;
let districtB: string;
let headOfA: ActorClient;
let firstImportId: string;

beforeAll(async () => {
  t = await startTestApp();
  districtA = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  districtB = (await newUnit(t, { name: 'Công ty Điện lực Bắc Giang', level: 'ENTERPRISE', sector: 'ENTERPRISE' })).id;
  headOfA = await t.newAccount('truong-lang-giang', 'UNIT_HEAD', districtA);
});
afterAll(async () => {
  await t?.close();
});

const table = (query = '', actor: string | ActorClient = SECRETARY) => (typeof actor === 'string' ? t.as(actor) : actor).get(`/api/statistics/exemplars${query}`);

describe('the fixture, as printed', () => {
  it('has the faults the report has: one blank row, and rows that do not add up to the stated totals', () => {
    expect(PRINTED).toHaveLength(70);
    expect(PRINTED.filter((c) => c.collective === null || c.individual === null)).toEqual([{ year: 2018, field: 'ECONOMY', collective: null, individual: null }]);
    expect([sum(PRINTED, 'collective'), sum(PRINTED, 'individual')]).toEqual([10824, 17645]);
    expect(STATED).toEqual({ collective: 10984, individual: 17889 });
  });
});

describe('historical import', () => {
  it('imports the report’s table with its stated totals, reporting the blank cells and the exact differences', async () => {
    // The totals typed as the report prints them: "10.984" (Vietnamese thousands) and "17 889".
    const res = await importStatistics(t, CSV, 'bac-giang-exemplars-2014-2023.csv', { collective: '10.984', individual: '17 889' });
    expect(res.status).toBe(201);
    firstImportId = res.body.import.id;
    expect(res.body).toMatchObject({
      created: true,
      rows: 70,
      years: YEARS,
      import: { sha256: createHash('sha256').update(CSV).digest('hex'), format: 'CSV', statedTotals: STATED, importedBy: SECRETARY },
    });
    expect(res.body.blankCells).toMatchObject([
      { line: 30, year: 2018, field: 'ECONOMY', column: 'COLLECTIVE', fieldLabel: { vi: 'Kinh tế' }, columnLabel: { vi: 'Tập thể' } },
      { line: 30, year: 2018, field: 'ECONOMY', column: 'INDIVIDUAL', fieldLabel: { vi: 'Kinh tế' }, columnLabel: { vi: 'Cá nhân' } },
    ]);
    expect(res.body.totals).toMatchObject([
      { column: 'COLLECTIVE', rowsSum: 10824, blankCells: 1, stated: 10984, difference: 160 },
      { column: 'INDIVIDUAL', rowsSum: 17645, blankCells: 1, stated: 17889, difference: 244 },
    ]);
    expect(res.body.message.vi).toContain('Tập thể 10.824 so với 10.984 (chênh 160)');
    expect(res.body.message.vi).toContain('Cá nhân 17.645 so với 17.889 (chênh 244)');
    expect(res.body.message.vi).toContain('dòng 30 (2018, Kinh tế)');

    // Blank means unknown: NULL in the database, never 0.
    const stored = await t.dataSource.query(`SELECT collective, individual FROM statistics_import_row WHERE import_id = $1 AND year = 2018 AND field = 'ECONOMY'`, [firstImportId]);
    expect(stored).toEqual([{ collective: null, individual: null }]);
  });

  it('is audited in the statistics:import stream with the file’s hash and what it found', async () => {
    const records = await t.dataSource.query(`SELECT seq, event_type, actor, payload, prev_hash FROM audit_event WHERE stream = 'statistics:import' ORDER BY seq`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      seq: 1,
      event_type: 'STATISTICS_IMPORTED',
      actor: SECRETARY,
      prev_hash: null,
      payload: {
        importId: firstImportId,
        sha256: createHash('sha256').update(CSV).digest('hex'),
        rows: 70,
        totals: [
          { column: 'COLLECTIVE', rowsSum: 10824, stated: 10984, difference: 160, blankCells: 1 },
          { column: 'INDIVIDUAL', rowsSum: 17645, stated: 17889, difference: 244, blankCells: 1 },
        ],
      },
    });
  });

  it('importing the same file again changes nothing and says so', async () => {
    const counts = () =>
      t.dataSource.query(
        `SELECT (SELECT count(*) FROM statistics_import)::int AS batches, (SELECT count(*) FROM statistics_import_row)::int AS rows,
                (SELECT count(*) FROM audit_event WHERE stream = 'statistics:import')::int AS audits`,
      );
    const before = await counts();
    const res = await importStatistics(t, CSV, 'ten-khac.csv', { collective: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: false, statedTotalsIgnored: true, import: { id: firstImportId, fileName: 'bac-giang-exemplars-2014-2023.csv', statedTotals: STATED } });
    expect(res.body.message.vi).toContain('không có gì thay đổi');
    expect(res.body.totals[0]).toMatchObject({ rowsSum: 10824, difference: 160 });
    expect(await counts()).toEqual(before);
  });

  it('reads back the batch and lists it, for the council, its secretariat and auditors', async () => {
    const one = await t.as(AUDITOR).get(`/api/statistics/imports/${firstImportId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ rows: 70, totals: [{ difference: 160 }, { difference: 244 }] });
    const list = await t.as(COUNCIL_MEMBER).get('/api/statistics/imports');
    expect(list.body.items).toMatchObject([{ id: firstImportId, rows: 70, yearFrom: 2014, yearTo: 2023, statedTotals: STATED }]);
    expect((await t.as(SECRETARY).get('/api/statistics/imports/00000000-0000-4000-8000-000000000000')).body.code).toBe('IMPORT_NOT_FOUND');
  });
});

describe('the statistics table', () => {
  it('reproduces every printed cell of the report, with TT, Vietnamese labels and all eight honouring forms', async () => {
    const res = await table('?yearFrom=2014&yearTo=2023');
    expect(res.status).toBe(200);
    expect(res.body.columns.map((c: { vi: string }) => c.vi)).toEqual(['Tập thể', 'Cá nhân']);
    expect(res.body.title.vi).toBe('BẢNG THỐNG KÊ điển hình tiên tiến trong các phong trào thi đua yêu nước, giai đoạn 2014-2023');
    expect(res.body.historical).toEqual({ included: true, note: null });
    expect(res.body.years.map((y: { tt: number; year: number; source: string }) => [y.tt, y.year, y.source])).toEqual(YEARS.map((y, i) => [i + 1, y, 'IMPORT']));
    for (const y of res.body.years as { year: number; rows: { field: string; fieldLabel: { vi: string }; collective: number | null; individual: number | null }[] }[]) {
      const printed = PRINTED.filter((c) => c.year === y.year);
      expect(y.rows.map((r) => ({ year: y.year, field: r.field, collective: r.collective, individual: r.individual }))).toEqual(printed);
      expect(y.rows.map((r) => r.field)).toEqual(FIELD_ORDER);
      expect(y.rows.map((r) => r.fieldLabel.vi)).toEqual(FIELDS.map((f) => f.vi));
    }
    // 2020's cell lost "tại mô hình" only to a page break: the import's default is all eight forms.
    for (const y of res.body.years) expect(y.honouringForms.map((f: { code: string }) => f.code)).toEqual(HonouringFormCodes);
    expect(res.body.years[0].honouringFormsText.vi).toContain('Báo Bắc Giang; Đài Phát thanh - Truyền hình tỉnh; Báo Trung ương');
  });

  it('gives per-year subtotals and the grand total, leaving the blank cells out and counting them', async () => {
    const res = await table('?yearFrom=2014&yearTo=2023');
    expect(res.body.years.map((y: { year: number; subtotal: unknown }) => [y.year, y.subtotal])).toEqual(
      YEARS.map((year) => {
        const cells = PRINTED.filter((c) => c.year === year);
        return [year, { collective: sum(cells, 'collective'), individual: sum(cells, 'individual'), unknownCells: year === 2018 ? 2 : 0 }];
      }),
    );
    expect(res.body.years[4].rows[0]).toEqual({ field: 'ECONOMY', fieldLabel: { vi: 'Kinh tế', en: 'Economy' }, collective: null, individual: null, unknown: ['COLLECTIVE', 'INDIVIDUAL'] });
    expect(res.body.total).toEqual({ collective: 10824, individual: 17645, unknownCells: 2, honouringForms: expect.any(Array) });
    expect(res.body.unknownCells).toEqual([
      { year: 2018, field: 'ECONOMY', column: 'COLLECTIVE', reason: 'BLANK_CELL' },
      { year: 2018, field: 'ECONOMY', column: 'INDIVIDUAL', reason: 'BLANK_CELL' },
    ]);
    expect(res.body.conflicts).toEqual([]);
  });
});

describe('live data and imported history as one series', () => {
  let replicating: string;
  beforeAll(async () => {
    const recognisedA = await newCandidate(t, { unitId: districtA, kind: 'COLLECTIVE', field: 'ECONOMY', year: 2024, state: 'recognised' });
    replicating = (await newCandidate(t, { unitId: districtB, kind: 'COLLECTIVE', field: 'HEALTH', year: 2024, state: 'replicating' })).id;
    await newCandidate(t, { unitId: districtA, kind: 'INDIVIDUAL', field: 'ECONOMY', year: 2024, state: 'recognised' });
    await newCandidate(t, { unitId: districtA, kind: 'HOUSEHOLD', field: 'ECONOMY', year: 2024, state: 'replicationEnded' });
    // Not recognised: never counted.
    await newCandidate(t, { unitId: districtA, kind: 'INDIVIDUAL', field: 'HEALTH', year: 2024, state: 'underReview' });
    await newCandidate(t, { unitId: districtA, kind: 'COLLECTIVE', field: 'ECONOMY', year: 2024, state: 'rejected' });

    const honour = (id: string, form: string, correctsId?: string) =>
      sendEvent(t, id, 'RECORD_HONOURING', { form, date: '2024-11-20', outlet: 'Báo Bắc Giang', title: 'Gương sáng', ...(correctsId ? { correctsId } : {}) });
    expect((await honour(recognisedA.id, 'PROVINCIAL_NEWSPAPER')).status).toBe(200);
    expect((await honour(replicating, 'SOCIAL_MEDIA')).status).toBe(200);
    expect((await honour(replicating, 'AT_CONFERENCE')).status).toBe(200);
    const [wrong] = await t.dataSource.query(`SELECT id FROM honouring_record WHERE form = 'AT_CONFERENCE'`);
    // Corrected: the conference was in fact a visit to the model's site. Only the correction counts.
    expect((await honour(replicating, 'AT_MODEL_SITE', wrong.id)).status).toBe(200);
  });

  it('a live year follows the imported ones: counted from recognised exemplars only, households with individuals', async () => {
    const res = await table();
    const last = res.body.years.at(-1);
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual([...YEARS, 2024]);
    expect(last).toMatchObject({ tt: 11, year: 2024, source: 'LIVE', importId: null, subtotal: { collective: 2, individual: 2, unknownCells: 0 } });
    expect(last.rows.map((r: { field: string; collective: number; individual: number }) => [r.field, r.collective, r.individual])).toEqual(
      FIELD_ORDER.map((f) => [f, f === 'ECONOMY' || f === 'HEALTH' ? 1 : 0, f === 'ECONOMY' ? 2 : 0]),
    );
    expect(last.honouringForms.map((f: { code: string }) => f.code)).toEqual(['PROVINCIAL_NEWSPAPER', 'SOCIAL_MEDIA', 'AT_MODEL_SITE']);
    expect(res.body.total).toMatchObject({ collective: 10824 + 2, individual: 17645 + 2, unknownCells: 2 });
    expect(res.body.title.vi).toContain('giai đoạn 2014-2024');
  });

  it('shows households apart on request; in imported years they are inside the individuals', async () => {
    const res = await table('?separateHouseholds=true');
    expect(res.body.columns.map((c: { code: string }) => c.code)).toEqual(['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD']);
    const last = res.body.years.at(-1);
    expect(last.rows[0]).toMatchObject({ field: 'ECONOMY', collective: 1, individual: 1, household: 1 });
    expect(last.subtotal).toEqual({ collective: 2, individual: 1, household: 1, unknownCells: 0 });
    expect(res.body.years[0].rows[0]).toMatchObject({ collective: 145, individual: 169, household: null });
    expect(res.body.total).toMatchObject({ collective: 10826, individual: 17646, household: 1 });
  });

  it('a year both imported and live is reported as a conflict and never summed', async () => {
    await newCandidate(t, { unitId: districtA, kind: 'COLLECTIVE', field: 'ECONOMY', year: 2016, state: 'recognised' });
    const res = await table();
    const y2016 = res.body.years.find((y: { year: number }) => y.year === 2016);
    expect(y2016).toMatchObject({ source: 'CONFLICT', importId: firstImportId, subtotal: { collective: 974, individual: 812 } });
    expect(y2016.rows[0]).toMatchObject({ field: 'ECONOMY', collective: 175, individual: 187 });
    expect(res.body.conflicts).toEqual([
      {
        year: 2016,
        shown: 'IMPORT',
        importId: firstImportId,
        imported: { collective: 974, individual: 812 },
        live: { collective: 1, individual: 0 },
        message: expect.objectContaining({ vi: expect.stringContaining('không cộng dồn') }),
      },
    ]);
    expect(res.body.total).toMatchObject({ collective: 10826, individual: 17647 });
    const report = await t.as(SECRETARY).get(`/api/statistics/imports/${firstImportId}`);
    expect(report.body.conflictingLiveYears).toEqual([2016]);
  });

  it('filters by unit subtree, sector, field and years; history (province-wide) only for the whole province', async () => {
    const ofA = await table(`?unitId=${districtA}`);
    expect(ofA.body.historical).toMatchObject({ included: false, note: { vi: expect.stringContaining('toàn tỉnh') } });
    // The years between keep their rows: empty cells, marked as years without figures (never dropped).
    expect(ofA.body.years.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual([
      [2016, 'LIVE'],
      ...[2017, 2018, 2019, 2020, 2021, 2022, 2023].map((year) => [year, 'NONE']),
      [2024, 'LIVE'],
    ]);
    expect(ofA.body.years.map((y: { tt: number }) => y.tt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(ofA.body.years[1]).toEqual({
      tt: 2,
      year: 2017,
      source: 'NONE',
      importId: null,
      rows: [],
      subtotal: { collective: null, individual: null, unknownCells: 0 },
      honouringForms: [],
      honouringFormsText: { vi: '', en: '' },
    });
    expect(ofA.body.years.at(-1).subtotal).toEqual({ collective: 1, individual: 2, unknownCells: 0 });
    expect(ofA.body.title.vi).toContain('giai đoạn 2016-2024');
    expect(ofA.body.sourceTotals).toEqual([]);
    expect(ofA.body.filters.unit).toEqual({ id: districtA, name: 'UBND huyện Lạng Giang' });

    const enterprises = await table('?sector=ENTERPRISE');
    expect(enterprises.body.historical.included).toBe(false);
    expect(enterprises.body.years).toHaveLength(1);
    expect(enterprises.body.years[0].rows.filter((r: { collective: number }) => r.collective > 0)).toMatchObject([{ field: 'HEALTH', collective: 1 }]);
    expect(enterprises.body.filters.sectorLabel.vi).toBe('Khối các doanh nghiệp');

    const health = await table('?field=HEALTH&yearFrom=2021&yearTo=2022');
    expect(health.body.years.map((y: { year: number; rows: unknown[] }) => [y.year, y.rows])).toEqual([
      [2021, [{ field: 'HEALTH', fieldLabel: { vi: 'Y tế', en: 'Health' }, collective: 910, individual: 5025, unknown: [] }]],
      [2022, [{ field: 'HEALTH', fieldLabel: { vi: 'Y tế', en: 'Health' }, collective: 152, individual: 392, unknown: [] }]],
    ]);
    expect(health.body.total).toMatchObject({ collective: 1062, individual: 5417 });

    // Years asked for without any figure: their rows, empty and marked; the title names the range asked for.
    const empty = await table('?yearFrom=2030&yearTo=2031');
    expect(empty.body.years.map((y: { year: number; source: string; rows: unknown[] }) => [y.year, y.source, y.rows])).toEqual([
      [2030, 'NONE', []],
      [2031, 'NONE', []],
    ]);
    expect(empty.body.title.vi).toContain('giai đoạn 2030-2031');
    expect((await table('?yearFrom=2024&yearTo=2024')).body.title.vi).toMatch(/, năm 2024$/);
    expect(empty.body.total).toMatchObject({ collective: 0, individual: 0, unknownCells: 0 });
    const backwards = await table('?yearFrom=2020&yearTo=2019');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toMatchObject([{ field: 'yearTo' }]);
  });

  it('a unit head reads their own subtree only; another unit is refused', async () => {
    const own = await table('', headOfA);
    expect(own.status).toBe(200);
    expect(own.body.historical.included).toBe(false);
    expect(own.body.years.map((y: { year: number }) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(own.body.scope.vi).toContain('Đơn vị của người dùng');
    const other = await table(`?unitId=${districtB}`, headOfA);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    // The fixture unit head sits at the province itself: the whole province, history included.
    expect((await table('?yearFrom=2014&yearTo=2023', UNIT_HEAD)).body.total).toMatchObject({ collective: 10824, individual: 17645 });
  });
});

describe('exports', () => {
  it('the Excel file has the report’s layout, numbers as numbers; read back cell by cell', async () => {
    const res = await t.as(AUDITOR).get('/api/statistics/exemplars/xlsx?yearFrom=2014&yearTo=2023').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Thống kê')!;
    const v = (address: string) => sheet.getCell(address).value;
    expect(v('A1')).toBe('BẢNG THỐNG KÊ');
    expect(v('A2')).toBe('điển hình tiên tiến trong các phong trào thi đua yêu nước, giai đoạn 2014-2023');
    expect(['A6', 'B6', 'C6', 'D6', 'F6', 'G6'].map(v)).toEqual(['TT', 'Năm', 'Lĩnh vực', 'Điển hình', 'Hình thức tôn vinh', 'Ghi chú']);
    expect(['D7', 'E7'].map(v)).toEqual(['Tập thể', 'Cá nhân']);
    expect(['A8', 'B8', 'C8', 'D8', 'E8', 'F8', 'G8'].map(v)).toEqual(['No.', 'Year', 'Field', 'Collective', 'Individual', 'Honouring forms', 'Notes']);
    expect(sheet.getCell('E6').master.address).toBe('D6');

    let row = 9;
    YEARS.forEach((year, i) => {
      const cells = PRINTED.filter((c) => c.year === year);
      const first = row;
      for (const c of cells) {
        const r = sheet.getRow(row);
        if (row === first) {
          expect([r.getCell(1).value, r.getCell(2).value]).toEqual([i + 1, year]);
          expect(String(r.getCell(6).value)).toContain('Báo Bắc Giang');
        } else {
          // TT, the year and the honouring forms span the year's rows, as in the report.
          expect([r.getCell(1).master.address, r.getCell(2).master.address, r.getCell(6).master.address]).toEqual([`A${first}`, `B${first}`, `F${first}`]);
        }
        expect(r.getCell(3).value).toBe(FIELDS.find((f) => f.code === c.field)!.vi);
        expect([r.getCell(4).value, r.getCell(5).value]).toEqual([c.collective, c.individual]);
        if (c.collective !== null) expect(typeof r.getCell(4).value).toBe('number');
        expect(r.getCell(7).value ?? null).toEqual(c.collective === null ? 'Chưa rõ số liệu (ô trống trong nguồn): Tập thể, Cá nhân' : null);
        row++;
      }
      const subtotal = sheet.getRow(row);
      expect([subtotal.getCell(3).value, subtotal.getCell(4).value, subtotal.getCell(5).value]).toEqual([`Cộng năm ${year}`, sum(cells, 'collective'), sum(cells, 'individual')]);
      // 2016 has a live exemplar too (above): the note says which figures are shown.
      expect(String(subtotal.getCell(7).value)).toContain(year === 2016 ? 'Xung đột' : 'Số liệu nhập (lịch sử)');
      row++;
    });
    const total = sheet.getRow(row);
    expect([total.getCell(3).value, total.getCell(4).value, total.getCell(5).value]).toEqual(['Tổng cộng', 10824, 17645]);
    expect(total.getCell(7).value).toBe('2 ô chưa rõ số liệu, không tính vào tổng');
    // The source's printed totals under the computed ones, in the same columns, and the differences.
    const printed = sheet.getRow(row + 1);
    expect([printed.getCell(3).value, printed.getCell(4).value, printed.getCell(5).value]).toEqual([`Tổng số in trong nguồn (${FILE_NAME}, 2014-2023)`, 10984, 17889]);
    expect(String(printed.getCell(7).value)).toContain('Cộng từ các dòng của tệp: 10824 tập thể, 17645 cá nhân; 2 ô trống không tính');
    const difference = sheet.getRow(row + 2);
    expect([difference.getCell(3).value, difference.getCell(4).value, difference.getCell(5).value]).toEqual(['Chênh lệch: số in trong nguồn trừ tổng cộng từ các dòng', 160, 244]);
    expect(sheet.rowCount).toBe(row + 2);
    expect(String(book.getWorksheet('Ghi chú')!.getCell('A1').value)).toContain('Một điển hình được tính khi đã được công nhận');
  });

  it('the CSV is UTF-8 with a byte-order mark, one line per printed row, counts as plain digits', async () => {
    const res = await t.as(UNIT_HEAD).get('/api/statistics/exemplars/csv?yearFrom=2014&yearTo=2023').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(bytes.toString('utf8'));
    expect(lines[0]).toEqual(['TT / No.', 'Năm / Year', 'Lĩnh vực / Field', 'Tập thể / Collective', 'Cá nhân / Individual', 'Hình thức tôn vinh / Honouring forms', 'Ghi chú / Notes']);
    const rows = lines.slice(1).filter((l) => !l[2]!.startsWith('Cộng') && l[2] !== 'Tổng cộng' && !l[2]!.startsWith('Tổng số in') && !l[2]!.startsWith('Chênh lệch'));
    expect(rows.map((l) => [Number(l[1]), l[2], l[3] === '' ? null : Number(l[3]), l[4] === '' ? null : Number(l[4])])).toEqual(
      PRINTED.map((c) => [c.year, FIELDS.find((f) => f.code === c.field)!.vi, c.collective, c.individual]),
    );
    expect(rows[0]!.slice(0, 2)).toEqual(['1', '2014']);
    expect(rows[1]![0]).toBe('');
    expect(lines.at(-3)!.slice(2, 5)).toEqual(['Tổng cộng', '10824', '17645']);
    expect(lines.at(-2)!.slice(2, 5)).toEqual([`Tổng số in trong nguồn (${FILE_NAME}, 2014-2023)`, '10984', '17889']);
    expect(lines.at(-1)!.slice(2, 5)).toEqual(['Chênh lệch: số in trong nguồn trừ tổng cộng từ các dòng', '160', '244']);
  });
});

describe('imports that are refused, and imports that take over', () => {
  it('names every bad cell by line and column, and stores nothing', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM statistics_import');
    const bad = Buffer.from('year,field,collective,individual\n2019,ECONOMY,12,abc\n20x9,HEALTH,1,2\n2019,NOPE,1,2\n2019,POLITICS,1.5,2\n2019,ECONOMY,1,2\n', 'utf8');
    const res = await importStatistics(t, bad);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_FILE_INVALID');
    expect(res.body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [2, 'individual', 'count'],
      [3, 'year', 'year'],
      [4, 'field', 'field'],
      [5, 'collective', 'count'],
      [6, 'field', 'duplicate'],
    ]);
    expect(res.body.errors[0].message).toBe('Dòng 2, cột individual: "abc" không phải số nguyên không âm.');
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM statistics_import')).toEqual(before);

    const header = await importStatistics(t, Buffer.from('year,field,collective,individuals\n2019,ECONOMY,1,2\n'));
    expect(header.body.errors.map((e: { code: string }) => e.code)).toEqual(['unknownColumn', 'missingColumn']);
  });

  it('refuses a file that is neither CSV nor .xlsx, and an empty upload', async () => {
    const pdf = await t.as(SECRETARY).post('/api/statistics/imports').attach('file', pdfBytes(), { filename: 'bang.pdf', contentType: 'application/pdf' });
    expect([pdf.status, pdf.body.code]).toEqual([415, 'IMPORT_FILE_TYPE_NOT_ALLOWED']);
    const none = await t.as(SECRETARY).post('/api/statistics/imports').field('statedCollective', '1');
    expect([none.status, none.body.code]).toEqual([400, 'IMPORT_FILE_MISSING']);
    // A count with a fraction is still refused, naming the field by its label (the key stays in `field`).
    const fraction = await importStatistics(t, Buffer.from('year,field,collective,individual\n1990,OTHER,1,2\n'), 'x.csv', { collective: '10.98' });
    expect(fraction.status).toBe(400);
    expect(fraction.body.errors).toEqual([expect.objectContaining({ field: 'statedCollective', code: 'isInt', message: '«Tổng số tập thể nêu trong nguồn» phải là số nguyên.' })]);
  });

  it('refuses a file over the import limit with its own code', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    const res = await importStatistics(t, big, 'qua-lon.csv');
    expect([res.status, res.body.code, res.body.maxBytes]).toEqual([413, 'IMPORT_FILE_TOO_LARGE', 5 * 1024 * 1024]);
  });

  it('the same file sent twice at once is imported once', async () => {
    const file = Buffer.from('year,field,collective,individual\n1998,OTHER,7,8\n');
    const [a, b] = await Promise.all([importStatistics(t, file, 'a.csv'), importStatistics(t, file, 'b.csv')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.import.id).toBe(b.body.import.id);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM statistics_import_row WHERE year = 1998`)).toEqual([{ n: 1 }]);
  });

  it('reads the Vietnamese thousands separator and the Vietnamese column names', async () => {
    const res = await importStatistics(t, Buffer.from('\uFEFFNăm,Lĩnh vực,Tập thể,Cá nhân\r\n1999,Y tế,1.234,"2.000"\r\n', 'utf8'));
    expect(res.status).toBe(201);
    const y1999 = await table('?yearFrom=1999&yearTo=1999');
    expect(y1999.body.years[0].rows.map((r: { field: string; collective: number | null; individual: number | null; unknown: string[] }) => [r.field, r.collective, r.individual, r.unknown])).toEqual(
      FIELD_ORDER.map((f) => (f === 'HEALTH' ? [f, 1234, 2000, []] : [f, null, null, ['COLLECTIVE', 'INDIVIDUAL']])),
    );
    // Fields the file did not list are unknown (missing rows), not 0.
    expect(y1999.body.unknownCells).toHaveLength(12);
    expect(y1999.body.unknownCells[0]).toEqual({ year: 1999, field: 'ECONOMY', column: 'COLLECTIVE', reason: 'MISSING_ROW' });
  });

  it('imports the same table from Excel: a new batch that takes over each year, with the same figures and report', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Số liệu');
    sheet.addRow(['year', 'field', 'collective', 'individual']);
    for (const c of PRINTED) sheet.addRow([c.year, c.field, c.collective, c.individual]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await importStatistics(t, xlsx, 'bang-thong-ke.xlsx', STATED);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: true, rows: 70, import: { format: 'XLSX' }, totals: [{ rowsSum: 10824, difference: 160 }, { rowsSum: 17645, difference: 244 }] });
    expect(res.body.blankCells.map((b: { line: number; column: string }) => [b.line, b.column])).toEqual([
      [30, 'COLLECTIVE'],
      [30, 'INDIVIDUAL'],
    ]);
    expect(res.body.replacedYears).toEqual(YEARS.map((year) => ({ year, importId: firstImportId })));
    expect((await t.as(SECRETARY).get(`/api/statistics/imports/${firstImportId}`)).body.supersededYears).toEqual(YEARS.map((year) => ({ year, byImportId: res.body.import.id })));

    const after = await table('?yearFrom=2014&yearTo=2023');
    expect(new Set(after.body.years.map((y: { importId: string }) => y.importId))).toEqual(new Set([res.body.import.id]));
    expect(after.body.total).toMatchObject({ collective: 10824, individual: 17645, unknownCells: 2 });

    // The chain of imports: one record per import that changed something, each linked to the one before.
    const chain = await t.dataSource.query(`SELECT seq, prev_hash, hash FROM audit_event WHERE stream = 'statistics:import' ORDER BY seq`);
    expect(chain.map((r: { seq: number }) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(chain.slice(1).map((r: { prev_hash: string }) => r.prev_hash)).toEqual(chain.slice(0, -1).map((r: { hash: string }) => r.hash));
  });
});

/** supertest collects binary bodies into a Buffer with this parser. */
function binary(res: unknown, done: (err: Error | null, body: unknown) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
