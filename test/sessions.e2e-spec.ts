/**
 * Sign-in sessions: the cookies, a new session id at each sign-in, CSRF, sign-out, idle and absolute expiry,
 * security headers and CORS, and a deployment configured from its environment (Secure cookies, idle minutes,
 * allowed origins, the first administrator).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import type supertest from 'supertest';
import { startTestApp, TEST_PASSWORD, type ActorClient, type TestApp } from './support/app.js';
import { closeRefusalWindow } from './support/refusals.js';
import { ADMIN, newUnit, SECRETARY, UNIT_HEAD } from './support/factories.js';
import { AccountsService } from '../apps/api/src/accounts/accounts.service.js';
import { SessionLookups } from '../apps/api/src/accounts/session-lookups.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function setCookies(res: supertest.Response): string[] {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : header ? [String(header)] : [];
}

/** A Set-Cookie line as its value and its attributes (lower-case names). */
function cookie(res: supertest.Response, name: string): { value: string; attributes: Map<string, string> } {
  const line = setCookies(res).find((c) => c.startsWith(`${name}=`));
  expect(line).toBeDefined();
  const [pair, ...rest] = line!.split(';').map((p) => p.trim());
  const attributes = new Map(
    rest.map((a) => {
      const [k, ...v] = a.split('=');
      return [k!.toLowerCase(), v.join('=')] as [string, string];
    }),
  );
  return { value: pair!.slice(name.length + 1), attributes };
}

/** The token in a client's session cookie. */
function tokenOf(client: ActorClient): string {
  const m = /(?:^|;\s*)dth_session=([^;]+)/.exec(client.cookie);
  expect(m).not.toBeNull();
  return decodeURIComponent(m![1]!);
}

const sessionIdOf = (client: ActorClient) => sha256(tokenOf(client));

async function ageSession(app: TestApp, client: ActorClient, assignment: string): Promise<void> {
  const result = await app.dataSource.query(`UPDATE session SET ${assignment} WHERE id = $1`, [sessionIdOf(client)]);
  // TypeORM answers an UPDATE with [rows, affected].
  expect(Array.isArray(result) ? result[1] : undefined).toBe(1);
  // Written behind the application's back (as another instance would): the process's kept lookups would see it
  // within SESSION_CACHE_MS; the test does not wait for that.
  app.running.app.get(SessionLookups).forgetAll();
}

const candidateCount = async (app: TestApp) => ((await app.dataSource.query('SELECT count(*)::int AS n FROM candidate'))[0] as { n: number }).n;

// jest.config.js's testTimeout sits inside `projects`, where Jest does not apply it: hooks would get 5 s, too
// little for starting an app on a busy machine (and an app started after its hook timed out is never closed).
jest.setTimeout(60_000);

let t: TestApp;
let unitId: string;
beforeAll(async () => {
  // This file signs in far more often than a person would; the address limit is tested in accounts.e2e-spec.ts.
  t = await startTestApp({ SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });
  unitId = (await newUnit(t)).id;
});
afterAll(async () => {
  await t?.close();
});

const candidate = () => ({
  kind: 'INDIVIDUAL',
  name: 'Phạm Thị Hoa',
  unitId,
  field: 'HEALTH',
  year: 2025,
  discoveryChannel: 'MEDIA',
  achievement: 'Nữ hộ sinh tận tụy.',
});

