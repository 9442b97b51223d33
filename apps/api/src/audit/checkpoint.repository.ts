/**
 * The SQL of the Merkle tree over the whole trail: its leaves (audit_leaf, one per record, numbered in the order
 * the checkpoint job found them committed) and its signed heads (audit_checkpoint). Both tables only grow: the
 * database refuses UPDATE, DELETE and TRUNCATE. Walks over the leaves page by leaf index (keyset pagination).
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Arbitrary but fixed: only the instance holding it builds a checkpoint, so leaf numbers never collide. */
export const CHECKPOINT_LOCK_KEY = 7_412_019_005;

/** A row of audit_checkpoint: every column. */
export interface CheckpointRow {
  /** bigint, as text. */
  tree_size: string;
  root_hash: string;
  created_at: Date;
  key_id: string;
  public_key: string;
  signature: string;
  frontier: string[];
}

const CHECKPOINT_COLUMNS = 'tree_size, root_hash, created_at, key_id, public_key, signature, frontier';

/** A checkpoint to store. */
export interface NewCheckpoint {
  treeSize: number;
  rootHash: string;
  createdAt: Date;
  keyId: string;
  publicKey: string;
  signature: string;
  frontier: string[];
}

/** A leaf with the hash stored with it. */
export interface LeafRow {
  leafIndex: number;
  hash: string;
}

/** A leaf beside the record it covers now (null columns: the record is gone). */
export interface CoveredLeafRow {
  /** bigint, as text. */
  leaf_index: string;
  audit_id: string;
  leaf_hash: string;
  record_hash: string | null;
  stream: string | null;
  seq: number | null;
}

@Injectable()
export class CheckpointRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the checkpoint job's lock for the transaction, if no other instance holds it. */
  async tryLockBuilder(em: EntityManager): Promise<boolean> {
    const [row] = (await em.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [CHECKPOINT_LOCK_KEY])) as { locked: boolean }[];
    return row!.locked;
  }

  // ---- leaves ----

  /** How many leaves the tree has (one past the highest index). */
  async leafCount(em: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = (await em.query('SELECT coalesce(max(leaf_index) + 1, 0)::text AS n FROM audit_leaf')) as { n: string }[];
    return Number(row!.n);
  }

  /**
   * Gives a leaf to each record not yet covered, at most `max`, numbered from `from` in the order of the records'
   * ids (as near to the order of appends as commits allow).
   */
  async coverNewRecords(em: EntityManager, from: number, max: number): Promise<void> {
    await em.query(
      `INSERT INTO audit_leaf (leaf_index, audit_id, hash)
       SELECT $1::bigint + row_number() OVER (ORDER BY n.id) - 1, n.id, n.hash
       FROM (SELECT e.id, e.hash FROM audit_event e
             WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.audit_id = e.id)
             ORDER BY e.id LIMIT $2) n`,
      [from, max],
    );
  }

  /** Records no leaf covers yet. */
  async countUncovered(): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS uncovered FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.audit_id = e.id)')) as {
      uncovered: number;
    }[];
    return row!.uncovered;
  }

  /** Leaves from `from` (inclusive) below `to`, at most `limit`, in order. */
  async leaves(from: number, to: number, limit: number, em: EntityManager = this.dataSource.manager): Promise<LeafRow[]> {
    const rows = (await em.query('SELECT leaf_index, hash FROM audit_leaf WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index LIMIT $3', [from, to, limit])) as {
      leaf_index: string;
      hash: string;
    }[];
    return rows.map((r) => ({ leafIndex: Number(r.leaf_index), hash: r.hash }));
  }

  /** The leaves after `after`, at most `limit`, each beside the record it covers as that record is now. */
  coveredLeaves(after: number, limit: number): Promise<CoveredLeafRow[]> {
    return this.dataSource.query(
      `SELECT l.leaf_index, l.audit_id, l.hash AS leaf_hash, e.hash AS record_hash, e.stream, e.seq
       FROM audit_leaf l LEFT JOIN audit_event e ON e.id = l.audit_id
       WHERE l.leaf_index > $1 ORDER BY l.leaf_index LIMIT $2`,
      [after, limit],
    );
  }

  // ---- signed checkpoints ----

  async latest(em: EntityManager = this.dataSource.manager): Promise<CheckpointRow | undefined> {
    const rows = (await em.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1`)) as CheckpointRow[];
    return rows[0];
  }

  async atSize(treeSize: number): Promise<CheckpointRow | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size = $1`, [treeSize])) as CheckpointRow[];
    return rows[0];
  }

  /** Checkpoints of tree size in (after, upTo], smallest first. */
  between(after: number, upTo: number): Promise<CheckpointRow[]> {
    return this.dataSource.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size > $1 AND tree_size <= $2 ORDER BY tree_size`, [after, upTo]);
  }

  async count(): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS total FROM audit_checkpoint')) as { total: number }[];
    return row!.total;
  }

  /** Newest first. */
  newestFirst(limit: number, offset: number): Promise<CheckpointRow[]> {
    return this.dataSource.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint ORDER BY tree_size DESC LIMIT $1 OFFSET $2`, [limit, offset]);
  }

  async insert(em: EntityManager, c: NewCheckpoint): Promise<void> {
    await em.query(`INSERT INTO audit_checkpoint (${CHECKPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      c.treeSize,
      c.rootHash,
      c.createdAt,
      c.keyId,
      c.publicKey,
      c.signature,
      JSON.stringify(c.frontier),
    ]);
  }

  /** Checkpoints of tree size above `after`, at most `limit`, smallest first (keyset pagination). */
  pageAfter(after: number, limit: number): Promise<CheckpointRow[]> {
    return this.dataSource.query(`SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoint WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`, [after, limit]);
  }

  /** Records no leaf covers that are older than `olderThanMs` (by the database's clock): how many, and the oldest. */
  async overdueUncovered(olderThanMs: number): Promise<{ count: number; oldest: Date | null }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count, min(e.occurred_at) AS oldest FROM audit_event e
       WHERE e.occurred_at < now() - make_interval(secs => $1::double precision / 1000)
         AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.audit_id = e.id)`,
      [olderThanMs],
    )) as { count: number; oldest: Date | null }[];
    return { count: row!.count, oldest: row!.oldest ? new Date(row!.oldest) : null };
  }
}
