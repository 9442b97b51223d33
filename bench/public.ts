/**
 * Public pages benchmark: the gallery's list page and an exemplar's page (/cong-khai, server-rendered HTML, no
 * sign-in) from the API process with the database on, against a static file served by the same process (the web
 * app's favicon.svg, through the same Express and Nest stack's static middleware) as the baseline.
 *
 *   S   GET /favicon.svg                          the baseline: a static file from apps/web/dist
 *   G   GET /cong-khai/dien-hinh                  the gallery's first page (20 of the province's exemplars)
 *   Q   GET /cong-khai/dien-hinh?q=dien+hinh+1&…  a search without diacritics with a filter (a different page each time)
 *   E   GET /cong-khai/dien-hinh/:id              an exemplar's page (one of 200, round-robin)
 *   O   open loop at 1,000 requests/s over G and E: p99 must stay under 50 ms (latency from the scheduled start)
 *   V   GET /cong-khai/xac-minh?so=…               the verification page of a certificate's number (the demo's signed
 *                                                 decision: the stored signed PDF's signature is checked again each time)
 *   A   GET /api/verifications?reference=…        the same verification through the API (JSON)
 * V and A run on a second database seeded with the demo province (SEED_DEMO=true), against S of that process.
 * Closed loop: BENCH_WORKERS keep-alive clients for BENCH_RUN_MS, median of BENCH_REPEATS interleaved runs, with
 * the CPU time per request of the API process and of its PostgreSQL backends (what a busy machine disturbs least,
 * and the throughput one free core would give).
 * Targets (issue 19): G and E at ≥ 1,000 requests/s with p99 < 50 ms. The API runs as its own process (the built
 * product, as in production; bench/http.ts), the load comes from this one. Rendered pages are kept by the API per
 * version of what they show (public_page_version, read once per request and shared by the readers of a round
 * trip) and answered before the Nest stack; Q varies its query so most of its requests render.
 *
 * Run: npm run build && npm run bench:public
 * (BENCH_DATABASE_URL: the server, default postgres://postgres@127.0.0.1:5432/postgres; BENCH_CANDIDATES: 20000.)
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApplication } from '../apps/api/src/application.js';
import { systemActor } from '../apps/api/src/common/actor.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { UnitsService } from '../apps/api/src/units/units.service.js';
import { generateCandidates } from '../test/support/statistics-data.js';
import { BENCH_SERVER, benchDatabaseUrl, benchKeys, httpClient, startApiServer, stopApiServer, withCpu } from './http.js';
import { closedLoop, openLoop } from './load.js';
import { atLeast, below, figure, recordFigures, type Figure } from './figures.js';
import { fmt, spread, type RunResult } from './stats.js';

const { recordKeys: RECORD_KEYS, signingKey: SIGNING_KEY } = benchKeys();
const SERVER = BENCH_SERVER;
const DB = 'dth_bench_public';
const DB_URL = benchDatabaseUrl(DB);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 20_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 16);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 3000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const OPEN_RATE = Number(process.env.BENCH_OPEN_RATE ?? 1000);
const HTTP_PORT = 3991;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const config = loadConfig({ DATABASE_URL: DB_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DB_POOL_MAX: '16', AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_RECORD_KEYS: RECORD_KEYS });
  // The schema and the data, by the application in this process; then the API on its own.
  const setup = await createApplication(config);
  let ids: string[];
  let n: number;
  try {
    const province = await setup.app.get(UnitsService).create({ name: 'Tỉnh đo hiệu năng', level: 'PROVINCE', sector: 'STATE' }, systemActor('bench'));
    const raw = new pg.Client({ connectionString: DB_URL });
    await raw.connect();
    await generateCandidates(raw, { id: province.id, path: `/${province.id}/` }, CANDIDATES, 50);
    ids = ((await raw.query(`SELECT id FROM candidate WHERE state IN ('recognised','replicating','replicationEnded') ORDER BY id LIMIT 200`)).rows as { id: string }[]).map((r) => r.id);
    [{ n }] = (await raw.query(`SELECT count(*)::int AS n FROM candidate WHERE state IN ('recognised','replicating','replicationEnded')`)).rows as { n: number }[];
    await raw.end();
  } finally {
    await setup.close();
  }
  log(`${CANDIDATES} candidates generated, ${n} of them recognised exemplars in the gallery`);

  const server = await startApiServer(HTTP_PORT, { DATABASE_URL: DB_URL, DB_POOL_MAX: '16', AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_RECORD_KEYS: RECORD_KEYS });
  const client = httpClient(HTTP_PORT, WORKERS * 4);
  try {
    const get = client.get;
    for (const path of ['/favicon.svg', '/cong-khai/dien-hinh', `/cong-khai/dien-hinh/${ids[0]}`]) await get(path);

    let e = 0;
    let q = 0;
    const ops: Record<string, (w: number) => Promise<void>> = {
      S: () => get('/favicon.svg'),
      G: () => get('/cong-khai/dien-hinh'),
      Q: () => get(`/cong-khai/dien-hinh?q=dien+hinh+${++q % 5000}&linh-vuc=ECONOMY`),
      E: () => get(`/cong-khai/dien-hinh/${ids[e++ % ids.length]}`),
    };
    // Warm-up: every page of E rendered once, then each operation for a moment.
    for (const id of ids) await get(`/cong-khai/dien-hinh/${id}`);
    for (const op of Object.values(ops)) await closedLoop(WORKERS, 500, op);
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    const runs: Record<string, (RunResult & { apiUs: number; dbUs: number })[]> = { S: [], G: [], Q: [], E: [] };
    for (let r = 0; r < REPEATS; r++) for (const [k, op] of Object.entries(ops)) runs[k]!.push(await withCpu(server.pid!, admin, () => closedLoop(WORKERS, RUN_MS, op), DB));
    await admin.end();
    const s = spread(runs.S!.map((x) => x.throughput)).median;
    const lines = [`closed loop, ${WORKERS} keep-alive clients, ${RUN_MS} ms × ${REPEATS} (median [min–max]):`];
    for (const [k, results] of Object.entries(runs)) {
      const rate = spread(results.map((x) => x.throughput));
      const p99 = spread(results.map((x) => x.p99));
      const p50 = spread(results.map((x) => x.p50));
      const errors = results.reduce((sum, x) => sum + x.errors, 0);
      const api = spread(results.map((x) => x.apiUs)).median;
      const db = spread(results.map((x) => x.dbUs)).median;
      lines.push(
        `  ${k}  ${fmt(rate.median)} req/s [${fmt(rate.min)}–${fmt(rate.max)}]  p50 ${fmt(p50.median, 1)} ms  p99 ${fmt(p99.median, 1)} ms  ${fmt(rate.median / s, 2)} × S  errors ${errors}` +
          `  CPU/request: API ${fmt(api)} µs + PostgreSQL ${fmt(db)} µs (one core: ${fmt(1e6 / (api + db))} req/s)`,
      );
    }
    let i = 0;
    const open = await openLoop(OPEN_RATE, RUN_MS * 2, WORKERS * 4, () => (i++ % 2 === 0 ? ops.G!(0) : ops.E!(0)));
    lines.push(`  O  open loop at ${OPEN_RATE} req/s over G and E: ${fmt(open.throughput)} req/s done, p50 ${fmt(open.p50, 1)} ms, p99 ${fmt(open.p99, 1)} ms, errors ${open.errors}`);
    const g = spread(runs.G!.map((x) => x.throughput)).median;
    const ex = spread(runs.E!.map((x) => x.throughput)).median;
    const ok = g >= 1000 && ex >= 1000 && open.p99 < 50 && open.errors === 0;
    lines.push(`targets: G and E ≥ 1000 req/s, p99 < 50 ms at ${OPEN_RATE} req/s: ${ok ? 'met' : 'NOT met'}`);
    for (const line of lines) log(line);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/public.md', `${lines.join('\n')}\n`);
    const rates = (k: string) => runs[k]!.map((x) => x.throughput);
    figures.push(
      figure('S static file (baseline)', 'req/s', rates('S')),
      figure('G gallery list', 'req/s', rates('G'), atLeast(1000)),
      figure('G gallery list ÷ S', 'ratio', runs.G!.map((x, r) => x.throughput / runs.S![r]!.throughput)),
      figure('E exemplar page', 'req/s', rates('E'), atLeast(1000)),
      figure('E exemplar page ÷ S', 'ratio', runs.E!.map((x, r) => x.throughput / runs.S![r]!.throughput)),
      figure('Q gallery search (renders)', 'req/s', rates('Q')),
      figure(`O open loop at ${OPEN_RATE} req/s over G and E, p99`, 'ms', [open.p99], below(50)),
      figure('O errors', 'count', [open.errors], { text: '0', met: (m) => m === 0 }),
    );
  } finally {
    client.close();
    await stopApiServer(server);
  }
}

/**
 * V and A: the verification page and API for the numbers of the demo's issued, signed decision and its certificates,
 * on a database of their own seeded with the demo province by the API itself.
 */
