/**
 * The figures a benchmark measured, kept in bench/results/<bench>.json so that `npm run bench` can end with one
 * table of every figure (bench/summary.ts): its median, min and max over the benchmark's repeated runs, its target
 * and whether the median meets it. A figure measured once has min = max = median.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { spread } from './stats.js';

export const RESULTS_DIR = 'bench/results';

export interface Figure {
  /** What is measured, as the issue names it. */
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  /** The target as written (e.g. "≥ 0.40"); absent for a figure reported without one. */
  target?: string;
  met?: boolean;
}

export interface BenchFigures {
  bench: string;
  /** ISO time of the run, and the load average when it ended: a busy machine lowers absolute figures. */
  at: string;
  load: number[];
  figures: Figure[];
}

/** One figure from repeated measurements, its target checked on the median. */
export function figure(name: string, unit: string, values: number[], target?: { text: string; met: (median: number) => boolean }): Figure {
  const s = spread(values);
  return { name, unit, ...s, ...(target ? { target: target.text, met: target.met(s.median) } : {}) };
}

export const atLeast = (n: number, text = `≥ ${n.toLocaleString('en-US')}`) => ({ text, met: (m: number) => m >= n });
export const atMost = (n: number, text = `≤ ${n.toLocaleString('en-US')}`) => ({ text, met: (m: number) => m <= n });
export const below = (n: number, text = `< ${n.toLocaleString('en-US')}`) => ({ text, met: (m: number) => m < n });

/** Writes the benchmark's figures; a later run of the same benchmark replaces them. */
export function recordFigures(bench: string, figures: Figure[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const body: BenchFigures = { bench, at: new Date().toISOString(), load: loadavg().map((l) => Math.round(l * 100) / 100), figures };
  writeFileSync(join(RESULTS_DIR, `${bench}.json`), `${JSON.stringify(body, null, 2)}\n`);
}

export function readFigures(dir = RESULTS_DIR): BenchFigures[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as BenchFigures);
}
