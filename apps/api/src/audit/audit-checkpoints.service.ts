/**
 * Signed checkpoints over the whole audit trail.
 *
 * Owns: numbering records as Merkle leaves, computing and signing tree heads, consistency proofs between
 * two tree sizes. Must never change a leaf or a checkpoint once written, and never sign a tree that does
 * not extend the previous signed one (it resumes from the previous checkpoint's verified frontier).
 */
import { setImmediate } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditKeyring } from './audit-keyring.js';
import { AuditWitness } from './audit-witness.js';
import { CHECKPOINT_FORMAT, checkSignature, signedBytes, type SignedCheckpoint } from './checkpoint-format.js';
import { CheckpointRepository, type CheckpointRow, type LeafRow } from './checkpoint.repository.js';
import { MerkleTreeBuilder, RangeHasher, consistencyProofRanges, recordLeafHash } from './merkle.js';

const PAGE = 10_000;
/**
 * Leaves hashed between two turns of the event loop. The checkpoint job runs inside the API process every minute
 * (and a consistency proof or a case bundle walks the whole tree on request): a page of 10,000 leaves hashed in one
 * go held the loop for 67–102 ms on the 2-core test machine, which every request arriving meanwhile waited out. A
 * slice of 1,000 is under a tenth of that.
 */
const SLICE = 1_000;
/**
 * Records covered by one checkpoint at most, so that its transaction stays well within the statement and
 * idle timeouts; a trail with more waiting is caught up by the following runs.
 */
export const MAX_NEW_LEAVES = 100_000;

export type BuildOutcome =
  /** `more`: records were left for the next run (at most MAX_NEW_LEAVES are covered at once). */
  | { status: 'created'; checkpoint: SignedCheckpoint; newLeaves: number; more: boolean }
  | { status: 'unchanged'; checkpoint: SignedCheckpoint | null }
  /** Another instance holds the lock and is building one now. */
  | { status: 'busy' }
  /** No signing key is configured. */
  | { status: 'disabled' }
  /** The latest stored checkpoint does not verify: extending it would sign a history that may be forged. */
  | { status: 'refused'; treeSize: number; reason: string };

export function toSignedCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    format: CHECKPOINT_FORMAT,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    createdAt: row.created_at.toISOString(),
    keyId: row.key_id,
    publicKey: row.public_key,
    signature: row.signature,
  };
}

/**
 * Calls `onPage` with the leaves [from, to) in order, a slice at a time (keyset pagination: bounded memory
 * whatever the size), giving the event loop a turn between slices. Each leaf carries the hash stored with it.
 */
export async function forEachLeafPage(
  tree: CheckpointRepository,
  from: number,
  to: number,
  onPage: (leaves: LeafRow[]) => void | Promise<void>,
  em?: EntityManager,
): Promise<void> {
  let next = from;
  while (next < to) {
    const leaves = await tree.leaves(next, to, PAGE, em);
    if (leaves.length === 0) throw new Error(`audit leaves missing from ${next}`);
    leaves.forEach((l, i) => {
      if (l.leafIndex !== next + i) throw new Error(`audit leaf ${next + i} is missing`);
    });
    for (let start = 0; start < leaves.length; start += SLICE) {
      if (start > 0) await setImmediate();
      await onPage(leaves.length <= SLICE ? leaves : leaves.slice(start, start + SLICE));
    }
    next += leaves.length;
  }
}

