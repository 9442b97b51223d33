/**
 * The platform under the features: health, OpenAPI, configuration, migrations, the append-only audit table
 * and the demo data, on whichever database the suite runs against.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { replay, type CandidateEvent } from '#workflow';
import { ConfigError, loadConfig } from '../apps/api/src/config/app-config.js';
import { migrateWithLock, pendingSchemaChanges } from '../apps/api/src/database/migrate.js';
import { startTestApp, type TestApp } from './support/app.js';
import { AUDITOR, newCandidate } from './support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('health and documentation', () => {
  it('answers liveness and readiness outside /api', async () => {
    expect((await t.http.get('/health')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready')).body).toEqual({ status: 'ready', database: 'up' });
    expect((await t.http.get('/api/health')).status).toBe(404);
  });

  it('serves the OpenAPI description with every route under /api', async () => {
    const doc = await t.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/candidates', '/api/candidates/{id}/events', '/api/units', '/api/candidates/{id}/evidence']));
    expect(paths.filter((p) => !p.startsWith('/api/') && !p.startsWith('/health'))).toEqual([]);
    expect((await t.http.get('/api/docs')).status).toBe(200);
  });

  it('never shows a stack trace and gives every error a correlation id', async () => {
    const res = await t.http.get('/api/candidates/not-a-uuid').set('X-Request-Id', 'req-12345678');
    expect(res.body.correlationId).toBe('req-12345678');
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|\.ts:\d+/);
  });
});

describe('configuration', () => {
  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'abc', DB_POOL_MAX: '0', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DB_POOL_MAX: '0', LOG_LEVEL: 'loud' });
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT=/m);
      expect(problems).toMatch(/^DB_POOL_MAX=/m);
      expect(problems).toMatch(/^LOG_LEVEL=/m);
    }
  });

  it('refuses to run with synchronize: the schema comes from migrations only', () => {
    expect(() => loadConfig({ DB_SYNCHRONIZE: 'true' })).toThrow(/DB_SYNCHRONIZE.*migrations only/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, and reads one that is', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }).DATABASE_URL).toBe('postgres://u@h:5432/d');
    expect(loadConfig({}).embedded).toBe(true);
  });
});

describe('schema', () => {
  it('migrations and entities agree, and migrating again does nothing', async () => {
    expect(await pendingSchemaChanges(t.dataSource)).toEqual([]);
    expect(await migrateWithLock(t.dataSource)).toEqual([]);
  });

  it('the database itself refuses to change or delete audit records', async () => {
    const c = await newCandidate(t);
    await expect(t.admin.query(`UPDATE audit_event SET actor = 'someone-else' WHERE candidate_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    await expect(t.admin.query('DELETE FROM audit_event WHERE candidate_id = $1', [c.id])).rejects.toThrow(/append-only/);
    // Refused by the trigger, or first by the foreign key from the checkpoint leaves: either way, refused.
    await expect(t.admin.query('TRUNCATE audit_event')).rejects.toThrow(/append-only|foreign key/);
    const rows = await t.dataSource.query('SELECT actor FROM audit_event WHERE candidate_id = $1', [c.id]);
    expect(rows).toEqual([{ actor: 'truongdonvi' }]);
  });

  it('the database refuses to delete a candidate (it has a history) or a unit that candidates belong to', async () => {
    const c = await newCandidate(t);
    await expect(t.dataSource.query('DELETE FROM candidate WHERE id = $1', [c.id])).rejects.toThrow(/foreign key/);
    await expect(t.dataSource.query('DELETE FROM unit WHERE id = $1', [c.unitId])).rejects.toThrow(/foreign key/);
    expect(await t.dataSource.query('SELECT state FROM candidate WHERE id = $1', [c.id])).toEqual([{ state: 'discovered' }]);
  });
});

describe('demo data', () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await startTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('seeds a province with candidates at every stage, each with a history the statechart replays', async () => {
    const list = await demo.as(AUDITOR).get('/api/candidates?pageSize=100');
    expect(list.body.total).toBeGreaterThanOrEqual(6);
    const states = new Set(list.body.items.map((c: { state: string }) => c.state));
    for (const s of ['discovered', 'nurturing', 'underReview', 'recognised', 'replicating', 'returned']) expect(states).toContain(s);
    const kinds = new Set(list.body.items.map((c: { kind: string }) => c.kind));
    expect(kinds).toEqual(new Set(['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD']));

    for (const c of list.body.items as { id: string; kind: 'COLLECTIVE'; state: string; version: number }[]) {
      const history = await demo.as(AUDITOR).get(`/api/candidates/${c.id}/history`);
      const records = history.body.records as { eventType: string; payload: Record<string, unknown> }[];
      expect(records).toHaveLength(c.version);
      const events = records.slice(1).map((r) => ({ type: r.eventType, ...r.payload }) as CandidateEvent);
      expect(replay({ kind: c.kind }, events).value).toBe(c.state);
    }
    // Seeded through the same effects as a person's requests: plans and check-ins exist, not just events.
    const nurtured = list.body.items.find((c: { state: string }) => c.state === 'nurturing');
    const nurturing = await demo.as(AUDITOR).get(`/api/candidates/${nurtured.id}/nurturing`);
    expect(nurturing.body.currentPlan).toMatchObject({ revision: 1, writtenByEvent: 'START_NURTURING' });
    expect(nurturing.body.checkIns).toHaveLength(1);
    const units = await demo.as(AUDITOR).get('/api/units');
    expect(units.body).toHaveLength(1);
    expect(units.body[0].name).toBe('Tỉnh Bắc Giang');
  });

  it('seeds the council’s 2025 session, decided by secret ballot with conflicts of interest left out, and an open 2026 session', async () => {
    const sessions = (await demo.as(AUDITOR).get('/api/review-sessions')).body as { id: string; title: string; status: string }[];
    expect(sessions.map((x) => [x.title, x.status]).sort()).toEqual([
      ['Tổng kết năm 2025', 'CLOSED'],
      ['Tổng kết năm 2026', 'PREPARING'],
    ]);
    const closed = (await demo.as(AUDITOR).get(`/api/review-sessions/${sessions.find((x) => x.status === 'CLOSED')!.id}`)).body;
    expect(closed.ballot).toBe('SECRET');
    expect(closed.notice).toMatchObject({ publishedOn: '2025-12-08', endsOn: '2025-12-22' });
    const icu = closed.items.find((i: { candidate: { name: string } }) => i.candidate.name === 'Khoa Hồi sức tích cực');
    expect(icu.conflicts).toHaveLength(1);
    // Judged by the historical practice's rule set: the recused member is left out of the base (2 of 2 in favour).
    expect(icu.verdict.tally).toMatchObject({ members: 3, recused: 1, inFavour: 2 });
    expect(icu.verdict.ruleSet).toMatchObject({ code: 'THUC_TIEN_2014_2023', recusal: 'LEFT_OUT_OF_BASE' });
    // The past was entered as of its dates, so each stream reads in time order.
    const disorder = await demo.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_event a JOIN audit_event b ON a.stream = b.stream AND b.seq = a.seq + 1 WHERE b.occurred_at < a.occurred_at',
    );
    expect(disorder[0].n).toBe(0);
    const report = await demo.as(AUDITOR).get('/api/audit/verify');
    expect(report.body).toMatchObject({ ok: true });
  });

  it('does not seed twice', async () => {
    const { DemoSeeder } = await import('../apps/api/src/demo/demo.seeder.js');
    expect(await demo.running.app.get(DemoSeeder).seedIfWanted(true)).toBe(false);
  });
});
