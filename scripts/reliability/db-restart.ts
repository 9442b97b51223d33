/**
 * `npm run reliability:db-restart [-- --cluster main --version 15 --workers 8 --candidates 64 --after 20]`
 *
 * The PostgreSQL server restarts (`pg_ctlcluster … restart -m fast`) while clients load the running product
 * (`node dist/apps/api/src/main.js` on a new database `dth_reliability_restart` of the server named by
 * RELIABILITY_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; the cluster
 * restarted must be the one serving it). Each client operation is a check-in with its own Idempotency-Key,
 * retried with that key until it has a definite answer, as a careful client would.
 *
 * Checks and prints: the process stays up; requests during the outage fail with 503 DATABASE_UNAVAILABLE and
 * Retry-After, never 500, and none waits past the timeout; every acknowledged check-in is stored exactly once;
 * the audit verification passes (chains, checkpoints, replay); throughput is back to ≥ 90 % of what it was
 * within 10 s of the server accepting connections again. Exit code 1 when any of these fails.
 *
 * Restarting a server ends every other connection to it: run it where nothing else depends on that cluster
 * (a cluster of its own, e.g. `pg_createcluster 15 reliability --port 5433`, with RELIABILITY_DATABASE_URL).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { arg, auditVerify, checkIn, freePort, histogram, log, newOp, percentile, prepareProvince, recreateDatabase, request, sleep, startApi, storedOps, withSession, type Answer, type Client } from './harness.js';

const WORKERS = Number(arg('workers', '8'));
const CANDIDATES = Number(arg('candidates', '64'));
const BEFORE_S = Number(arg('before', '8'));
const AFTER_S = Number(arg('after', '20'));
const CLUSTER = arg('cluster', 'main');
const VERSION = arg('version', readdirSync('/etc/postgresql')[0] ?? '15');
const CLIENT_TIMEOUT_MS = 30_000;
/** A request that takes longer than this has hung, as far as a person at a screen is concerned. */
const HANG_MS = 10_000;

interface Attempt {
  at: number;
  status: number | string;
  code?: string;
  ms: number;
  retryAfter?: string;
}

