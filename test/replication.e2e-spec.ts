/**
 * The replicate stage: honouring acts, adoptions by other units and yearly follow-ups of recognised exemplars,
 * each an event through the statechart with its own record (corrections add rows, never overwrite), and the
 * units' yearly plans with their inspection results.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CANDIDATE_MACHINE_VERSION } from '#workflow';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes, sendEvent, writeUnitPlan } from './support/factories.js';

let t: TestApp;
let districtA: string;
let schoolInA: string;
let districtB: string;
let headOfA: ActorClient;
let headOfB: ActorClient;

beforeAll(async () => {
  t = await startTestApp();
  districtA = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  schoolInA = (await newUnit(t, { name: 'Trường THCS Tân Dĩnh', parentId: districtA })).id;
  districtB = (await newUnit(t, { name: 'UBND huyện Yên Thế', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  headOfA = await t.newAccount('truong-lang-giang', 'UNIT_HEAD', districtA);
  headOfB = await t.newAccount('truong-yen-the', 'UNIT_HEAD', districtB);
});
afterAll(async () => {
  await t?.close();
});

const HONOUR = { form: 'PROVINCIAL_NEWSPAPER', date: '2025-06-15', outlet: 'Báo Bắc Giang', title: 'Hợp tác xã Tân Thịnh: làm giàu từ chuỗi giá trị', reach: 12000 };
const replication = (id: string, actor: string | ActorClient = UNIT_HEAD) => (typeof actor === 'string' ? t.as(actor) : actor).get(`/api/candidates/${id}/replication`);
const count = async (table: string, candidateId: string) =>
  ((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE candidate_id = $1`, [candidateId])) as { n: number }[])[0]!.n;

describe('the honouring ledger', () => {
  it('records an act of publicity on a recognised exemplar, through the statechart, with its audit record', async () => {
    const c = await newCandidate(t, { unitId: schoolInA, state: 'recognised' });
    const res = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, link: 'https://baobacgiang.vn/tan-thinh' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ previousState: 'recognised', state: 'recognised', version: c.version + 1 });
    expect(res.body.allowedEvents).toEqual(['ATTACH_EVIDENCE', 'START_REPLICATION', 'RECORD_HONOURING', 'RECORD_ADOPTION', 'RECORD_FOLLOW_UP']);

    const view = await replication(c.id, headOfA);
    expect(view.status).toBe(200);
    expect(view.body.honouring).toMatchObject([
      { form: 'PROVINCIAL_NEWSPAPER', formLabel: { vi: 'Báo Bắc Giang' }, date: '2025-06-15', outlet: 'Báo Bắc Giang', reach: 12000, link: 'https://baobacgiang.vn/tan-thinh', supersededBy: null, recordedBy: UNIT_HEAD },
    ]);
    expect(view.body.honouringForms).toEqual([{ form: 'PROVINCIAL_NEWSPAPER', label: { vi: 'Báo Bắc Giang', en: 'Provincial newspaper' }, count: 1 }]);
    // Who recorded it, by name with role and unit (screens show this, never the login).
    expect(view.body.people[UNIT_HEAD]).toMatchObject({ title: { vi: expect.stringMatching(/^Thủ trưởng đơn vị/) } });

    const history = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/history`);
    const last = history.body.records.at(-1);
    expect(last).toMatchObject({ eventType: 'RECORD_HONOURING', fromState: 'recognised', toState: 'recognised', machineVersion: CANDIDATE_MACHINE_VERSION, payload: { form: 'PROVINCIAL_NEWSPAPER', honouringId: view.body.honouring[0].id } });
    expect(CANDIDATE_MACHINE_VERSION).toBe(5);
  });

  it('takes an evidence file of the same exemplar, uploaded after recognition; refuses another candidate’s', async () => {
    const c = await newCandidate(t, { unitId: districtA, state: 'replicating' });
    const other = await newCandidate(t, { unitId: districtA, state: 'underReview' });
    const upload = await t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/evidence`).attach('file', pdfBytes('bai bao'), { filename: 'bai-bao.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    expect(upload.body.state).toBe('replicating');
    const ok = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, evidenceId: upload.body.evidence.id }, SECRETARY);
    expect(ok.status).toBe(200);

    const [foreign] = await t.dataSource.query('SELECT id FROM evidence_file WHERE candidate_id = $1', [other.id]);
    const before = await count('honouring_record', c.id);
    const refused = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, evidenceId: foreign.id }, SECRETARY);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'REFERENCED_EVIDENCE_NOT_FOUND', field: 'payload.evidenceId' });
    // The whole transition is rolled back: no record, no new version.
    expect(await count('honouring_record', c.id)).toBe(before);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body.version).toBe(ok.body.version);
  });

  it('a correction is a new record naming the old one; the old stays, superseded, and cannot be corrected twice', async () => {
    const c = await newCandidate(t, { unitId: districtA, state: 'recognised' });
    await sendEvent(t, c.id, 'RECORD_HONOURING', HONOUR);
    const [first] = await t.dataSource.query('SELECT id FROM honouring_record WHERE candidate_id = $1', [c.id]);
    const fix = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, form: 'PROVINCIAL_RADIO_TV', outlet: 'Đài PT-TH Bắc Giang', correctsId: first.id });
    expect(fix.status).toBe(200);
    const view = await replication(c.id);
    expect(view.body.honouring).toHaveLength(2);
    const [old, fixed] = view.body.honouring;
    expect(old).toMatchObject({ id: first.id, form: 'PROVINCIAL_NEWSPAPER', supersededBy: fixed.id });
    expect(fixed).toMatchObject({ form: 'PROVINCIAL_RADIO_TV', correctsId: first.id, supersededBy: null });
    expect(view.body.honouringForms.map((f: { form: string }) => f.form)).toEqual(['PROVINCIAL_RADIO_TV']);

    const again = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, correctsId: first.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'RECORD_ALREADY_CORRECTED', correctedBy: fixed.id });
    const someoneElses = await newCandidate(t, { unitId: districtA, state: 'recognised' });
    const wrongExemplar = await sendEvent(t, someoneElses.id, 'RECORD_HONOURING', { ...HONOUR, correctsId: fixed.id });
    expect(wrongExemplar.body.code).toBe('CORRECTED_RECORD_NOT_FOUND');

    // The ledger is append-only in the database itself.
    await expect(t.admin.query(`UPDATE honouring_record SET title = 'sửa lén' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
    await expect(t.admin.query('DELETE FROM honouring_record WHERE id = $1', [fixed.id])).rejects.toThrow(/append-only/);
  });

  it('is refused before recognition, to council members and auditors, and with a payload that is not valid', async () => {
    const nurturing = await newCandidate(t, { unitId: districtA, state: 'nurturing' });
    const early = await sendEvent(t, nurturing.id, 'RECORD_HONOURING', HONOUR);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', state: 'nurturing' });

    const c = await newCandidate(t, { unitId: districtA, state: 'recognised' });
    for (const role of [COUNCIL_MEMBER, AUDITOR]) {
      const res = await t.as(role).post(`/api/candidates/${c.id}/events`).send({ type: 'RECORD_HONOURING', expectedVersion: c.version, payload: HONOUR });
      expect(res.status).toBe(403);
    }
    const bad = await sendEvent(t, c.id, 'RECORD_HONOURING', { ...HONOUR, form: 'NEWSPAPER', link: 'ftp://x', reach: -1, date: '2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['payload.date', 'payload.form', 'payload.link', 'payload.reach']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'payload.form').message).toMatch(/^«Hình thức tôn vinh» phải là một trong các giá trị: PROVINCIAL_NEWSPAPER/);
  });

  it('a unit head outside the exemplar’s subtree cannot see or write it', async () => {
    const c = await newCandidate(t, { unitId: districtA, state: 'recognised' });
    const res = await headOfB.post(`/api/candidates/${c.id}/events`).send({ type: 'RECORD_HONOURING', expectedVersion: c.version, payload: HONOUR });
    expect([res.status, res.body.code]).toEqual([404, 'CANDIDATE_NOT_FOUND']);
    expect((await replication(c.id, headOfB)).status).toBe(404);
  });
});

describe('adoption by other units', () => {
  it('is recorded on the exemplar by its unit head or the secretariat, naming the adopting unit; the spread is a graph of units', async () => {
    const c = await newCandidate(t, { unitId: schoolInA, state: 'replicating', name: 'Mô hình Trường học hạnh phúc' });
    const visit = await headOfA.post(`/api/candidates/${c.id}/events`).send({
      type: 'RECORD_ADOPTION',
      expectedVersion: c.version,
      payload: { adoptingUnitId: districtB, stage: 'STUDY_VISIT', date: '2025-03-10', description: 'Đoàn huyện Yên Thế tham quan, học tập' },
    });
    expect(visit.status).toBe(200);
    expect(await sendEvent(t, c.id, 'RECORD_ADOPTION', { adoptingUnitId: districtB, stage: 'ADOPTED', date: '2025-09-01', description: 'Áp dụng tại 4 trường' }, SECRETARY)).toMatchObject({ status: 200 });
    expect(await sendEvent(t, c.id, 'RECORD_ADOPTION', { adoptingUnitId: districtA, stage: 'STUDY_VISIT', date: '2025-04-02', description: 'Các trường trong huyện học tập' })).toMatchObject({ status: 200 });

    const view = await replication(c.id, SECRETARY);
    expect(view.body.adoptions.map((a: { adoptingUnit: { name: string }; stage: string; stageLabel: { vi: string } }) => [a.adoptingUnit.name, a.stage, a.stageLabel.vi])).toEqual([
      ['UBND huyện Yên Thế', 'STUDY_VISIT', 'Tham quan, học tập kinh nghiệm'],
      ['UBND huyện Lạng Giang', 'STUDY_VISIT', 'Tham quan, học tập kinh nghiệm'],
      ['UBND huyện Yên Thế', 'ADOPTED', 'Áp dụng, nhân rộng mô hình'],
    ]);
    expect(view.body.spread).toEqual({
      unitsReached: 2,
      unitsAdopted: 1,
      nodes: [
        { id: schoolInA, name: 'Trường THCS Tân Dĩnh', role: 'ORIGIN' },
        { id: districtB, name: 'UBND huyện Yên Thế', role: 'ADOPTER' },
        { id: districtA, name: 'UBND huyện Lạng Giang', role: 'ADOPTER' },
      ],
      edges: [
        { from: schoolInA, to: districtB, stages: ['STUDY_VISIT', 'ADOPTED'], firstDate: '2025-03-10', lastDate: '2025-09-01' },
        { from: schoolInA, to: districtA, stages: ['STUDY_VISIT'], firstDate: '2025-04-02', lastDate: '2025-04-02' },
      ],
    });
    const history = await t.as(SECRETARY).get(`/api/candidates/${c.id}/history`);
    expect(history.body.records.at(-1)).toMatchObject({ eventType: 'RECORD_ADOPTION', payload: { adoptingUnitName: 'UBND huyện Lạng Giang' } });
  });

  it('refuses the exemplar’s own unit, a unit that does not exist, and the adopting unit’s head (who cannot see the exemplar)', async () => {
    const c = await newCandidate(t, { unitId: schoolInA, state: 'recognised' });
    const own = await sendEvent(t, c.id, 'RECORD_ADOPTION', { adoptingUnitId: schoolInA, stage: 'ADOPTED', date: '2025-01-01', description: 'Tự áp dụng' });
    expect([own.status, own.body.code]).toEqual([422, 'ADOPTING_UNIT_IS_OWN']);
    const missing = await sendEvent(t, c.id, 'RECORD_ADOPTION', { adoptingUnitId: '00000000-0000-4000-8000-000000000000', stage: 'ADOPTED', date: '2025-01-01', description: 'x' });
    expect([missing.status, missing.body.code, missing.body.field]).toEqual([422, 'REFERENCED_UNIT_NOT_FOUND', 'payload.adoptingUnitId']);
    const byAdopter = await headOfB
      .post(`/api/candidates/${c.id}/events`)
      .send({ type: 'RECORD_ADOPTION', expectedVersion: c.version, payload: { adoptingUnitId: districtB, stage: 'ADOPTED', date: '2025-01-01', description: 'x' } });
    expect(byAdopter.status).toBe(404);
    expect(await count('adoption_record', c.id)).toBe(0);
  });

  it('ranks the models that spread furthest, within the reader’s reach', async () => {
    const wide = await newCandidate(t, { unitId: districtB, state: 'replicating', name: 'Mô hình Dân vận khéo', year: 2023 });
    const extra = (await newUnit(t, { name: 'Xã Đồng Lạc', parentId: districtB })).id;
    for (const unitId of [districtA, schoolInA, extra]) {
      expect((await sendEvent(t, wide.id, 'RECORD_ADOPTION', { adoptingUnitId: unitId, stage: 'ADOPTED', date: '2025-05-05', description: 'Áp dụng' }, SECRETARY)).status).toBe(200);
    }
    const all = await t.as(SECRETARY).get('/api/replication/spread');
    expect(all.status).toBe(200);
    expect(all.body.items.slice(0, 2).map((i: { name: string; unitsReached: number; unitsAdopted: number; rank: number }) => [i.rank, i.name, i.unitsReached, i.unitsAdopted])).toEqual([
      [1, 'Mô hình Dân vận khéo', 3, 3],
      [2, 'Mô hình Trường học hạnh phúc', 2, 1],
    ]);
    const inA = await headOfA.get('/api/replication/spread');
    expect(inA.body.items.map((i: { name: string }) => i.name)).toEqual(['Mô hình Trường học hạnh phúc']);
    expect((await t.as(SECRETARY).get('/api/replication/spread?year=2023')).body.items.map((i: { name: string }) => i.name)).toEqual(['Mô hình Dân vận khéo']);
    expect((await headOfA.get(`/api/replication/spread?unitId=${districtB}`)).status).toBe(403);
  });
});

describe('yearly follow-up', () => {
  it('one follow-up in force per year; a correction keeps its year; one that no longer holds up opens the way out', async () => {
    const c = await newCandidate(t, { unitId: districtA, state: 'replicating', year: 2024 });
    const first = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2025, date: '2025-12-05', holdsUp: true, findings: 'Mô hình duy trì tốt' });
    expect(first.status).toBe(200);
    const [row] = await t.dataSource.query('SELECT id FROM follow_up_record WHERE candidate_id = $1', [c.id]);

    const twice = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2025, date: '2025-12-20', holdsUp: true, findings: 'Lần hai' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'FOLLOW_UP_ALREADY_RECORDED', inForceId: row.id });
    const otherYear = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2026, date: '2026-12-20', holdsUp: true, findings: 'x', correctsId: row.id });
    expect([otherYear.status, otherYear.body.code]).toEqual([422, 'FOLLOW_UP_YEAR_INVALID']);
    const beforeExemplar = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2023, date: '2023-12-20', holdsUp: true, findings: 'x' });
    expect([beforeExemplar.status, beforeExemplar.body.code]).toEqual([422, 'FOLLOW_UP_YEAR_INVALID']);
    const notBoolean = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2025, date: '2025-12-20', holdsUp: 'false', findings: 'x' });
    expect(notBoolean.body.errors).toMatchObject([{ field: 'payload.holdsUp', code: 'isBoolean' }]);

    const correction = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2025, date: '2025-12-05', holdsUp: false, findings: 'Sau sáp nhập, mô hình không còn duy trì', correctsId: row.id });
    expect(correction.status).toBe(200);
    const view = await replication(c.id);
    expect(view.body.followUps.map((f: { holdsUp: boolean; supersededBy: string | null }) => [f.holdsUp, f.supersededBy === null])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(view.body.latestFollowUp).toMatchObject({ year: 2025, holdsUp: false });
    expect(view.body.endOfReplicationSuggested).toBe(true);

    const end = await sendEvent(t, c.id, 'END_REPLICATION', { reasons: 'Theo kết quả theo dõi năm 2025' });
    expect(end.body).toMatchObject({ state: 'replicationEnded', allowedEvents: [] });
    const after = await sendEvent(t, c.id, 'RECORD_FOLLOW_UP', { year: 2026, date: '2026-12-05', holdsUp: false, findings: 'x' });
    expect([after.status, after.body.code]).toEqual([409, 'EVENT_NOT_ALLOWED']);
    // Nothing was deleted: every record is still there, read by an auditor.
    const kept = await replication(c.id, AUDITOR);
    expect(kept.body).toMatchObject({ state: 'replicationEnded', endOfReplicationSuggested: false });
    expect(kept.body.followUps).toHaveLength(2);
  });
});

describe('unit plans', () => {
  it('a unit head writes the year’s plan for their unit; each revision adds a row; a stale revision is refused', async () => {
    const first = await writeUnitPlan(t, districtA, 2025, { documentNumber: 'Kế hoạch số 08/KH-UBND', issuedOn: '2025-02-14' }, headOfA.username);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ unit: { id: districtA, name: 'UBND huyện Lạng Giang' }, year: 2025, revision: 1, inspection: null, writtenBy: 'truong-lang-giang' });

    const stale = await headOfA.post(`/api/units/${districtA}/plans/2025`).send({ expectedRevision: 0, buildingPlan: 'x', replicationPlan: 'y' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', expectedRevision: 0, currentRevision: 1 });

    const halfInspection = await headOfA.post(`/api/units/${districtA}/plans/2025`).send({ expectedRevision: 1, buildingPlan: 'x', replicationPlan: 'y', inspectedOn: '2025-11-30' });
    expect(halfInspection.body.errors).toMatchObject([{ field: 'inspectionResult', code: 'isDefined' }]);

    const inspected = await writeUnitPlan(t, districtA, 2025, { inspectedOn: '2025-11-30', inspectionResult: 'Hoàn thành tốt kế hoạch; 12 điển hình được nhân rộng' }, headOfA.username);
    expect(inspected.body).toMatchObject({ revision: 2, inspection: { inspectedOn: '2025-11-30', result: 'Hoàn thành tốt kế hoạch; 12 điển hình được nhân rộng' } });

    const read = await t.as(AUDITOR).get(`/api/units/${districtA}/plans/2025`);
    expect(read.body.current.revision).toBe(2);
    expect(read.body.earlierRevisions).toMatchObject([{ revision: 1, documentNumber: 'Kế hoạch số 08/KH-UBND', inspection: null }]);
    const audit = await t.dataSource.query(`SELECT seq, event_type, payload FROM audit_event WHERE stream = $1 ORDER BY seq`, [`unit-plan:${districtA}:2025`]);
    expect(audit.map((a: { seq: number; event_type: string; payload: { revision: number } }) => [a.seq, a.event_type, a.payload.revision])).toEqual([
      [1, 'UNIT_PLAN_WRITTEN', 1],
      [2, 'UNIT_PLAN_WRITTEN', 2],
    ]);
    await expect(t.admin.query(`UPDATE unit_plan SET building_plan = 'x' WHERE unit_id = $1`, [districtA])).rejects.toThrow(/append-only/);
  });

  it('two revisions written at once from the same revision: one is kept, the other is told it is stale', async () => {
    const write = () => headOfA.post(`/api/units/${districtA}/plans/2024`).send({ expectedRevision: 0, buildingPlan: 'Kế hoạch', replicationPlan: 'Nhân rộng' });
    const [a, b] = await Promise.all([write(), write()]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await t.dataSource.query(`SELECT revision FROM unit_plan WHERE unit_id = $1 AND year = 2024`, [districtA])).toEqual([{ revision: 1 }]);
  });

  it('another unit’s plan is refused to a unit head; a year without a plan is a 404; the year is checked', async () => {
    const other = await headOfA.post(`/api/units/${districtB}/plans/2025`).send({ expectedRevision: 0, buildingPlan: 'x', replicationPlan: 'y' });
    expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await headOfA.get(`/api/units/${districtB}/plans/2025`)).status).toBe(403);
    const none = await t.as(SECRETARY).get(`/api/units/${districtB}/plans/2025`);
    expect([none.status, none.body.code]).toEqual([404, 'UNIT_PLAN_NOT_FOUND']);
    const badYear = await t.as(SECRETARY).get(`/api/units/${districtB}/plans/25`);
    expect(badYear.body.errors).toMatchObject([{ field: 'year' }]);
    const secretary = await t.as(SECRETARY).post(`/api/units/${districtB}/plans/2025`).send({ expectedRevision: 0, buildingPlan: 'x', replicationPlan: 'y' });
    expect(secretary.status).toBe(403);
  });

  it('the secretariat sees every unit’s plan for a year and which units have none; a unit head sees their subtree', async () => {
    await writeUnitPlan(t, schoolInA, 2025, {}, headOfA.username);
    const all = await t.as(SECRETARY).get('/api/unit-plans?year=2025');
    expect(all.status).toBe(200);
    const units = (await t.dataSource.query('SELECT count(*)::int AS n FROM unit'))[0].n as number;
    expect(all.body.counts).toEqual({ units, withPlan: 2, withoutPlan: units - 2, inspected: 1, percentWithPlan: Math.round((2 / units) * 1000) / 10 });
    expect(all.body.withoutPlan.map((u: { id: string }) => u.id)).toContain(districtB);
    expect(all.body.withoutPlan.map((u: { id: string }) => u.id)).not.toContain(districtA);

    const ofA = await headOfA.get('/api/unit-plans?year=2025');
    expect(ofA.body.counts).toEqual({ units: 2, withPlan: 2, withoutPlan: 0, inspected: 1, percentWithPlan: 100 });
    expect(ofA.body.units.map((u: { unit: { name: string }; plan: { revision: number } }) => [u.unit.name, u.plan.revision])).toEqual([
      ['UBND huyện Lạng Giang', 2],
      ['Trường THCS Tân Dĩnh', 1],
    ]);
    const nextYear = await t.as(SECRETARY).get(`/api/unit-plans?year=2026&unitId=${districtA}`);
    expect(nextYear.body.withoutPlan.map((u: { name: string }) => u.name)).toEqual(['UBND huyện Lạng Giang', 'Trường THCS Tân Dĩnh']);
    expect((await headOfB.get(`/api/unit-plans?year=2025&unitId=${districtA}`)).status).toBe(403);
  });
});

describe('the audit trail of all this', () => {
  it('verifies: every chain intact, and every history with its replication records replays to the stored state', async () => {
    const res = await t.as(AUDITOR).get('/api/audit/verify');
    expect(res.status).toBe(200);
    const [{ candidates }] = await t.dataSource.query('SELECT count(*)::int AS candidates FROM candidate');
    const [{ records }] = await t.dataSource.query(`SELECT count(*)::int AS records FROM audit_event WHERE event_type LIKE 'RECORD\\_%' AND event_type <> 'RECORD_CHECK_IN'`);
    // 4 honouring acts (one a correction), 6 adoptions, 2 follow-ups (one a correction); the refused ones left nothing.
    expect(records).toBe(12);
    expect({ chains: res.body.chains.problems, replay: res.body.replay.problems }).toEqual({ chains: [], replay: [] });
    expect(res.body.replay).toMatchObject({ candidates, replayed: candidates, skipped: 0, mismatches: 0 });
  });
});
