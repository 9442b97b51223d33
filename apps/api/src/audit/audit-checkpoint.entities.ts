import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';

/**
 * The position of an audit record in the Merkle tree over all records. Leaves are numbered by the checkpoint
 * job itself, in the order it finds records committed, because `audit_event.id` is not commit order: a
 * transaction that took a smaller id may commit after one that took a larger id. Append-only, like the
 * records: the database refuses UPDATE, DELETE and TRUNCATE (see the migration).
 */
@Entity('audit_leaf')
@Index('UQ_audit_leaf_audit', ['auditId'], { unique: true })
export class AuditLeaf {
  /** 0, 1, 2… without gaps. */
  @PrimaryColumn('bigint', { name: 'leaf_index' })
  leafIndex: string;

  @Column('bigint', { name: 'audit_id' })
  auditId: string;

  /** With RESTRICT, a record that a checkpoint covers cannot be deleted even with the trigger disabled. */
  @ManyToOne(() => AuditEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id' })
  record?: Relation<AuditEvent>;

  /** The record's hash when it was covered: names the exact record if the record is later rewritten. */
  @Column('char', { length: 64 })
  hash: string;
}

/**
 * A signed statement "the Merkle tree over the first `treeSize` leaves has root `rootHash`", made at
 * `createdAt` with the key `keyId`. Exported, it is what an auditor keeps outside the system.
 */
@Entity('audit_checkpoint')
export class AuditCheckpoint {
  @PrimaryColumn('bigint', { name: 'tree_size' })
  treeSize: string;

  @Column('char', { name: 'root_hash', length: 64 })
  rootHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('text', { name: 'key_id' })
  keyId: string;

  /** The signer's public key (base64 SPKI DER), for reference only: verification trusts configured keys. */
  @Column('text', { name: 'public_key' })
  publicKey: string;

  /** Ed25519 signature (base64) over the canonical JSON of the signed fields (see checkpoint-format.ts). */
  @Column('text')
  signature: string;

  /**
   * Roots of the complete subtrees at this size, so the next checkpoint extends the tree without re-reading
   * every leaf. Not signed; the job checks it against the signed root before trusting it.
   */
  @Column('jsonb')
  frontier: string[];
}