async function main(): Promise<number> {
  const url = await recreateDatabase('dth_reliability_restart');
  const port = await freePort();
  const api = await startApi(port, { DATABASE_URL: url, DB_POOL_MAX: '10', AUDIT_CHECKPOINT_INTERVAL_MS: '2000' });
  const { head, versions } = await prepareProvince(port, CANDIDATES).catch((error: unknown) => {
    api.child.kill('SIGKILL');
    throw error;
  });
  log(`API pid ${api.child.pid} on port ${port}, ${CANDIDATES} candidates, ${WORKERS} clients; restarting PostgreSQL ${VERSION}/${CLUSTER} after ${BEFORE_S} s`);

  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const attempts: Attempt[] = [];
  const acks: { at: number; op: string; how: 'fresh' | 'replayed' | 'applied' }[] = [];
  const refused: string[] = [];
  let stop = false;
  const ids = [...versions.keys()];

  const runOp = async (client: Client, id: string): Promise<void> => {
    const op = newOp();
    for (;;) {
      const at = now();
      let res: Answer;
      try {
        res = await request(port, 'POST', `/api/candidates/${id}/events`, checkIn(op, versions.get(id)!), withSession(client, { 'idempotency-key': op }), CLIENT_TIMEOUT_MS);
      } catch (error) {
        attempts.push({ at, status: (error as NodeJS.ErrnoException).code ?? 'network', ms: now() - at });
        await sleep(250);
        continue;
      }
      const code = /"code":"([A-Z_]+)"/.exec(res.body)?.[1];
      attempts.push({ at, status: res.status, code, ms: res.ms, retryAfter: res.headers['retry-after'] as string | undefined });
      if (res.status === 200) {
        versions.set(id, (JSON.parse(res.body) as { version: number }).version);
        acks.push({ at: now(), op, how: res.headers['idempotent-replayed'] === 'true' ? 'replayed' : 'fresh' });
        return;
      }
      if (code === 'IDEMPOTENCY_KEY_ALREADY_APPLIED' || code === 'STALE_VERSION') {
        // Applied without its response, or another answer than ours won: read the version and go on.
        if (code === 'IDEMPOTENCY_KEY_ALREADY_APPLIED') acks.push({ at: now(), op, how: 'applied' });
        else refused.push(op);
        for (;;) {
          const current = await request(port, 'GET', `/api/candidates/${id}`, undefined, withSession(client), CLIENT_TIMEOUT_MS).catch(() => null);
          if (current?.status === 200) {
            versions.set(id, (JSON.parse(current.body) as { version: number }).version);
            return;
          }
          await sleep(250);
        }
      }
      // 503, 409 in progress, anything else: the outcome is not known yet; the same key again.
      await sleep(250);
    }
  };

  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    const owned = ids.filter((_, i) => i % WORKERS === w);
    for (let i = 0; !stop; i++) await runOp(head, owned[i % owned.length]!);
  });

  await sleep(BEFORE_S * 1000);
  const restartStart = now();
  const restart = spawn('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, CLUSTER, 'restart', '-m', 'fast'], { stdio: 'inherit' });
  const restartCode = await new Promise<number | null>((resolve) => restart.once('exit', resolve));
  const restartEnd = now();
  log(`pg_ctlcluster restart exited ${restartCode} after ${(restartEnd - restartStart).toFixed(0)} ms`);
  await sleep(AFTER_S * 1000);
  stop = true;
  await Promise.all(workers);
  const stillUp = api.child.exitCode === null && (await request(port, 'GET', '/health/ready', undefined).then((r) => r.status, () => 0)) === 200;

  // Throughput: acknowledged operations per second, baseline over the seconds before the restart.
  const rate = (from: number, to: number) => acks.filter((a) => a.at >= from && a.at < to).length / ((to - from) / 1000);
  const baseline = rate(restartStart - 5000, restartStart);
  const failures = attempts.filter((a) => typeof a.status === 'number' && a.status >= 500);
  const unavailable = failures.filter((a) => a.status === 503);
  // The server is back when requests stop failing: the last answer of the outage that was not a success.
  const outage = attempts.filter((a) => a.at >= restartStart && a.at <= restartEnd + 10_000 && a.status !== 200);
  const serverBack = Math.max(restartStart, ...outage.map((a) => a.at + a.ms));
  let recoveredAt: number | null = null;
  for (let t = serverBack; t + 1000 <= now(); t += 100) {
    if (rate(t, t + 1000) >= 0.9 * baseline) {
      recoveredAt = t;
      break;
    }
  }
  const during = attempts.filter((a) => a.at >= restartStart && a.at <= (recoveredAt ?? restartEnd) + 1000);
  const stored = await storedOps(url);
  const lost = acks.filter((a) => (stored.get(a.op) ?? 0) === 0);
  const duplicated = [...stored.values()].filter((n) => n > 1).length;
  const refusedStored = refused.filter((op) => stored.has(op)).length;
  const verify = auditVerify(url);
  api.child.kill('SIGTERM');
  const exitCode = await api.exited;

  const latencies = attempts.map((a) => a.ms);
  const checks: [string, boolean][] = [
    ['the API process stayed up and ready', stillUp],
    ['no 500 (or other 5xx than 503)', failures.every((a) => a.status === 503)],
    ['every 503 is DATABASE_UNAVAILABLE with Retry-After', unavailable.every((a) => a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter !== undefined)],
    [`no request waited past ${HANG_MS / 1000} s`, Math.max(...latencies) <= HANG_MS],
    ['no acknowledged change lost', lost.length === 0],
    ['no change stored twice', duplicated === 0],
    ['no refused operation stored', refusedStored === 0],
    ['audit verification passes', verify.ok],
    ['throughput ≥ 90 % within 10 s of the server being back', recoveredAt !== null && recoveredAt - serverBack <= 10_000],
    ['stopped cleanly on SIGTERM', exitCode === 0],
  ];
  log('');
  log(`requests: ${attempts.length}; statuses overall: ${JSON.stringify(histogram(attempts.map((a) => a.status)))}`);
  log(`during the outage and recovery: ${JSON.stringify(histogram(during.map((a) => (a.code ? `${a.status} ${a.code}` : a.status))))}`);
  log(`latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
  const sinceRestart = (t: number) => `+${((t - restartStart) / 1000).toFixed(1)} s`;
  log(`outage: restart command took ${((restartEnd - restartStart) / 1000).toFixed(1)} s; 503s from ${unavailable[0] ? sinceRestart(unavailable[0].at) : '-'} to ${unavailable.at(-1) ? sinceRestart(unavailable.at(-1)!.at) : '-'}; requests succeed again from ${sinceRestart(serverBack)} (times from the start of the restart)`);
  log(`throughput: baseline ${baseline.toFixed(1)} op/s; back to ≥ 90 % ${recoveredAt === null ? 'never' : `${((recoveredAt - serverBack) / 1000).toFixed(1)} s after requests succeed again (${sinceRestart(recoveredAt)})`}`);
  log(`operations acknowledged: ${acks.length} (${JSON.stringify(histogram(acks.map((a) => a.how)))}); check-ins stored for them: ${acks.length - lost.length}; lost: ${lost.length}; stored twice: ${duplicated}; refused (stale): ${refused.length}, of which stored: ${refusedStored}`);
  log(`audit verification: ${verify.ok ? 'passed' : `FAILED\n${verify.output}`}`);
  for (const [what, ok] of checks) log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!stillUp || exitCode !== 0) log(api.output.join('').slice(-4000));
  // The server's own record of any 500: what was not classified.
  for (const line of api.output.join('').split('\n').filter((l) => l.includes('"INTERNAL ')).slice(0, 5)) log(`500 logged by the API: ${line.slice(0, 1500)}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
