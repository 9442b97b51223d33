/**
 * Statistics after a reorganisation (issue 17): 1,000,000 generated candidates in 100 units, then the operations
 * applied through the real use case (ReorganisationService, one audited transaction each): three units merged into
 * a new one, two merged into one of them, one split in two with its open candidates placed (candidate.home_unit_id),
 * one moved below another. Then, on the same server:
 *
 *   B   raw GROUP BY unit_id, kind over the recognised candidates (the cheapest count by unit there is)
 *   R   exemplars by today's unit (statistics/exemplars-by-unit?basis=TODAY: counted off the covering index, mapped
 *       onto the nearest active unit), whole province
 *   N   the same by units as nominated (basis=AS_NOMINATED)
 *   G   the report table's raw baseline (RAW_GROUP_BY: year, field, kind)
 *   T   the report table's query, whole province, after the reorganisation
 *   U   the report table's query for the merged successor's subtree (scoping follows succession)
 * Each figure is the median of BENCH_REPEATS runs after a warm-up (wall time at the client) with the server's own
 * execution time from EXPLAIN ANALYZE. Targets: R / B and T / G ≤ 1.5.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/reorganisation.js
 */
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApplication } from '../apps/api/src/application.js';
import { systemActor } from '../apps/api/src/common/actor.js';
import { loadConfig } from '../apps/api/src/config/app-config.js';
import { UnitsService } from '../apps/api/src/units/units.service.js';
import { ReorganisationService } from '../apps/api/src/reorganisation/reorganisation.service.js';
import type { ReorganisationDto } from '../apps/api/src/reorganisation/dto/reorganisation.dto.js';
import { exemplarsByUnitQuery } from '../apps/api/src/reorganisation/units-over-time.js';
import { statisticsTableQuery, type TableFilters } from '../apps/api/src/statistics/statistics-table.query.js';
import { RAW_GROUP_BY, generateCandidates } from '../test/support/statistics-data.js';
import { atMost, figure, recordFigures } from './figures.js';
import { fmt, spread } from './stats.js';

const RECORD_KEYS = `bench:${randomBytes(32).toString('base64')}`;
const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'dth_bench_reorganisation';
const DB_URL = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);
const RAW_BY_UNIT = `SELECT unit_id, kind, count(*)::int AS n FROM candidate
  WHERE state IN ('recognised', 'replicating', 'replicationEnded') AND year BETWEEN 1945 AND 2100 GROUP BY unit_id, kind`;

