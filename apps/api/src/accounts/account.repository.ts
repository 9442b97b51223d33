/**
 * The SQL of accounts: finding one by username or id, listing them, creating one, and changing one under its row
 * lock. Accounts are never deleted.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Unit } from '../units/unit.entity.js';
import { Account } from './account.entities.js';

/** An account with its unit loaded (absent when the account has none). */
export type AccountWithUnit = Account & { unit?: Unit };

/** What a change of an account writes. */
export type AccountChanges = Pick<Account, 'role' | 'unitId' | 'disabledAt' | 'passwordHash' | 'passwordChangedAt' | 'version' | 'updatedAt'>;

@Injectable()
export class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  byUsername(username: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOneBy({ username });
  }

  byId(id: string): Promise<Account | null> {
    return this.dataSource.getRepository(Account).findOneBy({ id });
  }

  withUnit(id: string): Promise<AccountWithUnit | null> {
    return this.dataSource.getRepository(Account).findOne({ where: { id }, relations: { unit: true } });
  }

  /** Every account, by username. */
  listWithUnits(): Promise<AccountWithUnit[]> {
    return this.dataSource.getRepository(Account).find({ relations: { unit: true }, order: { username: 'ASC' } });
  }

  /** Enabled administrators other than the given account, read in the transaction (the account itself is locked). */
  async countOtherEnabledAdministrators(em: EntityManager, accountId: string): Promise<number> {
    const rows = (await em.query(`SELECT count(*)::int AS n FROM account WHERE role = 'ADMIN' AND disabled_at IS NULL AND id <> $1`, [accountId])) as { n: number }[];
    return rows[0]!.n;
  }

  countAdministrators(): Promise<number> {
    return this.dataSource.getRepository(Account).countBy({ role: 'ADMIN' });
  }

  /** The unit an account names, as a view shows it; null when there is no such unit. */
  async unitRef(unitId: string, em: EntityManager = this.dataSource.manager): Promise<Pick<Unit, 'id' | 'name'> | null> {
    const [unit] = (await em.query('SELECT id, name FROM unit WHERE id = $1', [unitId])) as Pick<Unit, 'id' | 'name'>[];
    return unit ?? null;
  }

  /** A new account; a taken username fails with the unique index's violation (23505). */
  async insert(em: EntityManager, account: Account): Promise<void> {
    await em.insert(Account, account);
  }

  /** The account, locked until the transaction ends: changes of one account are serialised. */
  lockForChange(em: EntityManager, id: string): Promise<Account | null> {
    return em.createQueryBuilder(Account, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
  }

  async update(em: EntityManager, id: string, changes: AccountChanges): Promise<void> {
    await em.update(Account, { id }, changes);
  }
}
