/**
 * Graceful shutdown: closing the application (what SIGTERM does in main.ts) while a change is in flight lets
 * that request finish and commit, refuses new connections, and closes the pool only afterwards. Nothing is
 * left half-written. `npm run reliability:shutdown` does the same with SIGTERM to a child process running the
 * built product.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app.js';
import { newCandidate, UNIT_HEAD } from '../support/factories.js';
import { onServer } from '../support/databases.js';
import { beforeCommit, gate } from './support.js';

let t: TestApp;
let closed = false;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  // The test closed the application itself; what is left is dropping its database.
  if (!closed) await t?.close();
  else await t.close().catch(() => undefined);
});

describe(`graceful shutdown (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('an in-flight change completes and commits; the pool closes after it; new connections are refused', async () => {
    const c = await newCandidate(t, { state: 'nurturing' });
    const url = (t.dataSource.options as { url: string }).url;
    await new Promise<void>((resolve) => t.running.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    const { port } = t.running.app.getHttpServer().address() as AddressInfo;
    const client = t.as(UNIT_HEAD);

    const held = gate();
    const remove = beforeCommit(t.dataSource, async (event) => {
      const rows = (await event.queryRunner.query('SELECT count(*)::int AS n FROM nurturing_check_in WHERE candidate_id = $1', [c.id])) as { n: number }[];
      if (rows[0]!.n === 1) await held.wait();
    });
    const body = JSON.stringify({ type: 'RECORD_CHECK_IN', expectedVersion: c.version, payload: { date: '2025-06-01', strengths: 'Tốt', shortcomings: 'Chưa' } });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: `/api/candidates/${c.id}/events`, headers: { 'content-type': 'application/json', cookie: client.cookie, 'x-csrf-token': client.csrfToken } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await held.reached; // the change is written, its transaction open, COMMIT not yet sent

    let closeDone = false;
    const closing = t.running.close().then(() => (closeDone = true));
    closed = true;
    await new Promise((r) => setTimeout(r, 300));
    expect(closeDone).toBe(false); // waiting for the request
    expect(t.dataSource.isInitialized).toBe(true); // the pool is still open for it
    const refused = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/health' }, () => resolve('answered'));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    held.open();
    const res = await inFlight;
    remove();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ version: c.version + 1 });
    await closing;
    expect(closeDone).toBe(true);
    expect(t.dataSource.isInitialized).toBe(false);

    if (onServer) {
      // Read back through a connection of our own: the change and its audit record are committed together.
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query('SELECT (SELECT version FROM candidate WHERE id = $1) AS version, (SELECT count(*)::int FROM audit_event WHERE candidate_id = $1) AS audit', [c.id]);
      await check.end();
      expect(rows[0]).toEqual({ version: c.version + 1, audit: c.version + 1 });
    }
  });
});
