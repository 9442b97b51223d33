/**
 * The statements a candidate event sends over HTTP (issue 21, fewer round trips). Once the session is known, a
 * check-in sends exactly the statements of the benchmark's raw baseline B (bench/transitions.ts): BEGIN, the row
 * lock (which brings the unit's path for the reach check), the effect's insert, the snapshot's update, the chain
 * head with the rows' attestations, the audit insert, COMMIT. A statement added to this path shows here first.
 * The pg driver is the same on both databases (the embedded one is reached through its socket), so it is counted
 * where every statement passes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestApp, type TestApp } from './support/app.js';
import { newCandidate, UNIT_HEAD } from './support/factories.js';
import { onServer } from './support/databases.js';

let t: TestApp;
let recording: string[] | null = null;
const query = pg.Client.prototype.query;

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'error' });
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    // The job queue polls on its own schedule; its statements are not the request's.
    if (recording && text && !text.includes('pgboss.')) recording.push(text.replace(/\s+/g, ' ').trim());
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  await t?.close();
});

/** The statements sent while `run` ran, each reduced to its first words. */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  recording = [];
  try {
    await run();
    return recording.map((s) => s.split(' ').slice(0, 3).join(' '));
  } finally {
    recording = null;
  }
}

describe(`the statements of one candidate event (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('a check-in sends the seven statements of the raw baseline, the reach checked under the row lock', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const checkIn = (version: number, day: string) =>
      t
        .as(UNIT_HEAD)
        .post(`/api/candidates/${c.id}/events`)
        .send({ type: 'RECORD_CHECK_IN', expectedVersion: version, payload: { date: day, strengths: 'Hiệu quả rõ rệt', shortcomings: 'Chưa lan tỏa' } });
    // The first request after signing in may read the session; the second is the steady state.
    const first = await checkIn(c.version, '2025-05-01');
    expect(first.status).toBe(200);

    let second: Awaited<ReturnType<typeof checkIn>> | undefined;
    const statements = await statementsOf(async () => {
      second = await checkIn(first.body.version as number, '2025-06-01');
    });
    expect(second?.status).toBe(200);
    expect(statements).toEqual([
      'START TRANSACTION',
      'SELECT c.id, c.unit_id',
      'INSERT INTO nurturing_check_in',
      'UPDATE candidate SET',
      'SELECT h.seq, h.hash,',
      'INSERT INTO audit_event',
      'COMMIT',
    ]);
  });
});
