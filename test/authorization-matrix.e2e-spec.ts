/**
 * The authorisation matrix: every role × every endpoint × (an object of the person's own unit, an object of
 * another unit) → the expected status, generated from ONE table. The table must name exactly the routes the
 * OpenAPI description lists, so a new endpoint without a row (or a row without an endpoint) fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type supertest from 'supertest';
import type { Role } from '#domain';
import { startTestApp, TEST_PASSWORD, type ActorClient, type TestApp } from './support/app.js';
import { ADMIN, importStatistics, newCandidate, newUnit, pdfBytes, SECRETARY, UNIT_HEAD, writeUnitPlan } from './support/factories.js';
import { AuditCheckpoints } from '../apps/api/src/audit/audit-checkpoints.service.js';

type Target = 'own' | 'other';
const ROLES: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR', 'ADMIN'];
const READERS: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

interface Ctx {
  t: TestApp;
  /** The unit of the unit head under test, and a sibling unit outside their reach. */
  unitA: string;
  unitB: string;
  unitOf(target: Target): string;
}

interface Row {
  /** Roles the route serves; 'PUBLIC' needs no session. */
  allowed: Role[] | 'PUBLIC';
  /**
   * How a unit head reaches outside their subtree: a candidate (404, as if missing), a unit to nominate in (403),
   * or a unit whose plans or statistics are asked for (403: units are public, their data is not).
   */
  scope: 'candidate' | 'nominate' | 'unit' | 'none';
  /** Status when allowed and within reach. */
  ok: number;
  /** Sends the request as `client` (a fresh object is built per call, so calls do not interfere). */
  send(ctx: Ctx, client: ActorClient, target: Target, role: Role): Promise<supertest.Response>;
}

const candidateIn = async (ctx: Ctx, target: Target, state: NonNullable<Parameters<typeof newCandidate>[1]>['state'] = 'discovered') =>
  newCandidate(ctx.t, { unitId: ctx.unitOf(target), state });

