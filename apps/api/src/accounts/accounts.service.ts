/**
 * Administration of accounts: create, disable, re-enable, reset passwords. Every change is audited in the
 * account's own chain; a disabled account or a reset password ends the account's sign-in sessions at once.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type QueryFailedError } from 'typeorm';
import { ROLES, foldVietnamese, labelsOf, type Role } from '#domain';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { Unit } from '../units/unit.entity.js';
import { Account } from './account.entities.js';
import { AccountRepository } from './account.repository.js';
import type { CreateAccountDto } from './dto/account.dto.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SecurityAudit } from './security-audit.js';
import { SignInRepository } from './sign-in.repository.js';
import { SessionLookups } from './session-lookups.js';
import { RepeatedSecurityEvents } from './repeated-security-events.js';
import { SignInThrottle, waitInWords } from './sign-in-throttle.js';
import { addressStream } from '../audit/streams.js';
import { invalidField } from '../common/validation.js';
import type { AccountView } from '#contracts';
import { Notifications } from '../notifications/notifications.js';

/** What a person is told of a change to their account (ACCOUNT_CHANGED). */
const ACCOUNT_CHANGES: Record<string, { vi: string; en: string }> = {
  ACCOUNT_ENABLED: { vi: 'Tài khoản của bạn đã được mở khóa.', en: 'Your account was re-enabled.' },
  PASSWORD_RESET: { vi: 'Mật khẩu của bạn đã được quản trị hệ thống đặt lại; các phiên đăng nhập đã kết thúc.', en: 'An administrator reset your password; your sign-in sessions ended.' },
  PASSWORD_CHANGED: { vi: 'Mật khẩu của bạn vừa được thay đổi. Nếu không phải bạn, hãy báo ngay cho quản trị hệ thống.', en: 'Your password was just changed. If it was not you, tell an administrator at once.' },
  EMAIL_CHANGED: { vi: 'Địa chỉ thư nhận thông báo của bạn đã được thay đổi.', en: 'The address your notifications are mailed to was changed.' },
  ACCOUNT_CHANGED: {
    vi: 'Vai trò hoặc đơn vị công tác của bạn đã được quản trị hệ thống thay đổi; vui lòng đăng nhập lại.',
    en: 'An administrator changed your role or unit; please sign in again.',
  },
};

const UNIT_REQUIRED: Role[] = ['UNIT_HEAD', 'COUNCIL_MEMBER'];

/** A text's words, folded (no diacritics, lower case), split at anything but letters and digits. */
const wordsOf = (text: string) => foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Whether the query's words occur one after the other in `words`, each beginning a word: "nguyen thi" finds
 * "Nguyễn Thị Hoa" but not "Nguyễn Văn Thi", and "pham thi thu" not "Phạm Minh Đức (Ban Thi đua…)".
 */
function startsPhrase(words: string[], query: string[]): boolean {
  for (let i = 0; i + query.length <= words.length; i++) {
    if (query.every((q, j) => words[i + j]!.startsWith(q))) return true;
  }
  return false;
}

