/**
 * Every figure of the last run of each benchmark in one table (the end of `npm run bench`), read from
 * bench/results/*.json (bench/figures.ts), and written to bench/results/summary.md.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist/bench/summary.js
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFigures, RESULTS_DIR, type Figure } from './figures.js';

const number = (n: number, unit: string): string => {
  if (!Number.isFinite(n)) return '—';
  const digits = Math.abs(n) >= 100 || unit === 'ms' && Math.abs(n) >= 10 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

const verdict = (f: Figure): string => (f.met === undefined ? '' : f.met ? 'met' : '**missed**');

function main(): void {
  const runs = readFigures();
  if (runs.length === 0) {
    process.stdout.write(`No figures in ${RESULTS_DIR}: run the benchmarks first (npm run bench).\n`);
    process.exitCode = 1;
    return;
  }
  const lines = ['| benchmark | figure | median | min | max | unit | target | |', '|---|---|---|---|---|---|---|---|'];
  for (const run of runs)
    for (const f of run.figures)
      lines.push(`| ${run.bench} | ${f.name} | ${number(f.median, f.unit)} | ${number(f.min, f.unit)} | ${number(f.max, f.unit)} | ${f.unit} | ${f.target ?? ''} | ${verdict(f)} |`);
  const missed = runs.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => `${r.bench}: ${f.name}`));
  lines.push('', 'Runs (load average 1, 5, 15 min at the end of each):', '');
  for (const run of runs) lines.push(`- ${run.bench}: ${run.at}, load ${run.load.join(', ')}`);
  lines.push('', missed.length ? `Missed (${missed.length}): ${missed.join('; ')}` : 'Every target met.');
  const text = `${lines.join('\n')}\n`;
  process.stdout.write(`\n${text}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'summary.md'), text);
}

main();
