/**
 * Accounts: sign-in, passwords, administration of accounts, the security audit
 * lines, and access at function and object level. Sessions themselves (cookies, CSRF, expiry, sign-out,
 * headers, configuration) are in sessions.e2e-spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { startTestApp, TEST_PASSWORD, type ActorClient, type TestApp } from './support/app.js';
import { ADMIN, AUDITOR, COUNCIL_MEMBER, newCandidate, newUnit, SECRETARY, UNIT_HEAD, uploadEvidence } from './support/factories.js';
import { auditHash } from '../apps/api/src/audit/audit-hash.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { closeRefusalWindow } from './support/refusals.js';

const SIGN_IN_FAILED_VI = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const NEW_PASSWORD = 'mat-khau-moi-rat-dai-2025';
const LOCAL_ADDRESS = /^(127\.0\.0\.1|::1)$/;

// jest.config.js's testTimeout sits inside `projects`, where Jest does not apply it: hooks would get 5 s, too
// little for starting an app on a busy machine (and an app started after its hook timed out is never closed).
jest.setTimeout(60_000);

let t: TestApp;
beforeAll(async () => {
  // This file signs in far more often than a person would; the per-address limit is tested with its own app below.
  t = await startTestApp({ SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });
});
afterAll(async () => {
  await t?.close();
});

function fieldsOf(body: { errors?: { field: string }[] }) {
  return (body.errors ?? []).map((e) => e.field).sort();
}

function setCookies(res: supertest.Response): string[] {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : header ? [String(header)] : [];
}

async function accountId(app: TestApp, username: string): Promise<string> {
  const rows = (await app.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[];
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

interface AuditRow {
  stream: string;
  seq: number;
  candidateId: string | null;
  eventType: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string | null;
  actor: string;
  occurredAt: Date;
  machineVersion: number | null;
  prevHash: string | null;
  hash: string;
  /** The rows the record vouches for (hashed with it when present). */
  attests: { table: string; key: Record<string, unknown>; digest: string | null }[] | null;
}

/**
 * The records of one audit stream, checked: contiguous seq from 1, each chained to the previous one, each
 * hash recomputable from what is stored, each written just now (occurred_at is an instant, read back in UTC).
 */
async function auditStream(app: TestApp, stream: string): Promise<AuditRow[]> {
  const rows = (await app.dataSource.query(
    `SELECT stream, seq, candidate_id AS "candidateId", event_type AS "eventType", payload, from_state AS "fromState", to_state AS "toState",
            actor, occurred_at AS "occurredAt", machine_version AS "machineVersion", prev_hash AS "prevHash", hash, attests
       FROM audit_event WHERE stream = $1 ORDER BY seq`,
    [stream],
  )) as AuditRow[];
  rows.forEach((r, i) => {
    if (typeof r.payload === 'string') r.payload = JSON.parse(r.payload) as Record<string, unknown>;
    const occurredAt = new Date(r.occurredAt);
    expect(r.seq).toBe(i + 1);
    expect(r.prevHash).toBe(i === 0 ? null : rows[i - 1]!.hash);
    expect(Math.abs(occurredAt.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    const { hash, attests, ...content } = r;
    expect(auditHash({ ...content, occurredAt: occurredAt.toISOString(), ...(attests ? { attests } : {}) })).toBe(hash);
  });
  return rows;
}

const accountStream = async (app: TestApp, username: string) => auditStream(app, `account:${await accountId(app, username)}`);

describe('sign-in', () => {
  it('answers 200 with the account view and a CSRF token, never the password or its hash', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: UNIT_HEAD, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      account: { username: UNIT_HEAD, role: 'UNIT_HEAD', roleLabel: { vi: expect.any(String), en: expect.any(String) }, unitId: t.provinceId, disabled: false },
      csrfToken: expect.any(String),
      expiresAt: expect.stringMatching(/Z$/),
    });
    const hoursLeft = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/i);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(setCookies(res).some((c) => c.startsWith('dth_session='))).toBe(true);
  });

  it('a wrong password and an unknown username both → 401 SIGN_IN_FAILED with the same words, no cookie, no echo', async () => {
    const wrong = await t.http.post('/api/auth/sign-in').send({ username: UNIT_HEAD, password: 'mat-khau-sai-hoan-toan' });
    const unknown = await t.http.post('/api/auth/sign-in').send({ username: 'khong-co-ai', password: 'mat-khau-sai-hoan-toan' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'SIGN_IN_FAILED', message: SIGN_IN_FAILED_VI, messageEn: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toContain('mat-khau-sai-hoan-toan');
      expect(setCookies(res).filter((c) => c.startsWith('dth_session='))).toEqual([]);
    }
    // Nothing tells a missing account from a wrong password.
    const { correlationId: _a, ...a } = wrong.body;
    const { correlationId: _b, ...b } = unknown.body;
    expect(a).toEqual(b);
  });

  it.each([
    ['a missing username', { password: TEST_PASSWORD }, ['username']],
    ['a missing password', { username: UNIT_HEAD }, ['password']],
    ['a number as username', { username: 42, password: TEST_PASSWORD }, ['username']],
    ['an unknown field', { username: UNIT_HEAD, password: TEST_PASSWORD, role: 'ADMIN' }, ['role']],
    ['a password over 200 characters', { username: UNIT_HEAD, password: 'bi-mat-'.repeat(30) }, ['password']],
  ])('%s → 400 naming the field, the password never echoed', async (_, body, fields) => {
    const res = await t.http.post('/api/auth/sign-in').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(res.body)).toEqual(fields);
    expect(JSON.stringify(res.body)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(res.body)).not.toContain('bi-mat-bi-mat');
  });
});

