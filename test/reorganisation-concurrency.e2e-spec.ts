/**
 * Reorganisations under concurrency: operations on overlapping parts of the tree, and operations racing
 * candidates' transitions and nominations, are serialised (the unit-tree stream's lock, then the units, then the
 * candidates, always in that order) without deadlock, and the tree stays whole. Row-lock contention needs the
 * PostgreSQL server; on the embedded database PGlite serialises the same requests itself and the outcomes hold.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN, newCandidate, newUnit, UNIT_HEAD } from './support/factories.js';
import { onServer } from './support/databases.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DB_POOL_MAX: '20' });
});
afterAll(async () => {
  await t?.close();
});

const DOC = { effectiveOn: '2025-07-01', documentNumber: '19/2025/NQ-HĐND', documentDate: '2025-06-20', documentAuthority: 'HĐND tỉnh' };
const reorganise = (body: Record<string, unknown>) => t.as(ADMIN).post('/api/unit-reorganisations').send({ ...DOC, ...body });

/** Every unit's path is its parent's path and its own id; no status other than the two. */
async function expectTreeWhole(): Promise<void> {
  const broken = await t.dataSource.query(
    `SELECT u.id FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
      WHERE (p.id IS NULL AND u.path <> '/' || u.id || '/') OR (p.id IS NOT NULL AND u.path <> p.path || u.id || '/') OR u.status NOT IN ('ACTIVE', 'RETIRED')`,
  );
  expect(broken).toEqual([]);
}

describe(`reorganisations under concurrency (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('overlapping merges: one wins, the other is refused as retired; a disjoint one goes through; no 500', async () => {
    for (let round = 0; round < 3; round++) {
      const district = await newUnit(t, { name: `Huyện ${round}`, level: 'DISTRICT' });
      const [a, b, c, d, e] = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => newUnit(t, { name: `Xã ${n}${round}`, parentId: district.id })));
      await Promise.all([a, b, c].map((u) => newCandidate(t, { unitId: u!.id, state: 'nurturing', name: `Hồ sơ ${u!.name}` })));
      const responses = await Promise.all([
        reorganise({ kind: 'MERGE', unitIds: [a!.id, b!.id], intoUnitId: a!.id }),
        reorganise({ kind: 'MERGE', unitIds: [b!.id, c!.id], intoUnitId: c!.id }),
        reorganise({ kind: 'MERGE', unitIds: [d!.id, e!.id], intoUnitId: d!.id }),
        reorganise({ kind: 'MOVE', unitId: b!.id, parentId: t.provinceId }),
      ]);
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 422)).toBe(true);
      // B takes part in three operations: exactly one of them can have it; the disjoint merge always goes through.
      expect(statuses[2]).toBe(201);
      const onB = [0, 1, 3].filter((i) => statuses[i] === 201);
      expect(onB.length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((s) => s === 422).length).toBe(3 - onB.length);
      for (const r of responses.filter((x) => x.status === 422)) expect(r.body.code).toBe('UNIT_RETIRED');
      await expectTreeWhole();
    }
  }, 300_000);

  it('a dissolution racing a withdrawal: never a dissolved unit with an open candidate', async () => {
    for (let round = 0; round < 4; round++) {
      const unit = await newUnit(t, { name: `Ban ${round}` });
      const c = await newCandidate(t, { unitId: unit.id, state: 'discovered', name: `Tổ ${round}` });
      const [dissolve, withdraw] = await Promise.all([
        reorganise({ kind: 'DISSOLVE', unitId: unit.id }),
        t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/events`).send({ type: 'WITHDRAW', expectedVersion: c.version, payload: { reason: 'Đơn vị giải thể' } }),
      ]);
      expect(withdraw.status).toBe(200);
      expect([201, 422]).toContain(dissolve.status);
      if (dissolve.status === 422) expect(dissolve.body.code).toBe('REORGANISATION_BLOCKED');
      const [row] = (await t.dataSource.query(`SELECT u.status, c.state FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.id = $1`, [c.id])) as { status: string; state: string }[];
      expect(row!.state).toBe('withdrawn');
      expect(row!.status).toBe(dissolve.status === 201 ? 'RETIRED' : 'ACTIVE');
    }
  }, 300_000);

  it('a merge racing check-ins on the merged units’ candidates and a nomination into one of them: all serialised, nothing lost', async () => {
    const district = await newUnit(t, { name: 'Huyện đua', level: 'DISTRICT' });
    const [a, b] = await Promise.all(['Xã Đua A', 'Xã Đua B'].map((name) => newUnit(t, { name, parentId: district.id })));
    const cs = await Promise.all(Array.from({ length: 10 }, (_, i) => newCandidate(t, { unitId: (i % 2 ? a : b)!.id, state: 'nurturing', name: `Hồ sơ đua ${i}` })));
    const nomination = t
      .as(UNIT_HEAD)
      .post('/api/candidates')
      .send({ kind: 'COLLECTIVE', name: 'Hồ sơ mới giữa lúc sáp nhập', unitId: b!.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'x', newSubject: true });
    const [merge, nominated, ...checkIns] = await Promise.all([
      reorganise({ kind: 'MERGE', unitIds: [a!.id, b!.id], newUnit: { name: 'Xã Đua mới', level: 'GRASSROOTS', sector: 'STATE', parentId: district.id } }),
      nomination,
      ...cs.map((c, i) =>
        t
          .as(UNIT_HEAD)
          .post(`/api/candidates/${c.id}/events`)
          .send({ type: 'RECORD_CHECK_IN', expectedVersion: c.version, payload: { date: '2025-07-02', strengths: `Ưu điểm ${i}`, shortcomings: 'Không' } }),
      ),
    ]);
    expect(merge.status).toBe(201);
    expect(checkIns.map((r) => r.status)).toEqual(cs.map(() => 200));
    // The nomination either came first (and its candidate follows the merge) or found the commune retired.
    expect([201, 422]).toContain(nominated.status);
    if (nominated.status === 422) expect(nominated.body.code).toBe('UNIT_RETIRED');
    const open = (await t.dataSource.query(`SELECT count(*)::int AS n FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE u.status = 'RETIRED' AND c.created_at > u.updated_at`)) as { n: number }[];
    expect(open[0]!.n).toBe(0);
    await expectTreeWhole();
  }, 300_000);
});
