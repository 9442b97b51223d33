/**
 * Administration of accounts: create, disable, re-enable, reset passwords. Every change is audited in the
 * account's own chain; a disabled account or a reset password ends the account's sessions at once.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager, type QueryFailedError } from 'typeorm';
import { ROLES, labelsOf, type Role } from '#domain';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { Unit } from '../units/unit.entity.js';
import { Account, Session } from './account.entities.js';
import type { CreateAccountDto } from './dto/account.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SecurityAudit } from './security-audit.js';
import { invalidField } from '../common/validation.js';
import type { AccountView } from '#contracts';

const UNIT_REQUIRED: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER'];

export function accountView(a: Account, unit?: Pick<Unit, 'id' | 'name'> | null): AccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    roleLabel: labelsOf(ROLES, a.role),
    unitId: a.unitId,
    unit: unit ? { id: unit.id, name: unit.name } : null,
    disabled: a.disabledAt !== null,
    disabledAt: a.disabledAt?.toISOString() ?? null,
    passwordChangedAt: a.passwordChangedAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
  };
}

@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly dataSource: DataSource,
    private readonly security: SecurityAudit,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateAccountDto, actor: Actor) {
    if (UNIT_REQUIRED.includes(dto.role) && !dto.unitId) throw new DomainError('ACCOUNT_UNIT_REQUIRED', { field: 'unitId' });
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.dataSource.transaction(async (em) => {
        const unit = dto.unitId ? await em.findOneBy(Unit, { id: dto.unitId }) : null;
        if (dto.unitId && !unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId: dto.unitId });
        const now = this.clock.now();
        const account = em.create(Account, {
          id: randomUUID(),
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
          unitId: unit?.id ?? null,
          passwordHash,
          passwordChangedAt: now,
          disabledAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(Account, account);
        await this.security.recordWithin(em, {
          accountId: account.id,
          eventType: 'ACCOUNT_CREATED',
          actor: actor.username,
          payload: { username: account.username, displayName: account.displayName, role: account.role, unitId: account.unitId },
        });
        return accountView(account, unit);
      });
    } catch (e) {
      if ((e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new DomainError('USERNAME_TAKEN', { field: 'username' });
      }
      throw e;
    }
  }

  async list() {
    const accounts = await this.dataSource.getRepository(Account).find({ relations: { unit: true }, order: { username: 'ASC' } });
    return accounts.map((a) => accountView(a, a.unit));
  }

  async get(id: string) {
    const account = await this.dataSource.getRepository(Account).findOne({ where: { id }, relations: { unit: true } });
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: id });
    return accountView(account, account.unit);
  }

  disable(id: string, actor: Actor) {
    if (id === actor.accountId) {
      throw new DomainError('FORBIDDEN', {}, { vi: 'Không thể tự khóa tài khoản của mình.', en: 'You cannot disable your own account.' });
    }
    return this.change(id, actor, 'ACCOUNT_DISABLED', async (em, account, now) => {
      if (account.disabledAt) return {};
      account.disabledAt = now;
      const ended = await this.endSessions(em, account.id, now, 'ACCOUNT_DISABLED');
      return { sessionsEnded: ended };
    });
  }

  enable(id: string, actor: Actor) {
    return this.change(id, actor, 'ACCOUNT_ENABLED', async (_em, account) => {
      account.disabledAt = null;
      return {};
    });
  }

  async resetPassword(id: string, password: string, actor: Actor) {
    const passwordHash = await hashPassword(password);
    return this.change(id, actor, 'PASSWORD_RESET', async (em, account, now) => {
      account.passwordHash = passwordHash;
      account.passwordChangedAt = now;
      return { sessionsEnded: await this.endSessions(em, account.id, now, 'PASSWORD_RESET') };
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string) {
    const account = await this.dataSource.getRepository(Account).findOneByOrFail({ id: actor.accountId });
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      await this.security.record({ accountId: account.id, eventType: 'PASSWORD_CHANGE_FAILED', actor: actor.username, payload: { reason: 'WRONG_CURRENT_PASSWORD', ...actor.origin } });
      throw invalidField('currentPassword', 'wrongPassword', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' });
    }
    const passwordHash = await hashPassword(newPassword);
    return this.change(actor.accountId, actor, 'PASSWORD_CHANGED', async (em, a, now) => {
      a.passwordHash = passwordHash;
      a.passwordChangedAt = now;
      // Other sessions end; the one that changed the password goes on.
      const ended = await em
        .createQueryBuilder()
        .update(Session)
        .set({ revokedAt: now, revokedReason: 'PASSWORD_CHANGED' })
        .where('account_id = :id AND revoked_at IS NULL AND id <> :current', { id: a.id, current: actor.sessionId ?? '' })
        .execute();
      return { sessionsEnded: ended.affected ?? 0 };
    });
  }

  /** Creates the first administrator from configuration when there is none yet. */
  async ensureInitialAdmin(username: string | undefined, password: string | undefined): Promise<void> {
    if (!username || !password) return;
    const admins = await this.dataSource.getRepository(Account).countBy({ role: 'ADMIN' });
    if (admins > 0) return;
    await this.create({ username, displayName: 'Quản trị hệ thống', role: 'ADMIN', password }, { accountId: '', username: 'he-thong', role: 'ADMIN', unitId: null, unitPath: null });
    this.logger.warn(`Created the first administrator "${username}" from INITIAL_ADMIN_*; remove INITIAL_ADMIN_PASSWORD from the environment.`);
  }

  private async change(id: string, actor: Actor, eventType: string, apply: (em: EntityManager, account: Account, now: Date) => Promise<Record<string, unknown>>) {
    return this.dataSource.transaction(async (em) => {
      const account = await em.createQueryBuilder(Account, 'a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: id });
      const now = new Date();
      const facts = await apply(em, account, now);
      account.version += 1;
      account.updatedAt = now;
      await em.update(
        Account,
        { id },
        { disabledAt: account.disabledAt, passwordHash: account.passwordHash, passwordChangedAt: account.passwordChangedAt, version: account.version, updatedAt: now },
      );
      await this.security.recordWithin(em, { accountId: id, eventType, actor: actor.username, payload: { username: account.username, ...facts } });
      const unit = account.unitId ? await em.findOneBy(Unit, { id: account.unitId }) : null;
      return accountView(account, unit);
    });
  }

  private async endSessions(em: EntityManager, accountId: string, now: Date, reason: string): Promise<number> {
    const result = await em.update(Session, { accountId, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
    return result.affected ?? 0;
  }
}