describe('passwords are never stored or shown in clear', () => {
  it('account.password_hash is an Argon2id PHC string (at least 19 MiB, 2 passes), never the password', async () => {
    const rows = (await t.dataSource.query('SELECT username, password_hash AS "hash" FROM account ORDER BY username')) as { username: string; hash: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const { hash } of rows) {
      expect(hash.startsWith('$argon2id$')).toBe(true);
      expect(hash).not.toContain(TEST_PASSWORD);
      const [, m, tc] = /\$m=(\d+),t=(\d+),p=\d+\$/.exec(hash) ?? [];
      expect(Number(m)).toBeGreaterThanOrEqual(19_456);
      expect(Number(tc)).toBeGreaterThanOrEqual(2);
    }
    // Two accounts with the same password get different hashes (salted).
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it('creating an account with a password shorter than 12 → 400 naming password, nothing created', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM account'))[0].n as number;
    const res = await t
      .as(ADMIN)
      .post('/api/accounts')
      .send({ username: 'mk.ngan', displayName: 'Mật khẩu ngắn', role: 'AUDITOR', password: 'ngan-11-kt!' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['password']);
    expect(JSON.stringify(res.body)).not.toContain('ngan-11-kt!');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM account'))[0].n).toBe(before);
  });

  it('a created account is answered and listed without any hash; its audit line holds no password', async () => {
    const password = 'mat-khau-tao-moi-2025';
    const res = await t.as(ADMIN).post('/api/accounts').send({ username: 'mk.du', displayName: 'Mật khẩu đủ dài', role: 'AUDITOR', password });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'mk.du', role: 'AUDITOR', disabled: false });
    const list = await t.as(ADMIN).get('/api/accounts');
    expect(list.status).toBe(200);
    expect(list.body.map((a: { username: string }) => a.username)).toContain('mk.du');
    for (const text of [JSON.stringify(res.body), JSON.stringify(list.body)]) {
      expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/i);
      expect(text).not.toContain(password);
    }
    const [{ hash }] = await t.dataSource.query('SELECT password_hash AS hash FROM account WHERE username = $1', ['mk.du']);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect((await t.signIn('mk.du', password)).csrfToken).toEqual(expect.any(String));
    const leaks = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE payload::text LIKE '%' || $1 || '%' OR payload::text LIKE '%' || $2 || '%' OR payload::text LIKE '%$argon2%'`, [
      password,
      TEST_PASSWORD,
    ]);
    expect(leaks[0].n).toBe(0);
  });

  it('a username outside [a-z0-9._-] or a taken one is refused', async () => {
    const bad = await t.as(ADMIN).post('/api/accounts').send({ username: 'Nguyen Van A', displayName: 'A', role: 'AUDITOR', password: NEW_PASSWORD });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['username']);
    const taken = await t.as(ADMIN).post('/api/accounts').send({ username: UNIT_HEAD, displayName: 'Trùng', role: 'AUDITOR', password: NEW_PASSWORD });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('USERNAME_TAKEN');
  });
});

describe('administration of accounts', () => {
  it('a disabled account loses its session at once, cannot sign in (403), and can sign in again once re-enabled', async () => {
    const person = await t.newAccount('canbo.khoa', 'AUDITOR', null);
    const id = await accountId(t, 'canbo.khoa');
    expect((await person.get('/api/auth/me')).status).toBe(200);

    const disabled = await t.as(ADMIN).post(`/api/accounts/${id}/disable`).send();
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id, disabled: true, disabledAt: expect.any(String) });

    const after = await person.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
    const sessions = await t.dataSource.query('SELECT revoked_at AS "revokedAt", revoked_reason AS reason FROM session WHERE account_id = $1', [id]);
    expect(sessions).toEqual([{ revokedAt: expect.anything(), reason: 'ACCOUNT_DISABLED' }]);

    const refused = await t.http.post('/api/auth/sign-in').send({ username: 'canbo.khoa', password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringContaining('khóa') });
    expect(setCookies(refused).filter((c) => c.startsWith('dth_session='))).toEqual([]);
    expect((await t.as(ADMIN).get(`/api/accounts/${id}`)).body).toMatchObject({ disabled: true });

    const enabled = await t.as(ADMIN).post(`/api/accounts/${id}/enable`).send();
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ id, disabled: false, disabledAt: null });
    const again = await t.signIn('canbo.khoa');
    expect((await again.get('/api/auth/me')).status).toBe(200);
    // The session ended by the disabling stays ended.
    expect((await person.get('/api/auth/me')).status).toBe(401);
  });

  it('an administrator cannot disable their own account (403); only administrators manage accounts', async () => {
    const adminId = await accountId(t, ADMIN);
    const self = await t.as(ADMIN).post(`/api/accounts/${adminId}/disable`).send();
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FORBIDDEN');
    expect((await t.as(ADMIN).get(`/api/accounts/${adminId}`)).body).toMatchObject({ disabled: false });
    expect((await t.as(ADMIN).get('/api/auth/me')).status).toBe(200);

    const victim = await accountId(t, AUDITOR);
    for (const username of [UNIT_HEAD, SECRETARY, COUNCIL_MEMBER, AUDITOR]) {
      const res = await t.as(username).post(`/api/accounts/${victim}/disable`).send();
      expect({ username, status: res.status, code: res.body.code }).toEqual({ username, status: 403, code: 'FORBIDDEN' });
      expect((await t.as(username).get('/api/accounts')).status).toBe(403);
    }
    expect((await t.as(AUDITOR).get('/api/auth/me')).status).toBe(200);
  });

  it('an unknown account → 404 ACCOUNT_NOT_FOUND; a malformed id → 400', async () => {
    const missing = await t.as(ADMIN).post(`/api/accounts/${randomUUID()}/disable`).send();
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await t.as(ADMIN).post('/api/accounts/abc/enable').send()).status).toBe(400);
  });

  it('a reset password ends every session of the account; the new password works, the old one does not', async () => {
    const first = await t.newAccount('canbo.datlai', 'AUDITOR', null);
    const second = await t.signIn('canbo.datlai');
    const id = await accountId(t, 'canbo.datlai');

    const short = await t.as(ADMIN).post(`/api/accounts/${id}/password`).send({ password: 'qua-ngan' });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['password']);
    expect((await first.get('/api/auth/me')).status).toBe(200);

    const reset = await t.as(ADMIN).post(`/api/accounts/${id}/password`).send({ password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect(JSON.stringify(reset.body)).not.toContain(NEW_PASSWORD);
    for (const s of [first, second]) {
      const res = await s.get('/api/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_EXPIRED');
    }
    const old = await t.http.post('/api/auth/sign-in').send({ username: 'canbo.datlai', password: TEST_PASSWORD });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('SIGN_IN_FAILED');
    const fresh = await t.signIn('canbo.datlai', NEW_PASSWORD);
    expect((await fresh.get('/api/auth/me')).body).toMatchObject({ username: 'canbo.datlai' });
  });

  it('changing one’s own password: a wrong current one → 400 naming currentPassword; the right one ends the other sessions only', async () => {
    const current = await t.newAccount('canbo.doimk', 'COUNCIL_SECRETARY', null);
    const other = await t.signIn('canbo.doimk');

    const wrong = await current.post('/api/auth/password').send({ currentPassword: 'khong-phai-mat-khau', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(wrong.body)).toEqual(['currentPassword']);
    expect(JSON.stringify(wrong.body)).not.toContain('khong-phai-mat-khau');
    const short = await current.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'ngan' });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['newPassword']);
    // Neither refusal changed anything.
    expect((await other.get('/api/auth/me')).status).toBe(200);

    const changed = await current.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).not.toContain(NEW_PASSWORD);
    expect((await current.get('/api/auth/me')).status).toBe(200);
    const ended = await other.get('/api/auth/me');
    expect(ended.status).toBe(401);
    expect(ended.body.code).toBe('SESSION_EXPIRED');

    expect((await t.http.post('/api/auth/sign-in').send({ username: 'canbo.doimk', password: TEST_PASSWORD })).status).toBe(401);
    expect((await t.http.post('/api/auth/sign-in').send({ username: 'canbo.doimk', password: NEW_PASSWORD })).status).toBe(200);
  });
});

describe('the security audit lines', () => {
  it('an account’s own chain: created, signed in, failed sign-in, refused access, disabled, enabled, reset, signed in, signed out', async () => {
    const candidate = await newCandidate(t);
    const person = await t.newAccount('nhatky', 'AUDITOR', null);
    const id = await accountId(t, 'nhatky');

    const failed = await t.http.post('/api/auth/sign-in').send({ username: 'nhatky', password: 'mat-khau-sai-cua-toi' });
    expect(failed.status).toBe(401);

    // An auditor reads everything but changes nothing.
    const refused = await person.post(`/api/candidates/${candidate.id}/events`).send({ type: 'START_NURTURING', expectedVersion: candidate.version, payload: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${candidate.id}`)).body).toMatchObject({ state: 'discovered', version: candidate.version });

    expect((await t.as(ADMIN).post(`/api/accounts/${id}/disable`).send()).status).toBe(200);
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/enable`).send()).status).toBe(200);
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/password`).send({ password: NEW_PASSWORD })).status).toBe(200);
    const again = await t.signIn('nhatky', NEW_PASSWORD);
    const out = await again.post('/api/auth/sign-out').send();
    expect(out.status).toBe(200);

    const records = await auditStream(t, `account:${id}`);
    expect(records.map((r) => r.eventType)).toEqual([
      'ACCOUNT_CREATED',
      'SIGNED_IN',
      'SIGN_IN_FAILED',
      'ACCESS_REFUSED',
      'ACCOUNT_DISABLED',
      'ACCOUNT_ENABLED',
      'PASSWORD_RESET',
      'SIGNED_IN',
      'SIGNED_OUT',
    ]);
    const [created, signedIn, signInFailed, accessRefused, disabled, enabled, reset, , signedOut] = records;
    expect(created).toMatchObject({ candidateId: null, payload: { username: 'nhatky', role: 'AUDITOR' } });
    expect(signedIn).toMatchObject({ actor: 'nhatky', payload: { clientAddress: expect.stringMatching(LOCAL_ADDRESS), expiresAt: expect.stringMatching(/Z$/) } });
    expect(signInFailed).toMatchObject({ actor: 'nhatky', payload: { username: 'nhatky', reason: 'WRONG_PASSWORD', clientAddress: expect.stringMatching(LOCAL_ADDRESS) } });
    expect(accessRefused).toMatchObject({
      actor: 'nhatky',
      payload: { method: 'POST', path: `/api/candidates/${candidate.id}/events`, reason: 'ROLE_NOT_ALLOWED', clientAddress: expect.stringMatching(LOCAL_ADDRESS) },
    });
    expect(disabled).toMatchObject({ actor: ADMIN, payload: { username: 'nhatky', sessionsEnded: 1 } });
    expect(enabled).toMatchObject({ actor: ADMIN, payload: { username: 'nhatky' } });
    expect(reset).toMatchObject({ actor: ADMIN, payload: { username: 'nhatky', sessionsEnded: 0 } });
    expect(signedOut).toMatchObject({ actor: 'nhatky' });
    expect(JSON.stringify(records)).not.toContain('mat-khau-sai-cua-toi');
    expect(JSON.stringify(records)).not.toContain(NEW_PASSWORD);

    const [column] = await t.dataSource.query(`SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'audit_event' AND column_name = 'occurred_at'`);
    expect(column.type).toBe('timestamp with time zone');
  });

  it('a failed sign-in of an unknown username goes to account:unknown, saying so and from where', async () => {
    const res = await t.http.post('/api/auth/sign-in').set('User-Agent', 'kiem-thu/1.0').send({ username: 'Nguoi.La ', password: 'doan-bua-mot-mat-khau' });
    expect(res.status).toBe(401);
    const records = await auditStream(t, 'account:unknown');
    const last = records[records.length - 1]!;
    expect(last).toMatchObject({
      eventType: 'SIGN_IN_FAILED',
      actor: 'nguoi.la',
      payload: { username: 'nguoi.la', reason: 'UNKNOWN_USERNAME', clientAddress: expect.stringMatching(LOCAL_ADDRESS), userAgent: 'kiem-thu/1.0' },
    });
    expect(JSON.stringify(records)).not.toContain('doan-bua-mot-mat-khau');
  });

  it('a disabled account’s sign-in with the right password is audited as SIGN_IN_FAILED with reason ACCOUNT_DISABLED', async () => {
    await t.newAccount('canbo.bikhoa', 'AUDITOR', null);
    const id = await accountId(t, 'canbo.bikhoa');
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/disable`).send()).status).toBe(200);
    expect((await t.http.post('/api/auth/sign-in').send({ username: 'canbo.bikhoa', password: TEST_PASSWORD })).status).toBe(403);
    const records = await auditStream(t, `account:${id}`);
    expect(records.map((r) => r.eventType)).toEqual(['ACCOUNT_CREATED', 'SIGNED_IN', 'ACCOUNT_DISABLED', 'SIGN_IN_FAILED']);
    expect(records[3]!.payload).toMatchObject({ reason: 'ACCOUNT_DISABLED' });
  });
});

describe('access at function level', () => {
  it('without a session every API route → 401; health and readiness answer', async () => {
    for (const url of ['/api/auth/me', '/api/accounts', '/api/units', '/api/candidates', `/api/candidates/${randomUUID()}/history`]) {
      const res = await t.http.get(url);
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 401, code: 'SESSION_REQUIRED' });
    }
    expect((await t.http.post('/api/auth/sign-out')).status).toBe(401);
    expect((await t.http.get('/health')).status).toBe(200);
    expect((await t.http.get('/health/ready')).status).toBe(200);
  });

  it('administrators run the system but do not read candidates; others do not manage units or accounts', async () => {
    const admin = await t.as(ADMIN).get('/api/candidates');
    expect(admin.status).toBe(403);
    expect(admin.body.code).toBe('FORBIDDEN');
    await closeRefusalWindow(t);
    for (const username of [UNIT_HEAD, SECRETARY, COUNCIL_MEMBER, AUDITOR]) {
      const res = await t.as(username).post('/api/units').send({ name: 'Đơn vị lạ', level: 'GRASSROOTS', sector: 'STATE', parentId: t.provinceId });
      expect({ username, status: res.status }).toEqual({ username, status: 403 });
      expect((await t.as(username).get('/api/candidates')).status).toBe(200);
    }
    const audited = await accountStream(t, SECRETARY);
    expect(audited[audited.length - 1]).toMatchObject({ eventType: 'ACCESS_REFUSED', payload: { method: 'POST', path: '/api/units', reason: 'ROLE_NOT_ALLOWED' } });
  });
});

describe('access at object level: a unit head reaches their unit and the units below it, nothing else', () => {
  let unitA: { id: string };
  let unitA1: { id: string };
  let unitB: { id: string };
  let inA1: { id: string; version: number };
  let inB: { id: string; version: number; state: string };
  let evidenceB: string;
  let headA: ActorClient;
  let headA1: ActorClient;
  let inA: { id: string; version: number };

  beforeAll(async () => {
    unitA = await newUnit(t, { name: 'Huyện Lạng Giang', level: 'DISTRICT' });
    unitA1 = await newUnit(t, { name: 'Xã Tân Thịnh', level: 'GRASSROOTS', parentId: unitA.id });
    unitB = await newUnit(t, { name: 'Huyện Yên Thế', level: 'DISTRICT' });
    inA = await newCandidate(t, { unitId: unitA.id, name: 'Hợp tác xã Lạng Giang' });
    inA1 = await newCandidate(t, { unitId: unitA1.id, name: 'Hợp tác xã Tân Thịnh' });
    inB = await newCandidate(t, { unitId: unitB.id, name: 'Bí mật của Yên Thế' });
    const uploaded = await uploadEvidence(t, inB.id);
    expect(uploaded.status).toBe(201);
    evidenceB = uploaded.body.evidence.id as string;
    inB = (await t.as(UNIT_HEAD).get(`/api/candidates/${inB.id}`)).body;
    headA = await t.newAccount('truonga', 'UNIT_HEAD', unitA.id);
    headA1 = await t.newAccount('truonga1', 'UNIT_HEAD', unitA1.id);
  });

  it('every read and change of a sibling unit’s candidate → 404 CANDIDATE_NOT_FOUND, exactly as for a missing one, never the data', async () => {
    const missing = await headA.get(`/api/candidates/${randomUUID()}`);
    expect(missing.status).toBe(404);
    const shape = (body: Record<string, unknown>) => ({ statusCode: body.statusCode, code: body.code, message: body.message, messageEn: body.messageEn });

    const attempts: [string, supertest.Test][] = [
      ['candidate', headA.get(`/api/candidates/${inB.id}`)],
      ['history', headA.get(`/api/candidates/${inB.id}/history`)],
      ['nurturing', headA.get(`/api/candidates/${inB.id}/nurturing`)],
      ['evidence list', headA.get(`/api/candidates/${inB.id}/evidence`)],
      ['evidence file', headA.get(`/api/candidates/${inB.id}/evidence/${evidenceB}`)],
      ['event', headA.post(`/api/candidates/${inB.id}/events`).send({ type: 'WITHDRAW', expectedVersion: inB.version, payload: { reason: 'Rút hộ đơn vị khác' } })],
      ['evidence upload', headA.post(`/api/candidates/${inB.id}/evidence`).attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), { filename: 'x.pdf', contentType: 'application/pdf' })],
    ];
    for (const [what, request] of attempts) {
      const res = await request;
      expect({ what, status: res.status, ...shape(res.body) }).toEqual({ what, status: 404, ...shape(missing.body) });
      expect(JSON.stringify(res.body)).not.toContain('Yên Thế');
      expect(res.headers['content-type']).toMatch(/json/);
    }
    // Nothing changed.
    const after = await t.as(UNIT_HEAD).get(`/api/candidates/${inB.id}`);
    expect(after.body).toMatchObject({ state: inB.state, version: inB.version, counts: { evidenceFiles: 1 } });

    // Refusals of one person for one reason are aggregated per window: the first in full, the others counted.
    await closeRefusalWindow(t);
    const trail = await accountStream(t, 'truonga');
    const refusals = trail.filter((r) => r.eventType === 'ACCESS_REFUSED');
    const repeated = trail.filter((r) => r.eventType === 'ACCESS_REFUSED_REPEATED');
    expect(refusals.length + repeated.reduce((n, r) => n + Number(r.payload.count) - 1, 0)).toBe(attempts.length);
    for (const r of refusals) {
      expect(r.payload).toMatchObject({ reason: 'OUT_OF_UNIT_SCOPE', candidateId: inB.id, clientAddress: expect.stringMatching(LOCAL_ADDRESS) });
    }
    for (const r of repeated) expect(r.payload).toMatchObject({ reason: 'OUT_OF_UNIT_SCOPE', count: expect.any(Number), windowStart: expect.any(String), windowEnd: expect.any(String) });
    expect(refusals[0]!.payload).toMatchObject({ method: 'GET', path: `/api/candidates/${inB.id}` });
  });

  it('the candidate list of a unit head holds only its subtree, whatever the filters', async () => {
    const list = await headA.get('/api/candidates?pageSize=100');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((c: { id: string }) => c.id).sort();
    expect(ids).toEqual([inA.id, inA1.id].sort());
    expect(list.body.total).toBe(2);
    expect(JSON.stringify(list.body)).not.toContain('Yên Thế');

    const filtered = await headA.get(`/api/candidates?unitId=${unitB.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body).toMatchObject({ total: 0, items: [] });
    const searched = await headA.get(`/api/candidates?q=${encodeURIComponent('Bí mật')}`);
    expect(searched.body).toMatchObject({ total: 0, items: [] });

    const lower = await headA1.get('/api/candidates?pageSize=100');
    expect(lower.body.items.map((c: { id: string }) => c.id)).toEqual([inA1.id]);
    // The province's unit head reaches all three.
    const all = (await t.as(UNIT_HEAD).get('/api/candidates?pageSize=100')).body.items.map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining([inA.id, inA1.id, inB.id]));
  });

  it('nominating in a sibling unit → 403 naming unitId, nothing written; in its own subtree → 201', async () => {
    const body = (unitId: string) => ({
      kind: 'INDIVIDUAL',
      name: 'Lê Văn Tâm',
      unitId,
      field: 'ECONOMY',
      year: 2025,
      discoveryChannel: 'INSPECTION',
      achievement: 'Nông dân sản xuất kinh doanh giỏi.',
    });
    const [before] = await t.dataSource.query('SELECT count(*)::int AS n FROM candidate');
    const refused = await headA.post('/api/candidates').send(body(unitB.id));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', field: 'unitId' });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM candidate'))[0].n).toBe(before.n);
    const upwards = await headA1.post('/api/candidates').send(body(unitA.id));
    expect(upwards.status).toBe(403);

    const own = await headA.post('/api/candidates').send(body(unitA1.id));
    expect(own.status).toBe(201);
    expect(own.body.unitId).toBe(unitA1.id);
  });

  it('a unit head of a parent unit reads and acts on candidates of its child units; the child’s head does not reach the parent’s', async () => {
    for (const url of [`/api/candidates/${inA1.id}`, `/api/candidates/${inA1.id}/history`, `/api/candidates/${inA1.id}/nurturing`, `/api/candidates/${inA1.id}/evidence`]) {
      expect({ url, status: (await headA.get(url)).status }).toEqual({ url, status: 200 });
    }
    const current = await headA.get(`/api/candidates/${inA1.id}`);
    expect(current.body.name).toBe('Hợp tác xã Tân Thịnh');
    const sent = await headA
      .post(`/api/candidates/${inA1.id}/events`)
      .send({ type: 'START_NURTURING', expectedVersion: current.body.version, payload: { goals: 'Mở rộng liên kết', supporter: 'Phòng Nông nghiệp' } });
    expect(sent.status).toBe(200);
    expect(sent.body.state).toBe('nurturing');

    const up = await headA1.get(`/api/candidates/${inA.id}`);
    expect(up.status).toBe(404);
    expect(up.body.code).toBe('CANDIDATE_NOT_FOUND');
  });

  it('council decisions stay with the secretariat: a unit head in scope sending RECOGNISE → 403', async () => {
    await closeRefusalWindow(t);
    const res = await headA.post(`/api/candidates/${inA.id}/events`).send({ type: 'RECOGNISE', expectedVersion: inA.version, payload: {} });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const last = (await accountStream(t, 'truonga')).at(-1)!;
    expect(last).toMatchObject({ eventType: 'ACCESS_REFUSED', payload: { reason: 'EVENT_NOT_FOR_ROLE', candidateId: inA.id } });
  });
});