@Injectable()
export class AuditCheckpoints {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tree: CheckpointRepository,
    private readonly keyring: AuditKeyring,
    private readonly witness: AuditWitness,
  ) {}

  get enabled(): boolean {
    return this.keyring.signer !== null;
  }

  /**
   * Covers every record not yet covered with a leaf, then signs the tree head, in one transaction under an
   * advisory lock. Records that commit while this runs are covered by the next checkpoint.
   */
  async build(options: { skipIfNewerThanMs?: number } = {}): Promise<BuildOutcome> {
    const outcome = await this.buildInDatabase(options);
    // Only a committed checkpoint goes to the witness; one it misses now is given at the next run.
    if (outcome.status === 'created' || outcome.status === 'unchanged') await this.witnessPending(outcome.status === 'created' ? outcome.checkpoint : undefined);
    return outcome;
  }

  /** Appends to the witness the checkpoints it does not have yet (see AuditWitness.catchUp). */
  witnessPending(just?: SignedCheckpoint): ReturnType<AuditWitness['catchUp']> {
    return this.witness.catchUp(async (after) => (await this.tree.between(after, Number.MAX_SAFE_INTEGER)).map(toSignedCheckpoint), just);
  }

  private async buildInDatabase(options: { skipIfNewerThanMs?: number }): Promise<BuildOutcome> {
    const signer = this.keyring.signer;
    if (!signer) return { status: 'disabled' };
    return this.dataSource.transaction(async (em) => {
      if (!(await this.tree.tryLockBuilder(em))) return { status: 'busy' } as const;
      if (options.skipIfNewerThanMs) {
        // Several instances each run the job every interval: the one that comes second in an interval leaves it.
        const recent = await this.tree.latest(em);
        if (recent && Date.now() - recent.created_at.getTime() < options.skipIfNewerThanMs) return { status: 'unchanged', checkpoint: toSignedCheckpoint(recent) } as const;
      }

      const covered = await this.tree.leafCount(em);
      await this.tree.coverNewRecords(em, covered, MAX_NEW_LEAVES);
      const size = await this.tree.leafCount(em);
      const latestRow = await this.tree.latest(em);
      const latest = latestRow ? toSignedCheckpoint(latestRow) : null;
      if (size === 0 || (latest && latest.treeSize === size)) return { status: 'unchanged', checkpoint: latest } as const;

      let builder = new MerkleTreeBuilder();
      if (latestRow && latest) {
        const resumed = this.resumable(latestRow, latest);
        if (typeof resumed === 'string') return { status: 'refused', treeSize: latest.treeSize, reason: resumed } as const;
        builder = resumed;
      }
      await forEachLeafPage(this.tree, builder.size, size, (leaves) => leaves.forEach((l) => builder.append(recordLeafHash(l.hash))), em);

      const statement = {
        format: CHECKPOINT_FORMAT,
        treeSize: size,
        rootHash: builder.root().toString('hex'),
        createdAt: new Date().toISOString(),
        keyId: signer.keyId,
      } as const;
      const checkpoint: SignedCheckpoint = { ...statement, publicKey: signer.publicKey, signature: signer.sign(signedBytes(statement)).toString('base64') };
      await this.tree.insert(em, {
        treeSize: size,
        rootHash: checkpoint.rootHash,
        createdAt: new Date(checkpoint.createdAt),
        keyId: checkpoint.keyId,
        publicKey: checkpoint.publicKey,
        signature: checkpoint.signature,
        frontier: builder.frontier(),
      });
      return { status: 'created', checkpoint, newLeaves: size - covered, more: size - covered === MAX_NEW_LEAVES } as const;
    });
  }

  /** The builder at the latest checkpoint, or why it cannot be trusted. */
  private resumable(row: CheckpointRow, latest: SignedCheckpoint): MerkleTreeBuilder | string {
    const verdict = checkSignature(latest, this.keyring.trustedKeys);
    if (verdict !== 'VALID') {
      const reason = `${verdict}: the checkpoint at tree size ${latest.treeSize} is not signed by a trusted key (after a key change, list the old public key in AUDIT_TRUSTED_PUBLIC_KEYS)`;
      this.logger.error(`Không lập điểm kiểm mới: điểm kiểm gần nhất không hợp lệ / No new checkpoint: ${reason}`);
      return reason;
    }
    try {
      const builder = MerkleTreeBuilder.resume(latest.treeSize, row.frontier);
      if (builder.root().toString('hex') === latest.rootHash) return builder;
    } catch {
      // Falls through to the refusal below.
    }
    const reason = `the stored frontier of the checkpoint at tree size ${latest.treeSize} does not give its signed root`;
    this.logger.error(`Không lập điểm kiểm mới / No new checkpoint: ${reason}`);
    return reason;
  }

  async latest(): Promise<SignedCheckpoint | null> {
    const row = await this.tree.latest();
    return row ? toSignedCheckpoint(row) : null;
  }

  async atSize(treeSize: number): Promise<SignedCheckpoint | null> {
    const row = await this.tree.atSize(treeSize);
    return row ? toSignedCheckpoint(row) : null;
  }

  /** Newest first, a page at a time. */
  async list(page: number, pageSize: number): Promise<{ total: number; items: SignedCheckpoint[] }> {
    const total = await this.tree.count();
    const rows = await this.tree.newestFirst(pageSize, (page - 1) * pageSize);
    return { total, items: rows.map(toSignedCheckpoint) };
  }

  /**
   * The consistency proof from the tree of `from` leaves to the tree of `to` leaves, computed from the stored
   * leaves in one ordered pass, with both roots as the leaves give them now.
   */
  async consistencyProof(from: number, to: number): Promise<{ fromRoot: string; toRoot: string; proof: string[] } | null> {
    if (to > (await this.tree.leafCount())) return null;
    const hasher = new RangeHasher(consistencyProofRanges(from, to));
    const builder = new MerkleTreeBuilder();
    let fromRoot = '';
    await forEachLeafPage(this.tree, 0, to, (leaves) => {
      for (const l of leaves) {
        const leaf = recordLeafHash(l.hash);
        hasher.feed(l.leafIndex, leaf);
        builder.append(leaf);
        if (builder.size === from) fromRoot = builder.root().toString('hex');
      }
    });
    return { fromRoot, toRoot: builder.root().toString('hex'), proof: hasher.hashes().map((h) => h.toString('hex')) };
  }
}
