/**
 * Runs the verifier's stream pass over ranges of streams in worker threads (node:worker_threads): a pool of
 * `threads` workers takes the ranges from one queue (several ranges per worker, so that a slow range does not
 * leave the others idle), each range whole in one worker, each chain in one range. The results come back in
 * range order, ready for joinPasses.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StreamRange } from './audit-event.repository.js';
import type { StreamPassResult } from './stream-pass.js';
import type { StreamPassAnswer, StreamPassJob, StreamPassWorkerData } from './stream-pass.worker.js';

/** Ranges per worker thread. */
export const RANGES_PER_WORKER = 4;

/**
 * The compiled worker script beside this module, or null when there is none (running from the TypeScript
 * sources, as the tests do: the pass then runs in the calling thread).
 */
export function streamPassWorkerScript(): string | null {
  const url = new URL('./stream-pass.worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return null;
  const path = fileURLToPath(url);
  return existsSync(path) ? path : null;
}

/** Consecutive ranges that the cuts (ascending stream names) make of the whole trail. */
export function rangesOf(cuts: string[]): StreamRange[] {
  const ranges: StreamRange[] = [];
  for (let i = 0; i <= cuts.length; i++) {
    const range: StreamRange = {};
    if (i > 0) range.from = cuts[i - 1]!;
    if (i < cuts.length) range.to = cuts[i]!;
    ranges.push(range);
  }
  return ranges;
}

export async function runStreamPassPool(script: string, threads: number, ranges: StreamRange[], data: StreamPassWorkerData, legacyUpTo: bigint | null): Promise<StreamPassResult[]> {
  const results: StreamPassResult[] = new Array<StreamPassResult>(ranges.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(threads, ranges.length)) }, () => new Worker(script, { workerData: data }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let busy = false;
            const give = () => {
              busy = false;
              if (next >= ranges.length) return resolve();
              busy = true;
              const id = next++;
              worker.postMessage({ id, range: ranges[id]!, legacyUpTo: legacyUpTo === null ? null : legacyUpTo.toString() } satisfies StreamPassJob);
            };
            worker.on('message', (answer: StreamPassAnswer) => {
              if ('error' in answer) return reject(new Error(`audit verification worker: ${answer.error}`));
              results[answer.id] = answer.result;
              give();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (busy || code !== 0 ? reject(new Error(`audit verification worker stopped (exit ${code})`)) : undefined));
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.removeAllListeners('exit');
            if (worker.threadId === -1) return resolve();
            worker.once('exit', () => resolve());
            worker.postMessage('close');
            // A worker that does not close within 10 s is stopped.
            setTimeout(() => void worker.terminate(), 10_000).unref();
          }),
      ),
    );
  }
  return results;
}
