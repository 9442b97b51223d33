/**
 * `npm run bench`: every benchmark in turn, each in a process of its own (a failed one does not stop the others),
 * then one table of every figure with its median, min and max (bench/summary.ts). The results of earlier runs are
 * cleared first, so that the table shows this run only. Exits non-zero when a benchmark failed; a missed target is
 * reported in the table, not as a failure.
 *
 * Run: npm run bench (builds first), or: npx tsc -p tsconfig.bench.json && node dist/bench/all.js [name …]
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR } from './figures.js';

const here = dirname(fileURLToPath(import.meta.url));

/** In the order of the issue's table; each with the arguments of the project's standard run. */
const BENCHMARKS: [name: string, args: string[]][] = [
  ['transitions', []],
  ['statistics', []],
  ['reorganisation', []],
  ['audit-verify', ['--records', '1000000']],
  ['public', []],
  ['decision-documents', []],
  ['backup', ['--candidates', '100000']],
];

const only = process.argv.slice(2);
const chosen = only.length ? BENCHMARKS.filter(([name]) => only.includes(name)) : BENCHMARKS;
if (!only.length) rmSync(RESULTS_DIR, { recursive: true, force: true });
const failed: string[] = [];
for (const [name, args] of chosen) {
  process.stdout.write(`\n=== ${name} ${args.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, `${name}.js`), ...args], { stdio: 'inherit' });
  process.stdout.write(`=== ${name}: ${run.status === 0 ? 'done' : `FAILED (${run.status ?? run.signal})`} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  if (run.status !== 0) failed.push(name);
}
spawnSync(process.execPath, [join(here, 'summary.js')], { stdio: 'inherit' });
if (failed.length) {
  process.stdout.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