describe('the session cookie', () => {
  it('dth_session is HttpOnly, SameSite=Strict, Path=/, not Secure on localhost; dth_csrf is readable and holds the CSRF token', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: UNIT_HEAD, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const session = cookie(res, 'dth_session');
    expect(session.value.length).toBeGreaterThanOrEqual(32);
    expect(session.attributes.has('httponly')).toBe(true);
    expect(session.attributes.get('samesite')?.toLowerCase()).toBe('strict');
    expect(session.attributes.get('path')).toBe('/');
    expect(session.attributes.has('secure')).toBe(false);
    const maxAge = Number(session.attributes.get('max-age'));
    expect(maxAge).toBeGreaterThan(11.9 * 3600);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);

    const csrf = cookie(res, 'dth_csrf');
    expect(csrf.value).toBe(res.body.csrfToken);
    expect(csrf.attributes.has('httponly')).toBe(false);
    expect(csrf.attributes.get('samesite')?.toLowerCase()).toBe('strict');
    expect(JSON.stringify(res.body)).not.toContain(session.value);
  });

  it('outside localhost (COOKIE_SECURE=auto) both cookies are Secure', async () => {
    const res = await t.http.post('/api/auth/sign-in').set('Host', 'tdkt.example.gov.vn').send({ username: UNIT_HEAD, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(cookie(res, 'dth_session').attributes.has('secure')).toBe(true);
    expect(cookie(res, 'dth_csrf').attributes.has('secure')).toBe(true);
  });

  it('every sign-in gives a new session id, even when the request carries an existing one; only its hash is stored', async () => {
    const first = await t.signIn(SECRETARY);
    const res = await t.http.post('/api/auth/sign-in').set('Cookie', first.cookie).send({ username: SECRETARY, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const second = cookie(res, 'dth_session').value;
    expect(second).not.toBe(tokenOf(first));
    expect(res.body.csrfToken).not.toBe(first.csrfToken);

    expect((await t.http.get('/api/auth/me').set('Cookie', `dth_session=${second}`)).body).toMatchObject({ username: SECRETARY });
    expect((await first.get('/api/auth/me')).status).toBe(200);

    const stored = await t.dataSource.query('SELECT id, csrf_hash AS "csrfHash" FROM session WHERE id = ANY($1)', [[sha256(second), second, sha256(tokenOf(first)), tokenOf(first)]]);
    expect(stored.map((s: { id: string }) => s.id).sort()).toEqual([sha256(second), sha256(tokenOf(first))].sort());
    expect(stored.find((s: { id: string }) => s.id === sha256(second)).csrfHash).toBe(sha256(res.body.csrfToken));
  });
});

describe('CSRF', () => {
  it('a change with the session cookie but no X-CSRF-Token → 403 CSRF_TOKEN_INVALID, nothing written; audited', async () => {
    const head = t.as(UNIT_HEAD);
    const before = await candidateCount(t);
    await closeRefusalWindow(t);
    const res = await t.http.post('/api/candidates').set('Cookie', head.cookie).send(candidate());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'CSRF_TOKEN_INVALID', message: expect.stringContaining('X-CSRF-Token') });
    expect(await candidateCount(t)).toBe(before);

    const [account] = await t.dataSource.query('SELECT id FROM account WHERE username = $1', [UNIT_HEAD]);
    const [last] = await t.dataSource.query(`SELECT event_type AS "eventType", payload FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1`, [`account:${account.id}`]);
    expect(last).toMatchObject({ eventType: 'ACCESS_REFUSED', payload: { reason: 'CSRF_TOKEN_INVALID', method: 'POST', path: '/api/candidates' } });
  });

  it.each([
    ['a wrong token', () => 'khong-phai-ma-csrf'],
    ['an empty token', () => ''],
    ['the token of another session', () => t.as(SECRETARY).csrfToken],
    ['the session token itself', () => tokenOf(t.as(UNIT_HEAD))],
  ])('%s → 403, nothing written', async (_, token) => {
    const before = await candidateCount(t);
    const res = await t.http.post('/api/candidates').set('Cookie', t.as(UNIT_HEAD).cookie).set('X-CSRF-Token', token()).send(candidate());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    expect(await candidateCount(t)).toBe(before);
  });

  it('the right token lets the change through; GET needs no token', async () => {
    const res = await t.as(UNIT_HEAD).post('/api/candidates').send(candidate());
    expect(res.status).toBe(201);
    const read = await t.http.get(`/api/candidates/${res.body.id}`).set('Cookie', t.as(UNIT_HEAD).cookie);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(res.body.id);
  });

  it('an administrator’s change without the token is refused too: the account stays enabled', async () => {
    const person = await t.newAccount('csrf.nannhan', 'AUDITOR', null);
    const [{ id }] = await t.dataSource.query('SELECT id FROM account WHERE username = $1', ['csrf.nannhan']);
    const res = await t.http.post(`/api/accounts/${id}/disable`).set('Cookie', t.as(ADMIN).cookie).send();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    const [row] = await t.dataSource.query('SELECT disabled_at AS "disabledAt" FROM account WHERE id = $1', [id]);
    expect(row.disabledAt).toBeNull();
    expect((await person.get('/api/auth/me')).status).toBe(200);
  });
});

