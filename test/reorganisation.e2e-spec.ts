/**
 * Reorganisations of the unit tree (issue 17): merge, split, move, rename, dissolve, each one audited change in one
 * transaction; refusals that list what has no home; history read both ways; scoping that follows succession; and
 * the statistics invariant (by units as they were = by today's units = the province's table) after every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { ADMIN, AUDITOR, newCandidate, newUnit, sendEvent, UNIT_HEAD } from './support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const DOC = { documentNumber: '1658/NQ-UBTVQH15', documentDate: '2025-06-16', documentAuthority: 'Ủy ban Thường vụ Quốc hội' };
const YEARS = 'yearFrom=2000&yearTo=2100';

async function reorganise(body: Record<string, unknown>) {
  return t.as(ADMIN).post('/api/unit-reorganisations').send({ effectiveOn: '2025-07-01', ...DOC, ...body });
}

async function applied(body: Record<string, unknown>) {
  const res = await reorganise(body);
  expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
  return res.body as {
    id: string;
    effect: { units: { id: string; change: string; name: string }[]; candidates: { id: string; after: { id: string } | null }[]; councils: { id: string; nameAfter?: string }[] };
  };
}

/** Records of the unit tree's stream and of units' streams (refusals are audited elsewhere). */
async function auditCount(): Promise<number> {
  const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE stream = 'unit-tree' OR stream LIKE 'unit:%'`)) as { n: number }[];
  return n;
}

/** By units as they were, by today's units and the province's table: three views of one total. */
async function expectTotalsAgree(): Promise<number> {
  const asNominated = await t.as(AUDITOR).get(`/api/statistics/exemplars-by-unit?basis=AS_NOMINATED&${YEARS}`);
  const today = await t.as(AUDITOR).get(`/api/statistics/exemplars-by-unit?basis=TODAY&${YEARS}`);
  const table = await t.as(AUDITOR).get(`/api/statistics/exemplars?${YEARS}&separateHouseholds=true`);
  expect([asNominated.status, today.status, table.status]).toEqual([200, 200, 200]);
  const tableTotal = (table.body.total.collective ?? 0) + (table.body.total.individual ?? 0) + (table.body.total.household ?? 0);
  expect(asNominated.body.totals).toEqual(today.body.totals);
  expect(today.body.totals.total).toBe(tableTotal);
  // Today's rows name active units only.
  expect(today.body.rows.every((r: { status: string }) => r.status === 'ACTIVE')).toBe(true);
  return tableTotal;
}

describe('reorganisations of the unit tree', () => {
  let district: { id: string };
  const communes: { id: string; name: string }[] = [];
  let neighbour: { id: string };
  const candidates: Record<string, { id: string; state: string }> = {};
  let recognisedCount = 0;

  beforeAll(async () => {
    district = await newUnit(t, { name: 'UBND huyện Tân Yên', level: 'DISTRICT' });
    for (const name of ['Xã Cao Xá', 'Xã Việt Lập', 'Xã Liên Chung']) communes.push(await newUnit(t, { name, parentId: district.id }));
    neighbour = await newUnit(t, { name: 'Xã Ngọc Thiện', parentId: district.id });
    const states = ['discovered', 'nurturing', 'underReview', 'recognised'] as const;
    for (const [i, c] of communes.entries()) {
      for (const state of states) {
        const made = await newCandidate(t, { unitId: c.id, state, name: `Hồ sơ ${state} ${i}`, kind: i === 1 ? 'INDIVIDUAL' : 'COLLECTIVE' });
        candidates[`${state}${i}`] = made;
        if (state === 'recognised') recognisedCount += 1;
      }
    }
    candidates.neighbour = await newCandidate(t, { unitId: neighbour.id, state: 'recognised', name: 'Hồ sơ xã bên cạnh' });
    recognisedCount += 1;
  }, 600_000);

  it('the preview computes the merge without writing anything', async () => {
    const before = await auditCount();
    const [{ n: unitsBefore }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM unit')) as { n: number }[];
    const res = await t
      .as(ADMIN)
      .post('/api/unit-reorganisations/preview')
      .send({ kind: 'MERGE', effectiveOn: '2025-07-01', ...DOC, unitIds: communes.map((c) => c.id), newUnit: { name: 'Xã Tân Yên mới', level: 'GRASSROOTS', sector: 'STATE', parentId: district.id } });
    expect(res.status).toBe(200);
    expect(res.body.blockers).toEqual([]);
    expect(res.body.units.filter((u: { change: string }) => u.change === 'RETIRED')).toHaveLength(3);
    expect(res.body.units.filter((u: { change: string }) => u.change === 'CREATED')).toHaveLength(1);
    expect(res.body.candidateCount).toBe(12);
    expect(await auditCount()).toBe(before);
    const [{ n: unitsAfter }] = (await t.dataSource.query('SELECT count(*)::int AS n FROM unit')) as { n: number }[];
    expect(unitsAfter).toBe(unitsBefore);
  });

  it('bad requests are refused with a Vietnamese 4xx naming the field, writing nothing', async () => {
    const before = await auditCount();
    const one = await reorganise({ kind: 'MERGE', unitIds: [communes[0]!.id], intoUnitId: communes[0]!.id });
    expect(one.status).toBe(400);
    const both = await reorganise({ kind: 'MERGE', unitIds: [communes[0]!.id, communes[1]!.id] });
    expect(both.status).toBe(422);
    expect(both.body).toMatchObject({ code: 'REORGANISATION_INVALID', field: 'intoUnitId', fieldLabel: { vi: 'Sáp nhập vào đơn vị' } });
    expect(both.body.message).toMatch(/đơn vị/);
    const withParent = await reorganise({ kind: 'MERGE', unitIds: [district.id, communes[0]!.id], intoUnitId: district.id });
    expect(withParent.status).toBe(422);
    const early = await reorganise({ kind: 'RENAME', unitId: neighbour.id, name: 'Xã X', effectiveOn: '2025-06-01' });
    expect(early.body).toMatchObject({ code: 'REORGANISATION_INVALID', field: 'effectiveOn' });
    const head = await t.as(UNIT_HEAD).post('/api/unit-reorganisations').send({ kind: 'RENAME', unitId: neighbour.id, name: 'Xã X', effectiveOn: '2025-07-01', ...DOC });
    expect(head.status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it('merges three communes into a new one: one audited change; the successor’s head carries on their work, not the neighbour’s', async () => {
    const totalBefore = await expectTotalsAgree();
    expect(totalBefore).toBeGreaterThanOrEqual(recognisedCount);
    const head = await t.newAccount('truong.caoxa', 'UNIT_HEAD', communes[0]!.id);
    const before = await auditCount();
    const op = await applied({ kind: 'MERGE', unitIds: communes.map((c) => c.id), newUnit: { name: 'Xã Tân Yên mới', level: 'GRASSROOTS', sector: 'STATE', parentId: district.id } });
    // One record for the operation (attesting every row) and the new unit's birth record.
    const records = (await t.dataSource.query(`SELECT stream, event_type AS "eventType", jsonb_array_length(attests) AS n FROM audit_event ORDER BY id DESC LIMIT 2`)) as { stream: string; eventType: string; n: number }[];
    expect(await auditCount()).toBe(before + 2);
    expect(records.find((r) => r.stream === 'unit-tree')).toMatchObject({ eventType: 'UNIT_MERGE' });
    expect(records.find((r) => r.stream === 'unit-tree')!.n).toBeGreaterThan(5);
    const successor = op.effect.units.find((u) => u.change === 'CREATED')!;

    // The account of a merged commune now belongs to the successor, and its head sees the three communes' candidates.
    const successorHead = await t.newAccount('truong.tanyen', 'UNIT_HEAD', successor.id);
    for (const client of [successorHead, await t.signIn('truong.caoxa')]) {
      const list = await client.get('/api/candidates?pageSize=100');
      expect(list.status).toBe(200);
      const ids = list.body.items.map((c: { id: string }) => c.id);
      for (const [key, c] of Object.entries(candidates)) expect({ key, seen: ids.includes(c.id) }).toEqual({ key, seen: key !== 'neighbour' });
    }
    void head;
    // …and carries on the work: a check-in on a merged commune's candidate.
    const nurturing = candidates.nurturing0!;
    const current = await successorHead.get(`/api/candidates/${nurturing.id}`);
    expect(current.status).toBe(200);
    const event = await successorHead.post(`/api/candidates/${nurturing.id}/events`).send({ type: 'RECORD_CHECK_IN', expectedVersion: current.body.version, payload: { date: '2025-08-01', strengths: 'Tiếp tục', shortcomings: 'Không' } });
    expect(event.status).toBe(200);
    const neighbourCase = await successorHead.get(`/api/candidates/${candidates.neighbour!.id}`);
    expect(neighbourCase.status).toBe(404);

    // History both ways: nominated in Xã Cao Xá (kept), carried on today by the new commune.
    const units = await successorHead.get(`/api/candidates/${nurturing.id}/units`);
    expect(units.body).toMatchObject({ nominatedIn: { id: communes[0]!.id, nameThen: 'Xã Cao Xá', status: 'RETIRED' }, today: { id: successor.id, name: 'Xã Tân Yên mới' } });
    const [{ unitId }] = (await t.dataSource.query('SELECT unit_id AS "unitId" FROM candidate WHERE id = $1', [nurturing.id])) as { unitId: string }[];
    expect(unitId).toBe(communes[0]!.id);

    // The retired commune stays, takes no new candidates, and its timeline names the document.
    const nominate = await successorHead
      .post('/api/candidates')
      .send({ kind: 'COLLECTIVE', name: 'Mới', unitId: communes[1]!.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'x', newSubject: true });
    expect(nominate.status).toBe(422);
    expect(nominate.body.code).toBe('UNIT_RETIRED');
    const timeline = await t.as(AUDITOR).get(`/api/units/${communes[1]!.id}/timeline`);
    expect(timeline.body).toMatchObject({ unit: { status: 'RETIRED', retiredOn: '2025-07-01' }, today: { id: successor.id }, successors: [{ unit: { id: successor.id }, kind: 'MERGE' }] });
    expect(timeline.body.changes[0].operation).toMatchObject({ documentNumber: DOC.documentNumber, documentAuthority: DOC.documentAuthority });
    const successorTimeline = await t.as(AUDITOR).get(`/api/units/${successor.id}/timeline`);
    expect(successorTimeline.body.predecessors.map((p: { unit: { name: string } }) => p.unit.name).sort()).toEqual(['Xã Cao Xá', 'Xã Liên Chung', 'Xã Việt Lập']);

    // A second merge of a retired commune is refused.
    const again = await reorganise({ kind: 'MERGE', unitIds: [communes[0]!.id, neighbour.id], intoUnitId: neighbour.id });
    expect(again.body).toMatchObject({ code: 'UNIT_RETIRED', field: 'unitIds' });

    expect(await expectTotalsAgree()).toBe(totalBefore);
    const byToday = await t.as(AUDITOR).get(`/api/statistics/exemplars-by-unit?basis=TODAY&${YEARS}`);
    expect(byToday.body.rows.find((r: { unit: { id: string } }) => r.unit.id === successor.id)).toMatchObject({ total: 3 });
    const byThen = await t.as(AUDITOR).get(`/api/statistics/exemplars-by-unit?basis=AS_NOMINATED&${YEARS}`);
    for (const c of communes) expect(byThen.body.rows.find((r: { unit: { id: string } }) => r.unit.id === c.id)).toMatchObject({ total: 1, status: 'RETIRED' });
    // The successor's head counts the same three in its own scope.
    const own = await successorHead.get(`/api/statistics/exemplars-by-unit?basis=AS_NOMINATED&${YEARS}`);
    expect(own.body.totals.total).toBe(3);
  });

  it('split: refused while candidates, accounts or child units have no home, listing them; applied once placed', async () => {
    const totalBefore = await expectTotalsAgree();
    const ward = await newUnit(t, { name: 'Phường Hoàng Văn Thụ', parentId: district.id });
    const school = await newUnit(t, { name: 'Trường Tiểu học Hoàng Văn Thụ', parentId: ward.id });
    const open = await newCandidate(t, { unitId: ward.id, state: 'nurturing', name: 'Tổ dân phố số 3' });
    const done = await newCandidate(t, { unitId: ward.id, state: 'recognised', name: 'Hội Cựu chiến binh phường' });
    await t.newAccount('truong.hvt', 'UNIT_HEAD', ward.id);
    const parts = [
      { newUnit: { name: 'Phường Bắc Giang', level: 'GRASSROOTS', sector: 'STATE' } },
      { newUnit: { name: 'Phường Đa Mai', level: 'GRASSROOTS', sector: 'STATE' } },
    ];
    const before = await auditCount();
    const refused = await reorganise({ kind: 'SPLIT', unitId: ward.id, parts });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('REORGANISATION_BLOCKED');
    expect(refused.body.message).toMatch(/nơi tiếp nhận/);
    const listed = refused.body.blockers.map((b: { kind: string; name: string }) => `${b.kind}:${b.name}`).sort();
    expect(listed).toEqual(['ACCOUNT:truong.hvt (truong.hvt)', 'CANDIDATE:Tổ dân phố số 3', 'UNIT:Trường Tiểu học Hoàng Văn Thụ'].sort());
    expect(await auditCount()).toBe(before);
    const [{ id: accountId }] = (await t.dataSource.query(`SELECT id FROM account WHERE username = 'truong.hvt'`)) as { id: string }[];

    const op = await applied({
      kind: 'SPLIT',
      unitId: ward.id,
      parts,
      placements: [
        { kind: 'CANDIDATE', id: open.id, part: 1 },
        { kind: 'ACCOUNT', id: accountId, part: 1 },
        { kind: 'UNIT', id: school.id, part: 0 },
      ],
    });
    const created = op.effect.units.filter((u) => u.change === 'CREATED');
    const [first, second] = [created.find((u) => u.name === 'Phường Bắc Giang')!, created.find((u) => u.name === 'Phường Đa Mai')!];
    // The open candidate lives in the second part (placement recorded, nomination unit unchanged); the finished one follows the history to the first.
    const placed = await t.as(AUDITOR).get(`/api/candidates/${open.id}/units`);
    expect(placed.body).toMatchObject({ nominatedIn: { id: ward.id, status: 'RETIRED' }, today: { id: second.id }, placements: [{ to: { id: second.id } }] });
    const finished = await t.as(AUDITOR).get(`/api/candidates/${done.id}/units`);
    expect(finished.body.today).toMatchObject({ id: first.id });
    // The moved account's head sees the placed candidate, and not the one that went to the other part.
    const secondHead = await t.signIn('truong.hvt');
    const list = await secondHead.get('/api/candidates?pageSize=100');
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(done.id);
    const school2 = await t.as(AUDITOR).get(`/api/units/${school.id}`);
    expect(school2.body.parentId).toBe(first.id);
    expect(await expectTotalsAgree()).toBe(totalBefore + 1);
  });

  it('dissolve: refused while a candidate is open; applied once it is withdrawn; history stays under the parent', async () => {
    const totalBefore = await expectTotalsAgree();
    const team = await newUnit(t, { name: 'Ban quản lý dự án huyện', parentId: district.id });
    const openOne = await newCandidate(t, { unitId: team.id, state: 'discovered', name: 'Tổ công tác' });
    const doneOne = await newCandidate(t, { unitId: team.id, state: 'recognised', name: 'Ban quản lý' });
    const refused = await reorganise({ kind: 'DISSOLVE', unitId: team.id });
    expect(refused.body).toMatchObject({ code: 'REORGANISATION_BLOCKED', blockers: [{ kind: 'CANDIDATE', id: openOne.id }] });
    expect((await sendEvent(t, openOne.id, 'WITHDRAW', { reason: 'Giải thể đơn vị' })).status).toBe(200);
    await applied({ kind: 'DISSOLVE', unitId: team.id });
    const units = await t.as(AUDITOR).get(`/api/candidates/${doneOne.id}/units`);
    expect(units.body).toMatchObject({ nominatedIn: { id: team.id, status: 'RETIRED' }, today: { id: district.id } });
    expect(await expectTotalsAgree()).toBe(totalBefore + 1);
  });

  it('move and rename keep the totals, and a rename reads both ways', async () => {
    const totalBefore = await expectTotalsAgree();
    const other = await newUnit(t, { name: 'UBND huyện Yên Thế', level: 'DISTRICT' });
    await applied({ kind: 'MOVE', unitId: neighbour.id, parentId: other.id });
    const moved = await t.as(AUDITOR).get(`/api/units/${neighbour.id}`);
    expect(moved.body.parentId).toBe(other.id);
    const [{ path }] = (await t.dataSource.query('SELECT path FROM unit WHERE id = $1', [neighbour.id])) as { path: string }[];
    expect(path.startsWith((await t.dataSource.query('SELECT path FROM unit WHERE id = $1', [other.id]))[0].path)).toBe(true);
    expect(await expectTotalsAgree()).toBe(totalBefore);
    await applied({ kind: 'RENAME', unitId: neighbour.id, name: 'Xã Ngọc Thiện (mới)' });
    const units = await t.as(AUDITOR).get(`/api/candidates/${candidates.neighbour!.id}/units`);
    expect(units.body.nominatedIn).toMatchObject({ name: 'Xã Ngọc Thiện (mới)', nameThen: 'Xã Ngọc Thiện' });
    expect(await expectTotalsAgree()).toBe(totalBefore);
    const ops = await t.as(AUDITOR).get('/api/unit-reorganisations');
    expect(ops.body.map((o: { kind: string }) => o.kind).sort()).toEqual(['DISSOLVE', 'MERGE', 'MOVE', 'RENAME', 'SPLIT']);
  });

  it('a merged department’s council continues under the successor with its sessions; a successor with its own council keeps it', async () => {
    const deptA = await newUnit(t, { name: 'Sở Nội vụ tỉnh A', level: 'DEPARTMENT' });
    const deptB = await newUnit(t, { name: 'Sở Nội vụ tỉnh B', level: 'DEPARTMENT' });
    const office = await newUnit(t, { name: 'Văn phòng Sở Nội vụ tỉnh A', parentId: deptA.id });
    const council = await t.as(ADMIN).post('/api/councils').send({ unitId: deptA.id });
    expect(council.status).toBe(201);
    const secretary = await t.newAccount('thuongtruc-so-a', 'COUNCIL_SECRETARY', office.id);
    await t.newAccount('uyvien-so-a', 'COUNCIL_MEMBER', office.id);
    const ids = Object.fromEntries(((await t.dataSource.query(`SELECT username, id FROM account WHERE username IN ('thuongtruc-so-a', 'uyvien-so-a')`)) as { username: string; id: string }[]).map((r) => [r.username, r.id]));
    const composed = await t.as(ADMIN).post(`/api/councils/${council.body.id}/compositions`).send({ members: [{ accountId: ids['uyvien-so-a'], position: 'CHAIR' }], secretariat: [ids['thuongtruc-so-a']] });
    expect(composed.status).toBe(201);
    const merge = { kind: 'MERGE', unitIds: [deptA.id, deptB.id], newUnit: { name: 'Sở Nội vụ', level: 'DEPARTMENT', sector: 'STATE', parentId: t.provinceId } };

    // Another department whose council has a session open: its merge is refused, naming the session (it must close first).
    const deptS = await newUnit(t, { name: 'Sở Xây dựng tỉnh A', level: 'DEPARTMENT' });
    const councilS = (await t.as(ADMIN).post('/api/councils').send({ unitId: deptS.id })).body as { id: string };
    const secretaryS = await t.newAccount('thuongtruc-sxd-a', 'COUNCIL_SECRETARY', deptS.id);
    const [{ id: secretarySId }] = (await t.dataSource.query(`SELECT id FROM account WHERE username = 'thuongtruc-sxd-a'`)) as { id: string }[];
    await t.newAccount('uyvien-sxd-a', 'COUNCIL_MEMBER', deptS.id);
    const [{ id: memberSId }] = (await t.dataSource.query(`SELECT id FROM account WHERE username = 'uyvien-sxd-a'`)) as { id: string }[];
    expect((await t.as(ADMIN).post(`/api/councils/${councilS.id}/compositions`).send({ members: [{ accountId: memberSId, position: 'CHAIR' }], secretariat: [secretarySId] })).status).toBe(201);
    const opened = await secretaryS.post('/api/review-sessions').send({ title: 'Tổng kết năm 2024 - Sở Xây dựng tỉnh A', year: 2024, ballot: 'OPEN' });
    expect(opened.status).toBe(201);
    const refused = await reorganise({ kind: 'MERGE', unitIds: [deptS.id, deptB.id], intoUnitId: deptB.id });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'REORGANISATION_BLOCKED' });
    expect(JSON.stringify(refused.body)).toContain('Tổng kết năm 2024 - Sở Xây dựng tỉnh A');

    const preview = await t.as(ADMIN).post('/api/unit-reorganisations/preview').send({ effectiveOn: '2025-07-01', ...DOC, ...merge });
    // From the merge it reads as the successor's council: the merged unit's name in its name becomes the successor's.
    expect(council.body.name).toBe('Hội đồng Thi đua – Khen thưởng Sở Nội vụ tỉnh A');
    expect(preview.body.councils).toEqual([
      { id: council.body.id, name: council.body.name, unit: { id: deptA.id, name: 'Sở Nội vụ tỉnh A' }, continuesUnder: { id: expect.any(String), name: 'Sở Nội vụ' }, nameAfter: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ' },
    ]);
    const before = await auditCount();
    const op = await applied(merge);
    const successor = op.effect.units.find((u) => u.change === 'CREATED')!;
    // One audited change: the council's transfer is attested by the operation's record (the audit chain verifies).
    expect(await auditCount()).toBe(before + 2);
    expect(
      await t.dataSource.query('SELECT council_id AS "councilId", from_unit_id AS "fromUnitId", to_unit_id AS "toUnitId", operation_id AS "operationId", council_name AS "councilName" FROM council_transfer'),
    ).toEqual([{ councilId: council.body.id, fromUnitId: deptA.id, toUnitId: successor.id, operationId: op.id, councilName: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ' }]);
    expect(op.effect.councils).toEqual([expect.objectContaining({ id: council.body.id, nameAfter: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ' })]);
    // Its row is not rewritten: the name it was set up with is its first former name, until the merge's date.
    expect(await t.dataSource.query('SELECT name FROM council WHERE id = $1', [council.body.id])).toEqual([{ name: council.body.name }]);
    expect((await t.as(AUDITOR).get(`/api/councils/${council.body.id}`)).body).toMatchObject({
      name: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ',
      formerNames: [{ name: council.body.name, replacedOn: '2025-07-01' }],
      unit: { id: successor.id, name: 'Sở Nội vụ', retiredOn: null },
    });
    // Its secretariat serves it still, and an account of the successor itself finds it as its nearest council.
    expect((await secretary.get('/api/councils/mine')).body).toMatchObject({ id: council.body.id });
    const newcomer = await t.newAccount('uyvien-so-moi', 'COUNCIL_MEMBER', successor.id);
    expect((await newcomer.get('/api/councils/mine')).body).toMatchObject({ id: council.body.id });
    // The successor cannot be given a second council.
    expect((await t.as(ADMIN).post('/api/councils').send({ unitId: successor.id })).status).toBe(409);

    // A merge into a unit that has its own council: that council carries on; the other stays with its unit's history.
    const deptC = await newUnit(t, { name: 'Sở Tư pháp tỉnh A', level: 'DEPARTMENT' });
    const councilC = (await t.as(ADMIN).post('/api/councils').send({ unitId: deptC.id })).body as { id: string };
    const into = await t.as(ADMIN).post('/api/unit-reorganisations/preview').send({ effectiveOn: '2025-07-01', ...DOC, kind: 'MERGE', unitIds: [successor.id, deptC.id], intoUnitId: successor.id });
    expect(into.body.councils.map((k: { id: string; continuesUnder: unknown }) => [k.id, k.continuesUnder])).toEqual(
      expect.arrayContaining([
        [council.body.id, null],
        [councilC.id, null],
      ]),
    );
    // Applied: the council of the merged Sở Tư pháp stays with its retired unit as history, and takes no new composition.
    await applied({ kind: 'MERGE', unitIds: [successor.id, deptC.id], intoUnitId: successor.id });
    const retired = await t.as(ADMIN).post(`/api/councils/${councilC.id}/compositions`).send({ members: [{ accountId: memberSId, position: 'CHAIR' }], secretariat: [secretarySId] });
    expect(retired.status).toBe(409);
    expect(retired.body).toMatchObject({ code: 'COUNCIL_RETIRED', message: expect.stringContaining('chỉ còn là lịch sử') });
    expect((await t.as(AUDITOR).get(`/api/councils/${councilC.id}`)).body).toMatchObject({ unit: { id: deptC.id, retiredOn: '2025-07-01' } });
    const verify = await t.as(AUDITOR).get('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('provinces merge only with provinces, into one of them; the merged province’s departments and people come along', async () => {
    const a = await newUnit(t, { name: 'Tỉnh Thử nghiệm A', level: 'PROVINCE' });
    const b = await newUnit(t, { name: 'Tỉnh Thử nghiệm B', level: 'PROVINCE' });
    const dept = await newUnit(t, { name: 'Sở Y tế tỉnh A', level: 'DEPARTMENT', parentId: a.id });
    await t.newAccount('quantri-tinh-a', 'UNIT_HEAD', a.id);
    for (const body of [
      { kind: 'MERGE', unitIds: [a.id, b.id], newUnit: { name: 'Tỉnh mới', level: 'DEPARTMENT', sector: 'STATE', parentId: b.id } },
      { kind: 'MERGE', unitIds: [a.id, dept.id], intoUnitId: a.id },
    ]) {
      const res = await reorganise(body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'REORGANISATION_INVALID', field: 'unitIds', fieldLabel: { vi: 'Các đơn vị sáp nhập' } });
    }
    const totalBefore = await expectTotalsAgree();
    await applied({ kind: 'MERGE', unitIds: [a.id, b.id], intoUnitId: b.id });
    expect((await t.as(AUDITOR).get(`/api/units/${dept.id}`)).body).toMatchObject({ parentId: b.id, status: 'ACTIVE' });
    expect((await t.as(AUDITOR).get(`/api/units/${a.id}`)).body).toMatchObject({ parentId: b.id, status: 'RETIRED' });
    expect(await t.dataSource.query(`SELECT a.unit_id AS "unitId" FROM account a WHERE a.username = 'quantri-tinh-a'`)).toEqual([{ unitId: b.id }]);
    expect(await expectTotalsAgree()).toBe(totalBefore);
  });

  it('nothing is rewritten: the operations’ tables refuse UPDATE and DELETE', async () => {
    for (const table of ['unit_operation', 'unit_change', 'unit_succession', 'candidate_placement', 'council_transfer']) {
      await expect(t.admin.query(`DELETE FROM ${table}`)).rejects.toThrow();
    }
  });
});
