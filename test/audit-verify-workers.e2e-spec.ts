/**
 * The command line's verification with its chains checked in two worker threads (`cli.js verify --workers 2`,
 * the compiled build): a record tampered with in a stream of the range the second worker takes is found at
 * the exact record, and the report is the one a single thread gives, and the one the application gives.
 *
 * Worker threads need the PostgreSQL server (the embedded database has one connection: there the chains are
 * checked in one thread, which every other audit suite covers) and the build (`npm run build`, as CI does first).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../apps/api/src/config/app-config.js';
import { AuditEventRepository } from '../apps/api/src/audit/audit-event.repository.js';
import { RANGES_PER_WORKER, rangesOf } from '../apps/api/src/audit/stream-pass-pool.js';
import type { VerificationReport } from '../apps/api/src/audit/audit-verifier.service.js';
import { candidateStream } from '../apps/api/src/audit/streams.js';
import { startTestApp, type TestApp } from './support/app.js';
import { ensureApiBuilt } from './support/built-product.js';
import { newCandidate } from './support/factories.js';
import { newSigningKey, problemsOf, recordsOf, tamper, verify } from './audit-support.js';

jest.setTimeout(180_000);

const CLI = join(process.cwd(), 'dist/apps/api/src/audit/cli.js');
const onServer = Boolean(process.env.DATABASE_URL);
let t: TestApp;
const key = newSigningKey();

function cliVerify(workers: number): Promise<{ code: number; report: VerificationReport; stderr: string }> {
  const config = t.running.app.get(AppConfig);
  const env = { ...process.env, DATABASE_URL: config.DATABASE_URL!, KEY_DIR: config.KEY_DIR!, ...key.env, LOG_LEVEL: 'warn' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, 'verify', '--json', '--workers', String(workers)], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        resolve({ code, report: JSON.parse(stdout) as VerificationReport, stderr });
      } catch {
        reject(new Error(`cli.js verify --workers ${workers} (exit ${code}): ${stderr}\n${stdout.slice(0, 2000)}`));
      }
    });
  });
}

/** The report without what differs from run to run (times, memory). */
function comparable(r: VerificationReport) {
  const { startedAt: _s, finishedAt: _f, durationMs: _d, recordsPerSecond: _r, peakRssMb: _m, timings: _t, ...rest } = r;
  return rest;
}

(onServer ? describe : describe.skip)('verification with two worker threads (server)', () => {
  beforeAll(async () => {
    // The worker threads run the compiled verifier: built here unless dist is newer than the sources.
    ensureApiBuilt();
    expect(existsSync(CLI) && existsSync(join(process.cwd(), 'dist/apps/api/src/audit/stream-pass.worker.js'))).toBe(true);
    t = await startTestApp(key.env, { verifyOnClose: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds a record tampered with in a stream of the second worker, exactly as one thread and the application do', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await newCandidate(t, { state: 'underReview' })).id);

    const intact = await cliVerify(2);
    expect(intact.stderr).not.toMatch(/worker/i);
    expect({ code: intact.code, summary: intact.report.summary.en }).toEqual({ code: 0, summary: expect.stringMatching(/^The audit trail is intact/) });
    expect(intact.report.ok).toBe(true);

    // The ranges the verifier cuts (the whole table is sampled while it is small, so the cuts are the same):
    // the pool hands range 0 to the first worker and range 1 to the second before either answers.
    const cuts = await new AuditEventRepository(t.dataSource).streamCuts(2 * RANGES_PER_WORKER);
    const second = rangesOf(cuts)[1]!;
    const inSecond = ids.map(candidateStream).filter((s) => (second.from === undefined || s >= second.from) && (second.to === undefined || s < second.to));
    expect(inSecond.length).toBeGreaterThan(0);
    const stream = inSecond[0]!;
    const target = (await recordsOf(t, stream))[2]!;
    await tamper(t, [[`UPDATE audit_event SET payload = jsonb_set(payload, '{goals}', to_jsonb('Sửa lén'::text)) WHERE id = $1`, [target.id]]]);

    const two = await cliVerify(2);
    expect(two.code).toBe(1);
    expect(two.report.ok).toBe(false);
    expect(problemsOf(two.report.chains.problems, stream)).toEqual([{ kind: 'CONTENT_CHANGED', seq: 3, auditId: String(target.id) }]);
    expect(two.report.chains.problems.map((p) => p.stream)).toEqual([stream]);
    expect(two.report.records).toBe(intact.report.records);

    const one = await cliVerify(1);
    expect(comparable(two.report)).toEqual(comparable(one.report));
    const inProcess = await verify(t);
    expect(two.report.chains).toEqual(inProcess.chains);
    expect(two.report.replay).toEqual(inProcess.replay);
    expect(two.report.authentication).toEqual(inProcess.authentication);
  });
});
