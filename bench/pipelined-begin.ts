/**
 * Whether pipelining `BEGIN` with the first statement pays (issue 21's route for P2): B's seven statements (lock the
 * candidate, insert the check-in, update the candidate, read the chain head, insert the audit record, between
 * `BEGIN` and `COMMIT`) on scratch tables of the same shape, from a `pg` pool of 8 clients, once awaiting `BEGIN`
 * and once in node-postgres' pipeline mode (`new Pool({ pipeline: true })`) with `BEGIN` and the locking `SELECT`
 * sent together. Interleaved pairs; the throughput and this process's CPU per transaction of each.
 *
 * Not part of `npm run bench` (it measures the driver, not the product): an experiment kept so that its figures can be
 * repeated. Creates and drops the database dth_bench_pipeline.
 *
 *   npx tsc -p tsconfig.bench.json && node dist/bench/pipelined-begin.js [pairs, default 8]
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { BENCH_SERVER, benchDatabaseUrl } from './http.js';
import { closedLoop } from './load.js';
import { fmt, spread } from './stats.js';

const DB = 'dth_bench_pipeline';
const PAIRS = Number(process.argv[2] ?? 8);
const WORKERS = 8;
const RUN_MS = 4000;
const CANDIDATES = 800;

async function run(pipelined: boolean, ids: string[]): Promise<{ throughput: number; cpuUs: number }> {
  const pool = new pg.Pool({ connectionString: benchDatabaseUrl(DB), max: WORKERS, ...(pipelined ? { pipeline: true } : {}) } as pg.PoolConfig);
  const cursors = new Array<number>(WORKERS).fill(0);
  const transition = async (w: number) => {
    const id = ids[w + WORKERS * (cursors[w]!++ % (CANDIDATES / WORKERS))]!;
    const client = await pool.connect();
    try {
      let locked: Promise<pg.QueryResult>;
      if (pipelined) {
        // Both on the wire at once: the lock does not wait for BEGIN's answer.
        const begun = client.query('BEGIN');
        locked = client.query('SELECT id, version, snapshot FROM candidate WHERE id = $1 FOR UPDATE', [id]);
        await begun;
      } else {
        await client.query('BEGIN');
        locked = client.query('SELECT id, version, snapshot FROM candidate WHERE id = $1 FOR UPDATE', [id]);
      }
      const candidate = (await locked).rows[0] as { version: number; snapshot: { checkIns: number } };
      const now = new Date();
      await client.query('INSERT INTO nurturing_check_in (id, candidate_id, strengths, recorded_at) VALUES ($1, $2, $3, $4)', [randomUUID(), id, 'Ưu điểm', now]);
      await client.query('UPDATE candidate SET snapshot = $2, version = $3, updated_at = $4 WHERE id = $1', [id, { checkIns: candidate.snapshot.checkIns + 1 }, candidate.version + 1, now]);
      const head = (await client.query('SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1', [`candidate:${id}`])).rows[0] as { seq: number; hash: string } | undefined;
      const seq = (head?.seq ?? 0) + 1;
      const hash = createHash('sha256').update(`${head?.hash ?? ''}${id}${seq}`).digest('hex');
      await client.query('INSERT INTO audit_event (stream, seq, payload, occurred_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)', [`candidate:${id}`, seq, { checkIn: true }, now, head?.hash ?? null, hash]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  const cpu0 = process.cpuUsage();
  const result = await closedLoop(WORKERS, RUN_MS, transition);
  const cpu = process.cpuUsage(cpu0);
  await pool.end();
  if (result.errors > 0) throw new Error(`${result.errors} transitions failed`);
  return { throughput: result.throughput, cpuUs: (cpu.user + cpu.system) / Math.max(1, result.count) };
}

const admin = new pg.Client({ connectionString: BENCH_SERVER });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DB}`);
try {
  const setup = new pg.Client({ connectionString: benchDatabaseUrl(DB) });
  await setup.connect();
  await setup.query(`
    CREATE TABLE candidate (id uuid PRIMARY KEY, version int NOT NULL, snapshot jsonb NOT NULL, updated_at timestamptz NOT NULL);
    CREATE TABLE nurturing_check_in (id uuid PRIMARY KEY, candidate_id uuid NOT NULL REFERENCES candidate (id), strengths text NOT NULL, recorded_at timestamptz NOT NULL);
    CREATE TABLE audit_event (id bigserial PRIMARY KEY, stream text NOT NULL, seq int NOT NULL, payload jsonb NOT NULL, occurred_at timestamptz NOT NULL, prev_hash text, hash text NOT NULL, UNIQUE (stream, seq));`);
  const ids = Array.from({ length: CANDIDATES }, () => randomUUID());
  await setup.query(`INSERT INTO candidate SELECT unnest($1::uuid[]), 1, '{"checkIns": 0}', now()`, [ids]);
  await setup.end();

  await run(false, ids);
  await run(true, ids);
  const awaited: number[] = [];
  const pipelined: number[] = [];
  const cpu: { awaited: number[]; pipelined: number[] } = { awaited: [], pipelined: [] };
  for (let pair = 1; pair <= PAIRS; pair++) {
    const a = await run(false, ids);
    const p = await run(true, ids);
    awaited.push(a.throughput);
    pipelined.push(p.throughput);
    cpu.awaited.push(a.cpuUs);
    cpu.pipelined.push(p.cpuUs);
    process.stdout.write(`pair ${pair}: BEGIN awaited ${fmt(a.throughput)} tx/s (${fmt(a.cpuUs)} µs CPU/tx), pipelined ${fmt(p.throughput)} tx/s (${fmt(p.cpuUs)} µs CPU/tx)\n`);
  }
  const gain = spread(pipelined.map((p, i) => p / awaited[i]! - 1));
  const faster = pipelined.filter((p, i) => p > awaited[i]!).length;
  process.stdout.write(
    `pipelined ÷ awaited − 1: median ${fmt(gain.median * 100, 1)} % (${fmt(gain.min * 100, 1)} – ${fmt(gain.max * 100, 1)} %), faster in ${faster} of ${PAIRS} pairs; ` +
      `CPU per transaction median ${fmt(spread(cpu.awaited).median)} → ${fmt(spread(cpu.pipelined).median)} µs\n`,
  );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}
