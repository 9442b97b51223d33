/**
 * `npm run reliability:kill [-- --workers 8 --candidates 64 --kills 2]`
 *
 * The API process is killed with SIGKILL in the middle of a load (`kill -9`: no shutdown hook, no finished
 * request), then started again on the same database; clients keep retrying each operation with its
 * Idempotency-Key until it has a definite answer (201/200, replayed or not, or 409
 * IDEMPOTENCY_KEY_ALREADY_APPLIED for a change that committed before its response could be stored).
 *
 * Checks and prints: every acknowledged operation is stored exactly once (nothing lost, nothing twice), every
 * operation ended with a definite answer, and the audit verification passes. Uses a new database
 * `dth_reliability_kill` on the server named by RELIABILITY_DATABASE_URL or DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres). The lease of an idempotency key is set to 5 s here so that
 * keys held by the killed process are taken over quickly (the default is 60 s).
 */
import { arg, auditVerify, checkIn, freePort, histogram, log, newOp, prepareProvince, recreateDatabase, request, sleep, startApi, storedOps, withSession, type Api, type Answer, type Client } from './harness.js';

const WORKERS = Number(arg('workers', '8'));
const CANDIDATES = Number(arg('candidates', '64'));
const KILLS = Number(arg('kills', '2'));
const RUN_S = Number(arg('seconds', '6'));
const LEASE_S = 5;

async function main(): Promise<number> {
  const url = await recreateDatabase('dth_reliability_kill');
  const port = await freePort();
  const env = { DATABASE_URL: url, DB_POOL_MAX: '10', IDEMPOTENCY_LEASE_SECONDS: String(LEASE_S), AUDIT_CHECKPOINT_INTERVAL_MS: '2000' };
  let api: Api = await startApi(port, env);
  const { head, versions } = await prepareProvince(port, CANDIDATES).catch((error: unknown) => {
    api.child.kill('SIGKILL');
    throw error;
  });
  log(`API pid ${api.child.pid} on port ${port}, ${CANDIDATES} candidates, ${WORKERS} clients; ${KILLS} × kill -9 every ${RUN_S} s`);

  const ops: { op: string; outcome: 'fresh' | 'replayed' | 'applied' | 'refused'; attempts: number; sawFailure: boolean }[] = [];
  const attemptStatuses: (number | string)[] = [];
  let stop = false;
  const ids = [...versions.keys()];

  const runOp = async (client: Client, id: string): Promise<void> => {
    const op = newOp();
    let attempts = 0;
    let sawFailure = false;
    for (;;) {
      attempts++;
      let res: Answer;
      try {
        res = await request(port, 'POST', `/api/candidates/${id}/events`, checkIn(op, versions.get(id)!), withSession(client, { 'idempotency-key': op }), 30_000);
      } catch (error) {
        attemptStatuses.push((error as NodeJS.ErrnoException).code ?? 'network');
        sawFailure = true;
        await sleep(200);
        continue;
      }
      const code = /"code":"([A-Z_]+)"/.exec(res.body)?.[1];
      attemptStatuses.push(code ? `${res.status} ${code}` : res.status);
      if (res.status === 200) {
        versions.set(id, (JSON.parse(res.body) as { version: number }).version);
        ops.push({ op, outcome: res.headers['idempotent-replayed'] === 'true' ? 'replayed' : 'fresh', attempts, sawFailure });
        return;
      }
      if (code === 'IDEMPOTENCY_KEY_ALREADY_APPLIED' || code === 'STALE_VERSION') {
        ops.push({ op, outcome: code === 'STALE_VERSION' ? 'refused' : 'applied', attempts, sawFailure });
        for (;;) {
          const current = await request(port, 'GET', `/api/candidates/${id}`, undefined, withSession(client)).catch(() => null);
          if (current?.status === 200) {
            versions.set(id, (JSON.parse(current.body) as { version: number }).version);
            return;
          }
          await sleep(200);
        }
      }
      sawFailure = true;
      const wait = Number(res.headers['retry-after'] ?? 0);
      await sleep(code === 'IDEMPOTENCY_KEY_IN_PROGRESS' ? Math.min(wait, 1) * 1000 : 200);
    }
  };

  const workers = Array.from({ length: WORKERS }, async (_, w) => {
    const owned = ids.filter((_, i) => i % WORKERS === w);
    for (let i = 0; !stop; i++) await runOp(head, owned[i % owned.length]!);
  });

  const restarts: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    await sleep(RUN_S * 1000);
    const before = ops.length;
    api.child.kill('SIGKILL');
    await api.exited;
    const t = performance.now();
    api = await startApi(port, env);
    restarts.push(performance.now() - t);
    log(`kill -9 #${k + 1} after ${before} operations; restarted and ready in ${(performance.now() - t).toFixed(0)} ms`);
  }
  await sleep(RUN_S * 1000);
  stop = true;
  await Promise.all(workers);

  const stored = await storedOps(url);
  const acknowledged = ops.filter((o) => o.outcome !== 'refused');
  const lost = acknowledged.filter((o) => (stored.get(o.op) ?? 0) === 0);
  const twice = [...stored.entries()].filter(([, n]) => n > 1);
  const refusedStored = ops.filter((o) => o.outcome === 'refused' && stored.has(o.op));
  const unknown = [...stored.keys()].filter((op) => !ops.some((o) => o.op === op));
  const verify = auditVerify(url);
  api.child.kill('SIGTERM');
  const exitCode = await api.exited;

  const checks: [string, boolean][] = [
    ['nothing acknowledged lost', lost.length === 0],
    ['nothing stored twice', twice.length === 0],
    ['no refused operation stored', refusedStored.length === 0],
    ['nothing stored that no client asked for', unknown.length === 0],
    ['audit verification passes', verify.ok],
    ['the restarted process stops cleanly on SIGTERM', exitCode === 0],
  ];
  log('');
  log(`attempts: ${attemptStatuses.length}: ${JSON.stringify(histogram(attemptStatuses))}`);
  log(`operations: ${ops.length}, by final answer: ${JSON.stringify(histogram(ops.map((o) => o.outcome)))}; retried across a kill: ${ops.filter((o) => o.sawFailure).length} (${JSON.stringify(histogram(ops.filter((o) => o.sawFailure).map((o) => o.outcome)))})`);
  log(`acknowledged: ${acknowledged.length}; stored: ${acknowledged.length - lost.length}; lost: ${lost.length}; stored twice: ${twice.length}; check-ins in the database: ${[...stored.values()].reduce((a, b) => a + b, 0)}`);
  log(`restart to ready: ${restarts.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
  log(`audit verification: ${verify.ok ? 'passed' : `FAILED\n${verify.output}`}`);
  for (const [what, ok] of checks) log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
