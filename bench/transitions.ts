/**
 * Transition benchmarks: the application against a raw `pg` baseline doing the same SQL, on the same
 * PostgreSQL server, in one run, reported as ratios. Run with `npm run bench` (builds first).
 *
 *   B   raw pg: lock the candidate row, insert the check-in, update the snapshot, read the chain head,
 *       insert the hash-chained audit record, commit — exactly the SQL of one RECORD_CHECK_IN transition
 *   P1  the application's transition use case called directly (no HTTP)           target ≥ 0.60 × B
 *   P2  the same transition over HTTP with a session, CSRF, validation and audit   target ≥ 0.40 × B
 *   P3  open loop at half of P2's maximum: p99 ≤ 50 ms and ≤ 3 × B's p99 at that rate, no errors
 *   P4  open loop at that rate with 16 vs 4 concurrent lanes: p99 ratio ≤ 2.5 (no global bottleneck)
 *   Start and memory: cold start on a new embedded database to a ready health check ≤ 5 s;
 *       API resident memory under the P2 load ≤ 250 MB
 * Each figure is the median of several interleaved runs after a warm-up, with min and max.
 */
import 'reflect-metadata';
import canonicalize from 'canonicalize';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApplication, type RunningApplication } from '../apps/api/src/application.js';
import { AccountsService } from '../apps/api/src/accounts/accounts.service.js';
import { CandidatesService } from '../apps/api/src/candidates/candidates.service.js';
import { systemActor, type Actor } from '../apps/api/src/common/actor.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { CandidateTransitions } from '../apps/api/src/transitions/candidate-transitions.service.js';
import { UnitsService } from '../apps/api/src/units/units.service.js';
import { BENCH_SERVER, benchDatabaseUrl, benchKeys, httpClient, startApiServer, stopApiServer, withCpu } from './http.js';
import { closedLoop, openLoop } from './load.js';
import { atLeast, atMost, figure, recordFigures } from './figures.js';
import { fmt, spread, type RunResult } from './stats.js';

const { recordKeys: RECORD_KEYS, signingKey: SIGNING_KEY } = benchKeys();
const SERVER = BENCH_SERVER;
const DB = 'dth_bench';
const DB_URL = benchDatabaseUrl(DB);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 1000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 8);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 3000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PASSWORD = 'bench-password-2025';
const HTTP_PORT = 3990;

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Fixture {
  app: RunningApplication;
  ids: string[];
  actor: Actor;
}

async function prepareDatabase(): Promise<Fixture> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  // The in-process application (P1) runs no checkpoint job: the API's process runs the product's, and one here
  // would stall this process, which also generates the load and measures every latency.
  const config = loadConfig({
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DB_POOL_MAX: '16',
    AUDIT_SIGNING_KEY: SIGNING_KEY,
    AUDIT_RECORD_KEYS: RECORD_KEYS,
    AUDIT_CHECKPOINT_INTERVAL_MS: '0',
  });
  const app = await createApplication(config);
  const system = systemActor('bench');
  const province = await app.app.get(UnitsService).create({ name: 'Tỉnh đo hiệu năng', level: 'PROVINCE', sector: 'STATE' }, system);
  const head = await app.app.get(AccountsService).create({ username: 'bench', displayName: 'Bench', role: 'UNIT_HEAD', unitId: province.id, password: PASSWORD }, system);
  const actor: Actor = { accountId: head.id, username: 'bench', role: 'UNIT_HEAD', unitId: province.id, unitPath: `/${province.id}/` };
  const candidates = app.app.get(CandidatesService);
  const transitions = app.app.get(CandidateTransitions);
  const ids: string[] = [];
  const batch = 16;
  for (let i = 0; i < CANDIDATES; i += batch) {
    const created = await Promise.all(
      Array.from({ length: Math.min(batch, CANDIDATES - i) }, (_, k) =>
        candidates.discover(
          { kind: (['COLLECTIVE', 'INDIVIDUAL', 'HOUSEHOLD'] as const)[(i + k) % 3], name: `Điển hình ${i + k}`, unitId: province.id, field: 'ECONOMY', year: 2025, discoveryChannel: 'MEDIA', achievement: 'Đo hiệu năng' },
          actor,
        ),
      ),
    );
    await Promise.all(created.map((c) => transitions.send({ candidateId: c.id, actor, event: { type: 'START_NURTURING', goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } })));
    ids.push(...created.map((c) => c.id));
  }
  return { app, ids, actor };
}

