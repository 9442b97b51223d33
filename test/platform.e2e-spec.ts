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
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo.seeder.js';

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
  // Seeding the demo applies the 2025 reorganisation to two provinces and issues and signs a decision: longer than
  // the default hook time on a busy machine.
  beforeAll(async () => {
    demo = await startTestApp({ SEED_DEMO: 'true' });
  }, 240_000);
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
    const nurtured = list.body.items.find((c: { name: string }) => c.name === 'Hộ ông Trần Văn Minh');
    const nurturing = await demo.as(AUDITOR).get(`/api/candidates/${nurtured.id}/nurturing`);
    expect(nurturing.body.currentPlan).toMatchObject({ revision: 1, writtenByEvent: 'START_NURTURING' });
    expect(nurturing.body.checkIns).toHaveLength(1);
    const units = await demo.as(AUDITOR).get('/api/units');
    expect(units.body).toHaveLength(1);
    expect(units.body[0].name).toBe('Tỉnh Bắc Ninh');
  });

  it('builds the province of 2026 from the two former provinces by the reorganisation of 01/7/2025', async () => {
    // The operations, each with its deciding document, all effective on 01/7/2025.
    const operations = (await demo.as(AUDITOR).get('/api/unit-reorganisations')).body as { kind: string; effectiveOn: string; documentNumber: string }[];
    expect(new Set(operations.map((o) => o.effectiveOn))).toEqual(new Set(['2025-07-01']));
    const byKind = (kind: string) => operations.filter((o) => o.kind === kind).map((o) => o.documentNumber).sort();
    expect(byKind('MERGE')).toEqual(['1658/NQ-UBTVQH15', '1658/NQ-UBTVQH15', '202/2025/QH15', '202/2025/QH15', '202/2025/QH15', '202/2025/QH15', '202/2025/QH15']);
    expect(byKind('MOVE')).toEqual(['1658/NQ-UBTVQH15']);
    expect(byKind('DISSOLVE')).toEqual(['72/2025/QH15', '72/2025/QH15', '72/2025/QH15']);
    // No district level left: every active unit is the province, a department, an enterprise or a unit below them.
    const active = (await demo.dataSource.query(`SELECT u.name, u.level, p.name AS parent FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.status = 'ACTIVE' ORDER BY u.name`)) as { name: string; level: string; parent: string | null }[];
    expect(active.filter((x) => x.level === 'DISTRICT')).toEqual([]);
    expect(active.filter((x) => x.level === 'GRASSROOTS' && x.name.startsWith('UBND xã')).map((x) => [x.name, x.parent])).toEqual([
      ['UBND xã Lạng Giang', 'Tỉnh Bắc Ninh'],
      ['UBND xã Phật Tích', 'Tỉnh Bắc Ninh'],
      ['UBND xã Tuấn Đạo', 'Tỉnh Bắc Ninh'],
    ]);
    expect(active.filter((x) => x.level === 'DEPARTMENT').map((x) => x.name)).toEqual(['Công an tỉnh', 'Sở Giáo dục và Đào tạo', 'Sở Nội vụ', 'Sở Y tế']);

    // A former district's candidate: nominated in xã Tân Thịnh (huyện Lạng Giang), carried on today by xã Lạng Giang,
    // whose head sees it and checked on it after the merger; a neighbour's head (Sở Giáo dục) does not see it.
    const head = await demo.signIn('truongdonvi2', DEMO_PASSWORD);
    const mine = (await head.get('/api/candidates?pageSize=100')).body.items as { id: string; name: string }[];
    const household = mine.find((c) => c.name === 'Hộ ông Trần Văn Minh')!;
    expect(household).toBeDefined();
    expect((await head.get(`/api/candidates/${household.id}/units`)).body).toMatchObject({ nominatedIn: { name: 'UBND xã Tân Thịnh', status: 'RETIRED' }, today: { name: 'UBND xã Lạng Giang' } });
    const checks = (await head.get(`/api/candidates/${household.id}/history`)).body.records as { eventType: string; actor: string; occurredAt: string }[];
    expect(checks.filter((r) => r.eventType === 'RECORD_CHECK_IN').map((r) => [r.actor, r.occurredAt.slice(0, 10)])).toEqual([['truongdonvi2', '2025-09-12']]);
    const other = await demo.signIn('truongdonvi', DEMO_PASSWORD);
    expect(((await other.get('/api/candidates?pageSize=100')).body.items as { name: string }[]).map((c) => c.name)).not.toContain('Hộ ông Trần Văn Minh');

    // A merged department's council continues: Sở Nội vụ tỉnh Bắc Giang's council serves the merged Sở Nội vụ and
    // holds its 2024 session; its secretariat serves it still. From 01/7/2025 it reads as the merged department's
    // council; the name it bore before stays in its history (and in the record of its setting up).
    // The former province's council stays with Tỉnh Bắc Giang's history (Tỉnh Bắc Ninh carries on with its own), listed last.
    const councils = (await demo.as(AUDITOR).get('/api/councils')).body as { id: string; name: string; formerNames: unknown[]; unit: { name: string; retiredOn: string | null } }[];
    expect(councils.filter((k) => !k.unit.retiredOn && k.name.includes('Bắc Giang'))).toEqual([]);
    expect(councils.filter((k) => k.unit.retiredOn).map((k) => [k.name, k.unit.retiredOn])).toEqual([['Hội đồng Thi đua – Khen thưởng Tỉnh Bắc Giang', '2025-07-01']]);
    expect(councils.at(-1)!.unit.retiredOn).toBe('2025-07-01');
    const home = councils.find((k) => k.name === 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ')!;
    expect(home).toMatchObject({ unit: { name: 'Sở Nội vụ' }, formerNames: [{ name: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ tỉnh Bắc Giang', replacedOn: '2025-07-01' }] });
    const setUp = (await demo.dataSource.query(`SELECT payload->>'name' AS name FROM audit_event WHERE event_type = 'COUNCIL_SET_UP' AND payload->>'councilId' = $1`, [home.id])) as { name: string }[];
    expect(setUp).toEqual([{ name: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ tỉnh Bắc Giang' }]);
    const sessions = (await demo.as(AUDITOR).get('/api/review-sessions')).body as { title: string; status: string }[];
    expect(sessions.find((x) => x.title === 'Tổng kết năm 2024 - Sở Nội vụ')).toMatchObject({ council: { id: home.id, unitName: 'Sở Nội vụ' }, status: 'CLOSED' });
    const secretariat = await demo.signIn('thuongtrucnv', DEMO_PASSWORD);
    expect((await secretariat.get('/api/councils/mine')).body).toMatchObject({ id: home.id, unit: { name: 'Sở Nội vụ' } });

    // Statistics by the units as they were and as they are now: the same totals, on different units.
    const asNominated = (await demo.as(AUDITOR).get('/api/statistics/exemplars-by-unit?basis=AS_NOMINATED')).body as { rows: { unit: { name: string }; total: number }[]; totals: { total: number } };
    const today = (await demo.as(AUDITOR).get('/api/statistics/exemplars-by-unit?basis=TODAY')).body as typeof asNominated;
    expect(asNominated.totals).toEqual(today.totals);
    expect(asNominated.rows.map((r) => r.unit.name)).toEqual(expect.arrayContaining(['Trường THPT Ngô Sĩ Liên', 'Bệnh viện Đa khoa tỉnh Bắc Giang']));
    expect(today.rows.map((r) => r.unit.name)).toEqual(expect.arrayContaining(['Trường THPT Ngô Sĩ Liên', 'Bệnh viện Đa khoa tỉnh Bắc Giang']));
    // The commune police's model, nominated in the former Công an tỉnh Bắc Giang, is counted there as it was and under
    // the merged Công an tỉnh today.
    const row = (r: typeof asNominated, name: string) => r.rows.find((x) => x.unit.name === name)?.total ?? 0;
    expect([row(asNominated, 'Công an tỉnh Bắc Giang'), row(asNominated, 'Công an tỉnh')]).toEqual([1, 0]);
    expect([row(today, 'Công an tỉnh Bắc Giang'), row(today, 'Công an tỉnh')]).toEqual([0, 1]);
  });

  it('seeds the council’s 2025 session, decided by secret ballot with conflicts of interest left out, and an open 2026 session', async () => {
    const sessions = (await demo.as(AUDITOR).get('/api/review-sessions')).body as { id: string; title: string; status: string }[];
    expect(sessions.map((x) => [x.title, x.status]).sort()).toEqual([
      ['Tổng kết năm 2024 - Sở Nội vụ', 'CLOSED'],
      ['Tổng kết năm 2025', 'CLOSED'],
      ['Tổng kết năm 2026', 'PREPARING'],
    ]);
    const closed = (await demo.as(AUDITOR).get(`/api/review-sessions/${sessions.find((x) => x.title === 'Tổng kết năm 2025')!.id}`)).body;
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
