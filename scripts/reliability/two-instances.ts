/**
 * `npm run reliability:instances` — two processes of the built product (`node dist/apps/api/src/main.js`) started
 * at the same moment on one new, empty database of the PostgreSQL server (RELIABILITY_DATABASE_URL or
 * DATABASE_URL; database `dth_reliability_instances`), with the audit checkpoint job every second on both.
 *
 * Checks: each migration is applied once; a session opened on one process works on the other and both see the
 * same data; with changes made through both for several intervals, the checkpoints are at least 0.8 s apart
 * (the job ran once per interval across the two, not once per process).
 */
import pg from 'pg';
import { checkIn, freePort, log, newOp, prepareProvince, recreateDatabase, request, sleep, startApi, withSession } from './harness.js';

const INTERVAL_MS = 1000;

async function main(): Promise<number> {
  const url = await recreateDatabase('dth_reliability_instances');
  const [portA, portB] = [await freePort(), await freePort()];
  const env = { DATABASE_URL: url, DB_POOL_MAX: '5', AUDIT_CHECKPOINT_INTERVAL_MS: String(INTERVAL_MS) };
  // The first administrator comes from A's environment only: ensureInitialAdmin counts, then inserts, without a
  // lock, so two processes creating it at the same moment could make one of them fail its start.
  const [a, b] = await Promise.all([startApi(portA, env), startApi(portB, { ...env, INITIAL_ADMIN_USERNAME: '', INITIAL_ADMIN_PASSWORD: '' })]);
  try {
    const { head, versions } = await prepareProvince(portA, 4);
    const ids = [...versions.keys()];
    const seenOnB = await request(portB, 'GET', `/api/candidates/${ids[0]}`, undefined, withSession(head));

    const started = performance.now();
    let changes = 0;
    for (let i = 0; performance.now() - started < 8 * INTERVAL_MS; i++) {
      const id = ids[i % ids.length]!;
      const res = await request(i % 2 ? portB : portA, 'POST', `/api/candidates/${id}/events`, checkIn(newOp(), versions.get(id)!), withSession(head));
      if (res.status !== 200) throw new Error(`change through ${i % 2 ? 'B' : 'A'}: ${res.status} ${res.body}`);
      versions.set(id, (JSON.parse(res.body) as { version: number }).version);
      changes++;
      await sleep(20);
    }
    await sleep(2 * INTERVAL_MS);
    const elapsed = performance.now() - started;

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const migrations = (await db.query('SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name')).rows as { name: string; n: number }[];
    const made = (await db.query('SELECT created_at FROM audit_checkpoint ORDER BY tree_size')).rows as { created_at: Date }[];
    await db.end();
    const gaps = made.slice(1).map((m, i) => m.created_at.getTime() - made[i]!.created_at.getTime());

    const checks: [string, boolean][] = [
      ['both processes are up and ready', a.child.exitCode === null && b.child.exitCode === null],
      ['each migration applied once', migrations.length > 0 && migrations.every((m) => m.n === 1)],
      ['a session opened on A works on B, which sees A’s data', seenOnB.status === 200 && (JSON.parse(seenOnB.body) as { id: string }).id === ids[0]],
      ['the checkpoint job ran once per interval, not per process', made.length >= 2 && Math.min(...gaps) >= INTERVAL_MS * 0.8 && made.length <= Math.ceil(elapsed / INTERVAL_MS) + 1],
    ];
    log(`${migrations.length} migrations, each applied ${[...new Set(migrations.map((m) => m.n))].join('/')} time(s); ${changes} changes through both in ${(elapsed / 1000).toFixed(1)} s; ${made.length} checkpoints, ${gaps.length ? `${Math.min(...gaps)}–${Math.max(...gaps)} ms apart` : 'no gaps'} (interval ${INTERVAL_MS} ms)`);
    for (const [what, ok] of checks) log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    return checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
