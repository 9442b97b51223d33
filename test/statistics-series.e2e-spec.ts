/**
 * The province's series across the 2025 merger: the former Bắc Giang's 2014–2023 table imported as the history
 * of the former province, the merger recorded as data (date, document), one series from 2014 to now with the
 * merger marked (the table, the Excel and CSV exports), and never a figure counted twice: the same file again, a
 * newer file of the same jurisdiction, an earlier unnamed batch given its jurisdiction afterwards, a live year.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from './support/app.js';
import { SECRETARY, UNIT_HEAD, fixture, importStatistics, newCandidate, newUnit } from './support/factories.js';

const BG = 'Tỉnh Bắc Giang';
const BN_OLD = 'Tỉnh Bắc Ninh (trước 01/7/2025)';
const CSV = fixture('bac-giang-exemplars-2014-2023.csv');
// The fixture's rows add up to 10,824 collectives and 17,645 individuals, with one blank row (2018, ECONOMY).
const BG_TOTAL = { collective: 10824, individual: 17645 };
const MERGER = {
  kind: 'MERGER',
  effectiveDate: '2025-07-01',
  predecessors: [BG, BN_OLD],
  successor: 'Tỉnh Bắc Ninh',
  documentNumber: '202/2025/QH15',
  documentDate: '2025-06-12',
  documentAuthority: 'Quốc hội',
};

let t: TestApp;
let unit: string;
beforeAll(async () => {
  t = await startTestApp();
  unit = (await newUnit(t, { name: 'Xã Tuấn Đạo', level: 'GRASSROOTS', sector: 'LOCALITY' })).id;
});
afterAll(async () => {
  await t?.close();
});

const table = async (query = '') => {
  const res = await t.as(SECRETARY).get(`/api/statistics/exemplars${query}`);
  expect(res.status).toBe(200);
  return res.body as {
    title: { vi: string; en: string };
    years: { year: number; source: string; rows: unknown[]; subtotal: { collective: number; individual: number; unknownCells: number } }[];
    total: { collective: number; individual: number; unknownCells: number };
    seriesEvents: { year: number; label: { vi: string }; message: { vi: string; en: string }; histories: unknown[] }[];
  };
};
const importAs = (bytes: Buffer, jurisdiction?: string, fileName = 'thong-ke.csv') => {
  const req = t.as(SECRETARY).post('/api/statistics/imports').attach('file', bytes, { filename: fileName, contentType: 'text/csv' });
  return jurisdiction ? req.field('jurisdiction', jurisdiction) : req;
};
const yearOf = (body: Awaited<ReturnType<typeof table>>, year: number) => body.years.find((y) => y.year === year);
/** A table of one year in the report's layout, every field with the same figures. */
const oneYear = (year: number, collective: number, individual: number) =>
  Buffer.from(
    `year,field,collective,individual\n${['ECONOMY', 'POLITICS', 'DEFENSE_SECURITY', 'CULTURE_SPORTS_TOURISM', 'EDUCATION_SCIENCE', 'HEALTH', 'OTHER'].map((f) => `${year},${f},${collective},${individual}`).join('\n')}\n`,
  );

let bgImportId: string;

