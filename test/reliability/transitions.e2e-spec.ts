/**
 * The transition use case under contention, faults and random load:
 * - 200 parallel requests with one expected version: exactly one change;
 * - a fault after the audit insert and before COMMIT leaves no trace;
 * - after a random concurrent load (conflicts, stale versions, refused events, retried idempotent requests),
 *   the audit trail holds exactly the accepted changes, every chain is gapless and verifies, and replaying
 *   it reproduces every candidate's state and snapshot.
 * On the embedded database (one connection) the requests queue instead of contending for the row lock; the
 * outcomes must be the same.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type supertest from 'supertest';
import { startTestApp, type TestApp } from '../support/app.js';
import { newCandidate, pdfBytes, UNIT_HEAD, uploadEvidence } from '../support/factories.js';
import { onServer } from '../support/databases.js';
import { AuditVerifier } from '../../apps/api/src/audit/audit-verifier.service.js';
import { beforeCommit, count, InjectedFault, newKey } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DB_POOL_MAX: '20', DB_CONNECTION_TIMEOUT_MS: '30000', LOG_LEVEL: 'error' });
});
afterAll(async () => {
  await t?.close();
});

const EFFECT_TABLES = ['nurturing_plan', 'nurturing_check_in', 'evidence_file', 'audit_event', 'audit_leaf', 'audit_checkpoint', 'idempotency_key'];

async function snapshotOf(id: string) {
  const [candidate] = (await t.dataSource.query('SELECT state, snapshot, version, machine_version, updated_at FROM candidate WHERE id = $1', [id])) as unknown[];
  const counts: Record<string, number> = {};
  for (const table of EFFECT_TABLES) counts[table] = await count(t.dataSource, `SELECT count(*)::int AS n FROM ${table}`);
  return { candidate, counts };
}

describe(`transitions under contention and faults (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('200 parallel requests, same event and expected version: one 200, 199 × 409 STALE_VERSION, one audit record, version + 1', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/events`).send({ type: 'REVISE_PLAN', expectedVersion: c.version, payload: { goals: `Mục tiêu ${i}`, supporter: 'Phòng Nội vụ' } }),
      ),
    );
    const byStatus = responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 1, 409: 199 });
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'STALE_VERSION' && r.body.currentVersion >= c.version)).toBe(true);
    expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1 AND seq > $2', [c.id, c.version])).toBe(1);
    expect(await count(t.dataSource, 'SELECT max(version)::int AS n FROM candidate WHERE id = $1', [c.id])).toBe(c.version + 1);
    // One plan revision beyond the one nurturing started with.
    expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM nurturing_plan WHERE candidate_id = $1', [c.id])).toBe(2);
  });

  describe('a fault after the audit insert and before COMMIT leaves no trace', () => {
    const cases: { name: string; state: 'discovered' | 'nurturing'; send: (id: string, version: number) => supertest.Test }[] = [
      {
        name: 'START_NURTURING (writes a plan)',
        state: 'discovered',
        send: (id, v) => t.as(UNIT_HEAD).post(`/api/candidates/${id}/events`).send({ type: 'START_NURTURING', expectedVersion: v, payload: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } }),
      },
      {
        name: 'RECORD_CHECK_IN (writes a check-in)',
        state: 'nurturing',
        send: (id, v) => t.as(UNIT_HEAD).post(`/api/candidates/${id}/events`).send({ type: 'RECORD_CHECK_IN', expectedVersion: v, payload: { date: '2025-06-01', strengths: 'Tốt', shortcomings: 'Chưa' } }),
      },
      {
        name: 'ATTACH_EVIDENCE (stores a file)',
        state: 'nurturing',
        send: (id) => t.as(UNIT_HEAD).post(`/api/candidates/${id}/evidence`).attach('file', pdfBytes('lỗi'), { filename: 'Minh chứng.pdf', contentType: 'application/pdf' }),
      },
    ];

    it.each(cases)('$name', async ({ state, send }) => {
      const c = await newCandidate(t, { state });
      const before = await snapshotOf(c.id);
      let sawAuditRecord = false;
      const remove = beforeCommit(t.dataSource, async (event) => {
        const rows = (await event.queryRunner.query('SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1', [c.id])) as { n: number }[];
        if (rows[0]!.n === c.version + 1) {
          // Inside the transaction the change and its audit record are there; the commit never comes.
          sawAuditRecord = true;
          throw new InjectedFault('after the audit insert, before COMMIT');
        }
      });
      let res: supertest.Response;
      try {
        res = await send(c.id, c.version);
      } finally {
        remove();
      }
      expect(sawAuditRecord).toBe(true);
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ code: 'INTERNAL', correlationId: expect.any(String) });
      expect(res.text).not.toMatch(/InjectedFault|injected fault|\.ts:\d+|\.js:\d+/);
      expect(await snapshotOf(c.id)).toEqual(before);
      // Nothing is left locked or half-done: the same request now goes through.
      expect([200, 201]).toContain((await send(c.id, c.version)).status);
      expect(await count(t.dataSource, 'SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1', [c.id])).toBe(c.version + 1);
    });
  });

  it('after a random concurrent load the audit trail holds exactly the accepted changes, gapless, verified and replayable', async () => {
    const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 1_000_000);
    let state = seed;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;

    const candidates = await Promise.all(Array.from({ length: 12 }, () => newCandidate(t, { state: 'nurturing' })));
    for (const c of candidates.slice(0, 6)) expect((await uploadEvidence(t, c.id)).status).toBe(201);
    const initial = new Map<string, number>();
    for (const c of candidates) initial.set(c.id, await count(t.dataSource, 'SELECT version AS n FROM candidate WHERE id = $1', [c.id]));
    const known = new Map(initial);
    const accepted = new Map<string, number>(candidates.map((c) => [c.id, 0]));
    const statuses: Record<string, number> = {};

    const events = [
      () => ({ type: 'RECORD_CHECK_IN', payload: { date: '2025-06-01', strengths: `Ưu điểm ${random()}`, shortcomings: 'Chưa' } }),
      () => ({ type: 'REVISE_PLAN', payload: { goals: `Mục tiêu ${random()}`, supporter: 'Phòng Nội vụ' } }),
      () => ({ type: 'PROPOSE_FOR_REVIEW', payload: {} }),
      () => ({ type: 'WITHDRAW', payload: { reason: 'Đơn vị rút hồ sơ' } }),
    ];
    const weights = [0.5, 0.35, 0.1, 0.05];
    const nextEvent = () => {
      let r = random();
      for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) < 0) return events[i]!();
      return events[0]!();
    };

    const send = async (id: string, body: object, key?: string) => {
      const req = t.as(UNIT_HEAD).post(`/api/candidates/${id}/events`);
      const res = await (key ? req.set('Idempotency-Key', key) : req).send(body);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 200 && res.headers['idempotent-replayed'] !== 'true') {
        accepted.set(id, accepted.get(id)! + 1);
        known.set(id, Math.max(known.get(id)!, res.body.version as number));
      }
      return res;
    };

    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 30 }, async () => {
          const c = pick(candidates);
          // Mostly the version last seen (several requests race for it), sometimes an older one.
          const expectedVersion = random() < 0.15 ? Math.max(1, known.get(c.id)! - 1) : known.get(c.id)!;
          const body = { ...nextEvent(), expectedVersion };
          if (random() < 0.25) {
            // A client retrying with its key, twice at once: at most one change.
            const key = newKey();
            await Promise.all([send(c.id, body, key), send(c.id, body, key)]);
          } else {
            await send(c.id, body);
          }
        }),
      );
    }

    expect(statuses['500'] ?? 0).toBe(0);
    expect(statuses['200']).toBeGreaterThan(10);
    expect(statuses['409']).toBeGreaterThan(10);
    for (const c of candidates) {
      const version = await count(t.dataSource, 'SELECT version AS n FROM candidate WHERE id = $1', [c.id]);
      const seqs = ((await t.dataSource.query('SELECT seq FROM audit_event WHERE stream = $1 ORDER BY seq', [`candidate:${c.id}`])) as { seq: number }[]).map((r) => r.seq);
      expect({ seed, id: c.id, version, records: seqs.length }).toEqual({ seed, id: c.id, version: initial.get(c.id)! + accepted.get(c.id)!, records: version });
      expect(seqs).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    }
    const report = await t.running.app.get(AuditVerifier).verify();
    expect({ ok: report.ok, chains: report.chains.problems, replay: report.replay.problems, mismatches: report.replay.mismatches }).toEqual({ ok: true, chains: [], replay: [], mismatches: 0 });
    expect(report.replay.replayed).toBeGreaterThanOrEqual(candidates.length);
  });
});