async function verificationPages(): Promise<void> {
  const database = `${DB}_verify`;
  const url = benchDatabaseUrl(database);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const keyDir = mkdtempSync(join(tmpdir(), 'dth-bench-keys-'));
  const server = await startApiServer(HTTP_PORT, { DATABASE_URL: url, DB_POOL_MAX: '16', KEY_DIR: keyDir, SEED_DEMO: 'true', AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_RECORD_KEYS: RECORD_KEYS });
  const client = httpClient(HTTP_PORT, WORKERS * 4);
  try {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const references = ((await raw.query(
      `SELECT r.serial AS reference FROM decision_recipient r WHERE r.serial IS NOT NULL
       UNION ALL SELECT d.number || '/' || d.symbol FROM recognition_decision d`,
    )).rows as { reference: string }[]).map((r) => encodeURIComponent(r.reference));
    await raw.end();
    if (references.length === 0) throw new Error('the demo has no issued decision to verify');
    log(`verification: ${references.length} numbers of the demo's issued decisions and certificates`);
    let v = 0;
    let a = 0;
    const ops: Record<string, (w: number) => Promise<void>> = {
      S: () => client.get('/favicon.svg'),
      V: () => client.get(`/cong-khai/xac-minh?so=${references[v++ % references.length]}`),
      A: () => client.get(`/api/verifications?reference=${references[a++ % references.length]}`),
    };
    for (const op of Object.values(ops)) await closedLoop(WORKERS, 500, op);
    const runs: Record<string, (RunResult & { apiUs: number; dbUs: number })[]> = { S: [], V: [], A: [] };
    for (let r = 0; r < REPEATS; r++) for (const [k, op] of Object.entries(ops)) runs[k]!.push(await withCpu(server.pid!, admin, () => closedLoop(WORKERS, RUN_MS, op), database));
    for (const [k, results] of Object.entries(runs)) {
      const rate = spread(results.map((x) => x.throughput));
      log(`  ${k}  ${fmt(rate.median)} req/s [${fmt(rate.min)}–${fmt(rate.max)}]  p99 ${fmt(spread(results.map((x) => x.p99)).median, 1)} ms  CPU/request: API ${fmt(spread(results.map((x) => x.apiUs)).median)} µs  errors ${results.reduce((n, x) => n + x.errors, 0)}`);
    }
    figures.push(
      figure('V verification page of a number (signature checked)', 'req/s', runs.V!.map((x) => x.throughput)),
      figure('V verification page ÷ S of its process', 'ratio', runs.V!.map((x, r) => x.throughput / runs.S![r]!.throughput)),
      figure('V verification page, p99', 'ms', runs.V!.map((x) => x.p99)),
      figure('A verification API of a number', 'req/s', runs.A!.map((x) => x.throughput)),
    );
  } finally {
    client.close();
    await stopApiServer(server);
    rmSync(keyDir, { recursive: true, force: true });
    if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

const figures: Figure[] = [];

async function dropDatabase(): Promise<void> {
  if (process.env.BENCH_KEEP) return;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.end();
}

async function run(): Promise<void> {
  try {
    await main();
  } finally {
    await dropDatabase();
  }
  await verificationPages();
  recordFigures('public', figures);
}

run().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
