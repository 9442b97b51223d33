/**
 * Two ways to load a system: closed loop (N workers, each starting its next operation when the last ends:
 * the maximum throughput) and open loop (operations started at a fixed arrival rate whatever the system does;
 * latency is measured from the scheduled start, so a slow system is not flattered by coordinated omission).
 */
import { summarise, type RunResult } from './stats.js';

export type Operation = (worker: number) => Promise<void>;

export async function closedLoop(workers: number, durationMs: number, op: Operation): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await op(w);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarise(latencies, performance.now() - start, errors);
}

/** `workers` lanes share the arrivals round-robin; each lane runs its operations one at a time, in order. */
export async function openLoop(ratePerSecond: number, durationMs: number, workers: number, op: Operation): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const interval = 1000 / ratePerSecond;
  const total = Math.floor((durationMs / 1000) * ratePerSecond);
  const start = performance.now();
  const lanes: Promise<void>[] = Array.from({ length: workers }, () => Promise.resolve());
  const all: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const lane = i % workers;
    const run = lanes[lane]!.then(async () => {
      try {
        await op(lane);
        latencies.push(performance.now() - scheduled);
      } catch {
        errors++;
      }
    });
    lanes[lane] = run;
    all.push(run);
  }
  await Promise.all(all);
  return summarise(latencies, performance.now() - start, errors);
}
