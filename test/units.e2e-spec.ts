/**
 * The unit hierarchy through the API: the tree, the rules for parents, codes, renames with their audit
 * trail, the database's refusal to lose a unit that is referred to, and candidate filtering by subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN, AUDITOR, newCandidate, newUnit } from './support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

interface TreeNode {
  id: string;
  name: string;
  code: string | null;
  level: string;
  levelLabel: { vi: string; en: string } | null;
  sector: string;
  sectorLabel: { vi: string; en: string } | null;
  parentId: string | null;
  version: number;
  children: TreeNode[];
}

async function rowCounts(): Promise<{ units: number; audit: number }> {
  const [u] = (await t.dataSource.query('SELECT count(*)::int AS n FROM unit')) as { n: number }[];
  const [a] = (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event')) as { n: number }[];
  return { units: u!.n, audit: a!.n };
}

async function createUnit(body: Record<string, unknown>) {
  return t.as(ADMIN).post('/api/units').send(body);
}

async function created(body: Record<string, unknown>): Promise<TreeNode> {
  const res = await createUnit(body);
  expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
  return res.body as TreeNode;
}

describe('the unit tree', () => {
  it('nests province → departments → grassroots, each level sorted by Vietnamese name, with labels', async () => {
    const province = await created({ name: 'Tỉnh Bắc Giang', level: 'PROVINCE', sector: 'STATE' });
    expect(province).toMatchObject({ level: 'PROVINCE', parentId: null, version: 1, levelLabel: { vi: 'Tỉnh' }, sectorLabel: { vi: 'Các cơ quan nhà nước' } });

    // Created in an order that is neither the Vietnamese order nor the code-point order.
    const departments: Record<string, TreeNode> = {};
    for (const [name, sector] of [
      ['Sở Y tế', 'STATE'],
      ['Sở Đào tạo', 'STATE'],
      ['Ban Dân vận', 'PARTY'],
      ['Sở Giáo dục', 'STATE'],
    ] as const) {
      departments[name] = await created({ name, level: 'DEPARTMENT', sector, parentId: province.id });
    }
    const education = departments['Sở Giáo dục']!;
    for (const name of ['Trường Tiểu học Đông Ngạc', 'Trường Tiểu học Bình Minh', 'Trường Tiểu học Ánh Dương']) {
      await created({ name, level: 'GRASSROOTS', sector: 'STATE', parentId: education.id });
    }

    const res = await t.as(AUDITOR).get('/api/units');
    expect(res.status).toBe(200);
    const roots = res.body as TreeNode[];
    // Only provinces are roots.
    expect(roots.every((r) => r.parentId === null && r.level === 'PROVINCE')).toBe(true);
    const root = roots.find((r) => r.id === province.id)!;
    expect(root).toBeDefined();
    expect(root).toMatchObject({ name: 'Tỉnh Bắc Giang', levelLabel: { vi: 'Tỉnh', en: 'Province' }, sectorLabel: { vi: 'Các cơ quan nhà nước' } });

    // Vietnamese collation: Đ sorts between D and E, Á with A (code-point order would put both last).
    expect(root.children.map((c) => c.name)).toEqual(['Ban Dân vận', 'Sở Đào tạo', 'Sở Giáo dục', 'Sở Y tế']);
    for (const d of root.children) {
      expect(d).toMatchObject({ level: 'DEPARTMENT', parentId: province.id, levelLabel: { vi: 'Sở, ban, ngành' } });
      expect(d.sectorLabel?.vi).toBe(d.sector === 'PARTY' ? 'Các cơ quan Đảng' : 'Các cơ quan nhà nước');
    }
    const educationNode = root.children.find((c) => c.id === education.id)!;
    expect(educationNode.children.map((c) => c.name)).toEqual(['Trường Tiểu học Ánh Dương', 'Trường Tiểu học Bình Minh', 'Trường Tiểu học Đông Ngạc']);
    for (const g of educationNode.children) {
      expect(g).toMatchObject({ level: 'GRASSROOTS', parentId: education.id, levelLabel: { vi: 'Cơ sở (xã, trường, công ty…)' }, children: [] });
    }
    expect(root.children.filter((c) => c.id !== education.id).every((c) => c.children.length === 0)).toBe(true);
  });
});

describe('parents', () => {
  it('a non-province without a parent is refused with 422 naming parentId, and nothing is written', async () => {
    const before = await rowCounts();
    const res = await createUnit({ name: 'Sở Tài chính', level: 'DEPARTMENT', sector: 'STATE' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'UNIT_PARENT_INVALID', field: 'parentId' });
    expect(typeof res.body.message).toBe('string');
    expect(typeof res.body.messageEn).toBe('string');
    expect(typeof res.body.correlationId).toBe('string');
    expect(await rowCounts()).toEqual(before);
  });

  it('a province with a parent is refused with 422', async () => {
    const province = await newUnit(t, { level: 'PROVINCE', name: 'Tỉnh gốc' });
    const before = await rowCounts();
    const res = await createUnit({ name: 'Tỉnh con', level: 'PROVINCE', sector: 'STATE', parentId: province.id });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNIT_PARENT_INVALID', field: 'parentId' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a parent that does not exist is refused with 422', async () => {
    const before = await rowCounts();
    const res = await createUnit({ name: 'Sở Xây dựng', level: 'DEPARTMENT', sector: 'STATE', parentId: randomUUID() });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNIT_PARENT_INVALID', field: 'parentId' });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('codes', () => {
  it('a code already in use is refused with 409 UNIT_CODE_TAKEN, and nothing is written', async () => {
    const province = await newUnit(t, { level: 'PROVINCE', name: 'Tỉnh có mã' });
    const first = await created({ name: 'Sở Giáo dục và Đào tạo', level: 'DEPARTMENT', sector: 'STATE', parentId: province.id, code: 'SGDDT' });
    expect(first.code).toBe('SGDDT');
    const before = await rowCounts();
    const res = await createUnit({ name: 'Sở Giáo dục (trùng mã)', level: 'DEPARTMENT', sector: 'STATE', parentId: province.id, code: 'SGDDT' });
    expect(res.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    // The body's `code` must stay the error code a program switches on; the unit code is a detail.
    expect(res.body).toMatchObject({ statusCode: 409, code: 'UNIT_CODE_TAKEN', field: 'code' });
  });

  it('a code in lower case is refused with 400 naming code', async () => {
    const province = await newUnit(t, { level: 'PROVINCE', name: 'Tỉnh mã sai' });
    const before = await rowCounts();
    const res = await createUnit({ name: 'Sở Nội vụ', level: 'DEPARTMENT', sector: 'STATE', parentId: province.id, code: 'snv' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'code', code: 'matches' })]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('renaming', () => {
  it('renames with the expected version, refuses a stale one, and keeps the old name in the audit trail', async () => {
    const unit = await newUnit(t, { level: 'DEPARTMENT', name: 'Sở Lao động - Thương binh và Xã hội' });
    expect(unit.version).toBe(1);

    const renamed = await t.as(ADMIN).patch(`/api/units/${unit.id}`).send({ name: 'Sở Nội vụ', expectedVersion: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: unit.id, name: 'Sở Nội vụ', version: 2 });

    const stale = await t.as(ADMIN).patch(`/api/units/${unit.id}`).send({ name: 'Sở Nội vụ (cũ)', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2, expectedVersion: 1 });

    const view = await t.as(AUDITOR).get(`/api/units/${unit.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ name: 'Sở Nội vụ', version: 2 });

    const rows = (await t.dataSource.query('SELECT event_type, payload, seq FROM audit_event WHERE stream = $1 ORDER BY seq', ['unit:' + unit.id])) as {
      event_type: string;
      payload: Record<string, unknown>;
      seq: number;
    }[];
    expect(rows.map((r) => [r.seq, r.event_type])).toEqual([
      [1, 'UNIT_CREATED'],
      [2, 'UNIT_RENAMED'],
    ]);
    expect(rows[0]!.payload).toMatchObject({ name: 'Sở Lao động - Thương binh và Xã hội', level: 'DEPARTMENT' });
    expect(rows[1]!.payload).toEqual({ from: 'Sở Lao động - Thương binh và Xã hội', to: 'Sở Nội vụ' });
  });
});

/** SQLSTATEs of a foreign key refusing a delete. */
const FK_REFUSALS = ['23001', '23503'];