// The sign-in throttle (per account and address, per account, per address) is in sign-in-throttle.e2e-spec.ts.

describe('configuration of accounts', () => {
  it('INITIAL_ADMIN_PASSWORD shorter than 12 characters is refused, naming the variable without echoing the password', () => {
    let error: unknown;
    try {
      loadConfig({ INITIAL_ADMIN_USERNAME: 'quantri', INITIAL_ADMIN_PASSWORD: 'ngan-qua-11' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('INITIAL_ADMIN_PASSWORD');
    expect(message).not.toContain('ngan-qua-11');
    expect(() => loadConfig({ INITIAL_ADMIN_USERNAME: 'Quan Tri', INITIAL_ADMIN_PASSWORD: 'mot-mat-khau-dai-2025' })).toThrow(/INITIAL_ADMIN_USERNAME/);
  });

  it.each([
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_ABSOLUTE_HOURS', 'mười hai'],
    ['COOKIE_SECURE', 'yes'],
    ['SIGN_IN_MAX_FAILURES_PER_ACCOUNT', '0'],
    ['SIGN_IN_MAX_FAILURES_PER_ADDRESS', '-1'],
    ['SIGN_IN_DELAY_MAX_SECONDS', '0'],
    ['TRUSTED_NETWORKS', '10.20.0.0/33'],
    ['TRUSTED_NETWORKS', 'van-phong'],
    ['REFUSAL_AGGREGATION_MAX_KEYS', '0'],
  ])('%s=%s is refused naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('defaults: 30 minutes idle, 12 hours absolute, cookies Secure outside localhost', () => {
    expect(loadConfig({})).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12, COOKIE_SECURE: 'auto', CORS_ORIGINS: '' });
  });
});
