/**
 * Bad input and refused events: a clear 4xx naming the field, Vietnamese first with a stable code,
 * never a 500 and never a partial write.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, newUnit, SECRETARY, senderOf, sendEvent, UNIT_HEAD } from './support/factories.js';

let t: TestApp;
let unitId: string;
beforeAll(async () => {
  t = await startTestApp();
  unitId = (await newUnit(t)).id;
});
afterAll(async () => {
  await t?.close();
});

const valid = () => ({
  kind: 'INDIVIDUAL',
  name: 'Trần Thị Mai',
  unitId,
  field: 'EDUCATION_SCIENCE',
  year: 2025,
  discoveryChannel: 'INSPECTION',
  achievement: 'Giáo viên dạy giỏi cấp tỉnh.',
});

async function counts() {
  const [row] = await t.dataSource.query('SELECT (SELECT count(*) FROM candidate)::int AS candidates, (SELECT count(*) FROM audit_event)::int AS audit');
  return row as { candidates: number; audit: number };
}

function fieldsOf(body: { errors?: { field: string }[] }) {
  return (body.errors ?? []).map((e) => e.field).sort();
}

describe('validation of a new candidate', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a missing field', { name: undefined }, ['name']],
    ['an unknown field', { secret: 'x' }, ['secret']],
    ['a number as a string', { year: '2025' }, ['year']],
    ['"false" for a code', { kind: 'false' }, ['kind']],
    ['a blank name', { name: '   ' }, ['name']],
    ['an unknown kind', { kind: 'FAMILY' }, ['kind']],
    ['an unknown field code', { field: 'SPORTS' }, ['field']],
    ['a year out of range', { year: 1800 }, ['year']],
    ['a fractional year', { year: 2025.5 }, ['year']],
    ['a bad unit id', { unitId: 'not-a-uuid' }, ['unitId']],
    ['a huge achievement', { achievement: 'x'.repeat(10_001) }, ['achievement']],
    ['an object for a string', { name: { $gt: '' } }, ['name']],
    ['several problems at once', { year: 'x', kind: 1, name: '' }, ['kind', 'name', 'year']],
  ];

  it.each(cases)('%s → 400 naming the field, nothing written', async (_, change, fields) => {
    const before = await counts();
    const res = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...valid(), ...change });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ.' });
    expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
    for (const e of res.body.errors) {
      // The field by its Vietnamese label (its key stays in `field` for programs); an unknown field by its key.
      expect(e.message).toMatch(e.field === 'secret' ? /^Trường secret không được phép/ : /«[^»]*[^\x00-\x7f][^»]*»/);
      expect(e.message).not.toContain(e.field === 'secret' ? '«' : `trường ${e.field}`);
      expect(e.messageEn).toBeTruthy();
      expect(e.code).toBeTruthy();
    }
    expect(typeof res.body.correlationId).toBe('string');
    expect(await counts()).toEqual(before);
  });

  it('a unit that does not exist → 422 naming unitId', async () => {
    const res = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...valid(), unitId: randomUUID() });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REFERENCED_UNIT_NOT_FOUND', field: 'unitId' });
  });

  it('malformed JSON → 400 MALFORMED_JSON in the same shape', async () => {
    const res = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_JSON', message: expect.stringContaining('JSON') });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('a body over the limit → 413', async () => {
    const res = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...valid(), achievement: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('deeply nested JSON is refused without a 500', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send(`{"name": ${deep}}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('JSON_TOO_DEEP');
    const inString = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...valid(), achievement: '['.repeat(5000) });
    expect(inString.status).toBe(201);
  });

  it('a lone UTF-16 surrogate or a NUL in any text → 400 UNSUPPORTED_CHARACTER naming the field; nothing written', async () => {
    const before = await counts();
    // Raw JSON text: "\ud800" is valid JSON but not Unicode text (it cannot be stored or hashed).
    const lone = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send(`{"kind":"INDIVIDUAL","name":"Tr\\ud800n","unitId":"${unitId}"}`);
    expect(lone.status).toBe(400);
    expect(lone.body).toMatchObject({ code: 'UNSUPPORTED_CHARACTER', field: 'name', message: expect.stringContaining('\\ud800') });
    const trailing = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send(`{"achievement":{"items":["ok","x\\udfff"]}}`);
    expect(trailing.body).toMatchObject({ code: 'UNSUPPORTED_CHARACTER', field: 'achievement.items[1]' });
    const inKey = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send(`{"\\ud83d":1}`);
    expect(inKey.body).toMatchObject({ code: 'UNSUPPORTED_CHARACTER' });
    const nul = await t.as(UNIT_HEAD).post('/api/candidates').send({ ...valid(), achievement: 'a\u0000b' });
    expect(nul.body).toMatchObject({ code: 'UNSUPPORTED_CHARACTER', field: 'achievement' });
    // A whole surrogate pair is an ordinary character (an emoji): accepted.
    const pair = await t.as(UNIT_HEAD).post('/api/candidates').set('Content-Type', 'application/json').send(JSON.stringify({ ...valid(), name: 'Trần Thị Mai \ud83c\udf1f' }));
    expect(pair.status).toBe(201);
    expect((await counts()).candidates).toBe(before.candidates + 1);
  });

  it('a request line over the HTTP parser’s limit → 431 in the error shape, in Vietnamese', async () => {
    const res = await t.as(UNIT_HEAD).get(`/api/candidates?q=${encodeURIComponent('ạ'.repeat(3000))}`);
    expect(res.status).toBe(431);
    expect(res.body).toMatchObject({ statusCode: 431, code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.stringContaining('quá dài') });
  });

  it('a lone surrogate is refused on every route, sign-in included, before anything else reads the body', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'patch'].includes(m)).map((m) => [m, path] as const));
    expect(routes.length).toBeGreaterThan(50);
    const answers = new Set<string>();
    for (const [method, path] of routes) {
      const url = path.replace(/\{[^}]+\}/g, randomUUID());
      const res = await (t.as(SECRETARY) as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(url).set('Content-Type', 'application/json').send('{"text":"\\ud800"}');
      answers.add(`${res.status} ${res.body.code}`);
    }
    const anonymous = await t.http.post('/api/auth/sign-in').set('Content-Type', 'application/json').send('{"username":"admin","password":"x\\ud800"}');
    answers.add(`${anonymous.status} ${anonymous.body.code}`);
    expect([...answers]).toEqual(['400 UNSUPPORTED_CHARACTER']);
  });

  it('no session → 401 SESSION_REQUIRED; a forged cookie → 401; nothing written', async () => {
    const before = await counts();
    const res = await t.http.post('/api/candidates').send(valid());
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'SESSION_REQUIRED', message: 'Vui lòng đăng nhập.' });
    const bad = await t.http.post('/api/candidates').set('Cookie', 'dth_session=forged').send(valid());
    expect(bad.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});

describe('lookups', () => {
  it('an unknown candidate → 404; a malformed id → 400 naming id; an unknown route → 404', async () => {
    const missing = await t.as(UNIT_HEAD).get(`/api/candidates/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'CANDIDATE_NOT_FOUND', message: 'Không tìm thấy hồ sơ điển hình.' });
    const bad = await t.as(UNIT_HEAD).get('/api/candidates/123');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['id']);
    const route = await t.as(UNIT_HEAD).get('/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.code).toBe('NOT_FOUND');
  });

  it('list filters are validated and applied', async () => {
    const c = await newCandidate(t, { kind: 'HOUSEHOLD', name: 'Hộ bà Lương Thị Cúc', state: 'nurturing' });
    const found = await t.as(UNIT_HEAD).get('/api/candidates?kind=HOUSEHOLD&state=nurturing&q=lương');
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const none = await t.as(UNIT_HEAD).get('/api/candidates?kind=HOUSEHOLD&state=rejected');
    expect(none.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const bad = await t.as(UNIT_HEAD).get('/api/candidates?pageSize=1000&state=nope&sort=name');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['pageSize', 'sort', 'state']);
    // Without diacritics, in any case: "luong thi" finds "Hộ bà Lương Thị Cúc".
    const folded = await t.as(UNIT_HEAD).get('/api/candidates?q=LUONG%20thi%20cuc');
    expect(folded.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const wildcard = await t.as(UNIT_HEAD).get('/api/candidates?q=%25');
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.items).toEqual([]);
  });
});

describe('events', () => {
  it('an event the state cannot take → 409 with the events allowed now; nothing changes', async () => {
    const c = await newCandidate(t);
    const before = await counts();
    const res = await t.as(SECRETARY).post(`/api/candidates/${c.id}/events`).send({ type: 'START_REPLICATION', expectedVersion: c.version, payload: {} });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', state: 'discovered', event: 'START_REPLICATION', allowedEvents: ['ATTACH_EVIDENCE', 'START_NURTURING', 'WITHDRAW', 'PLACE_HOLD'] });
    expect(res.body.message).toMatch(/không thực hiện được/);
    expect(await counts()).toEqual(before);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body).toMatchObject({ state: 'discovered', version: c.version });
  });

  it('a stale version → 409 STALE_VERSION with the current version; nothing changes', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const before = await counts();
    const res = await t
      .as(UNIT_HEAD)
      .post(`/api/candidates/${c.id}/events`)
      .send({ type: 'REVISE_PLAN', expectedVersion: c.version - 1, payload: { goals: 'Mới', supporter: 'Mới' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STALE_VERSION', expectedVersion: c.version - 1, currentVersion: c.version });
    expect(await counts()).toEqual(before);
    const plans = await t.dataSource.query('SELECT count(*)::int AS n FROM nurturing_plan WHERE candidate_id = $1', [c.id]);
    expect(plans[0].n).toBe(1);
  });

  it('a guard that refuses → 422 naming each unmet condition, Vietnamese first', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const res = await sendEvent(t, c.id, 'PROPOSE_FOR_REVIEW');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'GUARD_REFUSED', state: 'nurturing', event: 'PROPOSE_FOR_REVIEW' });
    expect(res.body.refusals.map((r: { code: string }) => r.code)).toEqual(['CHECK_IN_REQUIRED', 'EVIDENCE_REQUIRED']);
    expect(res.body.message).toContain('kiểm tra, đánh giá');
    expect(res.body.message).toContain('minh chứng');
  });

  const payloadCases: [string, Record<string, unknown>, string[]][] = [
    ['START_NURTURING', { goals: 'x' }, ['payload.supporter']],
    ['START_NURTURING', { goals: 'x', supporter: 'y', extra: 1 }, ['payload.extra']],
    ['START_NURTURING', { goals: 'x', supporter: 'y', type: 'RECOGNISE' }, ['payload.type']],
    ['RECORD_CHECK_IN', { date: '2025-02-30', strengths: 'a', shortcomings: 'b' }, ['payload.date']],
    ['RECORD_CHECK_IN', { date: '15/03/2025', strengths: 'a', shortcomings: 'b' }, ['payload.date']],
    ['END_REPLICATION', { reasons: 42 }, ['payload.reasons']],
    ['END_REPLICATION', { reasons: '   ' }, ['payload.reasons']],
    ['WITHDRAW', {}, ['payload.reason']],
  ];

  it.each(payloadCases)('%s with a bad payload %j → 400 naming %j', async (type, payload, fields) => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const res = await t.as(senderOf(type)).post(`/api/candidates/${c.id}/events`).send({ type, expectedVersion: c.version, payload });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(fields);
  });

  it('a check-in or an honouring act dated after today (in Vietnam) → 400 on payload.date with the rule; nothing written', async () => {
    const nurturing = await newCandidate(t, { state: 'nurturing' });
    const before = await counts();
    const future = new Date(Date.now() + 7 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);
    const checkIn = await t.as(UNIT_HEAD).post(`/api/candidates/${nurturing.id}/events`).send({ type: 'RECORD_CHECK_IN', expectedVersion: nurturing.version, payload: { date: future, strengths: 'a', shortcomings: 'b' } });
    expect(checkIn.status).toBe(400);
    expect(checkIn.body.errors).toEqual([expect.objectContaining({ field: 'payload.date', code: 'notInFuture' })]);
    const [y, m, d] = future.split('-');
    expect(checkIn.body.errors[0].message).toContain(`Ngày kiểm tra (${d}/${m}/${y}) không được sau hôm nay`);
    expect(await counts()).toEqual(before);
    const recognised = await newCandidate(t, { state: 'recognised' });
    const honouring = await t.as(senderOf('RECORD_HONOURING')).post(`/api/candidates/${recognised.id}/events`).send({ type: 'RECORD_HONOURING', expectedVersion: recognised.version, payload: { form: 'PROVINCIAL_NEWSPAPER', date: future, title: 'Bài viết', outlet: 'Báo tỉnh' } });
    expect(honouring.status).toBe(400);
    expect(fieldsOf(honouring.body)).toEqual(['payload.date']);
    expect(honouring.body.errors[0].message).toMatch(/^Ngày tuyên truyền, tôn vinh \(\d{2}\/\d{2}\/\d{4}\) không được sau hôm nay/);
  });

  it('a council decision typed into the event endpoint → 409 naming the review session as the only way; nothing changes', async () => {
    const c = await newCandidate(t, { state: 'underReview' });
    const before = await counts();
    for (const type of ['RECOGNISE', 'RETURN_TO_NURTURING', 'REJECT', 'CONFIRM_RECOGNITION']) {
      const res = await t.as(SECRETARY).post(`/api/candidates/${c.id}/events`).send({ type, expectedVersion: c.version, payload: { reasons: 'x', shortcomings: ['x'] } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'DECISION_ONLY_IN_REVIEW_SESSION', field: 'type' });
      expect(res.body.message).toMatch(/qua phiên xét/);
    }
    expect(await counts()).toEqual(before);
  });

  it('the envelope is validated: unknown type, missing version, payload not an object, ATTACH_EVIDENCE', async () => {
    const c = await newCandidate(t);
    const post = (body: unknown) => t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/events`).send(body as object);
    expect(fieldsOf((await post({ type: 'PROMOTE', expectedVersion: 1 })).body)).toEqual(['type']);
    expect(fieldsOf((await post({ type: 'WITHDRAW', payload: { reason: 'x' } })).body)).toEqual(['expectedVersion']);
    expect(fieldsOf((await post({ type: 'WITHDRAW', expectedVersion: 1, payload: 'x' })).body)).toEqual(['payload']);
    expect(fieldsOf((await post({ type: 'ATTACH_EVIDENCE', expectedVersion: 1, payload: {} })).body)).toEqual(['type']);
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`)).body.version).toBe(c.version);
  });
});