describe('sign-out', () => {
  it('revokes the session at once: the same cookie afterwards → 401 SESSION_EXPIRED; other sessions go on', async () => {
    const person = await t.newAccount('phien.dangxuat', 'AUDITOR', null);
    const elsewhere = await t.signIn('phien.dangxuat');

    const forged = await t.http.post('/api/auth/sign-out').set('Cookie', person.cookie).send();
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await person.get('/api/auth/me')).status).toBe(200);

    const out = await person.post('/api/auth/sign-out').send();
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });
    const cleared = cookie(out, 'dth_session');
    expect(cleared.value).toBe('');
    expect(Date.parse(cleared.attributes.get('expires') ?? '')).toBeLessThan(Date.now());

    const after = await person.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'SESSION_EXPIRED', message: expect.stringContaining('đăng nhập lại') });
    expect((await person.post('/api/auth/sign-out').send()).status).toBe(401);
    const [row] = await t.dataSource.query('SELECT revoked_at AS "revokedAt", revoked_reason AS reason FROM session WHERE id = $1', [sessionIdOf(person)]);
    expect(row).toEqual({ revokedAt: expect.anything(), reason: 'SIGNED_OUT' });

    expect((await elsewhere.get('/api/auth/me')).status).toBe(200);
  });
});

describe('session lookups kept for a moment (SESSION_CACHE_MS)', () => {
  const sessionQueries = async (work: () => Promise<unknown>) => {
    const original = t.dataSource.query.bind(t.dataSource);
    let n = 0;
    const spy = jest.spyOn(t.dataSource, 'query').mockImplementation(((sql: string, ...rest: unknown[]) => {
      if (/FROM session s JOIN account a/.test(sql)) n++;
      return (original as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as never);
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return n;
  };

  it('a burst of requests looks the session up once', async () => {
    const person = await t.newAccount('phien.bonho', 'AUDITOR', null);
    const n = await sessionQueries(async () => {
      for (let i = 0; i < 5; i++) expect((await person.get('/api/auth/me')).status).toBe(200);
    });
    expect(n).toBeLessThanOrEqual(1);
  });

  it('a disabled account’s next request is refused at once, though its session was just looked up', async () => {
    const person = await t.newAccount('phien.khoangay', 'AUDITOR', null);
    expect((await person.get('/api/auth/me')).status).toBe(200);
    const [{ id }] = await t.dataSource.query('SELECT id FROM account WHERE username = $1', ['phien.khoangay']);
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/disable`).send()).status).toBe(200);
    const res = await person.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it('a role change and a password reset reach the next request at once', async () => {
    const person = await t.newAccount('phien.doivaitro', 'AUDITOR', null);
    expect((await person.get('/api/auth/me')).status).toBe(200);
    const [{ id }] = await t.dataSource.query('SELECT id FROM account WHERE username = $1', ['phien.doivaitro']);
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/role`).send({ role: 'CLERK', unitId: null })).status).toBe(200);
    expect((await person.get('/api/auth/me')).status).toBe(401);

    const again = await t.signIn('phien.doivaitro');
    expect((await again.get('/api/auth/me')).body).toMatchObject({ role: 'CLERK' });
    expect((await t.as(ADMIN).post(`/api/accounts/${id}/password`).send({ password: 'mot-mat-khau-moi-2025' })).status).toBe(200);
    expect((await again.get('/api/auth/me')).status).toBe(401);
  });
});

