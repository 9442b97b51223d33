import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  MerkleTreeBuilder,
  RangeHasher,
  consistencyProofRanges,
  leafHash,
  nodeHash,
  perfectSubtreeSizes,
  recordLeafHash,
  rootOf,
  splitPoint,
  verifyConsistency,
} from './merkle.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');

// The Certificate Transparency reference leaves and tree heads used by every RFC 6962 implementation.
const CT_DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_LEAVES = CT_DATA.map(leafHash);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_CONSISTENCY: [number, number, string[]][] = [
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [2, 8, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

/** RFC 6962's recursive definitions, written out literally, as the reference the fast code must agree with. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

function referenceProof(m: number, leaves: Buffer[], complete = true): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [referenceRoot(leaves)];
  const k = splitPoint(n);
  if (m <= k) return [...referenceProof(m, leaves.slice(0, k), complete), referenceRoot(leaves.slice(k))];
  return [...referenceProof(m - k, leaves.slice(k), false), referenceRoot(leaves.slice(0, k))];
}

/** Produces a proof the way the server does: ranges first, then one ordered pass over the leaves. */
function proofFromRanges(m: number, leaves: Buffer[]): Buffer[] {
  const hasher = new RangeHasher(consistencyProofRanges(m, leaves.length));
  leaves.forEach((leaf, i) => hasher.feed(i, leaf));
  return hasher.hashes();
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`ban-ghi-${i}`).digest()));

