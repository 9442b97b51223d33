import { describe, expect, it } from '@jest/globals';
import { leafHash, nodeHash, rootOf } from './merkle.js';
import { SubtreeHasher, inclusionProof, inclusionProofRanges, verifyInclusion } from './merkle-inclusion.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from([i & 0xff, i >> 8])));

/** RFC 6962 §2.1.1, written the way the RFC states it, to compare with. */
function referencePath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...referencePath(m, d.slice(0, k)), rootOf(d.slice(k))] : [...referencePath(m - k, d.slice(k)), rootOf(d.slice(0, k))];
}

describe('inclusion proofs', () => {
  it('every leaf of every tree up to 40 leaves: the RFC path, computed in one pass, verifies; a changed leaf, index or proof does not', () => {
    for (let n = 1; n <= 40; n++) {
      const d = leaves(n);
      const root = rootOf(d);
      const hasher = new SubtreeHasher(n, Array.from({ length: n }, (_, i) => inclusionProofRanges(i, n)).flat());
      d.forEach((l) => hasher.append(l));
      const hashes = hasher.finish();
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, n, hashes);
        expect(proof).toEqual(referencePath(i, d));
        expect(verifyInclusion(i, n, d[i]!, proof, root)).toBe(true);
        expect(verifyInclusion(i, n, nodeHash(d[i]!, d[i]!), proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion((i + 1) % n, n, d[i]!, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((p) => Buffer.from(p));
          bent[0]![0]! ^= 1;
          expect(verifyInclusion(i, n, d[i]!, bent, root)).toBe(false);
        }
      }
    }
  });

  it('refuses impossible indices and sizes', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(RangeError);
    expect(verifyInclusion(-1, 3, leaves(1)[0]!, [], leaves(1)[0]!)).toBe(false);
    expect(verifyInclusion(0, 1, leaves(1)[0]!, [], leaves(1)[0]!)).toBe(true);
  });
});
