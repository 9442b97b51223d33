/**
 * RFC 6962 / RFC 9162 Merkle tree hashing over the audit records, with consistency proofs.
 *
 * Owns: leaf and node hashing, the incremental root over a stream of leaves, and producing and checking
 * consistency proofs. Pure: no database, no clock. Leaves are fed one at a time so that a tree of
 * millions of records is hashed with O(log n) memory; nothing here ever needs all leaves at once.
 */
import { createHash } from 'node:crypto';

export const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree: SHA-256 of nothing (RFC 6962 §2.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The leaf of an audit record: its SHA-256 (64 hex digits) taken as 32 bytes. */
export function recordLeafHash(recordHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(recordHashHex)) throw new TypeError(`not a SHA-256 hex digest: ${recordHashHex}`);
  return leafHash(Buffer.from(recordHashHex, 'hex'));
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`no split point for ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The sizes of the perfect subtrees a tree of n leaves decomposes into, largest first (its binary digits). */
export function perfectSubtreeSizes(n: number): number[] {
  const sizes: number[] = [];
  let rest = n;
  let power = 1;
  while (power * 2 <= rest) power *= 2;
  for (; power >= 1; power /= 2) {
    if (rest >= power) {
      sizes.push(power);
      rest -= power;
    }
  }
  return sizes;
}

/**
 * Builds the Merkle tree hash of a sequence of leaves fed in order. Keeps only the roots of the complete
 * subtrees seen so far (the "frontier", one per binary digit of the size), so memory is O(log n).
 * A frontier can be saved and resumed, which lets the checkpoint job extend the previous tree.
 */
export class MerkleTreeBuilder {
  private readonly stack: { hash: Buffer; size: number }[] = [];
  private count = 0;

  /** Resumes from a saved frontier (the subtree roots of a tree of `size` leaves, largest first). */
  static resume(size: number, frontier: readonly string[]): MerkleTreeBuilder {
    const sizes = perfectSubtreeSizes(size);
    if (sizes.length !== frontier.length) throw new RangeError(`a tree of ${size} leaves has ${sizes.length} frontier hashes, not ${frontier.length}`);
    const builder = new MerkleTreeBuilder();
    sizes.forEach((s, i) => {
      const hex = frontier[i]!;
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new TypeError(`frontier hash ${i} is not a SHA-256 hex digest`);
      builder.stack.push({ hash: Buffer.from(hex, 'hex'), size: s });
    });
    builder.count = size;
    return builder;
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf given its leaf hash (already prefixed with 0x00 and hashed). */
  append(leaf: Buffer): void {
    let node = { hash: leaf, size: 1 };
    // Two complete subtrees of equal size merge, exactly like a carry in binary addition.
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: node.size * 2 };
    }
    this.stack.push(node);
    this.count += 1;
  }

  /** The Merkle tree hash of the leaves so far. */
  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    // RFC 6962 splits at the largest power of two, so the smaller subtrees fold from the right.
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc;
  }

  frontier(): string[] {
    return this.stack.map((n) => n.hash.toString('hex'));
  }
}

/** The Merkle tree hash of a list of leaf hashes (for small lists and tests). */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  const builder = new MerkleTreeBuilder();
  for (const leaf of leaves) builder.append(leaf);
  return builder.root();
}

/** Leaves [start, end) of the tree; a consistency proof is the list of the Merkle hashes of such ranges. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * Which subtrees a consistency proof from a tree of m leaves to one of n leaves consists of, in proof order
 * (RFC 6962 §2.1.2, PROOF(m, D[n])). Their hashes are computed from the leaves by whoever holds them.
 */
export function consistencyProofRanges(m: number, n: number): LeafRange[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  const out: LeafRange[] = [];
  const subproof = (first: number, start: number, size: number, complete: boolean) => {
    if (first === size) {
      // The old tree is a complete subtree of the new one: the verifier already knows its hash.
      if (!complete) out.push({ start, end: start + size });
      return;
    }
    const k = splitPoint(size);
    if (first <= k) {
      subproof(first, start, k, complete);
      out.push({ start: start + k, end: start + size });
    } else {
      subproof(first - k, start + k, size - k, false);
      out.push({ start, end: start + k });
    }
  };
  subproof(m, 0, n, true);
  return out;
}

/**
 * Computes the Merkle hashes of disjoint leaf ranges in one ordered pass over the leaves: feed every leaf
 * index from 0 upward; leaves outside all ranges are ignored. Memory is O(ranges × log n).
 */
export class RangeHasher {
  private readonly order: { range: LeafRange; index: number }[];
  private readonly builders: (MerkleTreeBuilder | undefined)[];
  private cursor = 0;

  constructor(readonly ranges: readonly LeafRange[]) {
    this.order = ranges.map((range, index) => ({ range, index })).sort((a, b) => a.range.start - b.range.start);
    for (let i = 1; i < this.order.length; i++) {
      if (this.order[i]!.range.start < this.order[i - 1]!.range.end) throw new RangeError('ranges overlap');
    }
    this.builders = ranges.map(() => undefined);
  }

  /** The last leaf index any range needs, plus one. */
  get end(): number {
    return this.order.length === 0 ? 0 : this.order[this.order.length - 1]!.range.end;
  }

  feed(leafIndex: number, leaf: Buffer): void {
    while (this.cursor < this.order.length && this.order[this.cursor]!.range.end <= leafIndex) this.cursor++;
    const current = this.order[this.cursor];
    if (!current || leafIndex < current.range.start) return;
    const builder = (this.builders[current.index] ??= new MerkleTreeBuilder());
    if (builder.size !== leafIndex - current.range.start) throw new RangeError(`leaf ${leafIndex} fed out of order`);
    builder.append(leaf);
  }

  /** The hashes in the ranges' own order; throws if a range did not receive all of its leaves. */
  hashes(): Buffer[] {
    return this.ranges.map((range, i) => {
      const builder = this.builders[i];
      if (!builder || builder.size !== range.end - range.start) throw new RangeError(`range [${range.start}, ${range.end}) is incomplete`);
      return builder.root();
    });
  }
}

const lsb = (x: bigint) => (x & 1n) === 1n;

/**
 * Checks a consistency proof (RFC 9162 §2.1.4.2): that the tree of `second` leaves with root `secondRoot`
 * extends, without changing them, the `first` leaves that have root `firstRoot`.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (firstRoot.length !== HASH_BYTES || secondRoot.length !== HASH_BYTES || proof.some((p) => p.length !== HASH_BYTES)) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(Buffer.from(secondRoot));
  if (proof.length === 0) return false;
  // The old root is itself a node of the new tree when the old size is a power of two.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while (lsb(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(Buffer.from(firstRoot)) && sr.equals(Buffer.from(secondRoot)) && sn === 0n;
}

function isPowerOfTwo(n: number): boolean {
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
