/**
 * RFC 6962 / RFC 9162 inclusion proofs: that a record's leaf is at a given index of the tree a checkpoint signed.
 *
 * Owns: which subtrees a proof consists of, computing their hashes for many proofs in one ordered pass over the
 * leaves (O(n) hashing, O(log n + proofs) memory), and checking a proof. Pure: no database.
 */
import { HASH_BYTES, nodeHash, splitPoint, type LeafRange } from './merkle.js';

/** The subtrees of the audit path of leaf `index` in a tree of `size` leaves, in proof order (RFC 6962 §2.1.1). */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new RangeError(`no inclusion proof of leaf ${index} in a tree of ${size}`);
  const out: LeafRange[] = [];
  const path = (m: number, start: number, n: number) => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, k);
      out.push({ start: start + k, end: start + n });
    } else {
      path(m - k, start + k, n - k);
      out.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return out;
}

const key = (r: LeafRange) => `${r.start}-${r.end}`;

/**
 * Computes the Merkle hashes of subtrees of the tree of `size` leaves (each one a node of that tree, as every range
 * of an inclusion proof is) in one ordered pass: feed every leaf from 0 to size - 1, then call `finish`.
 */
export class SubtreeHasher {
  private readonly wanted = new Map<string, Buffer | null>();
  private readonly stack: { hash: Buffer; size: number; start: number }[] = [];
  private count = 0;

  constructor(
    readonly size: number,
    ranges: Iterable<LeafRange>,
  ) {
    for (const r of ranges) this.wanted.set(key(r), null);
  }

  append(leaf: Buffer): void {
    let node = { hash: leaf, size: 1, start: this.count };
    this.note(node);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: node.size * 2, start: left.start };
      this.note(node);
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** The hash of every range asked for; throws if one is not a node of the tree. */
  finish(): Map<string, Buffer> {
    if (this.count !== this.size) throw new RangeError(`fed ${this.count} leaves, not ${this.size}`);
    const out = new Map<string, Buffer>();
    for (const [k, hash] of this.wanted) {
      if (hash) {
        out.set(k, hash);
        continue;
      }
      // A range at the right edge of the tree, [start, size): the fold of the complete subtrees it is made of.
      const [start, end] = k.split('-').map(Number) as [number, number];
      const parts = this.stack.filter((n) => n.start >= start);
      if (end !== this.size || parts.length === 0 || parts[0]!.start !== start) throw new RangeError(`range [${start}, ${end}) is not a node of the tree`);
      let acc = parts[parts.length - 1]!.hash;
      for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(parts[i]!.hash, acc);
      out.set(k, acc);
    }
    return out;
  }

  private note(node: { hash: Buffer; size: number; start: number }): void {
    const k = `${node.start}-${node.start + node.size}`;
    if (this.wanted.has(k)) this.wanted.set(k, node.hash);
  }
}

/** The proof of leaf `index` from the hashes a SubtreeHasher computed. */
export function inclusionProof(index: number, size: number, hashes: Map<string, Buffer>): Buffer[] {
  return inclusionProofRanges(index, size).map((r) => {
    const h = hashes.get(key(r));
    if (!h) throw new RangeError(`no hash for range [${r.start}, ${r.end})`);
    return h;
  });
}

/** Checks an inclusion proof (RFC 9162 §2.1.3.2): that `leaf` is leaf `index` of the tree of `size` leaves with root `root`. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leaf.length !== HASH_BYTES || root.length !== HASH_BYTES || proof.some((p) => p.length !== HASH_BYTES)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(Buffer.from(root));
}
