/**
 * Two instances of the API on one PostgreSQL database (server only: the embedded database belongs to one
 * process). Started together on an empty database they migrate once; they serve the same data and the same
 * sessions; the audit checkpoint job runs on one of them per interval, not on both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import supertest from 'supertest';
import { createApplication, type RunningApplication } from '../../apps/api/src/application.js';
import { AccountsService } from '../../apps/api/src/accounts/accounts.service.js';
import { systemActor } from '../../apps/api/src/common/actor.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { MIGRATIONS } from '../../apps/api/src/database/migrations/index.js';
import { UnitsService } from '../../apps/api/src/units/units.service.js';
import { onServer, SERVER_URL, withDatabase } from '../support/databases.js';

const INTERVAL_MS = 500;
const database = `dth_test_instances_${Math.random().toString(16).slice(2, 10)}`;
const apps: RunningApplication[] = [];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const describeOnServer = onServer ? describe : describe.skip;

describeOnServer('several instances on one PostgreSQL server (server only: skipped on the embedded database, which one process owns)', () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    const key = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const config = loadConfig({
      DATABASE_URL: withDatabase(SERVER_URL!, database),
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      DB_POOL_MAX: '5',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000',
      AUDIT_SIGNING_KEY: key,
      AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS),
      // One record key for both instances, as a cluster shares its keyring.
      AUDIT_RECORD_KEYS: `instances:${randomBytes(32).toString('base64')}`,
    });
    // Both start at once on an empty database: both try to migrate.
    apps.push(...(await Promise.all([createApplication(config), createApplication(config)])));
  });
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('migrations ran once, under the advisory lock', async () => {
    const [a] = apps;
    const rows = (await a!.app.get((await import('typeorm')).DataSource).query('SELECT name FROM schema_migration ORDER BY id')) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('serve together: a session opened on one instance works on the other, and both see the same data; the checkpoint job runs once per interval', async () => {
    const [a, b] = apps as [RunningApplication, RunningApplication];
    const system = systemActor('kiem-thu');
    const province = await a.app.get(UnitsService).create({ name: 'Tỉnh thử nghiệm', level: 'PROVINCE', sector: 'STATE' }, system);
    await a.app.get(AccountsService).create({ username: 'truongdonvi', displayName: 'Trưởng đơn vị', role: 'UNIT_HEAD', unitId: province.id, password: 'mat-khau-thu-nghiem-2025' }, system);
    const httpA = supertest(a.app.getHttpServer());
    const httpB = supertest(b.app.getHttpServer());
    const signIn = await httpA.post('/api/auth/sign-in').send({ username: 'truongdonvi', password: 'mat-khau-thu-nghiem-2025' });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const as = (http: typeof httpA) => ({
      get: (url: string) => http.get(url).set('Cookie', cookie),
      post: (url: string) => http.post(url).set('Cookie', cookie).set('X-CSRF-Token', signIn.body.csrfToken),
    });

    const created = await as(httpB)
      .post('/api/candidates')
      .send({ kind: 'COLLECTIVE', name: 'Hợp tác xã Tân Thịnh', unitId: province.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Chuỗi giá trị' });
    expect(created.status).toBe(201);
    expect((await as(httpA).get(`/api/candidates/${created.body.id}`)).body).toMatchObject({ id: created.body.id, version: created.body.version });

    // Changes through both instances, alternately, for several checkpoint intervals.
    const started = Date.now();
    let version = created.body.version as number;
    let nurturing = false;
    for (let i = 0; Date.now() - started < 8 * INTERVAL_MS; i++) {
      const http = i % 2 === 0 ? httpA : httpB;
      const body = nurturing
        ? { type: 'REVISE_PLAN', expectedVersion: version, payload: { goals: `Mục tiêu ${i}`, supporter: 'Phòng Nội vụ' } }
        : { type: 'START_NURTURING', expectedVersion: version, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } };
      const res = await as(http).post(`/api/candidates/${created.body.id}/events`).send(body);
      expect(res.status).toBe(200);
      version = res.body.version as number;
      nurturing = true;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 2 * INTERVAL_MS));
    const elapsed = Date.now() - started;

    const { DataSource } = await import('typeorm');
    const made = (await a.app.get(DataSource).query('SELECT created_at FROM audit_checkpoint ORDER BY tree_size')) as { created_at: Date }[];
    // Two jobs each building whenever they find new records would make about two per interval.
    const intervals = elapsed / INTERVAL_MS;
    expect(made.length).toBeGreaterThanOrEqual(Math.floor(intervals / 2));
    expect(made.length).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
    const gaps = made.slice(1).map((m, i) => m.created_at.getTime() - made[i]!.created_at.getTime());
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS * 0.8);
  });
});
