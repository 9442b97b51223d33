/**
 * `npm run reliability:shutdown` — SIGTERM to the running product (`node dist/apps/api/src/main.js`) while a
 * change is in flight. The change is held in flight by a row lock this script takes on the candidate from a
 * connection of its own, so it needs the PostgreSQL server (RELIABILITY_DATABASE_URL or DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; database `dth_reliability_shutdown`).
 *
 * Checks: after SIGTERM the process waits for the in-flight request, refuses new connections, answers the
 * request with 200 once the lock is released, exits 0, and the change and its audit record are committed.
 */
import pg from 'pg';
import { checkIn, freePort, log, newOp, prepareProvince, recreateDatabase, request, sleep, startApi, withSession } from './harness.js';

async function main(): Promise<number> {
  const url = await recreateDatabase('dth_reliability_shutdown');
  const port = await freePort();
  const api = await startApi(port, { DATABASE_URL: url, AUDIT_CHECKPOINT_INTERVAL_MS: '0' });
  const { head, versions } = await prepareProvince(port, 1).catch((error: unknown) => {
    api.child.kill('SIGKILL');
    throw error;
  });
  const [[id, version]] = [...versions.entries()] as [[string, number]];

  const blocker = new pg.Client({ connectionString: url });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('SELECT 1 FROM candidate WHERE id = $1 FOR UPDATE', [id]);
  const started = performance.now();
  const inFlight = request(port, 'POST', `/api/candidates/${id}/events`, checkIn(newOp(), version), withSession(head), 60_000);
  await sleep(500);

  let exitedAt: number | null = null;
  const exited = api.exited.then((code) => {
    exitedAt = performance.now();
    return code;
  });
  api.child.kill('SIGTERM');
  const signalled = performance.now();
  await sleep(1500);
  const waitedForRequest = exitedAt === null;
  const refused = await request(port, 'GET', '/health', undefined, {}, 2000).then(
    (r) => `answered ${r.status}`,
    (e: NodeJS.ErrnoException) => e.code ?? 'error',
  );
  await blocker.query('COMMIT');
  await blocker.end();
  const answer = await inFlight.catch((e: Error) => ({ status: 0, body: e.message, ms: performance.now() - started }));
  const code = await Promise.race([exited, sleep(15_000).then(() => 'still running')]);

  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const { rows } = await check.query('SELECT (SELECT version FROM candidate WHERE id = $1) AS version, (SELECT count(*)::int FROM audit_event WHERE candidate_id = $1) AS audit', [id]);
  await check.end();

  const checks: [string, boolean][] = [
    ['the process waited for the in-flight request', waitedForRequest],
    ['new connections were refused while it finished', refused === 'ECONNREFUSED'],
    ['the in-flight request was answered 200', answer.status === 200],
    ['the process exited 0', code === 0],
    ['the change and its audit record are committed', rows[0].version === version + 1 && rows[0].audit === version + 1],
  ];
  log(`SIGTERM ${(signalled - started).toFixed(0)} ms into the request; a new connection meanwhile: ${refused}; request answered ${answer.status} after ${answer.ms.toFixed(0)} ms; exit code ${String(code)} ${exitedAt ? `${((exitedAt as number) - signalled).toFixed(0)} ms after SIGTERM` : ''}`);
  for (const [what, ok] of checks) log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!checks.every(([, ok]) => ok)) log(api.output.join('').slice(-3000));
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
