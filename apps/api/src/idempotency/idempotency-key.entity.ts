import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Account } from '../accounts/account.entities.js';

/**
 * One Idempotency-Key of one account: what the request was (its fingerprint), who is carrying it out (a lease),
 * whether its change committed (set inside the change's own transaction) and, once answered, the response to
 * replay. Operational data, not part of the record: rows are updated as the request progresses, and rows past
 * the retention period are deleted (the one table of this product where deleting is right, see
 * IdempotencyKeyPurge). The audit trail, not this table, is the history of what happened.
 */
@Entity('idempotency_key')
@Index('IDX_idempotency_key_created', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @PrimaryColumn('text')
  key: string;

  /** SHA-256 (hex) of method, path with query, account and body as the application sees it. */
  @Column('character', { length: 64 })
  fingerprint: string;

  @Column('text')
  method: string;

  @Column('text')
  path: string;

  /** Changes whenever a request takes the key over; the commit marker refuses to mark for a stale holder. */
  @Column('uuid', { name: 'lease_token' })
  leaseToken: string;

  /** While set and in the future, a request is carrying the key out; null once answered or released. */
  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  /** Set in the same transaction as the change: from then on the request must never run again. */
  @Column('timestamptz', { name: 'committed_at', nullable: true })
  committedAt: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column('int', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  /** `json`, `text`, or null for an empty body. */
  @Column('text', { name: 'response_content_type', nullable: true })
  responseContentType: string | null;

  /** The body exactly as first sent (text, not jsonb, so a replay is byte for byte). */
  @Column('text', { name: 'response_body', nullable: true })
  responseBody: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
