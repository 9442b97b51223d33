/**
 * Statistics benchmark: the report's table over a generated province of 1,000,000 candidates against
 * a raw `SELECT year, field, kind, count(*) … GROUP BY` over the same rows, on the same PostgreSQL server.
 *
 *   B   raw GROUP BY of the recognised candidates (test/support/statistics-data.ts RAW_GROUP_BY)
 *   T   the table's one aggregate query (apps/api/src/statistics/statistics-table.query.ts), whole province
 *   S   the table as the API builds it (StatisticsService.table: the query plus shaping the rows), no HTTP
 *   U   the table's query for one unit's subtree (1/100 of the units)
 * Each figure is the median of BENCH_REPEATS runs after a warm-up, wall time at the client, with min and max,
 * and the server's own execution time from EXPLAIN ANALYZE. The plan of T is printed: it must be an index-only
 * scan of IDX_candidate_statistics.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/statistics.js
 * (BENCH_DATABASE_URL: the server, default postgres://postgres@127.0.0.1:5432/postgres; BENCH_CANDIDATES: 1000000.)
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { AccessRefusals } from '../apps/api/src/access/access-refusals.js';
import type { MovementAccess } from '../apps/api/src/access/movement-access.js';
import type { Actor } from '../apps/api/src/common/actor.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options.js';
import { migrateWithLock } from '../apps/api/src/database/migrate.js';
import { UnitRepository } from '../apps/api/src/units/unit.repository.js';
import { UnitScope } from '../apps/api/src/access/unit-scope.js';
import { statisticsTableQuery, type TableFilters } from '../apps/api/src/statistics/statistics-table.query.js';
import { StatisticsRepository } from '../apps/api/src/statistics/statistics.repository.js';
import { StatisticsService } from '../apps/api/src/statistics/statistics.service.js';
import { StatisticsSeriesService } from '../apps/api/src/statistics/statistics-series.service.js';
import type { AuditWriter } from '../apps/api/src/audit/audit.writer.js';
import { RAW_GROUP_BY, generateCandidates, planNodes } from '../test/support/statistics-data.js';
import { atMost, below, figure, recordFigures } from './figures.js';
import { fmt, spread } from './stats.js';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'dth_bench_statistics';
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);
const ROOT = { id: '00000000-0000-4000-8000-00000000b000', path: '/00000000-0000-4000-8000-00000000b000/' };

const log = (line: string) => process.stdout.write(`${line}\n`);
const urlOf = (database: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  return u.toString();
};

async function main(): Promise<void> {
  const options = { ...loadConfig({}), DB_POOL_MAX: 2, DB_STATEMENT_TIMEOUT_MS: 600_000, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 600_000 };
  const admin = new DataSource(dataSourceOptions(SERVER, options));
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.destroy();

  const db = new DataSource(dataSourceOptions(urlOf(DB), options));
  await db.initialize();
  try {
    await migrateWithLock(db);
    await db.query(
      `INSERT INTO unit (id, code, name, level, sector, parent_id, path, version, created_at, updated_at) VALUES ($1, NULL, 'Tỉnh', 'PROVINCE', 'STATE', NULL, $2, 1, now(), now())`,
      [ROOT.id, ROOT.path],
    );
    let t0 = performance.now();
    await generateCandidates(db, ROOT, CANDIDATES);
    log(`generated ${CANDIDATES} candidates (INSERT … SELECT generate_series, then VACUUM ANALYZE) in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const [{ recognised }] = (await db.query(`SELECT count(*)::int AS recognised FROM candidate WHERE state IN ('recognised', 'replicating', 'replicationEnded')`)) as {
      recognised: number;
    }[];
    log(`recognised (counted): ${recognised}`);

    const province: TableFilters = { field: null, yearFrom: 1945, yearTo: 2100, reach: { kind: 'everything' }, sector: null, includeHistory: true, separateHouseholds: false };
    const [unit] = (await db.query('SELECT path FROM unit WHERE parent_id = $1 ORDER BY path LIMIT 1', [ROOT.id])) as { path: string }[];
    const table = statisticsTableQuery(province);
    const ofUnit = statisticsTableQuery({ ...province, reach: { kind: 'subtree', path: unit!.path }, includeHistory: false });
    const secretariat: Actor = { accountId: ROOT.id, username: 'bench', role: 'COUNCIL_SECRETARY', unitId: ROOT.id, unitPath: ROOT.path };
    // The secretariat's scope is the whole province and no movement is named: the refusal recorder and the
    // movement access are never reached.
    const service = new StatisticsService(new StatisticsRepository(db), new UnitScope(db, new UnitRepository(), {} as AccessRefusals), {} as MovementAccess, new StatisticsSeriesService(db, {} as AuditWriter));

    const plan = planNodes(((await db.query(`EXPLAIN (FORMAT JSON) ${table.sql}`, table.params)) as { 'QUERY PLAN': unknown }[])[0]!['QUERY PLAN']);
    const scans = plan.filter((n) => n['Relation Name'] === 'candidate').map((n) => `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}`);
    log(`plan of T on candidate: ${scans.join('; ')}`);

    const runs: Record<string, () => Promise<unknown>> = {
      B: () => db.query(RAW_GROUP_BY),
      T: () => db.query(table.sql, table.params),
      S: () => service.table(secretariat, {}),
      U: () => db.query(ofUnit.sql, ofUnit.params),
    };
    const serverSide: Record<string, string> = {
      B: RAW_GROUP_BY,
      T: table.sql,
      U: ofUnit.sql,
    };
    const params: Record<string, unknown[]> = { B: [], T: table.params, U: ofUnit.params };
    const wall: Record<string, number[]> = { B: [], T: [], S: [], U: [] };
    const exec: Record<string, number[]> = { B: [], T: [], U: [] };
    for (const name of Object.keys(runs)) await runs[name]!(); // warm-up
    // Interleaved, so that a disturbance on the machine affects all alike.
    for (let i = 0; i < REPEATS; i++) {
      for (const [name, run] of Object.entries(runs)) {
        t0 = performance.now();
        await run();
        wall[name]!.push(performance.now() - t0);
      }
      for (const [name, sql] of Object.entries(serverSide)) {
        const [row] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params[name])) as { 'QUERY PLAN': { 'Execution Time': number }[] }[];
        exec[name]!.push(row!['QUERY PLAN'][0]!['Execution Time']);
      }
    }
    const line = (name: string, what: string) => {
      const w = spread(wall[name]!);
      const e = exec[name] ? spread(exec[name]!) : null;
      log(`${name}  ${what.padEnd(48)} wall ${fmt(w.median, 1)} ms (${fmt(w.min, 1)}–${fmt(w.max, 1)})${e ? `   server ${fmt(e.median, 1)} ms (${fmt(e.min, 1)}–${fmt(e.max, 1)})` : ''}`);
    };
    log(`\n${CANDIDATES} candidates, ${REPEATS} runs each, median (min–max):`);
    line('B', 'raw GROUP BY year, field, kind');
    line('T', 'the table’s aggregate query (whole province)');
    line('S', 'StatisticsService.table (query + shaping)');
    line('U', 'the table’s aggregate query (one unit subtree)');
    log(`T / B = ${fmt(spread(wall.T!).median / spread(wall.B!).median, 2)} (wall), ${fmt(spread(exec.T!).median / spread(exec.B!).median, 2)} (server)`);
    const per = (x: string, y: string, of: Record<string, number[]>) => of[x]!.map((v, i) => v / of[y]![i]!);
    recordFigures('statistics', [
      figure(`statistics table ÷ raw GROUP BY, ${CANDIDATES.toLocaleString('en-US')} candidates (wall)`, 'ratio', per('T', 'B', wall), atMost(1.5)),
      figure(`statistics table ÷ raw GROUP BY, ${CANDIDATES.toLocaleString('en-US')} candidates (server)`, 'ratio', per('T', 'B', exec)),
      figure(`statistics table, ${CANDIDATES.toLocaleString('en-US')} candidates (wall)`, 'ms', wall.T!, below(500)),
      figure('statistics table, one unit subtree (wall)', 'ms', wall.U!),
    ]);
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP) {
      const cleanup = new DataSource(dataSourceOptions(SERVER, options));
      await cleanup.initialize();
      await cleanup.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
      await cleanup.destroy();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
