/**
 * Sign-in without a lockout anyone else can cause, and a trail that cannot be flooded: the throttle per
 * (account, address) with growing delays, the account-wide limit of a spread-out attack and the trusted networks
 * that escape it, the per-address limit that counts failures only, the current password's guesses, and the
 * aggregation of refused requests. Time moves with the application's real clock (common/clock.ts `realNow`), never by sleeping.
 * Runs on both databases (advisory locks on the server; one shared session on PGlite).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/app.js';
import { ADMIN, AUDITOR, COUNCIL_MEMBER, SECRETARY, UNIT_HEAD } from './support/factories.js';
import { Clock } from '../apps/api/src/common/clock.js';
import { AccessRefusals } from '../apps/api/src/access/access-refusals.js';
import { RepeatedSecurityEvents } from '../apps/api/src/accounts/repeated-security-events.js';
import { waitInWords } from '../apps/api/src/accounts/sign-in-throttle.js';
import type { Actor } from '../apps/api/src/common/actor.js';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const MAX_KEYS = 20;
let r: TestApp;
/** The application's "now": frozen, moved only by the tests. */
let now = Date.now();

beforeAll(async () => {
  r = await startTestApp({
    TRUST_PROXY_HOPS: '1',
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '8',
    SIGN_IN_ACCOUNT_LIMIT_MIN_ADDRESSES: '3',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '30',
    TRUSTED_NETWORKS: '10.20.0.0/16, 2001:db8::/48',
    REFUSAL_AGGREGATION_MAX_KEYS: String(MAX_KEYS),
  });
  const clock = r.running.app.get(Clock);
  // The real clock (sign-in limits measure real durations); the product's clock is built on it.
  jest.spyOn(clock, 'realNow').mockImplementation(() => new Date(now));
});
afterAll(async () => {
  await r?.close();
});

/**
 * Two days on, every earlier failure forgotten (memory 24 h, window 15 min), at the start of a minute: the seconds a
 * test moves stay inside one window of the refusals' aggregation.
 */
function nextDay() {
  now = Math.floor((now + 2 * DAY) / 60_000) * 60_000 + 1000;
}

const signIn = (address: string, username: string, password: string) => r.http.post('/api/auth/sign-in').set('X-Forwarded-For', address).send({ username, password });