describe('expiry', () => {
  it('idle for 31 minutes → 401 SESSION_EXPIRED, and nothing is written with that session', async () => {
    const head = await t.newAccount('phien.nhanroi', 'UNIT_HEAD', t.provinceId);
    await ageSession(t, head, `last_seen_at = now() - interval '31 minutes'`);
    const read = await head.get('/api/auth/me');
    expect(read.status).toBe(401);
    expect(read.body.code).toBe('SESSION_EXPIRED');
    const before = await candidateCount(t);
    const write = await head.post('/api/candidates').send(candidate());
    expect(write.status).toBe(401);
    expect(write.body.code).toBe('SESSION_EXPIRED');
    expect(await candidateCount(t)).toBe(before);
    // Control: the refusal was the idle clock's; the same session, made fresh again, answers.
    await ageSession(t, head, 'last_seen_at = now()');
    expect((await head.get('/api/auth/me')).status).toBe(200);
  });

  it('idle for just under 30 minutes still works, and the request resets the idle clock', async () => {
    const person = await t.newAccount('phien.vanconhan', 'AUDITOR', null);
    await ageSession(t, person, `last_seen_at = now() - interval '29 minutes'`);
    expect((await person.get('/api/auth/me')).status).toBe(200);
    const [row] = await t.dataSource.query('SELECT extract(epoch FROM now() - last_seen_at)::float8 AS idle FROM session WHERE id = $1', [sessionIdOf(person)]);
    expect(row.idle).toBeLessThan(60);
    // Another 29 minutes later, counted from that request, it still works.
    await ageSession(t, person, `last_seen_at = last_seen_at - interval '29 minutes'`);
    expect((await person.get('/api/auth/me')).status).toBe(200);
  });

  it('past its absolute end → 401 SESSION_EXPIRED however active; activity never moves the end', async () => {
    const person = await t.newAccount('phien.hethan', 'AUDITOR', null);
    const [before] = await t.dataSource.query(
      'SELECT expires_at AS "expiresAt", extract(epoch FROM expires_at - created_at)::float8 AS seconds FROM session WHERE id = $1',
      [sessionIdOf(person)],
    );
    expect(before.seconds).toBeCloseTo(12 * 3600, 0);
    await ageSession(t, person, `last_seen_at = now() - interval '10 minutes'`);
    expect((await person.get('/api/auth/me')).status).toBe(200);
    const [after] = await t.dataSource.query('SELECT expires_at AS "expiresAt" FROM session WHERE id = $1', [sessionIdOf(person)]);
    expect(new Date(after.expiresAt).getTime()).toBe(new Date(before.expiresAt).getTime());

    await ageSession(t, person, `expires_at = now() - interval '1 second', last_seen_at = now()`);
    const res = await person.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it('a disabled account’s session is refused even if it was not revoked (belt and braces)', async () => {
    const person = await t.newAccount('phien.taikhoankhoa', 'AUDITOR', null);
    await t.dataSource.query(`UPDATE account SET disabled_at = now() WHERE username = 'phien.taikhoankhoa'`);
    t.running.app.get(SessionLookups).forgetAll();
    const res = await person.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
    // The fault was planted outside the application: put the row back as the audit trail vouches for it.
    await t.dataSource.query(`UPDATE account SET disabled_at = NULL WHERE username = 'phien.taikhoankhoa'`);
  });
});

describe('security headers and CORS', () => {
  function expectHelmet(res: supertest.Response) {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  }

  it('on an answer, on a refusal and on health: helmet’s headers, no x-powered-by', async () => {
    const ok = await t.as(UNIT_HEAD).get('/api/auth/me');
    expect(ok.status).toBe(200);
    expectHelmet(ok);
    const refused = await t.http.get('/api/candidates');
    expect(refused.status).toBe(401);
    expectHelmet(refused);
    expectHelmet(await t.http.get('/health'));
    expectHelmet(await t.http.post('/api/auth/sign-in').send({ username: 'x', password: 'y' }));
  });

  it('without CORS_ORIGINS a cross-origin request or preflight gets no access-control-allow-origin', async () => {
    const simple = await t.as(UNIT_HEAD).get('/api/auth/me').set('Origin', 'https://tdkt.example.gov.vn');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await t.http
      .options('/api/candidates')
      .set('Origin', 'https://tdkt.example.gov.vn')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-csrf-token');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a sign-in body over the JSON limit → 413', async () => {
    const res = await t.http.post('/api/auth/sign-in').send({ username: 'x'.repeat(300 * 1024), password: TEST_PASSWORD });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('a deployment configured from its environment', () => {
  const ORIGIN = 'https://tdkt.example.gov.vn';
  const ADMIN_PASSWORD = 'mot-mat-khau-dai-2025';
  let c: TestApp;

  beforeAll(async () => {
    c = await startTestApp({
      COOKIE_SECURE: 'true',
      SESSION_IDLE_MINUTES: '5',
      SESSION_ABSOLUTE_HOURS: '2',
      CORS_ORIGINS: ORIGIN,
      INITIAL_ADMIN_USERNAME: 'quantri',
      INITIAL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('COOKIE_SECURE=true: the cookies are Secure even on localhost; SESSION_ABSOLUTE_HOURS sets the end', async () => {
    const res = await c.http.post('/api/auth/sign-in').send({ username: UNIT_HEAD, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const session = cookie(res, 'dth_session');
    expect(session.attributes.has('secure')).toBe(true);
    expect(session.attributes.has('httponly')).toBe(true);
    expect(session.attributes.get('samesite')?.toLowerCase()).toBe('strict');
    expect(cookie(res, 'dth_csrf').attributes.has('secure')).toBe(true);
    const hoursLeft = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(1.9);
    expect(hoursLeft).toBeLessThanOrEqual(2);
  });

  it('SESSION_IDLE_MINUTES=5: idle for 6 minutes → 401; for 4 minutes it still works', async () => {
    const short = await c.newAccount('phien.namphut', 'AUDITOR', null);
    await ageSession(c, short, `last_seen_at = now() - interval '6 minutes'`);
    const res = await short.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');

    const fine = await c.newAccount('phien.bonphut', 'AUDITOR', null);
    await ageSession(c, fine, `last_seen_at = now() - interval '4 minutes'`);
    expect((await fine.get('/api/auth/me')).status).toBe(200);
  });

  it('CORS_ORIGINS: a preflight from that origin is allowed with credentials and the CSRF header; another origin is not', async () => {
    const preflight = (origin: string) =>
      c.http.options('/api/candidates').set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type,x-csrf-token');
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('x-csrf-token');
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');

    const other = await preflight('https://tdkt.example.gov.vn.evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const simple = await c.as(UNIT_HEAD).get('/api/auth/me').set('Origin', ORIGIN);
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBe(ORIGIN);
    const foreign = await c.as(UNIT_HEAD).get('/api/auth/me').set('Origin', 'http://localhost:8080');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('INITIAL_ADMIN_*: the first administrator exists before any other account and signs in with the configured password', async () => {
    const rows = (await c.dataSource.query(
      `SELECT username, role, password_hash AS hash, created_at AS "createdAt" FROM account WHERE role = 'ADMIN' ORDER BY created_at, username`,
    )) as { username: string; role: string; hash: string; createdAt: Date }[];
    expect(rows.map((r) => r.username)).toEqual(['quantri', ADMIN]);
    expect(rows[0]!.hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]!.hash).not.toContain(ADMIN_PASSWORD);

    const admin = await c.signIn('quantri', ADMIN_PASSWORD);
    expect((await admin.get('/api/auth/me')).body).toMatchObject({ username: 'quantri', role: 'ADMIN' });
    const created = await admin.post('/api/accounts').send({ username: 'canbo.moi', displayName: 'Cán bộ mới', role: 'AUDITOR', password: 'mat-khau-can-bo-moi' });
    expect(created.status).toBe(201);

    const [{ id }] = await c.dataSource.query(`SELECT id FROM account WHERE username = 'quantri'`);
    const audit = await c.dataSource.query(`SELECT event_type AS "eventType", actor, payload::text AS payload FROM audit_event WHERE stream = $1 ORDER BY seq`, [`account:${id}`]);
    expect(audit[0]).toMatchObject({ eventType: 'ACCOUNT_CREATED' });
    expect(audit[0].payload).not.toContain(ADMIN_PASSWORD);

    // Once an administrator exists, the configuration creates no other.
    await c.running.app.get(AccountsService).ensureInitialAdmin('quantri2', 'mot-mat-khau-khac-2025');
    expect((await c.dataSource.query(`SELECT count(*)::int AS n FROM account WHERE username = 'quantri2'`))[0].n).toBe(0);
  });
});
