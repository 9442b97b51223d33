/**
 * Emulation movements: launch, lifecycle (launched → running → closed by the final review, with interim
 * reviews), optimistic concurrency, corrections, the launching document, registrations of the units below,
 * who sees and who runs a movement, and the candidates that lead it (links, discovery at a review
 * conference, the movement filter of the statistics table).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type ActorClient, type TestApp } from './support/app.js';
import { closeRefusalWindow } from './support/refusals.js';
import { AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes } from './support/factories.js';
import { MOVEMENT, REVIEW, linkCandidate, movementIn, movementVersion, newMovement, recordReview, registerUnit, startMovement } from './support/movement-factories.js';

let t: TestApp;
let districtA: string;
let communeA: string;
let districtB: string;
let headOfA: ActorClient;
let headOfB: ActorClient;

beforeAll(async () => {
  t = await startTestApp();
  districtA = (await newUnit(t, { name: 'UBND huyện Lạng Giang', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  communeA = (await newUnit(t, { name: 'UBND xã Tân Thịnh', parentId: districtA, sector: 'LOCALITY' })).id;
  districtB = (await newUnit(t, { name: 'UBND huyện Yên Thế', level: 'DISTRICT', sector: 'LOCALITY' })).id;
  headOfA = await t.newAccount('truong-lang-giang', 'UNIT_HEAD', districtA);
  headOfB = await t.newAccount('truong-yen-the', 'UNIT_HEAD', districtB);
});
afterAll(async () => {
  await t?.close();
});

const page = (id: string, actor: string | ActorClient = SECRETARY) => (typeof actor === 'string' ? t.as(actor) : actor).get(`/api/movements/${id}`);
const trail = async (id: string) =>
  (await t.dataSource.query('SELECT seq, event_type AS "eventType", from_state AS "from", to_state AS "to", payload, candidate_id AS "candidateId" FROM audit_event WHERE stream = $1 ORDER BY seq', [
    `movement:${id}`,
  ])) as { seq: number; eventType: string; from: string | null; to: string | null; payload: Record<string, unknown>; candidateId: string | null }[];

describe('launching a movement', () => {
  it('records the movement, its launching document and fields, as version 1, audited on its own stream', async () => {
    const res = await t.as(SECRETARY).post('/api/movements').send({ ...MOVEMENT, launchingUnitId: t.provinceId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: MOVEMENT.name,
      launchingUnit: { id: t.provinceId, name: 'Tỉnh thử nghiệm' },
      periodFrom: '2021-01-01',
      periodTo: '2025-12-31',
      fields: [
        { code: 'ECONOMY', label: { vi: 'Kinh tế', en: 'Economy' } },
        { code: 'CULTURE_SPORTS_TOURISM', label: { vi: 'Văn hóa, Thể thao, Du lịch' } },
      ],
      document: { number: '05/KH-HĐTĐKT', date: '2021-02-05', title: MOVEMENT.documentTitle },
      status: 'LAUNCHED',
      statusLabel: { vi: 'Đã phát động', en: 'Launched' },
      version: 1,
      createdBy: SECRETARY,
    });
    expect(res.body.allowedActions.map((a: { type: string }) => a.type)).toEqual(['START', 'REVISE', 'ATTACH_DOCUMENT', 'REGISTER', 'AMEND_REGISTRATION', 'WITHDRAW_REGISTRATION']);
    expect(await trail(res.body.id)).toMatchObject([{ seq: 1, eventType: 'MOVEMENT_LAUNCHED', from: null, to: 'LAUNCHED', payload: { name: MOVEMENT.name, documentNumber: '05/KH-HĐTĐKT' } }]);
  });

  it('refuses bad input field by field, an end before the start, and a unit outside a unit head’s reach', async () => {
    const bad = await t.as(SECRETARY).post('/api/movements').send({ ...MOVEMENT, launchingUnitId: t.provinceId, fields: ['ECONOMY', 'SPORTS'], periodFrom: '2021-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fields', 'periodFrom']);

    const backwards = await t.as(SECRETARY).post('/api/movements').send({ ...MOVEMENT, launchingUnitId: t.provinceId, periodFrom: '2025-01-01', periodTo: '2024-12-31' });
    expect([backwards.status, backwards.body.code, backwards.body.field]).toEqual([422, 'MOVEMENT_PERIOD_INVALID', 'periodTo']);

    const elsewhere = await headOfB.post('/api/movements').send({ ...MOVEMENT, launchingUnitId: districtA });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'FORBIDDEN']);
    const own = await headOfA.post('/api/movements').send({ ...MOVEMENT, name: 'Lạng Giang chung sức xây dựng nông thôn mới', launchingUnitId: districtA });
    expect(own.status).toBe(201);
    expect(own.body.createdBy).toBe('truong-lang-giang');
  });
});

describe('the lifecycle', () => {
  it('runs from launch through interim reviews to the final review that closes it, each change a new version', async () => {
    const m = await newMovement(t);
    const started = await startMovement(t, m.id);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'RUNNING', version: 2 });

    const first = await recordReview(t, m.id);
    expect(first.status).toBe(201);
    expect(first.body.movement).toMatchObject({ status: 'RUNNING', version: 3 });
    expect(first.body.review).toMatchObject({ kind: 'INTERIM', heldOn: '2023-12-20', figures: { participatingUnits: 10, exemplarsFound: 36, collectivesCommended: null } });
    const second = await recordReview(t, m.id, { heldOn: '2024-12-18', results: 'Sơ kết lần 2', conferenceHeldOn: undefined, conferencePlace: undefined, conferenceNote: undefined });
    expect(second.status).toBe(201);
    const final = await recordReview(t, m.id, { kind: 'FINAL', heldOn: '2025-12-26', results: 'Tổng kết: 100% xã đạt chuẩn', collectivesCommended: 120, individualsCommended: 85 });
    expect(final.status).toBe(201);
    expect(final.body.movement).toMatchObject({ status: 'CLOSED', version: 5, statusLabel: { vi: 'Đã tổng kết, kết thúc' } });
    expect(final.body.movement.allowedActions.map((a: { type: string }) => a.type)).toEqual(['CORRECT_REVIEW', 'REVISE', 'ATTACH_DOCUMENT']);

    const view = await page(m.id, AUDITOR);
    expect(view.status).toBe(200);
    expect(view.body.reviews.map((r: { kind: string; number: number | null; conference: unknown }) => [r.kind, r.number, r.conference !== null])).toEqual([
      ['INTERIM', 1, true],
      ['INTERIM', 2, false],
      ['FINAL', null, true],
    ]);
    expect(view.body.reviews[0].conference).toEqual({ heldOn: '2023-12-20', place: 'Hội trường UBND tỉnh', note: 'Biểu dương 36 điển hình tiên tiến' });
    expect((await trail(m.id)).map((r) => [r.eventType, r.from, r.to])).toEqual([
      ['MOVEMENT_LAUNCHED', null, 'LAUNCHED'],
      ['MOVEMENT_STARTED', 'LAUNCHED', 'RUNNING'],
      ['MOVEMENT_INTERIM_REVIEW', 'RUNNING', 'RUNNING'],
      ['MOVEMENT_INTERIM_REVIEW', 'RUNNING', 'RUNNING'],
      ['MOVEMENT_FINAL_REVIEW', 'RUNNING', 'CLOSED'],
    ]);
  });

  it('refuses what the state table refuses, and a stale version, changing nothing', async () => {
    const launched = await newMovement(t);
    const early = await recordReview(t, launched.id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'MOVEMENT_ACTION_NOT_ALLOWED', status: 'LAUNCHED', action: 'INTERIM_REVIEW' });
    expect(early.body.allowedActions).toContain('START');

    const closed = await movementIn(t, 'CLOSED');
    for (const attempt of [() => startMovement(t, closed.id), () => recordReview(t, closed.id), () => recordReview(t, closed.id, { kind: 'FINAL' })]) {
      const res = await attempt();
      expect([res.status, res.body.code]).toEqual([409, 'MOVEMENT_ACTION_NOT_ALLOWED']);
    }

    const running = await movementIn(t, 'RUNNING');
    const stale = await t.as(SECRETARY).post(`/api/movements/${running.id}/reviews`).send({ kind: 'INTERIM', ...REVIEW, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', expectedVersion: 1, currentVersion: 2 });
    const beforeStart = await recordReview(t, running.id, { heldOn: '2020-12-31' });
    expect([beforeStart.status, beforeStart.body.code, beforeStart.body.field]).toEqual([422, 'MOVEMENT_PERIOD_INVALID', 'heldOn']);
    expect(await movementVersion(t, running.id)).toBe(2);
    expect((await page(running.id)).body.reviews).toEqual([]);
    expect(await trail(running.id)).toHaveLength(2);
  });

  it('two changes from the same version: one wins, the other is told the version moved on', async () => {
    const m = await movementIn(t, 'RUNNING');
    const send = () => t.as(SECRETARY).post(`/api/movements/${m.id}/reviews`).send({ kind: 'INTERIM', ...REVIEW, expectedVersion: 2 });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 3 });
    expect((await page(m.id)).body.reviews).toHaveLength(1);
  });

  it('corrects a review by a new record that names it, even after closing; the old stays, marked; once only', async () => {
    const m = await movementIn(t, 'CLOSED');
    const [finalReview] = (await page(m.id)).body.reviews;
    const fix = await recordReview(t, m.id, { kind: 'FINAL', heldOn: '2025-12-28', results: 'Tổng kết (đính chính số liệu)', collectivesCommended: 118, correctsId: finalReview.id });
    expect(fix.status).toBe(201);
    expect(fix.body.movement.status).toBe('CLOSED');
    const reviews = (await page(m.id)).body.reviews;
    expect(reviews).toHaveLength(2);
    expect(reviews[0]).toMatchObject({ id: finalReview.id, supersededBy: fix.body.review.id });
    expect(reviews[1]).toMatchObject({ correctsId: finalReview.id, supersededBy: null, figures: { collectivesCommended: 118 } });

    const twice = await recordReview(t, m.id, { kind: 'FINAL', heldOn: '2025-12-28', correctsId: finalReview.id });
    expect(twice.body).toMatchObject({ code: 'RECORD_ALREADY_CORRECTED', correctedBy: fix.body.review.id });
    const otherKind = await recordReview(t, m.id, { kind: 'INTERIM', heldOn: '2025-12-28', correctsId: fix.body.review.id });
    expect([otherKind.status, otherKind.body.errors?.[0]?.field]).toEqual([400, 'kind']);
    const foreign = await movementIn(t, 'RUNNING');
    const wrongMovement = await recordReview(t, foreign.id, { correctsId: fix.body.review.id });
    expect([wrongMovement.status, wrongMovement.body.code]).toEqual([422, 'CORRECTED_RECORD_NOT_FOUND']);

    await expect(t.admin.query(`UPDATE movement_review SET results = 'sửa lén' WHERE id = $1`, [finalReview.id])).rejects.toThrow(/append-only/);
    await expect(t.admin.query('DELETE FROM movement_review WHERE id = $1', [finalReview.id])).rejects.toThrow(/append-only/);
  });

  it('corrects the details as a new version; the replaced values stay in the trail and on the page', async () => {
    const m = await newMovement(t);
    const res = await t
      .as(SECRETARY)
      .post(`/api/movements/${m.id}/revisions`)
      .send({ expectedVersion: 1, reason: 'Gia hạn theo Kế hoạch 12/KH-UBND', periodTo: '2026-06-30', fields: ['ECONOMY'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, status: 'LAUNCHED', periodTo: '2026-06-30', fields: [{ code: 'ECONOMY' }] });
    const details = (await page(m.id)).body.details;
    expect(details.map((d: { eventType: string }) => d.eventType)).toEqual(['MOVEMENT_LAUNCHED', 'MOVEMENT_REVISED']);
    expect(details[1].payload).toEqual({
      reason: 'Gia hạn theo Kế hoạch 12/KH-UBND',
      from: { periodTo: '2025-12-31', fields: ['ECONOMY', 'CULTURE_SPORTS_TOURISM'] },
      to: { periodTo: '2026-06-30', fields: ['ECONOMY'] },
    });
    const same = await t.as(SECRETARY).post(`/api/movements/${m.id}/revisions`).send({ expectedVersion: 2, reason: 'Không đổi gì', periodTo: '2026-06-30' });
    expect(same.status).toBe(400);
    const backwards = await t.as(SECRETARY).post(`/api/movements/${m.id}/revisions`).send({ expectedVersion: 2, reason: 'Nhầm', periodFrom: '2027-01-01' });
    expect([backwards.status, backwards.body.code]).toEqual([422, 'MOVEMENT_PERIOD_INVALID']);
  });

  it('stores the launching document’s file with its SHA-256, checked against its type; a new upload adds a file', async () => {
    const m = await newMovement(t);
    const upload = await t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', '1').attach('file', pdfBytes('ke hoach'), { filename: 'Kế hoạch phát động.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(201);
    expect(upload.body.movement.version).toBe(2);
    expect(upload.body.document).toMatchObject({ fileName: 'Kế hoạch phát động.pdf', contentType: 'application/pdf', uploadedBy: SECRETARY });
    const download = await t.as(AUDITOR).get(`/api/movements/${m.id}/documents/${upload.body.document.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect((download.body as Buffer).equals(pdfBytes('ke hoach'))).toBe(true);
    expect(download.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(upload.body.document.sha256, 'hex').toString('base64')}:`);

    const disguised = await t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', '2').attach('file', Buffer.from('MZ not a pdf'), { filename: 'ke-hoach.pdf', contentType: 'application/pdf' });
    expect([disguised.status, disguised.body.code]).toEqual([415, 'MOVEMENT_DOCUMENT_TYPE_NOT_ALLOWED']);
    const missing = await t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', '2');
    expect([missing.status, missing.body.code]).toEqual([400, 'MOVEMENT_DOCUMENT_MISSING']);
    const stale = await t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', '1').attach('file', pdfBytes('ban 2'), { filename: 'ke-hoach-2.pdf', contentType: 'application/pdf' });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    const second = await t.as(SECRETARY).post(`/api/movements/${m.id}/documents`).field('expectedVersion', '2').attach('file', pdfBytes('ban 2'), { filename: 'ke-hoach-2.pdf', contentType: 'application/pdf' });
    expect(second.status).toBe(201);
    expect((await page(m.id)).body.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['Kế hoạch phát động.pdf', 'ke-hoach-2.pdf']);
  });
});

describe('registrations of the units below', () => {
  it('a unit registers with its targets, amends by a new row, withdraws (marked), and may register again', async () => {
    const m = await newMovement(t);
    const reg = await registerUnit(t, m.id, districtA, {}, 'truong-lang-giang');
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ unitId: districtA, action: 'REGISTER', targetExemplars: 5, previousId: null });

    const again = await registerUnit(t, m.id, districtA);
    expect([again.status, again.body.code, again.body.registrationId]).toEqual([409, 'MOVEMENT_ALREADY_REGISTERED', reg.body.id]);

    const amended = await headOfA.post(`/api/movements/${m.id}/registrations/${reg.body.id}/amend`).send({ targets: 'Phấn đấu 5 xã đạt chuẩn', targetExemplars: 8, reason: 'Nâng chỉ tiêu' });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ action: 'AMEND', previousId: reg.body.id, targetExemplars: 8, recordedBy: 'truong-lang-giang' });
    const stale = await headOfA.post(`/api/movements/${m.id}/registrations/${reg.body.id}/amend`).send({ targets: 'Chỉ tiêu khác' });
    expect(stale.body).toMatchObject({ code: 'REGISTRATION_SUPERSEDED', currentId: amended.body.id });

    const withdrawn = await headOfA.post(`/api/movements/${m.id}/registrations/${amended.body.id}/withdraw`).send({ reason: 'Sáp nhập đơn vị hành chính' });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body).toMatchObject({ action: 'WITHDRAW', previousId: amended.body.id, targets: 'Phấn đấu 5 xã đạt chuẩn', reason: 'Sáp nhập đơn vị hành chính' });
    const afterWithdrawal = await headOfA.post(`/api/movements/${m.id}/registrations/${withdrawn.body.id}/amend`).send({ targets: 'x' });
    expect(afterWithdrawal.body.code).toBe('REGISTRATION_WITHDRAWN');

    let unitEntry = (await page(m.id)).body.registrations.find((r: { unit: { id: string } }) => r.unit.id === districtA);
    expect(unitEntry).toMatchObject({ unit: { name: 'UBND huyện Lạng Giang' }, registered: false, current: { id: withdrawn.body.id } });
    expect(unitEntry.history.map((h: { action: string; supersededBy: string | null }) => [h.action, h.supersededBy])).toEqual([
      ['REGISTER', amended.body.id],
      ['AMEND', withdrawn.body.id],
      ['WITHDRAW', null],
    ]);

    const back = await registerUnit(t, m.id, districtA, { targets: 'Tham gia lại' }, 'truong-lang-giang');
    expect(back.status).toBe(201);
    expect(back.body.previousId).toBe(withdrawn.body.id);
    unitEntry = (await page(m.id)).body.registrations.find((r: { unit: { id: string } }) => r.unit.id === districtA);
    expect([unitEntry.registered, unitEntry.history.length]).toEqual([true, 4]);
    expect((await trail(m.id)).map((r) => r.eventType).filter((e) => e.startsWith('MOVEMENT_REGIST'))).toEqual([
      'MOVEMENT_REGISTERED',
      'MOVEMENT_REGISTRATION_AMENDED',
      'MOVEMENT_REGISTRATION_WITHDRAWN',
      'MOVEMENT_REGISTERED',
    ]);
    // Registrations do not change the movement's own version.
    expect(await movementVersion(t, m.id)).toBe(1);
    await expect(t.admin.query('DELETE FROM movement_registration WHERE id = $1', [reg.body.id])).rejects.toThrow(/append-only/);
  });

  it('refuses the launching unit itself, units not under it, units outside a unit head’s reach, and a closed movement', async () => {
    const ofA = await newMovement(t, { name: 'Phong trào của huyện Lạng Giang', launchingUnitId: districtA });
    const itself = await registerUnit(t, ofA.id, districtA);
    expect([itself.status, itself.body.code]).toEqual([422, 'MOVEMENT_UNIT_NOT_BELOW']);
    const sideways = await registerUnit(t, ofA.id, districtB);
    expect([sideways.status, sideways.body.code]).toEqual([422, 'MOVEMENT_UNIT_NOT_BELOW']);
    expect((await registerUnit(t, ofA.id, communeA, {}, 'truong-lang-giang')).status).toBe(201);

    const provincial = await newMovement(t);
    // The head of Yên Thế sees the province's movement, but cannot register Lạng Giang.
    const notTheirs = await headOfB.post(`/api/movements/${provincial.id}/registrations`).send({ unitId: districtA, targets: 'x' });
    expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'FORBIDDEN']);
    const missingUnit = await registerUnit(t, provincial.id, '00000000-0000-4000-8000-000000000000');
    expect([missingUnit.status, missingUnit.body.code]).toEqual([422, 'REFERENCED_UNIT_NOT_FOUND']);

    const closed = await movementIn(t, 'CLOSED');
    const late = await registerUnit(t, closed.id, districtB);
    expect([late.status, late.body.code]).toEqual([409, 'MOVEMENT_CLOSED']);

    const closing = await movementIn(t, 'RUNNING');
    const reg = await registerUnit(t, closing.id, districtB);
    expect(reg.status).toBe(201);
    expect((await recordReview(t, closing.id, { kind: 'FINAL', heldOn: '2025-12-20' })).status).toBe(201);
    const amendLate = await headOfB.post(`/api/movements/${closing.id}/registrations/${reg.body.id}/amend`).send({ targets: 'Sửa sau tổng kết' });
    expect([amendLate.status, amendLate.body.code]).toEqual([409, 'MOVEMENT_CLOSED']);
  });
});

describe('who sees and who runs a movement', () => {
  it('a unit head sees movements launched at, above or below their unit; any other answers 404, as if missing', async () => {
    const provincial = await newMovement(t, { name: 'Phong trào toàn tỉnh về an toàn giao thông' });
    const ofA = await newMovement(t, { name: 'Phong trào của Lạng Giang về khuyến học', launchingUnitId: districtA });
    const ofCommune = await newMovement(t, { name: 'Phong trào của xã Tân Thịnh về vệ sinh môi trường', launchingUnitId: communeA });

    for (const id of [provincial.id, ofA.id, ofCommune.id]) expect((await page(id, headOfA)).status).toBe(200);
    await closeRefusalWindow(t);
    const hidden = await page(ofA.id, headOfB);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'MOVEMENT_NOT_FOUND']);
    expect(JSON.stringify(hidden.body)).not.toContain('khuyến học');
    const refusal = await t.dataSource.query(`SELECT payload FROM audit_event WHERE event_type = 'ACCESS_REFUSED' AND actor = 'truong-yen-the' ORDER BY id DESC LIMIT 1`);
    expect(refusal[0].payload).toMatchObject({ reason: 'OUT_OF_UNIT_SCOPE', movementId: ofA.id });

    const listB = await headOfB.get('/api/movements?pageSize=100');
    const names = listB.body.items.map((m: { name: string }) => m.name);
    expect(names).toContain('Phong trào toàn tỉnh về an toàn giao thông');
    expect(names).not.toContain('Phong trào của Lạng Giang về khuyến học');
    expect(names).not.toContain('Phong trào của xã Tân Thịnh về vệ sinh môi trường');

    // Running is for the launching unit's head (or above) and the secretariat: below sees, but may not run it.
    const below = await headOfA.post(`/api/movements/${provincial.id}/start`).send({ expectedVersion: 1 });
    expect([below.status, below.body.code]).toEqual([403, 'FORBIDDEN']);
    const stranger = await headOfB.post(`/api/movements/${ofA.id}/start`).send({ expectedVersion: 1 });
    expect([stranger.status, stranger.body.code]).toEqual([404, 'MOVEMENT_NOT_FOUND']);
    expect((await headOfA.post(`/api/movements/${ofCommune.id}/start`).send({ expectedVersion: 1 })).status).toBe(200);
    expect((await t.as(UNIT_HEAD).post(`/api/movements/${ofA.id}/start`).send({ expectedVersion: 1 })).status).toBe(200);
  });

  it('lists with filters: status, launching unit subtree, field, year active, and the name without diacritics', async () => {
    const m = await newMovement(t, { name: 'Xây dựng gia đình văn hóa ở Lạng Giang', launchingUnitId: communeA, fields: ['CULTURE_SPORTS_TOURISM'], periodFrom: '2019-01-01', periodTo: '2020-12-31' });
    const found = (q: string) => t.as(AUDITOR).get(`/api/movements?${q}&pageSize=100`).then((r) => r.body.items.map((i: { id: string }) => i.id) as string[]);
    expect(await found('q=gia%20dinh%20van%20hoa')).toEqual([m.id]);
    expect(await found(`unitId=${districtA}&year=2020&field=CULTURE_SPORTS_TOURISM&status=LAUNCHED`)).toEqual([m.id]);
    expect(await found(`unitId=${districtA}&year=2021&q=gia%20dinh`)).toEqual([]);
    expect(await found(`unitId=${districtB}&q=gia%20dinh`)).toEqual([]);
    expect(await found('field=HEALTH&q=gia%20dinh')).toEqual([]);
    expect(await found('status=RUNNING&q=gia%20dinh')).toEqual([]);
  });
});

describe('candidates in movements', () => {
  it('a nomination names the movements it leads; the page lists them by state; links are added later and ended, never deleted', async () => {
    const m = await movementIn(t, 'RUNNING', { name: 'Thi đua sản xuất, kinh doanh giỏi', launchingUnitId: districtA });
    const nominated = await headOfA.post('/api/candidates').send({
      kind: 'HOUSEHOLD',
      name: 'Hộ ông Trần Văn Minh',
      unitId: communeA,
      field: 'ECONOMY',
      year: 2025,
      discoveryChannel: 'INSPECTION',
      achievement: 'Mô hình vải thiều VietGAP',
      movementIds: [m.id],
    });
    expect(nominated.status).toBe(201);
    expect(nominated.body.movements).toEqual([{ id: m.id, name: 'Thi đua sản xuất, kinh doanh giỏi' }]);
    expect((await headOfA.get(`/api/candidates/${nominated.body.id}`)).body.movements).toEqual([{ id: m.id, name: 'Thi đua sản xuất, kinh doanh giỏi', status: 'RUNNING' }]);

    const later = await newCandidate(t, { unitId: districtA, name: 'Hợp tác xã Nông nghiệp Tân Thịnh', state: 'nurturing' });
    const linked = await linkCandidate(t, later.id, m.id, 'truong-lang-giang');
    expect(linked.status).toBe(200);
    expect(linked.body.movements.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const twice = await linkCandidate(t, later.id, m.id);
    expect([twice.status, twice.body.code]).toEqual([409, 'MOVEMENT_LINK_EXISTS']);

    let candidates = (await page(m.id)).body.candidates;
    expect(candidates.total).toBe(2);
    expect(candidates.byState.map((g: { state: string; count: number; stage: string }) => [g.state, g.count, g.stage])).toEqual([
      ['discovered', 1, 'DISCOVER'],
      ['nurturing', 1, 'NURTURE'],
    ]);
    expect(candidates.byState[0].items[0]).toMatchObject({ name: 'Hộ ông Trần Văn Minh', unit: { id: communeA, name: 'UBND xã Tân Thịnh' } });

    const noReason = await t.as(UNIT_HEAD).post(`/api/candidates/${later.id}/movements`).send({ movementId: m.id, action: 'UNLINK' });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'reason']);
    const unlinked = await t.as(UNIT_HEAD).post(`/api/candidates/${later.id}/movements`).send({ movementId: m.id, action: 'UNLINK', reason: 'Gắn nhầm phong trào' });
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.movements).toEqual([]);
    expect(unlinked.body.history.map((h: { action: string }) => h.action)).toEqual(['LINK', 'UNLINK']);
    const notLinked = await t.as(UNIT_HEAD).post(`/api/candidates/${later.id}/movements`).send({ movementId: m.id, action: 'UNLINK', reason: 'Lần nữa' });
    expect(notLinked.body.code).toBe('MOVEMENT_LINK_NOT_FOUND');
    candidates = (await page(m.id)).body.candidates;
    expect(candidates.total).toBe(1);

    const links = (await trail(m.id)).filter((r) => r.eventType.startsWith('CANDIDATE_'));
    expect(links.map((r) => [r.eventType, r.candidateId, r.payload.when])).toEqual([
      ['CANDIDATE_LINKED', nominated.body.id, 'NOMINATION'],
      ['CANDIDATE_LINKED', later.id, 'LATER'],
      ['CANDIDATE_UNLINKED', later.id, 'LATER'],
    ]);
    await expect(t.admin.query('DELETE FROM candidate_movement_link WHERE candidate_id = $1', [later.id])).rejects.toThrow(/append-only/);
  });

  it('refuses movements the nominator does not see, of another subtree, and links by a unit head outside the candidate’s reach', async () => {
    const ofB = await newMovement(t, { name: 'Phong trào của Yên Thế', launchingUnitId: districtB });
    const base = { kind: 'COLLECTIVE', name: 'Trường Tiểu học Tân Thịnh', unitId: communeA, field: 'EDUCATION_SCIENCE', year: 2025, discoveryChannel: 'INSPECTION', achievement: 'Dạy học tốt' };
    const unseen = await headOfA.post('/api/candidates').send({ ...base, movementIds: [ofB.id] });
    expect([unseen.status, unseen.body.code, unseen.body.field]).toEqual([422, 'REFERENCED_MOVEMENT_NOT_FOUND', 'movementIds']);
    // The province's unit head sees Yên Thế's movement, but a candidate of Lạng Giang cannot lead it.
    const wrongSubtree = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...base, movementIds: [ofB.id] });
    expect([wrongSubtree.status, wrongSubtree.body.code]).toEqual([422, 'MOVEMENT_NOT_FOR_UNIT']);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM candidate WHERE name = 'Trường Tiểu học Tân Thịnh'`))[0].n).toBe(0);

    const provincial = await newMovement(t);
    const c = await newCandidate(t, { unitId: districtA });
    const res = await linkCandidate(t, c.id, provincial.id, 'truong-yen-the');
    expect([res.status, res.body.code]).toEqual([404, 'CANDIDATE_NOT_FOUND']);
  });

  it('records discovery at a movement’s review conference, only for that channel and a review of that movement', async () => {
    const m = await movementIn(t, 'RUNNING', { name: 'Đổi mới, sáng tạo trong dạy và học', launchingUnitId: districtA });
    const review = await recordReview(t, m.id);
    const other = await movementIn(t, 'RUNNING', { name: 'Phong trào khác', launchingUnitId: districtA });
    const otherReview = await recordReview(t, other.id);
    const base = { kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hoa', unitId: communeA, field: 'EDUCATION_SCIENCE', year: 2025, achievement: 'Sáng kiến dạy học số' };

    const wrongChannel = await headOfA.post('/api/candidates').send({ ...base, discoveryChannel: 'MEDIA', discoveredAtMovementId: m.id });
    expect([wrongChannel.status, wrongChannel.body.code]).toEqual([422, 'DISCOVERY_CHANNEL_MISMATCH']);
    const mismatched = await headOfA.post('/api/candidates').send({ ...base, discoveryChannel: 'REVIEW_CONFERENCE', discoveredAtMovementId: m.id, discoveredAtReviewId: otherReview.body.review.id });
    expect([mismatched.status, mismatched.body.code]).toEqual([422, 'REFERENCED_REVIEW_NOT_FOUND']);

    const ok = await headOfA.post('/api/candidates').send({ ...base, discoveryChannel: 'REVIEW_CONFERENCE', discoveredAtReviewId: review.body.review.id });
    expect(ok.status).toBe(201);
    expect(ok.body.discoveredAt).toEqual({ movementId: m.id, reviewId: review.body.review.id });
    expect((await headOfA.get(`/api/candidates/${ok.body.id}`)).body.discoveredAt).toEqual({ movementId: m.id, reviewId: review.body.review.id });
    const discovered = (await page(m.id, headOfA)).body.discoveredHere;
    expect(discovered).toMatchObject({ total: 1, items: [{ id: ok.body.id, name: 'Nguyễn Thị Hoa', reviewId: review.body.review.id }] });
    expect((await page(m.id, headOfA)).body.candidates.total).toBe(0);
  });

  it('the statistics table counts only the exemplars that lead the chosen movement, leaves imported history out, and refuses a movement out of sight', async () => {
    const m = await movementIn(t, 'RUNNING', { name: 'Thi đua "Dân vận khéo"', launchingUnitId: districtA, fields: ['POLITICS'] });
    const inMovement = await newCandidate(t, { unitId: communeA, kind: 'COLLECTIVE', name: 'Chi hội Phụ nữ thôn Đông', field: 'POLITICS', year: 2025, state: 'recognised' });
    const alsoIn = await newCandidate(t, { unitId: communeA, kind: 'INDIVIDUAL', name: 'Lê Thị Hồng', field: 'POLITICS', year: 2025, state: 'recognised' });
    await newCandidate(t, { unitId: communeA, kind: 'COLLECTIVE', name: 'Đoàn thanh niên xã', field: 'POLITICS', year: 2025, state: 'recognised' });
    const notYet = await newCandidate(t, { unitId: communeA, kind: 'COLLECTIVE', name: 'Hội Nông dân xã', field: 'POLITICS', year: 2025, state: 'nurturing' });
    for (const c of [inMovement, alsoIn, notYet]) expect((await linkCandidate(t, c.id, m.id)).status).toBe(200);

    const table = async (q: string, actor: string | ActorClient = AUDITOR) => (typeof actor === 'string' ? t.as(actor) : actor).get(`/api/statistics/exemplars?yearFrom=2025&yearTo=2025${q}`);
    const cell = (body: { years: { year: number; rows: { field: string; collective: number; individual: number }[] }[] }) =>
      body.years.find((y) => y.year === 2025)?.rows.find((r) => r.field === 'POLITICS');

    const all = await table(`&unitId=${communeA}`);
    expect(cell(all.body)).toMatchObject({ collective: 2, individual: 1 });
    const filtered = await table(`&movementId=${m.id}`);
    expect(filtered.status).toBe(200);
    expect(cell(filtered.body)).toMatchObject({ collective: 1, individual: 1 });
    expect(filtered.body.filters.movement).toEqual({ id: m.id, name: 'Thi đua "Dân vận khéo"' });
    expect(filtered.body.historical.included).toBe(false);
    expect(filtered.body.scope.vi).toContain('Dân vận khéo');

    await t.as(UNIT_HEAD).post(`/api/candidates/${alsoIn.id}/movements`).send({ movementId: m.id, action: 'UNLINK', reason: 'Không thuộc phong trào' });
    expect(cell((await table(`&movementId=${m.id}`)).body)).toMatchObject({ collective: 1, individual: 0 });
    const csv = await t.as(AUDITOR).get(`/api/statistics/exemplars/csv?yearFrom=2025&yearTo=2025&movementId=${m.id}`);
    expect(csv.status).toBe(200);

    const outOfSight = await table(`&movementId=${m.id}`, headOfB);
    expect([outOfSight.status, outOfSight.body.code, outOfSight.body.field]).toEqual([422, 'REFERENCED_MOVEMENT_NOT_FOUND', 'movementId']);
  });
});