export function accountView(a: Account, unit?: Pick<Unit, 'id' | 'name'> | null, email?: string | null): AccountView {
  return {
    ...(email !== undefined ? { email } : {}),
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
    private readonly accounts: AccountRepository,
    private readonly signIns: SignInRepository,
    private readonly security: SecurityAudit,
    private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
    private readonly repeated: RepeatedSecurityEvents,
    private readonly notifications: Notifications,
    private readonly lookups: SessionLookups,
  ) {}

  async create(dto: CreateAccountDto, actor: Actor) {
    if (UNIT_REQUIRED.includes(dto.role) && !dto.unitId) throw new DomainError('ACCOUNT_UNIT_REQUIRED', { field: 'unitId' });
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.dataSource.transaction(async (em) => {
        const unit = dto.unitId ? await this.accounts.unitRef(dto.unitId, em) : null;
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
        await this.accounts.insert(em, account);
        if (dto.email) await em.query(`INSERT INTO account_contact (account_id, email, updated_at) VALUES ($1, $2, $3)`, [account.id, dto.email, now]);
        await this.security.recordWithin(em, {
          accountId: account.id,
          eventType: 'ACCOUNT_CREATED',
          actor: actor.username,
          payload: { username: account.username, displayName: account.displayName, role: account.role, unitId: account.unitId, ...(dto.email ? { email: dto.email } : {}) },
        });
        return accountView(account, unit, dto.email ?? null);
      });
    } catch (e) {
      if ((e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new DomainError('USERNAME_TAKEN', { field: 'username' });
      }
      throw e;
    }
  }

  /**
   * Every account, or those matching the search: `q` matches the username or the full name without regard to
   * diacritics or case ("nguyen van" finds "Nguyễn Văn A"); `role` and `unitId` narrow further.
   */
  async list(filter: { q?: string; role?: Role; unitId?: string } = {}) {
    const accounts = await this.accounts.listWithUnits();
    const emails = await this.emails();
    const query = filter.q ? wordsOf(filter.q) : [];
    return accounts
      .filter((a) => !filter.role || a.role === filter.role)
      .filter((a) => !filter.unitId || a.unitId === filter.unitId)
      .filter((a) => query.length === 0 || [a.username, a.displayName, a.unit?.name ?? ''].some((field) => startsPhrase(wordsOf(field), query)))
      .map((a) => accountView(a, a.unit, emails.get(a.id) ?? null));
  }

  /**
   * Changes an account's role and unit, audited in the account's chain. A unit head or council member needs a unit;
   * the last enabled administrator cannot be given another role (nobody could then administer accounts). The
   * person's sign-in sessions end, so that what they see follows their new rights from the next sign-in.
   */
  changeRole(id: string, role: Role, unitId: string | null, actor: Actor) {
    if (UNIT_REQUIRED.includes(role) && !unitId) throw new DomainError('ACCOUNT_UNIT_REQUIRED', { field: 'unitId' });
    return this.change(id, actor, 'ACCOUNT_CHANGED', async (em, account, now) => {
      const unit = unitId ? await this.accounts.unitRef(unitId, em) : null;
      if (unitId && !unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId });
      if (account.role === 'ADMIN' && role !== 'ADMIN' && (await this.accounts.countOtherEnabledAdministrators(em, account.id)) === 0) {
        throw new DomainError('LAST_ADMINISTRATOR', { field: 'role' });
      }
      const before = { role: account.role, unitId: account.unitId };
      if (before.role === role && before.unitId === unitId) return { unchanged: true };
      account.role = role;
      account.unitId = unitId;
      return { roleBefore: before.role, role, unitIdBefore: before.unitId, unitId, sessionsEnded: await this.signIns.revokeAllOf(em, account.id, now, 'ACCOUNT_CHANGED') };
    });
  }

  /** The addresses notifications are mailed to, by account (or one account's). */
  private async emails(accountId?: string, em: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows = (await em.query(`SELECT account_id, email FROM account_contact WHERE $1::uuid IS NULL OR account_id = $1`, [accountId ?? null])) as { account_id: string; email: string }[];
    return new Map(rows.map((r) => [r.account_id, r.email]));
  }

  /** Sets (or with null removes) the address an account's notifications are mailed to; audited, and the person is told. */
  setEmail(id: string, email: string | null, actor: Actor) {
    return this.change(id, actor, 'EMAIL_CHANGED', async (em, account, now) => {
      const before = (await this.emails(account.id, em)).get(account.id) ?? null;
      if (email) {
        await em.query(
          `INSERT INTO account_contact (account_id, email, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
          [account.id, email, now],
        );
      } else {
        await em.query(`DELETE FROM account_contact WHERE account_id = $1`, [account.id]);
      }
      return { emailBefore: before, email };
    });
  }

  /** The signed-in person's own account. */
  async own(actor: Actor) {
    const account = await this.accounts.withUnit(actor.accountId);
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: actor.accountId });
    return accountView(account, account.unit);
  }

  /** The account that just signed in, as the sign-in answers it. */
  async signedIn(account: Account) {
    return accountView(account, account.unitId ? await this.accounts.unitRef(account.unitId) : null);
  }

  async get(id: string) {
    const account = await this.accounts.withUnit(id);
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: id });
    return accountView(account, account.unit, (await this.emails(id)).get(id) ?? null);
  }

  disable(id: string, actor: Actor) {
    if (id === actor.accountId) {
      throw new DomainError('FORBIDDEN', {}, { vi: 'Không thể tự khóa tài khoản của mình.', en: 'You cannot disable your own account.' });
    }
    return this.change(id, actor, 'ACCOUNT_DISABLED', async (em, account, now) => {
      if (account.disabledAt) return {};
      account.disabledAt = now;
      return { sessionsEnded: await this.signIns.revokeAllOf(em, account.id, now, 'ACCOUNT_DISABLED') };
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
      return { sessionsEnded: await this.signIns.revokeAllOf(em, account.id, now, 'PASSWORD_RESET') };
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string) {
    const account = await this.accounts.byId(actor.accountId);
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: actor.accountId });
    // Guessing the current password is throttled like signing in, keyed by the signed-in account and its address.
    const address = actor.origin?.clientAddress ?? 'unknown';
    const admission = await this.throttle.admit(account.username, address);
    if (!admission.admitted) {
      await this.repeated.record(
        {
          accountId: account.id,
          ...(admission.reason === 'ADDRESS_FAILURES' ? { stream: addressStream(address) } : {}),
          eventType: 'PASSWORD_CHANGE_RATE_LIMITED',
          actor: actor.username,
          payload: { ...actor.origin, reason: admission.reason, retryAfterSeconds: admission.retryAfterSeconds },
        },
        admission.reason,
      );
      const wait = waitInWords(admission.retryAfterSeconds);
      throw new DomainError(
        'TOO_MANY_PASSWORD_ATTEMPTS',
        { field: 'currentPassword', retryAfterSeconds: admission.retryAfterSeconds },
        { vi: `Nhập sai mật khẩu hiện tại quá nhiều lần. Vui lòng thử lại sau ${wait.vi}.`, en: `Too many wrong current passwords. Please try again in ${wait.en}.` },
      );
    }
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      await this.security.record({ accountId: account.id, eventType: 'PASSWORD_CHANGE_FAILED', actor: actor.username, payload: { reason: 'WRONG_CURRENT_PASSWORD', ...actor.origin } });
      throw invalidField('currentPassword', 'wrongPassword', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' });
    }
    await this.throttle.succeeded(admission.attemptId);
    const passwordHash = await hashPassword(newPassword);
    return this.change(actor.accountId, actor, 'PASSWORD_CHANGED', async (em, a, now) => {
      a.passwordHash = passwordHash;
      a.passwordChangedAt = now;
      // Other sign-in sessions end; the one that changed the password goes on.
      return { sessionsEnded: await this.signIns.revokeAllOf(em, a.id, now, 'PASSWORD_CHANGED', actor.signInSessionId) };
    });
  }

  /**
   * Clears an account's sign-in throttle (its failures stop counting against it; they stay, marked), e.g. when the
   * person cannot sign in from outside the office during an attack. Audited in the account's chain.
   */
  async clearSignInThrottle(id: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const account = await this.accounts.lockForChange(em, id);
      if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: id });
      const failuresCleared = await this.signIns.clearFailures(em, account.username, this.clock.realNow());
      await this.security.recordWithin(em, { accountId: id, eventType: 'SIGN_IN_THROTTLE_CLEARED', actor: actor.username, payload: { username: account.username, failuresCleared } });
      const unit = account.unitId ? await this.accounts.unitRef(account.unitId, em) : null;
      return accountView(account, unit);
    });
  }

  /** Creates the first administrator from configuration when there is none yet. */
  async ensureInitialAdmin(username: string | undefined, password: string | undefined): Promise<void> {
    if (!username || !password) return;
    if ((await this.accounts.countAdministrators()) > 0) return;
    await this.create({ username, displayName: 'Quản trị hệ thống', role: 'ADMIN', password }, { accountId: '', username: 'he-thong', role: 'ADMIN', unitId: null, unitPath: null });
    this.logger.warn(`Created the first administrator "${username}" from INITIAL_ADMIN_*; remove INITIAL_ADMIN_PASSWORD from the environment.`);
  }

  private async change(id: string, actor: Actor, eventType: string, apply: (em: EntityManager, account: Account, now: Date) => Promise<Record<string, unknown>>) {
    try {
      return await this.changeWithin(id, actor, eventType, apply);
    } finally {
      // Committed (or not): the account's kept session lookups go, so its next request reads what is now true.
      this.lookups.forgetAccount(id);
    }
  }

  private changeWithin(id: string, actor: Actor, eventType: string, apply: (em: EntityManager, account: Account, now: Date) => Promise<Record<string, unknown>>) {
    return this.dataSource.transaction(async (em) => {
      const account = await this.accounts.lockForChange(em, id);
      if (!account) throw new DomainError('ACCOUNT_NOT_FOUND', { accountId: id });
      const now = this.clock.now();
      const facts = await apply(em, account, now);
      account.version += 1;
      account.updatedAt = now;
      await this.accounts.update(em, id, { role: account.role, unitId: account.unitId, disabledAt: account.disabledAt, passwordHash: account.passwordHash, passwordChangedAt: account.passwordChangedAt, version: account.version, updatedAt: now });
      await this.security.recordWithin(em, { accountId: id, eventType, actor: actor.username, payload: { username: account.username, ...facts } });
      const change = ACCOUNT_CHANGES[eventType];
      if (change) {
        // Told in the same transaction; a disabled account is told nothing (it cannot sign in to read it).
        await this.notifications.notify(em, { kind: 'ACCOUNT_CHANGED', to: [id], title: { vi: 'Thay đổi tài khoản', en: 'Account change' }, body: change, link: '/viec-can-lam' });
      }
      const unit = account.unitId ? await this.accounts.unitRef(account.unitId, em) : null;
      return accountView(account, unit, eventType === 'EMAIL_CHANGED' ? ((facts.email as string | null) ?? null) : undefined);
    });
  }
}
