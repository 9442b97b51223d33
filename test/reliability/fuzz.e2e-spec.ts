/**
 * Hostile input against every operation of the OpenAPI description (scripts/reliability/openapi-fuzz.ts), a
 * few dozen generated requests per operation (FUZZ_RUNS, default 25 on the server, 12 embedded; FUZZ_SEED to
 * replay a run: the seed is in the failure message). The full 10,000 per operation: `npm run fuzz -- --runs 10000`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/app.js';
import { onServer } from '../support/databases.js';
import { runFuzz, summarise } from '../../scripts/reliability/openapi-fuzz.js';
import { FUZZ_EXCLUDED, prepareFuzzTarget } from '../../scripts/reliability/fuzz-target.js';

// The embedded database runs one query at a time: fewer requests keep both paths near a minute in CI.
const RUNS = Number(process.env.FUZZ_RUNS ?? (onServer ? 25 : 12));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);

let t: TestApp;
beforeAll(async () => {
  // A small evidence limit, so that the "just past the limit" upload stays small.
  t = await startTestApp({ EVIDENCE_MAX_BYTES: String(256 * 1024), DB_CONNECTION_TIMEOUT_MS: '30000' });
});
afterAll(async () => {
  await t?.close();
});

describe(`hostile input from the OpenAPI description (${onServer ? 'PostgreSQL server' : 'embedded PGlite'})`, () => {
  it('a NUL character (which PostgreSQL text cannot hold) in a query, a body or a path is a 400 UNSUPPORTED_CHARACTER, never a 500', async () => {
    const unit = (await t.as('admin').post('/api/units').send({ name: 'Đơn vị NUL', level: 'GRASSROOTS', sector: 'STATE', parentId: t.provinceId })).body as { id: string };
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM candidate');
    const responses = [
      await t.as('kiemtra').get('/api/audit/records?actor=a%00b'),
      await t.as('kiemtra').get('/api/candidates?q=a%00b'),
      await t
        .as('truongdonvi')
        .post('/api/candidates')
        .send({ kind: 'COLLECTIVE', name: 'Hợp tác xã\u0000', unitId: unit.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Thành tích' }),
    ];
    expect(responses.map((r) => [r.status, r.body.code])).toEqual(responses.map(() => [400, 'UNSUPPORTED_CHARACTER']));
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM candidate')).toEqual(before);
  });

  it(`${RUNS} generated requests per operation: no 5xx, no stack traces, the error shape, 413 for oversize bodies, no partial writes`, async () => {
    const report = await runFuzz(await prepareFuzzTarget(t), { runsPerOperation: RUNS, seed: SEED, concurrency: onServer ? 8 : 4, batchSize: 25, exclude: FUZZ_EXCLUDED, maxUploadBytes: 256 * 1024 });
    const summary = summarise(report);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(report, null, 1));
    expect({ violations: report.violations.length, summary }).toEqual({ violations: 0, summary });
    expect(report.operations.length).toBeGreaterThan(40);
    expect(report.totalRequests).toBeGreaterThanOrEqual(report.operations.length * RUNS);
  }, 300_000);
});