const throwawayAccount = async (ctx: Ctx) => {
  const res = await ctx.t
    .as(ADMIN)
    .post('/api/accounts')
    .send({ username: `tk${Math.random().toString(36).slice(2, 10)}`, displayName: 'Tài khoản thử', role: 'AUDITOR', password: TEST_PASSWORD });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

/** A statistics file no one has imported yet (a new SHA-256 each time), so the import answers 201. */
const freshStatisticsFile = () => Buffer.from(`year,field,collective,individual\n2001,ECONOMY,${Math.floor(Math.random() * 1e9)},${Date.now() % 1e6}\n`);
const STATISTICS_READERS = READERS;
const IMPORT_READERS: Role[] = ['COUNCIL_MEMBER', 'COUNCIL_SECRETARY', 'AUDITOR'];

const TABLE: Record<string, Row> = {
  'GET /health': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/health') },
  'GET /health/ready': { allowed: 'PUBLIC', scope: 'none', ok: 200, send: (c, cl) => cl.get('/health/ready') },
  'POST /api/auth/sign-in': {
    allowed: 'PUBLIC',
    scope: 'none',
    ok: 200,
    send: (c, cl) => c.t.http.post('/api/auth/sign-in').send({ username: cl.username, password: TEST_PASSWORD }),
  },
  'POST /api/auth/sign-out': {
    allowed: ROLES,
    scope: 'none',
    ok: 200,
    // A session of its own, so the client under test stays signed in.
    send: async (c, cl) => {
      const signIn = await c.t.http.post('/api/auth/sign-in').send({ username: cl.username, password: TEST_PASSWORD });
      const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((x) => x.split(';')[0]).join('; ');
      return c.t.http.post('/api/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', signIn.body.csrfToken);
    },
  },
  'GET /api/auth/me': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/auth/me') },
  'POST /api/auth/password': {
    allowed: ROLES,
    scope: 'none',
    ok: 400, // reaching the handler is the point: a wrong current password is refused there, changing nothing
    send: (c, cl) => cl.post('/api/auth/password').send({ currentPassword: 'sai-mat-khau-roi', newPassword: 'mat-khau-moi-dai-2025' }),
  },
  'POST /api/accounts': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/accounts').send({ username: `tk${Math.random().toString(36).slice(2, 10)}`, displayName: 'Người mới', role: 'AUDITOR', password: TEST_PASSWORD }),
  },
  'GET /api/accounts': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/accounts') },
  'GET /api/accounts/{id}': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.get(`/api/accounts/${await throwawayAccount(c)}`) },
  'POST /api/accounts/{id}/disable': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/disable`) },
  'POST /api/accounts/{id}/enable': { allowed: ['ADMIN'], scope: 'none', ok: 200, send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/enable`) },
  'POST /api/accounts/{id}/password': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => cl.post(`/api/accounts/${await throwawayAccount(c)}/password`).send({ password: 'mat-khau-dat-lai-2025' }),
  },
  'POST /api/units': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 201,
    send: (c, cl, target) => cl.post('/api/units').send({ name: 'Đơn vị mới', level: 'GRASSROOTS', sector: 'STATE', parentId: c.unitOf(target) }),
  },
  'GET /api/units': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/units') },
  'GET /api/units/{id}': { allowed: ROLES, scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/units/${c.unitOf(target)}`) },
  'PATCH /api/units/{id}': {
    allowed: ['ADMIN'],
    scope: 'none',
    ok: 200,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị đổi tên' });
      return cl.patch(`/api/units/${unit.id}`).send({ name: 'Tên mới', expectedVersion: unit.version });
    },
  },
  'POST /api/candidates': {
    allowed: ['UNIT_HEAD'],
    scope: 'nominate',
    ok: 201,
    send: (c, cl, target) =>
      cl.post('/api/candidates').send({ kind: 'INDIVIDUAL', name: 'Lê Thị Hồng', unitId: c.unitOf(target), field: 'HEALTH', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Cứu người.' }),
  },
  'GET /api/candidates': { allowed: READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/candidates') },
  'GET /api/candidates/{id}': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}`) },
  'POST /api/candidates/{id}/events': {
    allowed: ['UNIT_HEAD', 'COUNCIL_SECRETARY'],
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target, role) => {
      // Each role sends an event it may send, to a candidate in a state that takes it.
      if (role === 'COUNCIL_SECRETARY') {
        const cand = await candidateIn(c, target, 'underReview');
        return cl.post(`/api/candidates/${cand.id}/events`).send({ type: 'RECOGNISE', expectedVersion: cand.version });
      }
      const cand = await candidateIn(c, target);
      return cl.post(`/api/candidates/${cand.id}/events`).send({ type: 'START_NURTURING', expectedVersion: cand.version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } });
    },
  },
  'GET /api/candidates/{id}/nurturing': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/nurturing`) },
  'POST /api/candidates/{id}/evidence': {
    allowed: ['UNIT_HEAD'],
    scope: 'candidate',
    ok: 201,
    send: async (c, cl, target) =>
      cl.post(`/api/candidates/${(await candidateIn(c, target)).id}/evidence`).attach('file', pdfBytes(), { filename: 'minh-chung.pdf', contentType: 'application/pdf' }),
  },
  'GET /api/candidates/{id}/evidence': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/evidence`) },
  'GET /api/candidates/{id}/evidence/{evidenceId}': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => {
      const cand = await candidateIn(c, target, 'underReview');
      const [file] = (await c.t.dataSource.query('SELECT id FROM evidence_file WHERE candidate_id = $1', [cand.id])) as { id: string }[];
      return cl.get(`/api/candidates/${cand.id}/evidence/${file!.id}`);
    },
  },
  'GET /api/audit/verify': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/audit/verify') },
  'POST /api/audit/verify': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.post('/api/audit/verify').send({}) },
  'GET /api/audit/checkpoints': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/audit/checkpoints') },
  'GET /api/audit/checkpoints/latest': {
    allowed: ['AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      await c.t.running.app.get(AuditCheckpoints).build();
      return cl.get('/api/audit/checkpoints/latest');
    },
  },
  'GET /api/audit/checkpoints/consistency': {
    allowed: ['AUDITOR'],
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      await c.t.running.app.get(AuditCheckpoints).build();
      return cl.get('/api/audit/checkpoints/consistency?from=1');
    },
  },
  'POST /api/audit/checkpoints': {
    allowed: ['AUDITOR', 'ADMIN'],
    scope: 'none',
    ok: 201,
    // A new record first, so that there is always something for the checkpoint to cover.
    send: async (c, cl, target) => {
      await newUnit(c.t, { parentId: c.unitOf(target), name: 'Đơn vị cho điểm kiểm' });
      return cl.post('/api/audit/checkpoints');
    },
  },
  'GET /api/audit/records': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/audit/records?unitId=${c.unitOf(target)}`) },
  'GET /api/audit/export': { allowed: ['AUDITOR'], scope: 'none', ok: 200, send: (c, cl, target) => cl.get(`/api/audit/export?unitId=${c.unitOf(target)}`) },
  'GET /api/candidates/{id}/history': { allowed: READERS, scope: 'candidate', ok: 200, send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target)).id}/history`) },
  'GET /api/candidates/{id}/replication': {
    allowed: READERS,
    scope: 'candidate',
    ok: 200,
    send: async (c, cl, target) => cl.get(`/api/candidates/${(await candidateIn(c, target, 'recognised')).id}/replication`),
  },
  'GET /api/replication/spread': { allowed: READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/replication/spread?unitId=${c.unitOf(target)}`) },
  'GET /api/unit-plans': { allowed: READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/unit-plans?year=2025&unitId=${c.unitOf(target)}`) },
  'GET /api/units/{unitId}/plans/{year}': {
    allowed: READERS,
    scope: 'unit',
    ok: 200,
    send: async (c, cl, target) => {
      // Written by the province's unit head, who reaches every unit.
      expect((await writeUnitPlan(c.t, c.unitOf(target), 2025, {}, UNIT_HEAD)).status).toBe(201);
      return cl.get(`/api/units/${c.unitOf(target)}/plans/2025`);
    },
  },
  'POST /api/units/{unitId}/plans/{year}': {
    allowed: ['UNIT_HEAD'],
    scope: 'unit',
    ok: 201,
    send: async (c, cl, target) => {
      const unit = await newUnit(c.t, { parentId: c.unitOf(target), name: 'Xã có kế hoạch' });
      return cl.post(`/api/units/${unit.id}/plans/2025`).send({ expectedRevision: 0, buildingPlan: 'Xây dựng điển hình', replicationPlan: 'Nhân rộng mô hình' });
    },
  },
  'GET /api/statistics/exemplars': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars?unitId=${c.unitOf(target)}`) },
  'GET /api/statistics/exemplars/xlsx': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars/xlsx?unitId=${c.unitOf(target)}`) },
  'GET /api/statistics/exemplars/csv': { allowed: STATISTICS_READERS, scope: 'unit', ok: 200, send: (c, cl, target) => cl.get(`/api/statistics/exemplars/csv?unitId=${c.unitOf(target)}`) },
  'POST /api/statistics/imports': {
    allowed: ['COUNCIL_SECRETARY'],
    scope: 'none',
    ok: 201,
    send: (c, cl) => cl.post('/api/statistics/imports').attach('file', freshStatisticsFile(), { filename: 'lich-su.csv', contentType: 'text/csv' }),
  },
  'GET /api/statistics/imports': { allowed: IMPORT_READERS, scope: 'none', ok: 200, send: (c, cl) => cl.get('/api/statistics/imports') },
  'GET /api/statistics/imports/{id}': {
    allowed: IMPORT_READERS,
    scope: 'none',
    ok: 200,
    send: async (c, cl) => {
      const created = await importStatistics(c.t, freshStatisticsFile());
      expect(created.status).toBe(201);
      return cl.get(`/api/statistics/imports/${created.body.import.id}`);
    },
  },
};