const log = (line: string) => process.stdout.write(`${line}\n`);
const DOC = { effectiveOn: '2025-07-01', documentNumber: '1658/NQ-UBTVQH15', documentDate: '2025-06-16', documentAuthority: 'Ủy ban Thường vụ Quốc hội' };

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  await admin.end();
  const config = loadConfig({ DATABASE_URL: DB_URL, LOG_LEVEL: 'silent', SEED_DEMO: 'false', DB_POOL_MAX: '4', AUDIT_SIGNING_KEY: SIGNING_KEY, AUDIT_RECORD_KEYS: RECORD_KEYS, DB_STATEMENT_TIMEOUT_MS: '600000' });
  const app = await createApplication(config);
  const raw = new pg.Client({ connectionString: DB_URL });
  await raw.connect();
  try {
    const actor = systemActor('bench');
    const province = await app.app.get(UnitsService).create({ name: 'Tỉnh đo hiệu năng', level: 'PROVINCE', sector: 'STATE' }, actor);
    let t0 = performance.now();
    await generateCandidates(raw, { id: province.id, path: `/${province.id}/` }, CANDIDATES);
    log(`generated ${CANDIDATES} candidates in 100 units in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const units = ((await raw.query(`SELECT id FROM unit WHERE parent_id = $1 ORDER BY path`, [province.id])).rows as { id: string }[]).map((r) => r.id);
    const reorganisations = app.app.get(ReorganisationService);
    const apply = async (what: string, dto: Partial<ReorganisationDto>) => {
      const started = performance.now();
      const op = await reorganisations.apply({ ...DOC, ...dto } as ReorganisationDto, actor);
      log(`  ${what}: ${fmt((performance.now() - started) / 1000, 2)} s (${op.effect.candidateCount} candidates change unit)`);
      return op;
    };
    log('reorganisation, through ReorganisationService:');
    const merged = await apply('merge 3 units into a new one', { kind: 'MERGE', unitIds: units.slice(0, 3), newUnit: { name: 'Đơn vị hợp nhất', level: 'DISTRICT', sector: 'STATE', parentId: province.id } });
    await apply('merge 2 units into one of them', { kind: 'MERGE', unitIds: units.slice(3, 5), intoUnitId: units[3] });
    const open = ((await raw.query(`SELECT id FROM candidate WHERE unit_id = $1 AND state IN ('discovered','nurturing','returned','underReview','publicNotice','replicating') ORDER BY id`, [units[5]])).rows as { id: string }[]).map((r) => r.id);
    await apply(`split 1 unit in two (${open.length} open candidates placed)`, {
      kind: 'SPLIT',
      unitId: units[5],
      parts: [{ newUnit: { name: 'Phần một', level: 'DISTRICT', sector: 'STATE' } }, { newUnit: { name: 'Phần hai', level: 'DISTRICT', sector: 'STATE' } }],
      placements: open.map((id, i) => ({ kind: 'CANDIDATE' as const, id, part: i % 2 })),
    });
    await apply('move 1 unit below another', { kind: 'MOVE', unitId: units[6], parentId: units[7] });
    await raw.query('VACUUM ANALYZE candidate');
    await raw.query('VACUUM ANALYZE unit');

    const successor = merged.effect.units.find((u) => u.change === 'CREATED')!;
    const [{ path: successorPath }] = (await raw.query('SELECT path FROM unit WHERE id = $1', [successor.id])).rows as { path: string }[];
    const everything = { kind: 'everything' } as const;
    const today = exemplarsByUnitQuery('TODAY', 1945, 2100, everything);
    const nominated = exemplarsByUnitQuery('AS_NOMINATED', 1945, 2100, everything);
    const province_: TableFilters = { field: null, yearFrom: 1945, yearTo: 2100, reach: everything, sector: null, includeHistory: true, separateHouseholds: false };
    const table = statisticsTableQuery(province_);
    const ofSuccessor = statisticsTableQuery({ ...province_, reach: { kind: 'subtree', path: successorPath! }, includeHistory: false });

    // The invariant, at this size: both groupings and the table count the same exemplars.
    const sum = async (q: { sql: string; params: unknown[] }) => ((await raw.query(q.sql, q.params)).rows as { total: number }[]).reduce((s, r) => s + r.total, 0);
    const [a, b] = [await sum(today), await sum(nominated)];
    const [{ n }] = (await raw.query(`SELECT count(*)::int AS n FROM candidate WHERE state IN ('recognised','replicating','replicationEnded')`)).rows as { n: number }[];
    log(`exemplars: by today's units ${a}, by units as nominated ${b}, counted directly ${n}${a === b && b === n ? ' (equal)' : ' — NOT EQUAL'}`);
    if (a !== b || b !== n) throw new Error('the statistics invariant does not hold');

    const queries: Record<string, { sql: string; params: unknown[] }> = {
      B: { sql: RAW_BY_UNIT, params: [] },
      R: today,
      N: nominated,
      G: { sql: RAW_GROUP_BY, params: [] },
      T: table,
      U: ofSuccessor,
    };
    const wall: Record<string, number[]> = {};
    const exec: Record<string, number[]> = {};
    for (const [name, q] of Object.entries(queries)) {
      wall[name] = [];
      exec[name] = [];
      await raw.query(q.sql, q.params); // warm-up
    }
    for (let i = 0; i < REPEATS; i++) {
      for (const [name, q] of Object.entries(queries)) {
        t0 = performance.now();
        await raw.query(q.sql, q.params);
        wall[name]!.push(performance.now() - t0);
        const [row] = (await raw.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.params)).rows as { 'QUERY PLAN': { 'Execution Time': number }[] }[];
        exec[name]!.push(row!['QUERY PLAN'][0]!['Execution Time']);
      }
    }
    const line = (name: string, what: string) => {
      const w = spread(wall[name]!);
      const e = spread(exec[name]!);
      log(`${name}  ${what.padEnd(52)} wall ${fmt(w.median, 1)} ms (${fmt(w.min, 1)}–${fmt(w.max, 1)})   server ${fmt(e.median, 1)} ms (${fmt(e.min, 1)}–${fmt(e.max, 1)})`);
    };
    log(`\n${CANDIDATES} candidates after the reorganisation, ${REPEATS} runs each, median (min–max):`);
    line('B', 'raw GROUP BY unit_id, kind');
    line('R', 'exemplars by today’s unit (whole province)');
    line('N', 'exemplars by unit as nominated (whole province)');
    line('G', 'raw GROUP BY year, field, kind');
    line('T', 'the report table (whole province)');
    line('U', 'the report table (merged successor’s subtree)');
    const ratio = (x: string, y: string) => `${fmt(spread(wall[x]!).median / spread(wall[y]!).median, 2)} (wall), ${fmt(spread(exec[x]!).median / spread(exec[y]!).median, 2)} (server)`;
    log(`R / B = ${ratio('R', 'B')}`);
    log(`N / B = ${ratio('N', 'B')}`);
    log(`T / G = ${ratio('T', 'G')}`);
    // The target, on the wall-clock medians: within 1.5x of the raw GROUP BY after the reorganisation.
    const within = (x: string, y: string) => spread(wall[x]!).median / spread(wall[y]!).median <= 1.5;
    log(`targets: R / B ≤ 1.5 ${within('R', 'B') ? 'met' : 'NOT met'}; T / G ≤ 1.5 ${within('T', 'G') ? 'met' : 'NOT met'}`);
    const per = (x: string, y: string) => wall[x]!.map((v, i) => v / wall[y]![i]!);
    recordFigures('reorganisation', [
      figure('exemplars by today’s unit ÷ raw GROUP BY, after a reorganisation (wall)', 'ratio', per('R', 'B'), atMost(1.5)),
      figure('report table ÷ raw GROUP BY, after a reorganisation (wall)', 'ratio', per('T', 'G'), atMost(1.5)),
      figure('report table, merged successor’s subtree (wall)', 'ms', wall.U!),
    ]);
  } finally {
    await raw.end();
    await app.close();
    if (!process.env.BENCH_KEEP) {
      const cleanup = new pg.Client({ connectionString: SERVER });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
      await cleanup.end();
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
