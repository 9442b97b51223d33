/** Small, dependency-free statistics for the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface RunResult {
  /** Completed operations per second. */
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  count: number;
}

export function summarise(latenciesMs: number[], elapsedMs: number, errors: number): RunResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { throughput: (latenciesMs.length / elapsedMs) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors, count: latenciesMs.length };
}

/** Median, min and max of repeated measurements of one figure. */
export function spread(values: number[]): { median: number; min: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)]!, min: s[0]!, max: s[s.length - 1]! };
}

export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
