/**
 * The bulk import of a unit tree through the API: preview (writes nothing), apply (one transaction, every unit's
 * creation and rename audited on its own stream, the import on its stream), idempotence (the same file again,
 * as CSV or Excel, changes nothing), renames recorded as such, errors by line and Vietnamese column header, a
 * plan that changed since the preview refused, and the sample list of the merged Bắc Ninh importable.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN } from './support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HEADER = 'Mã đơn vị,Tên đơn vị,Cấp,Khối,Mã đơn vị cấp trên';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n') + '\n');

async function counts() {
  const [r] = await t.dataSource.query<{ units: number; audit: number; imports: number }[]>(
    'SELECT (SELECT count(*)::int FROM unit) AS units, (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM unit_import) AS imports',
  );
  return r!;
}

const preview = (bytes: Buffer, filename = 'don-vi.csv') =>
  t
    .as(ADMIN)
    .post('/api/unit-imports/preview')
    .attach('file', bytes, { filename, contentType: filename.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' });

const apply = (bytes: Buffer, planDigest: string, filename = 'don-vi.csv') =>
  t
    .as(ADMIN)
    .post('/api/unit-imports')
    .field('planDigest', planDigest)
    .attach('file', bytes, { filename, contentType: filename.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' });

async function previewThenApply(bytes: Buffer, filename?: string) {
  const p = await preview(bytes, filename);
  expect(p.status).toBe(200);
  return { preview: p.body, result: await apply(bytes, p.body.planDigest, filename) };
}

const unitByCode = async (code: string) =>
  (await t.dataSource.query<{ id: string; name: string; parent_id: string | null; path: string; version: number; level: string; sector: string }[]>('SELECT * FROM unit WHERE code = $1', [code]))[0];

// Lines deliberately out of order: a commune before its province, a school before its department.
// Levels and sectors by code or by their Vietnamese labels, in any case.
const TREE_ROWS = [
  ['HN-X-A', 'Xã An Bình', 'GRASSROOTS', 'LOCALITY', 'HN'],
  ['HN', 'Tỉnh Hà Nam Thử', 'Tỉnh', 'Các cơ quan nhà nước', ''],
  ['HN-SGD', 'Sở Giáo dục và Đào tạo', 'DEPARTMENT', 'STATE', 'HN'],
  ['HN-TH-1', 'Trường Tiểu học Kim Đồng', 'Cơ sở (xã, trường, công ty…)', 'STATE', 'HN-SGD'],
  ['hn-x-b', 'Phường Bình Minh', 'grassroots', 'locality', 'HN'],
];
const quote = (cell: string) => (cell.includes(',') ? `"${cell}"` : cell);
const TREE = csv(...TREE_ROWS.map((r) => r.map(quote).join(',')));

describe('importing a unit tree', () => {
  it('previews without writing, then applies in one audited change; the same file again (CSV or Excel) changes nothing', async () => {
    const before = await counts();
    const p = await preview(TREE);
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ format: 'CSV', lines: 5, counts: { create: 5, rename: 0, unchanged: 0 }, errors: [], canApply: true });
    expect(p.body.items.map((i: { line: number; action: string; code: string }) => [i.line, i.action, i.code])).toEqual([
      [2, 'CREATE', 'HN-X-A'],
      [3, 'CREATE', 'HN'],
      [4, 'CREATE', 'HN-SGD'],
      [5, 'CREATE', 'HN-TH-1'],
      [6, 'CREATE', 'HN-X-B'],
    ]);
    expect(p.body.items[3]).toMatchObject({ level: 'GRASSROOTS', levelLabel: { vi: 'Cơ sở (xã, trường, công ty…)' }, sectorLabel: { vi: 'Các cơ quan nhà nước' } });
    expect(await counts()).toEqual(before);

    const res = await apply(TREE, p.body.planDigest);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ applied: true, counts: { create: 5, rename: 0, unchanged: 0 }, import: { fileName: 'don-vi.csv', format: 'CSV', importedBy: ADMIN } });
    // The list of imports names who imported, with role and unit (screens show this, never the login).
    const listed = await t.as(ADMIN).get('/api/unit-imports');
    expect(listed.body.people[ADMIN]).toMatchObject({ title: { vi: expect.stringMatching(/^Quản trị hệ thống/) } });
    const after = await counts();
    expect(after.units).toBe(before.units + 5);
    expect(after.imports).toBe(before.imports + 1);

    const province = (await unitByCode('HN'))!;
    const dept = (await unitByCode('HN-SGD'))!;
    const school = (await unitByCode('HN-TH-1'))!;
    expect(province).toMatchObject({ parent_id: null, level: 'PROVINCE', path: `/${province.id}/`, version: 1 });
    expect(dept).toMatchObject({ parent_id: province.id, path: `/${province.id}/${dept.id}/` });
    expect(school).toMatchObject({ parent_id: dept.id, path: `${dept.path}${school.id}/`, name: 'Trường Tiểu học Kim Đồng' });
    expect((await unitByCode('HN-X-B'))!.name).toBe('Phường Bình Minh');
    // The new province has its council, as when created by hand.
    expect(await t.dataSource.query('SELECT name FROM council WHERE unit_id = $1', [province.id])).toEqual([{ name: 'Hội đồng Thi đua – Khen thưởng Tỉnh Hà Nam Thử' }]);
    // Each unit's creation is on its own stream, naming the import and the line; the import on its stream.
    const created = await t.dataSource.query<{ payload: { importId: string; line: number } }[]>(`SELECT payload FROM audit_event WHERE stream = $1 AND event_type = 'UNIT_CREATED'`, [`unit:${school.id}`]);
    expect(created).toEqual([{ payload: expect.objectContaining({ importId: res.body.import.id, line: 5, code: 'HN-TH-1', parentId: dept.id }) }]);
    const imported = await t.dataSource.query<{ payload: { counts: unknown; created: unknown[] } }[]>(`SELECT payload FROM audit_event WHERE stream = 'unit-import' AND payload->>'importId' = $1`, [res.body.import.id]);
    expect(imported).toHaveLength(1);
    expect(imported[0]!.payload.counts).toEqual({ create: 5, rename: 0, unchanged: 0 });
    expect(imported[0]!.payload.created).toHaveLength(5);
    const list = await t.as(ADMIN).get('/api/unit-imports');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: res.body.import.id, counts: { create: 5 } });

    // The same file again: everything unchanged, nothing to apply, nothing written.
    const again = await previewThenApply(TREE);
    expect(again.preview).toMatchObject({ counts: { create: 0, rename: 0, unchanged: 5 }, canApply: false, errors: [] });
    expect(again.result.status).toBe(200);
    expect(again.result.body).toMatchObject({ applied: false, import: null, counts: { unchanged: 5 } });
    expect(await counts()).toEqual(after);

    // The same tree as an Excel workbook: also unchanged.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Đơn vị');
    sheet.addRow(HEADER.split(','));
    for (const row of TREE_ROWS) sheet.addRow(row);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromExcel = await previewThenApply(xlsx, 'don-vi.xlsx');
    expect(fromExcel.preview).toMatchObject({ format: 'XLSX', counts: { create: 0, rename: 0, unchanged: 5 } });
    expect(fromExcel.result.status).toBe(200);
    expect(await counts()).toEqual(after);
  });

  it('records a changed name as a rename with the old name, adds new lines, and never overwrites silently', async () => {
    const changed = csv(
      'HN,Tỉnh Hà Nam Thử,PROVINCE,STATE,',
      'HN-SGD,Sở Giáo dục và Đào tạo,DEPARTMENT,STATE,HN',
      'HN-TH-1,Trường Tiểu học Kim Đồng (đổi tên),GRASSROOTS,STATE,HN-SGD',
      'HN-TH-2,Trường Tiểu học Lê Lợi,GRASSROOTS,STATE,HN-SGD',
    );
    const school = (await unitByCode('HN-TH-1'))!;
    const { preview: p, result } = await previewThenApply(changed);
    expect(p.counts).toEqual({ create: 1, rename: 1, unchanged: 2 });
    expect(p.items.find((i: { code: string }) => i.code === 'HN-TH-1')).toMatchObject({ action: 'RENAME', previousName: 'Trường Tiểu học Kim Đồng', name: 'Trường Tiểu học Kim Đồng (đổi tên)', unitId: school.id });
    expect(result.status).toBe(201);
    expect(await unitByCode('HN-TH-1')).toMatchObject({ name: 'Trường Tiểu học Kim Đồng (đổi tên)', version: 2 });
    const renamed = await t.dataSource.query<{ payload: Record<string, unknown> }[]>(`SELECT payload FROM audit_event WHERE stream = $1 AND event_type = 'UNIT_RENAMED'`, [`unit:${school.id}`]);
    expect(renamed).toEqual([{ payload: { from: 'Trường Tiểu học Kim Đồng', to: 'Trường Tiểu học Kim Đồng (đổi tên)', importId: result.body.import.id, line: 4 } }]);
    // The unit's history answers both names through the rename (GET /api/units/:id shows the new one).
    expect((await t.as(ADMIN).get(`/api/units/${school.id}`)).body).toMatchObject({ name: 'Trường Tiểu học Kim Đồng (đổi tên)', version: 2 });
  });

  it('refuses a file with errors, naming each line and column by its Vietnamese header, and writes nothing', async () => {
    const before = await counts();
    const bad = csv(
      'HN-X-C,,GRASSROOTS,LOCALITY,HN', // 2: no name
      'HN-X-D,Xã Đông,THON,LOCALITY,HN', // 3: unknown level
      'HN-X-E,Xã Tây,GRASSROOTS,LOCALITY,KHONG-CO', // 4: unknown parent
      'HN-X-D,Xã Đông trùng,GRASSROOTS,LOCALITY,HN', // 5: duplicate code (of line 3)
      'HN2,Tỉnh Hai,PROVINCE,STATE,HN', // 6: a province with a parent
      'HN-SGD,Sở Giáo dục và Đào tạo,DEPARTMENT,PARTY,HN', // 7: the sector of an existing unit
      'HN-X-A,Xã An Bình,GRASSROOTS,LOCALITY,HN-SGD', // 8: moving an existing unit
      'VONG-A,Vòng A,GRASSROOTS,STATE,VONG-B', // 9, 10: a cycle
      'VONG-B,Vòng B,GRASSROOTS,STATE,VONG-A',
      'ma xau,Xã Mã Xấu,GRASSROOTS,LOCALITY,HN', // 11: a code that is not one
      'HN-X-F,Xã Phúc,GRASSROOTS,LOCALITY,', // 12: no parent
    );
    const p = await preview(bad);
    expect(p.status).toBe(200);
    expect(p.body.canApply).toBe(false);
    const errors = p.body.errors as { line: number; column: string; code: string; message: string; messageEn: string }[];
    const at = (line: number) => errors.filter((e) => e.line === line).map((e) => [e.column, e.code]);
    expect(at(2)).toEqual([['Tên đơn vị', 'required']]);
    expect(at(3)).toEqual([['Cấp', 'level']]);
    expect(at(4)).toEqual([['Mã đơn vị cấp trên', 'parentNotFound']]);
    expect(at(5)).toEqual([['Mã đơn vị', 'duplicateCode']]);
    expect(at(6)).toEqual([['Mã đơn vị cấp trên', 'provinceParent']]);
    expect(at(7)).toEqual([['Khối', 'sectorDiffers']]);
    expect(at(8)).toEqual([['Mã đơn vị cấp trên', 'parentDiffers']]);
    expect(errors.filter((e) => e.code === 'cycle')).toHaveLength(1);
    expect(at(11)).toEqual([['Mã đơn vị', 'codeFormat']]);
    expect(at(12)).toEqual([['Mã đơn vị cấp trên', 'parentRequired']]);
    expect(errors.find((e) => e.line === 3)!.message).toBe(
      'Dòng 3, cột "Cấp": "THON" không phải cấp đơn vị trong danh mục (PROVINCE (Tỉnh), DEPARTMENT (Sở, ban, ngành), DISTRICT (Huyện, thành phố), ENTERPRISE (Doanh nghiệp), GRASSROOTS (Cơ sở (xã, trường, công ty…))).',
    );
    expect(errors.find((e) => e.line === 4)!.message).toBe('Dòng 4, cột "Mã đơn vị cấp trên": không có đơn vị mã "KHONG-CO" trong tệp hay trong hệ thống.');
    expect(errors.find((e) => e.line === 8)!.message).toContain('chuyển đơn vị là thao tác sắp xếp');
    expect(errors.every((e) => e.message.startsWith(`Dòng ${e.line}, cột "`) && e.messageEn.startsWith(`Line ${e.line}, column "`))).toBe(true);

    const res = await apply(bad, p.body.planDigest);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNIT_IMPORT_INVALID', message: expect.stringContaining('không có thay đổi nào được ghi') });
    expect(res.body.errors.length).toBeGreaterThanOrEqual(10);
    expect(await counts()).toEqual(before);
  });

  it('names a wrong header, a file that is not a table, and a missing file', async () => {
    const header = await preview(Buffer.from('Mã,Tên gọi,Cấp,Khối\nA,B,PROVINCE,STATE\n'));
    expect(header.status).toBe(200);
    expect(header.body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [1, 'Tên gọi', 'unknownColumn'],
      [1, 'Tên đơn vị', 'missingColumn'],
      [1, 'Mã đơn vị cấp trên', 'missingColumn'],
    ]);
    const latin1 = await preview(Buffer.from([0x4d, 0xe3, 0x2c, 0x0a]));
    expect(latin1.body.errors[0]).toMatchObject({ line: null, code: 'encoding' });
    const pdf = await t.as(ADMIN).post('/api/unit-imports/preview').attach('file', Buffer.from('%PDF-1.4'), { filename: 'don-vi.pdf', contentType: 'application/pdf' });
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('UNIT_IMPORT_FILE_TYPE_NOT_ALLOWED');
    const none = await t.as(ADMIN).post('/api/unit-imports/preview');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('UNIT_IMPORT_FILE_MISSING');
    const noDigest = await t.as(ADMIN).post('/api/unit-imports').attach('file', TREE, { filename: 'don-vi.csv', contentType: 'text/csv' });
    expect(noDigest.status).toBe(400);
  });

  it('refuses to apply a plan that changed since the preview (a unit renamed in between)', async () => {
    const file = csv('HN-X-A,Xã An Bình Mới,GRASSROOTS,LOCALITY,HN');
    const p = await preview(file);
    expect(p.body.counts).toEqual({ create: 0, rename: 1, unchanged: 0 });
    const unit = (await unitByCode('HN-X-A'))!;
    const renamed = await t.as(ADMIN).patch(`/api/units/${unit.id}`).send({ name: 'Xã An Bình (đổi tay)', expectedVersion: unit.version });
    expect(renamed.status).toBe(200);
    const before = await counts();
    const res = await apply(file, p.body.planDigest);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_IMPORT_PLAN_CHANGED');
    expect(await counts()).toEqual(before);
    expect((await unitByCode('HN-X-A'))!.name).toBe('Xã An Bình (đổi tay)');
  });

  it('the same previewed plan applied twice at once is applied once; the other is told the plan changed', async () => {
    const file = csv('HN-X-G,Xã Gia Hòa,GRASSROOTS,LOCALITY,HN', 'HN-X-H,Xã Hòa Hậu,GRASSROOTS,LOCALITY,HN');
    const p = await preview(file);
    expect(p.body.canApply).toBe(true);
    const before = await counts();
    const answers = await Promise.all([apply(file, p.body.planDigest), apply(file, p.body.planDigest)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('UNIT_IMPORT_PLAN_CHANGED');
    const after = await counts();
    expect(after.units).toBe(before.units + 2);
    expect(after.imports).toBe(before.imports + 1);
  });

  it('imports the sample list of the merged Bắc Ninh (no district level), and again changes nothing', async () => {
    const sample = readFileSync(join(process.cwd(), 'apps/api/src/demo/units/bac-ninh-2025-units.csv'));
    const { preview: p, result } = await previewThenApply(sample, 'bac-ninh-2025-units.csv');
    expect(p.errors).toEqual([]);
    expect(result.status).toBe(201);
    // A partial sample (its README says so): the province, 14 provincial bodies, 12 wards and 26 communes of the 99.
    expect(p.counts.create).toBe(53);
    const province = (await unitByCode('BN25'))!;
    expect(province).toMatchObject({ name: 'Tỉnh Bắc Ninh', level: 'PROVINCE', parent_id: null });
    const below = await t.dataSource.query<{ level: string; n: number }[]>(
      `SELECT level, count(*)::int AS n FROM unit WHERE path LIKE $1 AND id <> $2 GROUP BY level ORDER BY level`,
      [`${province.path}%`, province.id],
    );
    // Departments and communes/wards directly under the province: no district level.
    expect(below.find((r) => r.level === 'DISTRICT')).toBeUndefined();
    const direct = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM unit WHERE parent_id = $1', [province.id]);
    expect(direct[0]!.n).toBe(p.counts.create - 1);
    expect((await unitByCode('BN25-X-TUAN-DAO'))!.name).toBe('Xã Tuấn Đạo');
    const again = await previewThenApply(sample, 'bac-ninh-2025-units.csv');
    expect(again.preview.counts).toEqual({ create: 0, rename: 0, unchanged: p.counts.create });
    expect(again.result.status).toBe(200);
  });

  it('serves the template, whose header the import reads', async () => {
    const res = await t.as(ADMIN).get('/api/unit-imports/template').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFMã đơn vị,Tên đơn vị,Cấp,Khối,Mã đơn vị cấp trên,Ghi chú');
    // The template's own example lines are a valid file (a province and its department).
    const p = await preview(res.body as Buffer, 'mau.csv');
    expect(p.body).toMatchObject({ errors: [], counts: { create: 2 } });
  });
});