describe('Merkle tree hash (RFC 6962 §2.1)', () => {
  it('matches the published tree heads for sizes 0 to 8', () => {
    expect(hex(EMPTY_ROOT)).toBe(CT_ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect({ n, root: hex(rootOf(CT_LEAVES.slice(0, n))) }).toEqual({ n, root: CT_ROOTS[n] });
  });

  it('prefixes leaves with 0x00 and nodes with 0x01, so a leaf can never pass for a node', () => {
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(createHash('sha256').update(Buffer.from([0])).digest('hex'));
    const [a, b] = [leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))];
    expect(hex(nodeHash(a, b))).toBe(createHash('sha256').update(Buffer.concat([Buffer.from([1]), a, b])).digest('hex'));
    expect(hex(nodeHash(a, b))).not.toBe(hex(nodeHash(b, a)));
  });

  it('takes an audit record’s hash as the 32 bytes it spells, and refuses anything else', () => {
    const recordHash = createHash('sha256').update('ban ghi').digest('hex');
    expect(hex(recordLeafHash(recordHash))).toBe(hex(leafHash(unhex(recordHash))));
    expect(() => recordLeafHash('xyz')).toThrow(TypeError);
    expect(() => recordLeafHash(recordHash.toUpperCase())).toThrow(TypeError);
  });

  it('the incremental builder agrees with the recursive definition for every size up to 130', () => {
    const leaves = leavesOf(130);
    const builder = new MerkleTreeBuilder();
    for (let n = 1; n <= leaves.length; n++) {
      builder.append(leaves[n - 1]!);
      expect({ n, root: hex(builder.root()) }).toEqual({ n, root: hex(referenceRoot(leaves.slice(0, n))) });
    }
  });

  it('keeps one hash per binary digit of the size, and resumes from it to the same roots', () => {
    const leaves = leavesOf(77);
    for (const cut of [1, 2, 3, 8, 31, 32, 33, 64, 76]) {
      const first = new MerkleTreeBuilder();
      leaves.slice(0, cut).forEach((l) => first.append(l));
      expect(first.frontier()).toHaveLength(perfectSubtreeSizes(cut).length);
      const resumed = MerkleTreeBuilder.resume(cut, first.frontier());
      leaves.slice(cut).forEach((l) => resumed.append(l));
      expect({ cut, root: hex(resumed.root()) }).toEqual({ cut, root: hex(rootOf(leaves)) });
    }
    expect(perfectSubtreeSizes(13)).toEqual([8, 4, 1]);
    expect(() => MerkleTreeBuilder.resume(13, ['ab'])).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 6962 §2.1.2, RFC 9162 §2.1.4)', () => {
  it('produces and accepts the published proofs', () => {
    for (const [m, n, proof] of CT_CONSISTENCY) {
      const leaves = CT_LEAVES.slice(0, n);
      expect({ m, n, proof: proofFromRanges(m, leaves).map(hex) }).toEqual({ m, n, proof });
      expect(verifyConsistency(m, n, unhex(CT_ROOTS[m]!), unhex(CT_ROOTS[n]!), proof.map(unhex))).toBe(true);
    }
  });

  it('for every pair of sizes up to 70, matches the RFC’s PROOF and verifies; edges included', () => {
    const leaves = leavesOf(70);
    const roots = [EMPTY_ROOT, ...leaves.map((_, i) => rootOf(leaves.slice(0, i + 1)))];
    let checked = 0;
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = proofFromRanges(m, leaves.slice(0, n));
        expect(proof.map(hex)).toEqual(referenceProof(m, leaves.slice(0, n)).map(hex));
        if (!verifyConsistency(m, n, roots[m]!, roots[n]!, proof)) throw new Error(`proof ${m} → ${n} refused`);
        checked++;
      }
    }
    expect(checked).toBe((70 * 71) / 2);
  });

  it('sizes 1, 2, powers of two and their neighbours: proof lengths are logarithmic', () => {
    const leaves = leavesOf(1025);
    const root = (n: number) => rootOf(leaves.slice(0, n));
    for (const [m, n] of [
      [1, 1],
      [1, 2],
      [2, 2],
      [1, 1024],
      [512, 1024],
      [1024, 1025],
      [511, 513],
      [3, 1025],
    ] as [number, number][]) {
      const proof = proofFromRanges(m, leaves.slice(0, n));
      expect(proof.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
      expect({ m, n, ok: verifyConsistency(m, n, root(m), root(n), proof) }).toEqual({ m, n, ok: true });
    }
    // Same size: the empty proof, and only for equal roots.
    expect(verifyConsistency(4, 4, root(4), root(4), [])).toBe(true);
    expect(verifyConsistency(4, 4, root(4), root(5), [])).toBe(false);
    // From a power of two the old root is implied: the proof of 512 → 1024 is a single hash.
    expect(proofFromRanges(512, leaves.slice(0, 1024))).toHaveLength(1);
  });

  it('refuses altered, reordered, truncated or extended proofs, wrong roots and impossible sizes', () => {
    const leaves = leavesOf(40);
    const root = (n: number) => rootOf(leaves.slice(0, n));
    for (const [m, n] of [
      [3, 7],
      [5, 40],
      [16, 33],
      [27, 32],
    ] as [number, number][]) {
      const proof = proofFromRanges(m, leaves.slice(0, n));
      expect(verifyConsistency(m, n, root(m), root(n), proof)).toBe(true);
      const flipped = proof.map((p) => Buffer.from(p));
      flipped[0]![5]! ^= 0x01;
      expect(verifyConsistency(m, n, root(m), root(n), flipped)).toBe(false);
      if (proof.length > 1) expect(verifyConsistency(m, n, root(m), root(n), [proof[1]!, proof[0]!, ...proof.slice(2)])).toBe(false);
      expect(verifyConsistency(m, n, root(m), root(n), proof.slice(0, -1))).toBe(false);
      expect(verifyConsistency(m, n, root(m), root(n), [...proof, Buffer.alloc(32, 7)])).toBe(false);
      expect(verifyConsistency(m, n, root(m + 1), root(n), proof)).toBe(false);
      expect(verifyConsistency(m, n, root(m), root(n - 1), proof)).toBe(false);
      expect(verifyConsistency(n, m, root(n), root(m), proof)).toBe(false);
    }
    expect(verifyConsistency(0, 4, EMPTY_ROOT, root(4), [])).toBe(false);
    expect(verifyConsistency(2, 4, Buffer.alloc(31), root(4), [Buffer.alloc(32)])).toBe(false);
    expect(() => consistencyProofRanges(0, 3)).toThrow(RangeError);
    expect(() => consistencyProofRanges(4, 3)).toThrow(RangeError);
  });

  it('detects a rewritten history: a tree that changed one old leaf has no proof that verifies', () => {
    const leaves = leavesOf(20);
    const rewritten = [...leaves];
    rewritten[3] = leafHash(Buffer.from('sua doi'));
    const proof = proofFromRanges(8, rewritten);
    expect(verifyConsistency(8, 20, rootOf(leaves.slice(0, 8)), rootOf(rewritten), proof)).toBe(false);
  });
});