async function accountId(username: string): Promise<string> {
  const [row] = (await r.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[];
  return row!.id;
}

async function records(stream: string): Promise<{ eventType: string; payload: Record<string, unknown> }[]> {
  const rows = (await r.dataSource.query('SELECT event_type AS "eventType", payload FROM audit_event WHERE stream = $1 ORDER BY seq', [stream])) as { eventType: string; payload: unknown }[];
  return rows.map((x) => ({ eventType: x.eventType, payload: (typeof x.payload === 'string' ? JSON.parse(x.payload) : x.payload) as Record<string, unknown> }));
}

function expectWait(res: supertest.Response, seconds: number, words: string, code = 'TOO_MANY_SIGN_IN_ATTEMPTS') {
  expect({ status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'], retryAfterSeconds: res.body.retryAfterSeconds }).toEqual({
    status: 429,
    code,
    retryAfter: String(seconds),
    retryAfterSeconds: seconds,
  });
  expect(res.body.message).toContain(`Vui lòng thử lại sau ${words}.`);
  expect(res.body.messageEn).toMatch(/try again in \d/);
  expect(String(res.headers['set-cookie'] ?? '')).not.toContain('dth_session=');
}

describe('the wait in words', () => {
  it.each([
    [1, '1 giây', '1 second'],
    [150, '2 phút 30 giây', '2 minutes 30 seconds'],
    [900, '15 phút', '15 minutes'],
    [3725, '1 giờ 2 phút 5 giây', '1 hour 2 minutes 5 seconds'],
  ])('%i s → "%s" / "%s"', (seconds, vi, en) => {
    expect(waitInWords(seconds)).toEqual({ vi, en });
  });
});

describe('throttle per (account, address): no lockout by someone else', () => {
  it('five wrong passwords from one address; the right one from another address signs in; from the first it waits 1 s, then 2 s, in Vietnamese words', async () => {
    nextDay();
    for (let i = 0; i < 5; i++) expect((await signIn('198.51.100.1', UNIT_HEAD, `sai-mat-khau-${i}`)).status).toBe(401);
    expect((await signIn('198.51.100.2', UNIT_HEAD, TEST_PASSWORD)).status).toBe(200);
    expectWait(await signIn('198.51.100.1', UNIT_HEAD, TEST_PASSWORD), 1, '1 giây');
    now += 1000;
    // One more failure after the delay: the next delay doubles.
    expect((await signIn('198.51.100.1', UNIT_HEAD, 'sai-mat-khau-5')).status).toBe(401);
    now += 1000;
    expectWait(await signIn('198.51.100.1', UNIT_HEAD, TEST_PASSWORD), 1, '1 giây');
    now += 1000;
    expect((await signIn('198.51.100.1', UNIT_HEAD, TEST_PASSWORD)).status).toBe(200);
    // A success there starts over: the next failure is free again.
    expect((await signIn('198.51.100.1', UNIT_HEAD, 'sai-mat-khau-6')).status).toBe(401);
    expect((await signIn('198.51.100.1', UNIT_HEAD, TEST_PASSWORD)).status).toBe(200);

    const limited = (await records(`account:${await accountId(UNIT_HEAD)}`)).filter((x) => x.eventType === 'SIGN_IN_RATE_LIMITED');
    expect(limited).toHaveLength(1); // the second 429 fell in the same window with the same reason: counted, not written
    expect(limited[0]!.payload).toMatchObject({ username: UNIT_HEAD, clientAddress: '198.51.100.1', reason: 'ACCOUNT_ADDRESS_DELAY', retryAfterSeconds: 1 });
  });

  it('the delay grows to its cap (15 minutes), also for a username that does not exist', async () => {
    nextDay();
    const at = new Date(now - 1000);
    for (let i = 0; i < 20; i++) {
      await r.admin.query("INSERT INTO sign_in_attempt (id, username, client_address, succeeded, attempted_at) VALUES ($1, 'khong-ton-tai', '198.51.100.5', false, $2)", [randomUUID(), at]);
    }
    expectWait(await signIn('198.51.100.5', 'khong-ton-tai', 'doan-tiep'), 899, '14 phút 59 giây');
    expect((await records('account:unknown')).at(-1)).toMatchObject({ eventType: 'SIGN_IN_RATE_LIMITED', payload: { username: 'khong-ton-tai', reason: 'ACCOUNT_ADDRESS_DELAY' } });
  });

  it('simultaneous wrong passwords: only the free ones are checked, the rest refused without trying the password', async () => {
    nextDay();
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn('198.51.100.20', 'nguoi-la-song-song', `doan-song-song-${i}`)));
    expect(burst.map((res) => res.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const [row] = await r.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_attempt WHERE username = 'nguoi-la-song-song'");
    expect(row!.n).toBe(5);
  });
});

describe('a spread-out attack on one account', () => {
  it('failures from many addresses hold back everyone outside the office; TRUSTED_NETWORKS sign in; an administrator can clear it, audited', async () => {
    nextDay();
    for (let i = 1; i <= 8; i++) expect((await signIn(`203.0.113.${i}`, COUNCIL_MEMBER, `doan-tu-xa-${i}`)).status).toBe(401);
    const outside = await signIn('203.0.113.50', COUNCIL_MEMBER, TEST_PASSWORD);
    expectWait(outside, 900, '15 phút');
    expect((await signIn('10.20.5.5', COUNCIL_MEMBER, TEST_PASSWORD)).status).toBe(200);
    expect((await signIn('2001:db8::17', COUNCIL_MEMBER, TEST_PASSWORD)).status).toBe(200);
    expectWait(await signIn('203.0.113.51', COUNCIL_MEMBER, TEST_PASSWORD), 900, '15 phút');

    const id = await accountId(COUNCIL_MEMBER);
    // Only an administrator may clear it.
    expect((await r.as(UNIT_HEAD).post(`/api/accounts/${id}/clear-sign-in-throttle`)).status).toBe(403);
    const cleared = await r.as(ADMIN).post(`/api/accounts/${id}/clear-sign-in-throttle`);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ id, username: COUNCIL_MEMBER });
    expect((await signIn('203.0.113.50', COUNCIL_MEMBER, TEST_PASSWORD)).status).toBe(200);

    const trail = await records(`account:${id}`);
    expect(trail.filter((x) => x.eventType === 'SIGN_IN_RATE_LIMITED').map((x) => x.payload.reason)).toEqual(['ACCOUNT_UNDER_ATTACK']);
    expect(trail.find((x) => x.eventType === 'SIGN_IN_THROTTLE_CLEARED')).toMatchObject({ payload: { username: COUNCIL_MEMBER, failuresCleared: 8 } });
    // The cleared failures stay, marked.
    const [row] = await r.admin.query<{ n: number }>('SELECT count(*)::int AS n FROM sign_in_attempt WHERE username = $1 AND cleared_at IS NOT NULL', [COUNCIL_MEMBER]);
    expect(row!.n).toBe(8);
  });

  it('failures from one or two addresses alone never trip the account-wide limit', async () => {
    nextDay();
    for (let i = 0; i < 5; i++) expect((await signIn('203.0.113.60', COUNCIL_MEMBER, `mot-noi-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await signIn('203.0.113.61', COUNCIL_MEMBER, `hai-noi-${i}`)).status).toBe(401);
    expect((await signIn('203.0.113.62', COUNCIL_MEMBER, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('the per-address limit counts failures only', () => {
  it('35 successful sign-ins from one address are never limited; 30 failures on many usernames from another hold it back, audited in its address stream', async () => {
    nextDay();
    for (let i = 0; i < 35; i++) expect({ i, status: (await signIn('198.51.100.30', SECRETARY, TEST_PASSWORD)).status }).toEqual({ i, status: 200 });
    for (let i = 0; i < 30; i++) expect((await signIn('198.51.100.31', `nguoi-so-${i}`, 'mat-khau-pho-bien')).status).toBe(401);
    expectWait(await signIn('198.51.100.31', SECRETARY, TEST_PASSWORD), 900, '15 phút');
    expect((await signIn('198.51.100.32', SECRETARY, TEST_PASSWORD)).status).toBe(200);
    expect((await records('address:198.51.100.31')).map((x) => [x.eventType, x.payload.reason])).toEqual([['SIGN_IN_RATE_LIMITED', 'ADDRESS_FAILURES']]);
  });
});

describe('guessing the current password when changing it', () => {
  it('is throttled like signing in, keyed by the signed-in account: 429 with the Vietnamese wait, then allowed after it', async () => {
    nextDay();
    const auditor = await r.signIn(AUDITOR);
    const change = (currentPassword: string) =>
      auditor.post('/api/auth/password').set('X-Forwarded-For', '198.51.100.40').send({ currentPassword, newPassword: 'mat-khau-moi-rat-dai-2025' });
    for (let i = 0; i < 5; i++) expect((await change(`doan-mat-khau-${i}`)).status).toBe(400);
    expectWait(await change('doan-mat-khau-5'), 1, '1 giây', 'TOO_MANY_PASSWORD_ATTEMPTS');
    expectWait(await change(TEST_PASSWORD), 1, '1 giây', 'TOO_MANY_PASSWORD_ATTEMPTS');
    now += 1000;
    expect((await change(TEST_PASSWORD)).status).toBe(200);
    const trail = await records(`account:${await accountId(AUDITOR)}`);
    expect(trail.filter((x) => x.eventType === 'PASSWORD_CHANGE_FAILED')).toHaveLength(5);
    expect(trail.filter((x) => x.eventType === 'PASSWORD_CHANGE_RATE_LIMITED').map((x) => x.payload.reason)).toEqual(['ACCOUNT_ADDRESS_DELAY']);
    expect(trail.filter((x) => x.eventType === 'PASSWORD_CHANGED')).toHaveLength(1);
  });
});

describe('the trail cannot be flooded', () => {
  it('10,000 refused requests in a minute add a bounded number of records (2 × keys + 2), with the total counted', async () => {
    const repeated = r.running.app.get(RepeatedSecurityEvents);
    const refusals = r.running.app.get(AccessRefusals);
    // The start of a fresh window; the previous one closed and written.
    now = (Math.floor(now / 60_000) + 1) * 60_000 + 1000;
    await repeated.closeDue();
    const count = async () => (await r.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n as number;
    const before = await count();
    const headStream = `account:${await accountId(UNIT_HEAD)}`;
    const headBefore = (await records(headStream)).length;

    // 200 refused requests over HTTP (a unit head listing accounts) …
    for (let i = 0; i < 200; i++) expect((await r.as(UNIT_HEAD).get('/api/accounts')).status).toBe(403);
    // … and 9,800 more from 100 people, more than the keys a window holds.
    const people: Actor[] = Array.from({ length: 100 }, (_, i) => ({ accountId: randomUUID(), username: `ke-tan-cong-${i}`, role: 'UNIT_HEAD', unitId: null, unitPath: null }));
    for (let i = 0; i < 9_800; i++) await refusals.record(people[i % 100]!, 'OUT_OF_UNIT_SCOPE', { unitId: randomUUID() });

    const during = (await count()) - before;
    // Each key's first at once (20 keys), and the first overflow.
    expect(during).toBe(MAX_KEYS + 1);
    const head = (await records(headStream)).slice(headBefore);
    expect(head).toHaveLength(1);
    expect(head[0]).toMatchObject({ eventType: 'ACCESS_REFUSED', payload: { reason: 'ROLE_NOT_ALLOWED', method: 'GET', path: '/api/accounts' } });

    now += 60_000;
    await repeated.closeDue();
    const total = (await count()) - before;
    expect(total).toBe(2 * MAX_KEYS + 2);
    const headAfter = (await records(headStream)).slice(headBefore);
    expect(headAfter[1]).toMatchObject({ eventType: 'ACCESS_REFUSED_REPEATED', payload: { reason: 'ROLE_NOT_ALLOWED', count: 200, notRecordedSeparately: 199 } });

    // An auditor can account for every refusal: the counts of the keys and of the overflow add up to 10,000.
    const counted = (await r.dataSource.query(
      `SELECT coalesce(sum((payload->>'count')::int), 0)::int AS n FROM audit_event
        WHERE event_type IN ('ACCESS_REFUSED_REPEATED', 'SECURITY_RECORDS_OVERFLOW_COUNT') AND (payload->>'windowStart')::timestamptz = $1`,
      [new Date(now - 60_000 - 1000).toISOString()],
    )) as { n: number }[];
    expect(counted[0]!.n).toBe(10_000);
    const overflow = await records('security:overflow');
    expect(overflow.map((x) => x.eventType)).toEqual(['SECURITY_RECORDS_OVERFLOW', 'SECURITY_RECORDS_OVERFLOW_COUNT']);
    expect(overflow[1]!.payload).toMatchObject({ count: (100 - (MAX_KEYS - 1)) * 98, maxKeys: MAX_KEYS });
  });

  it('at shutdown the open window’s counts are written (what the application’s close runs)', async () => {
    const repeated = r.running.app.get(RepeatedSecurityEvents);
    const refusals = r.running.app.get(AccessRefusals);
    now = (Math.floor(now / 60_000) + 1) * 60_000 + 1000;
    await repeated.closeDue();
    const person: Actor = { accountId: randomUUID(), username: 'dung-truoc-khi-tat', role: 'AUDITOR', unitId: null, unitPath: null };
    for (let i = 0; i < 3; i++) await refusals.record(person, 'ROLE_NOT_ALLOWED');
    await repeated.onModuleDestroy();
    expect((await records(`account:${person.accountId}`)).map((x) => [x.eventType, x.payload.count])).toEqual([
      ['ACCESS_REFUSED', undefined],
      ['ACCESS_REFUSED_REPEATED', 3],
    ]);
  });

  it('what must be recorded one by one is never aggregated: every sign-in has its own record', async () => {
    nextDay();
    const stream = `account:${await accountId(SECRETARY)}`;
    const before = (await records(stream)).filter((x) => x.eventType === 'SIGNED_IN').length;
    for (let i = 0; i < 5; i++) expect((await signIn('198.51.100.70', SECRETARY, TEST_PASSWORD)).status).toBe(200);
    expect((await records(stream)).filter((x) => x.eventType === 'SIGNED_IN')).toHaveLength(before + 5);
  });
});