function expected(row: Row, role: Role, target: Target): number {
  if (row.allowed === 'PUBLIC') return row.ok;
  if (!row.allowed.includes(role)) return 403;
  if (role === 'UNIT_HEAD' && target === 'other') {
    if (row.scope === 'candidate') return 404;
    if (row.scope === 'nominate' || row.scope === 'unit') return 403;
  }
  return row.ok;
}

let ctx: Ctx;
const clients = new Map<Role, ActorClient>();

beforeAll(async () => {
  const t = await startTestApp();
  const unitA = (await newUnit(t, { level: 'DISTRICT', name: 'Huyện A' })).id;
  const unitB = (await newUnit(t, { level: 'DISTRICT', name: 'Huyện B' })).id;
  ctx = { t, unitA, unitB, unitOf: (target) => (target === 'own' ? unitA : unitB) };
  // The unit head under test leads unit A; the other roles are the fixture accounts of the province.
  clients.set('UNIT_HEAD', await t.newAccount('truong-huyen-a', 'UNIT_HEAD', unitA));
  clients.set('COUNCIL_MEMBER', t.as('uyvien1'));
  clients.set('COUNCIL_SECRETARY', t.as(SECRETARY));
  clients.set('AUDITOR', t.as('kiemtra'));
  clients.set('ADMIN', t.as(ADMIN));
});
afterAll(async () => {
  await ctx?.t.close();
});

