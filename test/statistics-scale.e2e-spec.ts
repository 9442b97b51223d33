/**
 * The statistics table at scale: on the PostgreSQL server, a generated province of 1,000,000 candidates; the
 * table's one aggregate query must count them with an index-only scan of its partial covering index
 * (IDX_candidate_statistics) and give exactly what a raw GROUP BY gives. The measured times of both are
 * printed by bench/statistics.ts, not here.
 *
 * On the embedded database (PGlite: PostgreSQL compiled to WebAssembly, a fresh in-memory instance per test
 * file) a million rows would take minutes to write and most of a gigabyte of memory, so the embedded run uses
 * 20,000 candidates: enough for the planner to prefer the index, and the same checks.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCodes } from '#domain';
import { statisticsTableQuery } from '../apps/api/src/statistics/statistics-table.query.js';
import { startTestApp, type TestApp } from './support/app.js';
import { onServer } from './support/databases.js';
import { SECRETARY } from './support/factories.js';
import { GENERATED_YEARS, RAW_GROUP_BY, generateCandidates, planNodes } from './support/statistics-data.js';

const CANDIDATES = onServer ? 1_000_000 : 20_000;

let t: TestApp;
beforeAll(async () => {
  // Writing a million rows in one statement takes longer than the application's statement timeout allows.
  // The generated province is planted by SQL, without history (it measures the query): nothing to verify on close.
  t = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '600000' }, { verifyOnClose: false });
  // As the owner: VACUUM (the visibility map an index-only scan needs) is the table owner's, and the app owns nothing.
  await generateCandidates(t.admin, { id: t.provinceId, path: `/${t.provinceId}/` }, CANDIDATES);
}, 600_000);
afterAll(async () => {
  await t?.close();
});

const explain = async (sql: string, params: unknown[] = []) =>
  planNodes(((await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as { 'QUERY PLAN': unknown }[])[0]!['QUERY PLAN']);

const usesStatisticsIndex = (nodes: Record<string, unknown>[]) =>
  nodes.some((n) => n['Node Type'] === 'Index Only Scan' && n['Index Name'] === 'IDX_candidate_statistics');
const scansCandidateTable = (nodes: Record<string, unknown>[]) => nodes.some((n) => n['Relation Name'] === 'candidate' && String(n['Node Type']).includes('Seq Scan'));

describe(`the statistics table over ${CANDIDATES.toLocaleString('en')} generated candidates`, () => {
  it('has them all', async () => {
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM candidate')).toEqual([{ n: CANDIDATES }]);
  });

  it.each([
    ['the whole province', null, null],
    ['one unit’s subtree', 'unit', null],
    ['one sector', null, 'STATE'],
  ] as const)('for %s, counts with an index-only scan of IDX_candidate_statistics and never reads the candidate table', async (_, unit, sector) => {
    const [first] = (await t.dataSource.query('SELECT path FROM unit WHERE parent_id = $1 ORDER BY path LIMIT 1', [t.provinceId])) as { path: string }[];
    const { sql, params } = statisticsTableQuery({
      field: null,
      yearFrom: 1945,
      yearTo: 2100,
      reach: unit ? { kind: 'subtree', path: first!.path } : { kind: 'everything' },
      sector,
      includeHistory: !unit && !sector,
      separateHouseholds: false,
    });
    const nodes = await explain(sql, params);
    expect({ index: usesStatisticsIndex(nodes), seqScanOfCandidate: scansCandidateTable(nodes) }).toEqual({ index: true, seqScanOfCandidate: false });
  });

  it('gives exactly what a raw GROUP BY over the same rows gives, households with individuals', async () => {
    const raw = (await t.dataSource.query(RAW_GROUP_BY)) as { year: number; field: string; kind: string; n: number }[];
    const n = (year: number, field: string, kind: string) => raw.find((r) => r.year === year && r.field === field && r.kind === kind)?.n ?? 0;
    const res = await t.as(SECRETARY).get('/api/statistics/exemplars');
    expect(res.status).toBe(200);
    const years = Array.from({ length: GENERATED_YEARS.to - GENERATED_YEARS.from + 1 }, (_, i) => GENERATED_YEARS.from + i);
    expect(res.body.years.map((y: { year: number; source: string }) => [y.year, y.source])).toEqual(years.map((y) => [y, 'LIVE']));
    for (const y of res.body.years as { year: number; rows: { field: string; collective: number; individual: number }[] }[]) {
      expect(y.rows.map((r) => [r.field, r.collective, r.individual])).toEqual(
        FieldCodes.map((f) => [f, n(y.year, f, 'COLLECTIVE'), n(y.year, f, 'INDIVIDUAL') + n(y.year, f, 'HOUSEHOLD')]),
      );
    }
    const recognised = raw.reduce((s, r) => s + r.n, 0);
    // About four in ten are generated in a counted state; the rest must not count.
    expect(Math.abs(recognised / CANDIDATES - 0.4)).toBeLessThan(0.01);
    expect(res.body.total.collective + res.body.total.individual).toBe(recognised);
  });

  it('the raw GROUP BY it is measured against uses the same index', async () => {
    expect(usesStatisticsIndex(await explain(RAW_GROUP_BY))).toBe(true);
  });
});