/** Worker w owns candidates w, w+W, w+2W…: no two workers touch one candidate, so only the design can contend. */
function ownership(ids: string[], workers: number) {
  const cursors = new Array<number>(workers).fill(0);
  return (w: number) => {
    const owned = Math.ceil((ids.length - w) / workers);
    const id = ids[w + (cursors[w]! % owned) * workers]!;
    cursors[w]!++;
    return id;
  };
}

function checkInEvent(i: number) {
  return { type: 'RECORD_CHECK_IN' as const, date: '2025-06-01', strengths: `Ưu điểm ${i}`, shortcomings: 'Chưa lan tỏa' };
}

/** B: the SQL of one transition, by hand on a raw pg pool. */
function baseline(pool: pg.Pool, ids: string[], workers: number) {
  const next = ownership(ids, workers);
  let n = 0;
  return async (w: number) => {
    const id = next(w);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT id, version, snapshot FROM candidate WHERE id = $1 FOR UPDATE', [id]);
      const c = rows[0] as { version: number; snapshot: { context: { checkIns: number; checkInsThisRound: number } } };
      const now = new Date();
      const event = checkInEvent(n++);
      const checkInId = randomUUID();
      await client.query(
        'INSERT INTO nurturing_check_in (id, candidate_id, checked_on, strengths, shortcomings, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [checkInId, id, event.date, event.strengths, event.shortcomings, 'bench', now],
      );
      c.snapshot.context.checkIns++;
      c.snapshot.context.checkInsThisRound++;
      const version = c.version + 1;
      await client.query('UPDATE candidate SET state = $2, snapshot = $3, machine_version = $4, version = $5, updated_at = $6 WHERE id = $1', [id, 'nurturing', c.snapshot, 1, version, now]);
      const head = await client.query('SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1', [`candidate:${id}`]);
      const content = {
        stream: `candidate:${id}`,
        seq: (head.rows[0]?.seq ?? 0) + 1,
        candidateId: id,
        eventType: 'RECORD_CHECK_IN',
        payload: { date: event.date, strengths: event.strengths, shortcomings: event.shortcomings, checkInId },
        fromState: 'nurturing',
        toState: 'nurturing',
        actor: 'bench',
        occurredAt: now.toISOString(),
        machineVersion: 1,
        prevHash: head.rows[0]?.hash ?? null,
      };
      const hash = createHash('sha256').update(canonicalize(content)!).digest('hex');
      await client.query(
        `INSERT INTO audit_event (stream, seq, candidate_id, event_type, payload, from_state, to_state, actor, occurred_at, machine_version, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [content.stream, content.seq, id, content.eventType, content.payload, content.fromState, content.toState, content.actor, now, 1, content.prevHash, hash],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
}

/** P1: the use case itself. */
function dataLayer(f: Fixture, workers: number) {
  const transitions = f.app.app.get(CandidateTransitions);
  const next = ownership(f.ids, workers);
  let n = 0;
  return async (w: number) => {
    await transitions.send({ candidateId: next(w), actor: f.actor, event: checkInEvent(n++) });
  };
}

// ---- HTTP (P2–P4): the product as it runs, in its own process ----------------------------------------------

const client = httpClient(HTTP_PORT);
const request = client.request;

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  return startApiServer(HTTP_PORT, { SIGN_IN_MAX_FAILURES_PER_ADDRESS: '100000', AUDIT_RECORD_KEYS: RECORD_KEYS, ...env });
}

const stopServer = stopApiServer;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function httpSessions(count: number) {
  const sessions: { cookie: string; csrf: string }[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request('POST', '/api/auth/sign-in', { username: 'bench', password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
    const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    sessions.push({ cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken });
  }
  return sessions;
}

async function currentVersions(ids: string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  const { rows } = await client.query('SELECT id, version FROM candidate WHERE id = ANY($1)', [ids]);
  await client.end();
  return new Map((rows as { id: string; version: number }[]).map((r) => [r.id, r.version]));
}

function overHttp(ids: string[], workers: number, sessions: { cookie: string; csrf: string }[], versions: Map<string, number>) {
  const next = ownership(ids, workers);
  let n = 0;
  return async (w: number) => {
    const id = next(w);
    const s = sessions[w % sessions.length]!;
    const res = await request('POST', `/api/candidates/${id}/events`, { type: 'RECORD_CHECK_IN', expectedVersion: versions.get(id), payload: { date: '2025-06-01', strengths: `Ưu điểm ${n++}`, shortcomings: 'Chưa lan tỏa' } }, { cookie: s.cookie, 'x-csrf-token': s.csrf });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body}`);
    versions.set(id, (JSON.parse(res.body) as { version: number }).version);
  };
}