describe('the table covers every route', () => {
  it('names exactly the routes of the OpenAPI description (plus health)', async () => {
    const doc = await ctx.t.http.get('/api/docs-json');
    const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...routes].sort()).toEqual(Object.keys(TABLE).sort());
  });
});

const cells = Object.entries(TABLE).flatMap(([route, row]) =>
  ROLES.flatMap((role) => (['own', 'other'] as Target[]).map((target) => ({ route, role, target, status: expected(row, role, target) }))),
);

describe('every role × every route × own/other unit', () => {
  it.each(cells)('$role $route ($target unit) → $status', async ({ route, role, target, status }) => {
    const res = await TABLE[route]!.send(ctx, clients.get(role)!, target, role);
    expect({ status: res.status, code: res.status >= 400 ? res.body.code : undefined }).toEqual({
      status,
      code: status === 403 ? 'FORBIDDEN' : status === 404 ? 'CANDIDATE_NOT_FOUND' : status >= 400 ? res.body.code : undefined,
    });
    // A refusal never carries the object's data.
    if (status === 403 || status === 404) expect(JSON.stringify(res.body)).not.toMatch(/achievement|Lê Thị Hồng|Hợp tác xã/);
  });
});

describe('without a session', () => {
  const guarded = Object.entries(TABLE).filter(([, row]) => row.allowed !== 'PUBLIC');
  it.each(guarded.map(([route]) => route))('%s → 401 SESSION_REQUIRED', async (route) => {
    const anonymous: ActorClient = {
      username: 'nobody',
      csrfToken: '',
      cookie: '',
      get: (url) => ctx.t.http.get(url),
      post: (url) => ctx.t.http.post(url),
      patch: (url) => ctx.t.http.patch(url),
    };
    // The request is built as for an allowed role (objects exist), but sent with no cookie.
    const res = await TABLE[route]!.send(ctx, route.includes('sign-out') ? { ...anonymous, username: ADMIN } : anonymous, 'own', 'ADMIN').catch(() => undefined);
    if (route === 'POST /api/auth/sign-out') {
      expect((await ctx.t.http.post('/api/auth/sign-out')).status).toBe(401);
      return;
    }
    expect(res?.status).toBe(401);
    expect(res?.body.code).toBe('SESSION_REQUIRED');
  });
});
