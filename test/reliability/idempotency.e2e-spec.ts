/**
 * Idempotency-Key on state-changing requests: replay, mismatch, in-flight duplicates, per-account scope,
 * validation, retention, uploads, and the crash windows around the commit (faults injected before and after it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { ADMIN, newCandidate, pdfBytes, UNIT_HEAD } from '../support/factories.js';
import { onServer } from '../support/databases.js';
import { idempotencyScope } from '../../apps/api/src/idempotency/idempotency-scope.js';
import { IdempotencyStore } from '../../apps/api/src/idempotency/idempotency.store.js';
import { afterCommit, beforeCommit, count, InjectedFault, newKey } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DB_POOL_MAX: '20', DB_CONNECTION_TIMEOUT_MS: '30000' });
});
afterAll(async () => {
  await t?.close();
});

const checkIn = (version: number, strengths = 'Ưu điểm') => ({ type: 'RECORD_CHECK_IN', expectedVersion: version, payload: { date: '2025-06-01', strengths, shortcomings: 'Không' } });
const sendEvent = (id: string, body: unknown, key?: string, actor = UNIT_HEAD) => {
  const req = t.as(actor).post(`/api/candidates/${id}/events`);
  return (key ? req.set('Idempotency-Key', key) : req).send(body as object);
};
const auditCount = (id: string) => count(t.dataSource, 'SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1', [id]);
const checkIns = (id: string) => count(t.dataSource, 'SELECT count(*)::int AS n FROM nurturing_check_in WHERE candidate_id = $1', [id]);
const versionOf = async (id: string) => ((await t.dataSource.query('SELECT version FROM candidate WHERE id = $1', [id])) as { version: number }[])[0]!.version;

describe(`Idempotency-Key (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('the same key and body replay the first response byte for byte and change nothing more', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    const first = await sendEvent(c.id, checkIn(c.version), key);
    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same JSON with another key order and spacing is the same request.
    const again = await t
      .as(UNIT_HEAD)
      .post(`/api/candidates/${c.id}/events`)
      .set('Idempotency-Key', key)
      .set('Content-Type', 'application/json')
      .send(`{ "payload": {"shortcomings":"Không","strengths":"Ưu điểm","date":"2025-06-01"},  "expectedVersion": ${c.version}, "type": "RECORD_CHECK_IN" }`);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await versionOf(c.id)).toBe(c.version + 1);
    expect(await auditCount(c.id)).toBe(c.version + 1);
    expect(await checkIns(c.id)).toBe(1);
  });

  it('without a key a repeated request runs again (and is refused as stale), as before', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    expect((await sendEvent(c.id, checkIn(c.version))).status).toBe(200);
    const second = await sendEvent(c.id, checkIn(c.version));
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('STALE_VERSION');
  });

  it('the same key with another body, or on another route, is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    expect((await sendEvent(c.id, checkIn(c.version, 'Một'), key)).status).toBe(200);
    const other = await sendEvent(c.id, checkIn(c.version + 1, 'Hai'), key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: key, message: expect.any(String), messageEn: expect.any(String) });
    const elsewhere = await t
      .as(UNIT_HEAD)
      .post('/api/candidates')
      .set('Idempotency-Key', key)
      .send({ kind: 'INDIVIDUAL', name: 'Nguyễn Văn A', unitId: c.unitId, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Thành tích' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await versionOf(c.id)).toBe(c.version + 1);
    expect(await checkIns(c.id)).toBe(1);
  });

  it('200 parallel requests with one key: one change; the others are replays or 409 IDEMPOTENCY_KEY_IN_PROGRESS', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 200 }, () => sendEvent(c.id, checkIn(c.version), key)));
    const fresh = responses.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === undefined);
    const replays = responses.filter((r) => r.status === 200 && r.headers['idempotent-replayed'] === 'true');
    const inProgress = responses.filter((r) => r.status === 409);
    expect(fresh).toHaveLength(1);
    expect(replays.length + inProgress.length).toBe(199);
    expect(inProgress.every((r) => r.body.code === 'IDEMPOTENCY_KEY_IN_PROGRESS' && Number(r.headers['retry-after']) >= 1)).toBe(true);
    expect(replays.every((r) => r.text === fresh[0]!.text)).toBe(true);
    expect(await auditCount(c.id)).toBe(c.version + 1);
    expect(await checkIns(c.id)).toBe(1);
  });

  (onServer ? it : it.skip)('a duplicate while the first holds a row lock gets 409 IN_PROGRESS; the first then completes (server: needs a second connection)', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    const blocker = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM candidate WHERE id = $1 FOR UPDATE', [c.id]);
      const first = sendEvent(c.id, checkIn(c.version), key).then((r) => r);
      // Wait until the first request has claimed the key and is waiting for the row.
      for (let i = 0; i < 100 && (await count(t.dataSource, 'SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1', [key])) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const duplicate = await sendEvent(c.id, checkIn(c.version), key);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(duplicate.headers['retry-after']).toBeDefined();
      await blocker.query('COMMIT');
      expect((await first).status).toBe(200);
    } finally {
      await blocker.end();
    }
    const replay = await sendEvent(c.id, checkIn(c.version), key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await checkIns(c.id)).toBe(1);
  });

  it('keys are scoped to the account: another account using the same key runs its own request', async () => {
    const a = await newCandidate(t, { state: 'nurturing' });
    const b = await newCandidate(t, { state: 'nurturing' });
    const other = await t.newAccount(`truong${Date.now() % 1e6}`, 'UNIT_HEAD', t.provinceId);
    const key = newKey();
    expect((await sendEvent(a.id, checkIn(a.version), key)).status).toBe(200);
    const theirs = await t.as(other.username).post(`/api/candidates/${b.id}/events`).set('Idempotency-Key', key).send(checkIn(b.version));
    expect(theirs.status).toBe(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await checkIns(b.id)).toBe(1);
  });

  it.each([
    ['too short', 'abc'],
    ['a space', 'has a space inside it'],
    ['a comma', 'a,b,c,d,e,f,g,h'],
    ['non-ASCII', 'kh\xf3a-th\xf6-nghi\xe9m-123'],
    ['too long', 'k'.repeat(256)],
  ])('a malformed key (%s) is a 400 naming the Idempotency-Key field, and nothing runs', async (_, key) => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const res = await sendEvent(c.id, checkIn(c.version), key);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key', code: 'idempotencyKey' })]);
    expect(await checkIns(c.id)).toBe(0);
  });

  it('the structured-field form of the draft ("…" in quotes) names the same key', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    expect((await sendEvent(c.id, checkIn(c.version), `"${key}"`)).status).toBe(200);
    const again = await sendEvent(c.id, checkIn(c.version), key);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('a refusal from the use case (409, 422) is kept and replayed; a malformed request (400) is not, so the key can be used again', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const refusedKey = newKey();
    const notAllowed = { type: 'START_NURTURING', expectedVersion: c.version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } };
    const refused = await sendEvent(c.id, notAllowed, refusedKey);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('EVENT_NOT_ALLOWED');
    const replayed = await sendEvent(c.id, notAllowed, refusedKey);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect({ status: replayed.status, text: replayed.text }).toEqual({ status: 409, text: refused.text });

    const key = newKey();
    const malformed = await sendEvent(c.id, { type: 'RECORD_CHECK_IN', expectedVersion: 'một', payload: {} }, key);
    expect(malformed.status).toBe(400);
    const corrected = await sendEvent(c.id, checkIn(c.version), key);
    expect(corrected.status).toBe(200);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await checkIns(c.id)).toBe(1);
  });

  it('an upload retried with its key stores one file; the same key with another file is 422', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    const upload = (bytes: Buffer) =>
      t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/evidence`).set('Idempotency-Key', key).attach('file', bytes, { filename: 'Báo cáo.pdf', contentType: 'application/pdf' });
    const first = await upload(pdfBytes('một'));
    expect(first.status).toBe(201);
    // supertest picks a new multipart boundary for every request: the fingerprint must not depend on it.
    const again = await upload(pdfBytes('một'));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await upload(pdfBytes('hai'));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM evidence_file WHERE candidate_id = $1', [c.id])).toBe(1);
  });

  it('a crash after the commit and before the response is stored: the retry is told it was applied, and nothing runs twice', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    let armed = true;
    const remove = afterCommit(t.dataSource, () => {
      if (armed && idempotencyScope.getStore()?.key === key) {
        armed = false;
        throw new InjectedFault('after COMMIT, before the response is stored');
      }
    });
    try {
      const first = await sendEvent(c.id, checkIn(c.version), key);
      expect(first.status).toBe(500);
      expect(first.text).not.toMatch(/InjectedFault|at .*\.(ts|js):\d+/);
    } finally {
      remove();
    }
    expect(await versionOf(c.id)).toBe(c.version + 1); // the change is durable
    const retry = await sendEvent(c.id, checkIn(c.version), key);
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe('IDEMPOTENCY_KEY_ALREADY_APPLIED');
    expect(await versionOf(c.id)).toBe(c.version + 1);
    expect(await checkIns(c.id)).toBe(1);
    expect(await auditCount(c.id)).toBe(c.version + 1);
  });

  it('a fault before the commit rolls back the change and the key together: the retry runs once', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    let armed = true;
    const remove = beforeCommit(t.dataSource, () => {
      if (armed && idempotencyScope.getStore()?.key === key) {
        armed = false;
        throw new InjectedFault('before COMMIT, after the key was marked');
      }
    });
    try {
      expect((await sendEvent(c.id, checkIn(c.version), key)).status).toBe(500);
    } finally {
      remove();
    }
    expect(await versionOf(c.id)).toBe(c.version);
    const [row] = (await t.dataSource.query('SELECT committed_at, completed_at, locked_until FROM idempotency_key WHERE key = $1', [key])) as Record<string, unknown>[];
    expect(row).toEqual({ committed_at: null, completed_at: null, locked_until: null });
    const retry = await sendEvent(c.id, checkIn(c.version), key);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await checkIns(c.id)).toBe(1);
  });

  it('a request whose lease was taken over cannot commit: only the new holder changes anything', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const store = t.running.app.get(IdempotencyStore);
    const accountId = ((await t.dataSource.query('SELECT id FROM account WHERE username = $1', [UNIT_HEAD])) as { id: string }[])[0]!.id;
    const request = { accountId, key: newKey(), fingerprint: 'f'.repeat(64), method: 'POST', path: '/api/test' };
    const slow = await store.claim(request);
    expect(slow.kind).toBe('claimed');
    await t.dataSource.query(`UPDATE idempotency_key SET locked_until = now() - interval '1 second' WHERE key = $1`, [request.key]);
    const takeover = await store.claim(request);
    expect(takeover.kind).toBe('claimed');
    if (slow.kind !== 'claimed') return;
    // The slow holder now tries to commit a change: refused at the commit, nothing written.
    await expect(
      idempotencyScope.run(slow.claim, () => t.dataSource.transaction((em) => em.query('UPDATE candidate SET updated_at = now() WHERE id = $1', [c.id]))),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    const [row] = (await t.dataSource.query('SELECT committed_at FROM idempotency_key WHERE key = $1', [request.key])) as { committed_at: Date | null }[];
    expect(row!.committed_at).toBeNull();
  });

  it('keys are kept for the retention period; older ones are ignored and purged', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const key = newKey();
    expect((await sendEvent(c.id, checkIn(c.version, 'Một'), key)).status).toBe(200);
    await t.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '23 hours' WHERE key = $1`, [key]);
    expect((await sendEvent(c.id, checkIn(c.version, 'Một'), key)).headers['idempotent-replayed']).toBe('true');
    await t.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    const reused = await sendEvent(c.id, checkIn(c.version + 1, 'Hai'), key);
    expect(reused.status).toBe(200);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
    await t.dataSource.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    expect(await t.running.app.get(IdempotencyStore).purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1', [key])).toBe(0);
  });

  it('every state-changing operation of the OpenAPI description declares the optional header (sign-in excepted)', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as { paths: Record<string, Record<string, { parameters?: { $ref?: string }[] }>>; components: { parameters: Record<string, { name: string; in: string; required: boolean }> } };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    const writes = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m)).map(([m, op]) => ({ path, m, op })));
    expect(writes.length).toBeGreaterThan(10);
    for (const { path, op } of writes) {
      const declared = (op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
      expect({ path, declared }).toEqual({ path, declared: path !== '/api/auth/sign-in' });
    }
  });

  it('an administrator’s account change with a key is replayed too (any state-changing route)', async () => {
    const key = newKey();
    const body = { username: `tk${Date.now() % 1e8}`, displayName: 'Tài khoản thử', role: 'AUDITOR', password: 'mat-khau-du-dai-2025' };
    const first = await t.as(ADMIN).post('/api/accounts').set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    const again = await t.as(ADMIN).post('/api/accounts').set('Idempotency-Key', key).send(body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM account WHERE username = $1', [body.username])).toBe(1);
  });
});
