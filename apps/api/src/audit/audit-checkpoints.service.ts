/**
 * Signed checkpoints over the whole audit trail.
 *
 * Owns: numbering records as Merkle leaves, computing and signing tree heads, consistency proofs between
 * two tree sizes. Must never change a leaf or a checkpoint once written, and never sign a tree that does
 * not extend the previous signed one (it resumes from the previous checkpoint's verified frontier).
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditKeyring } from './audit-keyring.js';
import { CHECKPOINT_FORMAT, checkSignature, signedBytes, type SignedCheckpoint } from './checkpoint-format.js';
import { MerkleTreeBuilder, RangeHasher, consistencyProofRanges, recordLeafHash } from './merkle.js';

/** Arbitrary but fixed: only the instance holding it builds a checkpoint, so leaf numbers never collide. */
export const CHECKPOINT_LOCK_KEY = 7_412_019_005;
const PAGE = 10_000;
/**
 * Records covered by one checkpoint at most, so that its transaction stays well within the statement and
 * idle timeouts; a trail with more waiting is caught up by the following runs.
 */
export const MAX_NEW_LEAVES = 100_000;

export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

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

interface CheckpointRow {
  tree_size: string;
  root_hash: string;
  created_at: Date;
  key_id: string;
  public_key: string;
  signature: string;
  frontier: string[];
}

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

const CHECKPOINT_COLUMNS = 'tree_size, root_hash, created_at, key_id, public_key, signature, frontier';

/**
 * Calls `onPage` with the leaves [from, to) in order, a page at a time (keyset pagination: bounded memory
 * whatever the size). Each leaf carries the hash stored with it.
 */
export async function forEachLeafPage(
  db: Queryable,
  from: number,
  to: number,
  onPage: (leaves: { leafIndex: number; hash: string }[]) => void | Promise<void>,
): Promise<void> {
  let next = from;
  while (next < to) {
    const rows: { leaf_index: string; hash: string }[] = await db.query(
      'SELECT leaf_index, hash FROM audit_leaf WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index LIMIT $3',
      [next, to, PAGE],
    );
    if (rows.length === 0) throw new Error(`audit leaves missing from ${next}`);
    const leaves = rows.map((r) => ({ leafIndex: Number(r.leaf_index), hash: r.hash }));
    leaves.forEach((l, i) => {
      if (l.leafIndex !== next + i) throw new Error(`audit leaf ${next + i} is missing`);
    });
    await onPage(leaves);
    next += leaves.length;
  }
}

@Injectable()
export class AuditCheckpoints {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: AuditKeyring,
  ) {}

  get enabled(): boolean {
    return this.keyring.signer !== null;
  }

  /**
   * Covers every record not yet covered with a leaf, then signs the tree head, in one transaction under an
   * advisory lock. Records that commit while this runs are covered by the next checkpoint.
   */
  async build(options: { skipIfNewerThanMs?: number } = {}): Promise<BuildOutcome> {
    const signer = this.keyring.signer;
    if (!signer) return { status: 'disabled' };
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [CHECKPOINT_LOCK_KEY])) as { locked: boolean }[];
      if (!locked) return { status: 'busy' } as const;
      if (options.skipIfNewerThanMs) {
        // Several instances each run the job every interval: the one that comes second in an interval leaves it.
        const recent = await latestCheckpointRow(em);
        if (recent && Date.now() - recent.created_at.getTime() < options.skipIfNewerThanMs) return { status: 'unchanged', checkpoint: toSignedCheckpoint(recent) } as const;
      }

      const covered = await leafCount(em);
      // Ordered by id so that leaves follow the order of appends as far as commits allow.
      await em.query(
        `INSERT INTO audit_leaf (leaf_index, audit_id, hash)
         SELECT $1::bigint + row_number() OVER (ORDER BY n.id) - 1, n.id, n.hash
         FROM (SELECT e.id, e.hash FROM audit_event e
               WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.audit_id = e.id)
               ORDER BY e.id LIMIT $2) n`,
        [covered, MAX_NEW_LEAVES],
      );
      const size = await leafCount(em);
      const latestRow = await latestCheckpointRow(em);
      const latest = latestRow ? toSignedCheckpoint(latestRow) : null;
      if (size === 0 || (latest && latest.treeSize === size)) return { status: 'unchanged', checkpoint: latest } as const;

      let builder = new MerkleTreeBuilder();
      if (latestRow && latest) {
        const resumed = this.resumable(latestRow, latest);
        if (typeof resumed === 'string') return { status: 'refused', treeSize: latest.treeSize, reason: resumed } as const;
        builder = resumed;
      }
      await forEachLeafPage(em, builder.size, size, (leaves) => leaves.forEach((l) => builder.append(recordLeafHash(l.hash))));

      const statement = {
        format: CHECKPOINT_FORMAT,
        treeSize: size,
        rootHash: builder.root().toString('hex'),
        createdAt: new Date().toISOString(),
        keyId: signer.keyId,
      } as const;
      const checkpoint: SignedCheckpoint = { ...statement, publicKey: signer.publicKey, signature: signer.sign(signedBytes(statement)).toString('base64') };
      await em.query(`INSERT INTO audit_checkpoint (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        size,
        checkpoint.rootHash,
        new Date(checkpoint.createdAt),
        checkpoint.keyId,
        checkpoint.publicKey,
        checkpoint.signature,
        JSON.stringify(builder.frontier()),
      ]);
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

  async latest(db: Queryable = this.dataSource): Promise<SignedCheckpoint | null> {
    const row = await latestCheckpointRow(db);
    return row ? toSignedCheckpoint(row) : null;
  }

  async atSize(treeSize: number): Promise<SignedCheckpoint | null> {
    const rows: CheckpointRow[] = await this.dataSource.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size = $1`, [treeSize]);
    return rows[0] ? toSignedCheckpoint(rows[0]) : null;
  }

  /** Newest first, a page at a time. */
  async list(page: number, pageSize: number): Promise<{ total: number; items: SignedCheckpoint[] }> {
    const [{ total }] = (await this.dataSource.query('SELECT count(*)::int AS total FROM audit_checkpoint')) as { total: number }[];
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return { total, items: rows.map(toSignedCheckpoint) };
  }

  /**
   * The consistency proof from the tree of `from` leaves to the tree of `to` leaves, computed from the stored
   * leaves in one ordered pass, with both roots as the leaves give them now.
   */
  async consistencyProof(from: number, to: number): Promise<{ fromRoot: string; toRoot: string; proof: string[] } | null> {
    if (to > (await leafCount(this.dataSource))) return null;
    const hasher = new RangeHasher(consistencyProofRanges(from, to));
    const builder = new MerkleTreeBuilder();
    let fromRoot = '';
    await forEachLeafPage(this.dataSource, 0, to, (leaves) => {
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

export async function leafCount(db: Queryable): Promise<number> {
  const [{ n }] = (await db.query('SELECT coalesce(max(leaf_index) + 1, 0)::text AS n FROM audit_leaf')) as { n: string }[];
  return Number(n);
}

async function latestCheckpointRow(db: Queryable): Promise<CheckpointRow | undefined> {
  const rows: CheckpointRow[] = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1`);
  return rows[0];
}

