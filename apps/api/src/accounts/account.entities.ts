import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Role } from '#domain';
import { Unit } from '../units/unit.entity.js';
import { Council } from '../councils/council.entities.js';

/** A person who signs in. Never deleted: a disabled account keeps its history and can be re-enabled. */
@Entity('account')
@Index('UQ_account_username', ['username'], { unique: true })
export class Account {
  @PrimaryColumn('uuid')
  id: string;

  /** Lower case, immutable: the audit trail names people by it. */
  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text')
  role: Role;

  /** The unit the person belongs to; required for unit heads and council members. */
  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  /**
   * The council a council member or secretariat account serves, set when a composition lists it; null: the nearest
   * council at or above the account's unit (apps/api/src/councils/council.repository.ts).
   */
  @Column('uuid', { name: 'council_id', nullable: true })
  councilId: string | null;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'FK_account_council' })
  council?: Relation<Council>;

  /** Argon2id, PHC string format. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('timestamptz', { name: 'password_changed_at' })
  passwordChangedAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('int')
  version: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/**
 * Every password check (sign-in, or the current password when changing it), for throttling per account and
 * address, per account and per address (shared by all instances). Counted as a failure until it succeeds.
 */
@Entity('sign_in_attempt')
@Index('IDX_sign_in_attempt_username', ['username', 'attemptedAt'])
@Index('IDX_sign_in_attempt_address', ['clientAddress', 'attemptedAt'])
export class SignInAttempt {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'client_address' })
  clientAddress: string;

  @Column('boolean')
  succeeded: boolean;

  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;

  /** When an administrator cleared the account's throttle: the attempt no longer counts against the account. */
  @Column('timestamptz', { name: 'cleared_at', nullable: true })
  clearedAt: Date | null;
}

/**
 * The e-mail address notifications go to, one per account. A table of its own rather than a column of `account`:
 * a new column would change the digest of every account row already attested; this row is attested from its
 * first write, in the same transaction as the account's audit record.
 */
@Entity('account_contact')
export class AccountContact {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text')
  email: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
