import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Account } from './account.entities.js';

/**
 * A sign-in session (phiên đăng nhập): a person signed in from one browser, until sign-out, idle or absolute expiry,
 * or an administrator's change ends it. Not to be confused with the council's review session (đợt xét,
 * reviews/). The id is the SHA-256 of the token the browser holds, so a database leak gives no session.
 * The table keeps its first name, `session`.
 */
@Entity('session')
@Index('IDX_session_account', ['accountId'])
export class SignInSession {
  @PrimaryColumn('char', { length: 64 })
  id: string;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  /** SHA-256 of the CSRF token sent back in the X-CSRF-Token header on every change. */
  @Column('char', { name: 'csrf_hash', length: 64 })
  csrfHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt: Date;

  /** The absolute end, however active the session is. */
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: string | null;

  @Column('text', { name: 'client_address' })
  clientAddress: string;

  @Column('text', { name: 'user_agent' })
  userAgent: string;
}
