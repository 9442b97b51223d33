import { describe, expect, it } from '@jest/globals';
import { forEachLeafPage } from './audit-checkpoints.service.js';
import type { CheckpointRepository, LeafRow } from './checkpoint.repository.js';

/** The leaves [0, count) as the repository pages them; the scheduling of the walk is what is tested here. */
function leafStore(count: number): CheckpointRepository {
  const hash = (i: number) => i.toString(16).padStart(64, '0');
  return {
    leaves: async (from: number, to: number, limit: number): Promise<LeafRow[]> =>
      Array.from({ length: Math.max(0, Math.min(to, count, from + limit) - from) }, (_, k) => ({ leafIndex: from + k, hash: hash(from + k) })),
  } as unknown as CheckpointRepository;
}

describe('forEachLeafPage', () => {
  it('gives every leaf once, in order, in slices of at most 1,000', async () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    await forEachLeafPage(leafStore(23_456), 0, 23_456, (slice) => {
      sizes.push(slice.length);
      seen.push(...slice.map((l) => l.leafIndex));
    });
    expect(seen).toEqual(Array.from({ length: 23_456 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_000);
  });

  it('lets other work run between two slices (a checkpoint in the API never holds the event loop for a whole page)', async () => {
    const order: string[] = [];
    let slices = 0;
    const walk = forEachLeafPage(leafStore(3_000), 0, 3_000, () => {
      slices += 1;
      order.push(`slice ${slices}`);
      // Work that arrives while the walk runs (a request): it must come before the next slice.
      if (slices === 1) setImmediate(() => order.push('request'));
    });
    await walk;
    expect(order).toEqual(['slice 1', 'request', 'slice 2', 'slice 3']);
  });

  it('names the first missing leaf', async () => {
    await expect(forEachLeafPage(leafStore(1_500), 0, 2_000, () => undefined)).rejects.toThrow('audit leaves missing from 1500');
  });
});