describe('units are never lost', () => {
  it('the database refuses to delete a unit that a candidate refers to', async () => {
    const unit = await newUnit(t, { name: 'Xã Tân Thịnh' });
    await newCandidate(t, { unitId: unit.id });
    let error: unknown;
    try {
      await t.dataSource.query('DELETE FROM unit WHERE id = $1', [unit.id]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeDefined();
    const e = error as { message?: string; driverError?: { code?: string } };
    // ON DELETE RESTRICT reports restrict_violation (23001); NO ACTION would report foreign_key_violation (23503).
    expect(FK_REFUSALS).toContain(e.driverError?.code);
    expect(e.message).toMatch(/foreign key constraint/i);
    expect(e.message).toMatch(/candidate/);
    const still = await t.as(AUDITOR).get(`/api/units/${unit.id}`);
    expect(still.status).toBe(200);
    expect(still.body).toMatchObject({ id: unit.id, name: 'Xã Tân Thịnh' });
  });

  it('the database refuses to delete a unit that has units below it', async () => {
    const province = await newUnit(t, { level: 'PROVINCE', name: 'Tỉnh có đơn vị con' });
    await newUnit(t, { level: 'DEPARTMENT', name: 'Sở con', parentId: province.id });
    let error: { message?: string; driverError?: { code?: string } } | undefined;
    await t.dataSource.query('DELETE FROM unit WHERE id = $1', [province.id]).catch((e: typeof error) => {
      error = e;
    });
    expect(FK_REFUSALS).toContain(error?.driverError?.code);
    expect(error?.message).toMatch(/foreign key constraint/i);
    expect((await t.as(AUDITOR).get(`/api/units/${province.id}`)).status).toBe(200);
  });
});

describe('reading one unit', () => {
  it('an unknown uuid → 404 UNIT_NOT_FOUND', async () => {
    const id = randomUUID();
    const res = await t.as(AUDITOR).get(`/api/units/${id}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'UNIT_NOT_FOUND', unitId: id });
  });

  it("'abc' → 400 naming field id", async () => {
    const res = await t.as(AUDITOR).get('/api/units/abc');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'id', code: 'isUuid' })]);
  });
});

describe('the acting person', () => {
  it('a create without a session → 401 SESSION_REQUIRED and nothing is written', async () => {
    const before = await rowCounts();
    const res = await t.http.post('/api/units').send({ name: 'Tỉnh vô danh', level: 'PROVINCE', sector: 'STATE' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'SESSION_REQUIRED' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a rename without a session → 401 and the name is unchanged', async () => {
    const unit = await newUnit(t, { name: 'Phường Trần Phú' });
    const before = await rowCounts();
    const res = await t.http.patch(`/api/units/${unit.id}`).send({ name: 'Phường mới', expectedVersion: 1 });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_REQUIRED');
    expect(await rowCounts()).toEqual(before);
    expect((await t.as(AUDITOR).get(`/api/units/${unit.id}`)).body).toMatchObject({ name: 'Phường Trần Phú', version: 1 });
  });
});

describe('candidates by unit subtree', () => {
  it('a department includes its own and its grassroots units’ candidates, not a sibling department’s', async () => {
    // Under the test province, which the unit head's reach covers.
    const province = await newUnit(t, { level: 'DISTRICT', name: 'Huyện lọc hồ sơ' });
    const deptA = await newUnit(t, { level: 'DEPARTMENT', name: 'Sở Nông nghiệp', parentId: province.id });
    const deptB = await newUnit(t, { level: 'DEPARTMENT', name: 'Sở Công Thương', parentId: province.id });
    const a1 = await newUnit(t, { name: 'Hợp tác xã Tân Thịnh', parentId: deptA.id });
    const a2 = await newUnit(t, { name: 'Trạm Khuyến nông', parentId: deptA.id });
    const b1 = await newUnit(t, { name: 'Công ty Điện lực', parentId: deptB.id });

    const cA = await newCandidate(t, { unitId: deptA.id, name: 'Tập thể Sở Nông nghiệp' });
    const cA1 = await newCandidate(t, { unitId: a1.id, name: 'Hợp tác xã Tân Thịnh' });
    const cA2 = await newCandidate(t, { unitId: a2.id, name: 'Trạm Khuyến nông', kind: 'INDIVIDUAL' });
    const cB1 = await newCandidate(t, { unitId: b1.id, name: 'Công ty Điện lực' });

    const ids = async (unitId: string) => {
      const res = await t.as(AUDITOR).get('/api/candidates').query({ unitId, pageSize: 100 });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return (res.body.items as { id: string }[]).map((c) => c.id).sort();
    };
    expect(await ids(deptA.id)).toEqual([cA.id, cA1.id, cA2.id].sort());
    expect(await ids(deptB.id)).toEqual([cB1.id]);
    expect(await ids(a1.id)).toEqual([cA1.id]);
    expect(await ids(province.id)).toEqual([cA.id, cA1.id, cA2.id, cB1.id].sort());
    expect(await ids(randomUUID())).toEqual([]);
  });
});
