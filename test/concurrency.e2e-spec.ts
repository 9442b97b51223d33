/**
 * Concurrent events on one candidate: the row lock and the expected version let exactly one through.
 * Row-lock contention needs a real PostgreSQL server (PGlite runs one transaction at a time), so on the
 * embedded database this file checks the same outcome with the requests serialised by PGlite itself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, UNIT_HEAD } from './support/factories.js';
import { onServer } from './support/databases.js';
import { systemActor } from '../apps/api/src/common/actor.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DB_POOL_MAX: '20' });
});
afterAll(async () => {
  await t?.close();
});

describe(`concurrent events (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('50 parallel requests with the same expected version: one succeeds, the rest get 409, one audit record', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .as(UNIT_HEAD)
          .post(`/api/candidates/${c.id}/events`)
          .send({ type: 'RECORD_CHECK_IN', expectedVersion: c.version, payload: { date: '2025-06-01', strengths: `Ưu điểm ${i}`, shortcomings: 'Không' } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'STALE_VERSION')).toBe(true);

    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`);
    expect(view.body).toMatchObject({ version: c.version + 1, counts: { checkIns: 1 } });
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1', [c.id]);
    expect(n).toBe(c.version + 1);
    const [{ checkIns }] = await t.dataSource.query('SELECT count(*)::int AS "checkIns" FROM nurturing_check_in WHERE candidate_id = $1', [c.id]);
    expect(checkIns).toBe(1);
  });

  it('parallel events without version checks are all applied, in some order, with a gapless history', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    // The events endpoint always checks the version; the use case itself is what serialises, so call it directly.
    const { CandidateTransitions } = await import('../apps/api/src/transitions/candidate-transitions.service.js');
    const transitions = t.running.app.get(CandidateTransitions);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        transitions.send({
          candidateId: c.id,
          actor: systemActor(`nguoi-${i}`),
          event: { type: 'RECORD_CHECK_IN', date: '2025-06-01', strengths: `Ưu điểm ${i}`, shortcomings: 'Không' },
        }),
      ),
    );
    const history = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}/history`);
    const seqs = history.body.records.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual(Array.from({ length: c.version + 30 }, (_, i) => i + 1));
    const view = await t.as(UNIT_HEAD).get(`/api/candidates/${c.id}`);
    expect(view.body).toMatchObject({ version: c.version + 30, counts: { checkIns: 30 } });
    history.body.records.forEach((r: { prevHash: string | null }, i: number) => {
      expect(r.prevHash).toBe(i === 0 ? null : history.body.records[i - 1].hash);
    });
  });

  it('events on different candidates proceed side by side', async () => {
    const candidates = await Promise.all(Array.from({ length: 8 }, () => newCandidate(t, { state: 'nurturing' })));
    const responses = await Promise.all(
      candidates.map((c) =>
        t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/events`).send({ type: 'REVISE_PLAN', expectedVersion: c.version, payload: { goals: 'Mới', supporter: 'Mới' } }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(candidates.map(() => 200));
  });
});