/** To ready on a new embedded data folder (migrations and the demo's seeding), then again on the same folder. */
async function coldStart(): Promise<{ fresh: number; existing: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'dth-cold-'));
  try {
    const env = { DATA_DIR: dir, DATABASE_URL: '', SEED_DEMO: 'auto' };
    let t0 = performance.now();
    await stopServer(await startServer(env));
    const fresh = performance.now() - t0;
    t0 = performance.now();
    await stopServer(await startServer(env));
    return { fresh, existing: performance.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the run ----------------------------------------------------------------------------------------------

async function main() {
  log(`Preparing ${CANDIDATES} candidates in ${DB} …`);
  const fixture = await prepareDatabase();
  const pool = new pg.Pool({ connectionString: DB_URL, max: 16 });
  pool.on('error', () => undefined);

  const server = await startServer({ DATABASE_URL: DB_URL, DB_POOL_MAX: '16', AUDIT_SIGNING_KEY: SIGNING_KEY });
  const sessions = await httpSessions(16);
  const rss: number[] = [];
  // CPU per P2 request, of the API process and of its PostgreSQL backends: what a busy machine disturbs least.
  const admin = new pg.Client({ connectionString: DB_URL });
  await admin.connect();
  const p2Cpu: { apiUs: number; dbUs: number }[] = [];
  const bCpu: { apiUs: number; dbUs: number }[] = [];
  const sampler = setInterval(() => rss.push(rssMb(server.pid!)), 100);

  const results: Record<string, RunResult[]> = { B: [], P1: [], P2: [], B_open: [], P3: [], P4_4: [], P4_16: [] };
  log('Warm-up …');
  await closedLoop(WORKERS, 1000, baseline(pool, fixture.ids, WORKERS));
  await closedLoop(WORKERS, 1000, dataLayer(fixture, WORKERS));
  await closedLoop(WORKERS, 1000, overHttp(fixture.ids, WORKERS, sessions, await currentVersions(fixture.ids)));

  for (let r = 1; r <= REPEATS; r++) {
    log(`Run ${r}/${REPEATS} …`);
    const b = await withCpu(process.pid, admin, () => closedLoop(WORKERS, RUN_MS, baseline(pool, fixture.ids, WORKERS)), DB);
    results.B!.push(b);
    bCpu.push(b);
    results.P1!.push(await closedLoop(WORKERS, RUN_MS, dataLayer(fixture, WORKERS)));
    // The in-process phases moved the versions on; the HTTP clients start from the database's.
    let versions = await currentVersions(fixture.ids);
    const p2 = await withCpu(server.pid!, admin, () => closedLoop(WORKERS, RUN_MS, overHttp(fixture.ids, WORKERS, sessions, versions)), DB);
    results.P2!.push(p2);
    p2Cpu.push(p2);
    const rate = Math.max(10, Math.floor(p2.throughput / 2));
    results.B_open!.push(await openLoop(rate, RUN_MS, WORKERS, baseline(pool, fixture.ids, WORKERS)));
    versions = await currentVersions(fixture.ids);
    results.P3!.push(await openLoop(rate, RUN_MS, WORKERS, overHttp(fixture.ids, WORKERS, sessions, versions)));
    results.P4_4!.push(await openLoop(rate, RUN_MS, 4, overHttp(fixture.ids, 4, sessions, versions)));
    results.P4_16!.push(await openLoop(rate, RUN_MS, 16, overHttp(fixture.ids, 16, sessions, versions)));
  }
  clearInterval(sampler);
  await stopServer(server);
  await admin.end();
  await pool.end();
  await fixture.app.close();

  log('Cold starts on a new embedded database …');
  const coldStarts: { fresh: number; existing: number }[] = [];
  for (let i = 0; i < REPEATS; i++) coldStarts.push(await coldStart());
  const starts = coldStarts.map((c) => c.fresh);
  const restarts = coldStarts.map((c) => c.existing);

  const ratio = (a: RunResult[], b: RunResult[], f: (x: RunResult) => number) => spread(a.map((x, i) => f(x) / f(b[i]!)));
  const tp = (x: RunResult) => x.throughput;
  const p99 = (x: RunResult) => x.p99;
  const row = (name: string, s: { median: number; min: number; max: number }, digits: number, target: string, pass: boolean) =>
    `| ${name} | ${fmt(s.median, digits)} | ${fmt(s.min, digits)} – ${fmt(s.max, digits)} | ${target} | ${pass ? 'met' : '**missed**'} |`;
  const p1 = ratio(results.P1!, results.B!, tp);
  const p2 = ratio(results.P2!, results.B!, tp);
  const p3abs = spread(results.P3!.map(p99));
  const p3rel = ratio(results.P3!, results.B_open!, p99);
  const p4 = ratio(results.P4_16!, results.P4_4!, p99);
  const start = spread(starts);
  const memory = Math.max(...rss);
  const errors = results.P3!.reduce((s, x) => s + x.errors, 0);
  const lines = [
    `Transitions, ${WORKERS} workers, ${CANDIDATES} candidates, ${REPEATS} interleaved runs of ${RUN_MS} ms after a warm-up; PostgreSQL server ${SERVER.replace(/\/\/[^@]*@/, '//')}.`,
    '',
    '| figure | median | min – max | target | |',
    '|---|---|---|---|---|',
    row('P1 data layer ÷ B (throughput)', p1, 2, '≥ 0.60', p1.median >= 0.6),
    row('P2 HTTP ÷ B (throughput)', p2, 2, '≥ 0.40', p2.median >= 0.4),
    row('P3 p99 at half P2 max (ms)', p3abs, 1, '≤ 50', p3abs.median <= 50),
    row('P3 p99 ÷ B p99 at that rate', p3rel, 2, '≤ 3', p3rel.median <= 3),
    row('P4 p99 16 lanes ÷ 4 lanes', p4, 2, '≤ 2.5', p4.median <= 2.5),
    row('cold start, embedded, new data folder, to ready (ms)', start, 0, '≤ 5000', start.median <= 5000),
    row('start, embedded, existing data folder, to ready (ms)', spread(restarts), 0, '≤ 5000', spread(restarts).median <= 5000),
    `| API resident memory under load (MB, max) | ${fmt(memory, 0)} | | ≤ 250 | ${memory <= 250 ? 'met' : '**missed**'} |`,
    `| errors during P3 | ${errors} | | 0 | ${errors === 0 ? 'met' : '**missed**'} |`,
    `| P2 CPU per request: API process, PostgreSQL backends (µs) | ${fmt(spread(p2Cpu.map((c) => c.apiUs)).median)}, ${fmt(spread(p2Cpu.map((c) => c.dbUs)).median)} | | | |`,
    `| B CPU per transition: benchmark process, PostgreSQL backends (µs) | ${fmt(spread(bCpu.map((c) => c.apiUs)).median)}, ${fmt(spread(bCpu.map((c) => c.dbUs)).median)} | | | |`,
    '',
    'Absolute figures of this machine (median of runs):',
    '',
    '| load | throughput (op/s) | p50 (ms) | p99 (ms) | errors |',
    '|---|---|---|---|---|',
    ...Object.entries(results).map(
      ([k, v]) =>
        `| ${k} | ${fmt(spread(v.map(tp)).median)} | ${fmt(spread(v.map((x) => x.p50)).median, 1)} | ${fmt(spread(v.map(p99)).median, 1)} | ${v.reduce((s, x) => s + x.errors, 0)} |`,
    ),
  ];
  log('');
  log(lines.join('\n'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/transitions.md', `${lines.join('\n')}\n`);
  const ratios = (a: RunResult[], b: RunResult[], f: (x: RunResult) => number) => a.map((x, i) => f(x) / f(b[i]!));
  recordFigures('transitions', [
    figure('P1 data layer ÷ B (throughput)', 'ratio', ratios(results.P1!, results.B!, tp), atLeast(0.6, '≥ 0.60')),
    figure('P2 HTTP ÷ B (throughput)', 'ratio', ratios(results.P2!, results.B!, tp), atLeast(0.4, '≥ 0.40')),
    figure('P3 p99 at half P2 max', 'ms', results.P3!.map(p99), atMost(50)),
    figure('P3 p99 ÷ B p99 at that rate', 'ratio', ratios(results.P3!, results.B_open!, p99), atMost(3)),
    figure('P4 p99 16 lanes ÷ 4 lanes', 'ratio', ratios(results.P4_16!, results.P4_4!, p99), atMost(2.5)),
    figure('B baseline throughput', 'op/s', results.B!.map(tp)),
    figure('P2 HTTP throughput', 'op/s', results.P2!.map(tp)),
    figure('cold start, embedded, new data folder, to ready', 'ms', starts, atMost(5000)),
    figure('start, embedded, existing data folder, to ready', 'ms', restarts, atMost(5000)),
    figure('P2 CPU per request, API process', 'µs', p2Cpu.map((c) => c.apiUs)),
    figure('P2 CPU per request, PostgreSQL backends', 'µs', p2Cpu.map((c) => c.dbUs)),
    figure('B CPU per transition, PostgreSQL backends', 'µs', bCpu.map((c) => c.dbUs)),
    figure('API resident memory under P2 load (max of samples)', 'MB', [memory], atMost(250)),
    figure('errors during P3', 'count', [errors], atMost(0, '0')),
  ]);
}

main().then(
  () => {
    client.close();
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