describe('the province’s statistics series across the merger', () => {
  it('imports the former Bắc Giang’s table as that province’s history; without a merger naming it, it is not this province’s series', async () => {
    const res = await importAs(CSV, BG, 'bac-giang-2014-2023.csv');
    expect(res.status).toBe(201);
    expect(res.body.import.jurisdiction).toBe(BG);
    bgImportId = res.body.import.id;
    const audit = await t.dataSource.query<{ payload: { jurisdiction: string } }[]>(`SELECT payload FROM audit_event WHERE stream = 'statistics:import' AND payload->>'importId' = $1`, [bgImportId]);
    expect(audit[0]!.payload.jurisdiction).toBe(BG);
    const list = await t.as(SECRETARY).get('/api/statistics/imports');
    expect(list.body.items[0]).toMatchObject({ id: bgImportId, jurisdiction: BG });
    const body = await table();
    expect(body.years).toEqual([]);
    expect(body.seriesEvents).toEqual([]);
  });

  it('records the merger as data (date, document) and words it, naming the histories held and those missing', async () => {
    const bad = await t.as(SECRETARY).post('/api/statistics/series-events').send({ ...MERGER, successor: BG });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('SERIES_EVENT_INVALID');
    const missing = await t.as(SECRETARY).post('/api/statistics/series-events').send({ kind: 'MERGER', effectiveDate: '2025-02-30', predecessors: [] });
    expect(missing.status).toBe(400);
    for (const field of ['documentAuthority', 'documentDate', 'documentNumber', 'effectiveDate', 'predecessors', 'successor']) expect(JSON.stringify(missing.body)).toContain(field);
    expect((await t.as(UNIT_HEAD).post('/api/statistics/series-events').send(MERGER)).status).toBe(403);

    const res = await t.as(SECRETARY).post('/api/statistics/series-events').send(MERGER);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      year: 2025,
      document: { number: '202/2025/QH15', date: '2025-06-12', authority: 'Quốc hội' },
      histories: [
        { jurisdiction: BG, yearFrom: 2014, yearTo: 2023 },
        { jurisdiction: BN_OLD, yearFrom: null, yearTo: null },
      ],
      label: { vi: 'Hợp nhất 01/7/2025 (202/2025/QH15)' },
    });
    expect(res.body.message.vi).toBe(
      `Từ ngày 01/7/2025, ${BG}, ${BN_OLD} hợp nhất thành Tỉnh Bắc Ninh (202/2025/QH15 ngày 12/6/2025 của Quốc hội). Số liệu trước khi hợp nhất là số liệu của ${BG} (2014–2023). Chưa có số liệu nhập của ${BN_OLD}. Mỗi địa bàn, mỗi năm chỉ tính một lần (lần nhập mới nhất); không cộng trùng với số liệu trong hệ thống.`,
    );
    const audit = await t.dataSource.query(`SELECT event_type FROM audit_event WHERE stream = 'statistics:series'`);
    expect(audit).toEqual([{ event_type: 'STATISTICS_SERIES_EVENT_RECORDED' }]);
    const listed = await t.as(UNIT_HEAD).get('/api/statistics/series-events');
    expect(listed.body.items).toHaveLength(1);
    // Who recorded it, by name with role and unit (the screen shows this, never the login).
    expect(Object.keys(listed.body.people)).toEqual([SECRETARY]);
    expect(listed.body.people[SECRETARY]).toMatchObject({ title: { vi: expect.stringMatching(/^Thường trực Hội đồng/) } });
  });

  it('shows one series from 2014 to now, with the merger marked on 2025, and the former province’s figures counted once', async () => {
    for (const year of [2025, 2026]) await newCandidate(t, { unitId: unit, kind: 'COLLECTIVE', field: 'ECONOMY', year, state: 'recognised' });
    const body = await table();
    // 2024 has no figures (before the merger, after the former province's table): its row stays, marked.
    expect(body.years.map((y) => y.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(yearOf(body, 2024)).toMatchObject({ source: 'NONE', rows: [], subtotal: { collective: null, individual: null } });
    expect(body.title.vi).toContain('giai đoạn 2014-2026');
    expect(yearOf(body, 2025)).toMatchObject({ source: 'LIVE', subtotal: { collective: 1, individual: 0 } });
    expect(body.total).toMatchObject({ collective: BG_TOTAL.collective + 2, individual: BG_TOTAL.individual, unknownCells: 2 });
    expect(body.seriesEvents.map((e) => [e.year, e.label.vi])).toEqual([[2025, 'Hợp nhất 01/7/2025 (202/2025/QH15)']]);
    // A range that does not reach the merger does not mark it.
    expect((await table('?yearTo=2023')).seriesEvents).toEqual([]);

    // The same file again: nothing new, nothing counted twice.
    const again = await importAs(CSV, BG, 'bac-giang-2014-2023.csv');
    expect(again.status).toBe(200);
    expect((await table()).total).toMatchObject({ collective: BG_TOTAL.collective + 2, individual: BG_TOTAL.individual });
  });

  it('a newer table of the same former province replaces its years; another predecessor’s adds up; others never count', async () => {
    const before = yearOf(await table(), 2020)!.subtotal;
    // Bắc Giang again for 2020 (a corrected table): replaces, never adds.
    expect((await importAs(oneYear(2020, 10, 20), BG, 'bac-giang-2020-sua.csv')).status).toBe(201);
    let body = await table();
    expect(yearOf(body, 2020)!.subtotal).toMatchObject({ collective: 70, individual: 140 });
    expect(body.total.collective).toBe(BG_TOTAL.collective - before.collective + 70 + 2);
    // The former Bắc Ninh's 2020: a second jurisdiction of the same merger, so it adds up.
    expect((await importAs(oneYear(2020, 1, 2), BN_OLD, 'bac-ninh-cu-2020.csv')).status).toBe(201);
    body = await table();
    expect(yearOf(body, 2020)!.subtotal).toMatchObject({ collective: 77, individual: 154 });
    // A jurisdiction no merger names, and a former province's year after the merger: never counted.
    expect((await importAs(oneYear(2020, 1000, 1000), 'Tỉnh Lạng Sơn', 'lang-son-2020.csv')).status).toBe(201);
    expect((await importAs(oneYear(2026, 500, 500), BG, 'bac-giang-2026.csv')).status).toBe(201);
    body = await table();
    expect(yearOf(body, 2020)!.subtotal).toMatchObject({ collective: 77, individual: 154 });
    expect(yearOf(body, 2026)).toMatchObject({ source: 'LIVE', subtotal: { collective: 1, individual: 0 } });
    const event = body.seriesEvents[0]!;
    expect(event.histories).toEqual([
      { jurisdiction: BG, yearFrom: 2014, yearTo: 2023 },
      { jurisdiction: BN_OLD, yearFrom: 2020, yearTo: 2020 },
    ]);
    expect(event.message.vi).not.toContain('Chưa có số liệu nhập');
  });

  it('an earlier batch imported without a jurisdiction is given one, once, and is then counted as that province’s, not twice', async () => {
    // Imported before anyone said whose it is: the province's own history, so 2019 now holds Bắc Giang's twice.
    const unnamed = await importAs(oneYear(2019, 3, 4), undefined, 'bac-giang-2019-cu.csv');
    expect(unnamed.status).toBe(201);
    const doubled = yearOf(await table(), 2019)!.subtotal;
    const res = await t.as(SECRETARY).post(`/api/statistics/imports/${unnamed.body.import.id}/jurisdiction`).send({ jurisdiction: BG });
    expect(res.status).toBe(201);
    expect(res.body.import.jurisdiction).toBe(BG);
    // Now it is Bắc Giang's newest batch for 2019: it replaces the older one instead of adding to it.
    expect(yearOf(await table(), 2019)!.subtotal).toMatchObject({ collective: 21, individual: 28 });
    expect(doubled.collective).toBeGreaterThan(21);
    const twice = await t.as(SECRETARY).post(`/api/statistics/imports/${unnamed.body.import.id}/jurisdiction`).send({ jurisdiction: BN_OLD });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('IMPORT_JURISDICTION_RECORDED');
    const audit = await t.dataSource.query(`SELECT event_type FROM audit_event WHERE stream = 'statistics:import' AND event_type = 'STATISTICS_IMPORT_JURISDICTION_RECORDED'`);
    expect(audit).toHaveLength(1);
  });

  it('a live year that the former province’s history also covers is a conflict, never summed', async () => {
    await newCandidate(t, { unitId: unit, kind: 'COLLECTIVE', field: 'ECONOMY', year: 2021, state: 'recognised' });
    const body = await table();
    expect(yearOf(body, 2021)).toMatchObject({ source: 'CONFLICT' });
    const imported = (await t.as(SECRETARY).get(`/api/statistics/imports/${bgImportId}`)).body;
    expect(imported.conflictingLiveYears).toEqual([2021]);
  });

  it('the Excel and CSV exports carry the merger’s note on its year and in the notes sheet', async () => {
    const body = await table();
    const message = body.seriesEvents[0]!.message;
    const xlsx = await t.as(SECRETARY).get('/api/statistics/exemplars/xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const subtotal2025 = rows.find((r) => r.includes('Cộng năm 2025'))!;
    expect(subtotal2025.at(-1)).toContain(message.vi);
    expect(rows.filter((r) => r.some((c) => c.includes('202/2025/QH15')))).toHaveLength(1);
    const notes = workbook.getWorksheet('Ghi chú')!;
    expect(notes.getCell(1, 1).value).toBe(message.vi);
    expect(notes.getCell(2, 1).value).toBe(message.en);

    const csv = await t.as(SECRETARY).get('/api/statistics/exemplars/csv');
    const line2025 = csv.text.split('\r\n').find((l) => l.includes('Cộng năm 2025'))!;
    expect(line2025).toContain('202/2025/QH15');
  });
});
