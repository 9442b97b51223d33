/**
 * Sign-in, sign-in sessions and sign-out (a sign-in session: phiên đăng nhập; the council's review sessions are
 * another thing, in reviews/). Sessions live in PostgreSQL (SignInRepository), so every instance of the API sees
 * the same ones and a disabled account or a sign-out takes effect everywhere at once.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { Account } from './account.entities.js';
import { AccountRepository } from './account.repository.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { SecurityAudit } from './security-audit.js';
import { SignInRepository } from './sign-in.repository.js';
import { SessionLookups } from './session-lookups.js';
import { RepeatedSecurityEvents } from './repeated-security-events.js';
import { SignInThrottle, waitInWords } from './sign-in-throttle.js';
import { addressStream } from '../audit/streams.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MINUTE = 60_000;
/** last_seen_at is refreshed at most this often: idle expiry needs minutes, not every request's write. */
const TOUCH_EVERY_MS = 60_000;

export interface SignedIn {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  account: Account;
}

export interface ClientInfo {
  address: string;
  userAgent: string;
}

@Injectable()
export class SignInSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly signIns: SignInRepository,
    private readonly config: AppConfig,
    private readonly security: SecurityAudit,
    private readonly clock: Clock,
    private readonly throttle: SignInThrottle,
    private readonly repeated: RepeatedSecurityEvents,
    private readonly lookups: SessionLookups,
  ) {}

  async signIn(usernameRaw: string, password: string, client: ClientInfo): Promise<SignedIn> {
    const username = usernameRaw.trim().toLowerCase();
    const admission = await this.throttle.admit(username, client.address);
    if (!admission.admitted) {
      const account = await this.accounts.byUsername(username);
      await this.repeated.record(
        {
          accountId: account?.id ?? null,
          ...(admission.reason === 'ADDRESS_FAILURES' ? { stream: addressStream(client.address) } : {}),
          eventType: 'SIGN_IN_RATE_LIMITED',
          actor: username,
          payload: { username, clientAddress: client.address, userAgent: client.userAgent, reason: admission.reason, retryAfterSeconds: admission.retryAfterSeconds },
        },
        admission.reason,
      );
      const wait = waitInWords(admission.retryAfterSeconds);
      throw new DomainError(
        'TOO_MANY_SIGN_IN_ATTEMPTS',
        { retryAfterSeconds: admission.retryAfterSeconds },
        { vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait.vi}.`, en: `Too many failed sign-ins. Please try again in ${wait.en}.` },
      );
    }
    const account = await this.accounts.byUsername(username);
    const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
    const now = this.clock.realNow();
    if (!account || !ok) {
      await this.security.record({
        accountId: account?.id ?? null,
        eventType: 'SIGN_IN_FAILED',
        actor: username,
        payload: { username, clientAddress: client.address, userAgent: client.userAgent, reason: account ? 'WRONG_PASSWORD' : 'UNKNOWN_USERNAME' },
      });
      throw new DomainError('SIGN_IN_FAILED');
    }
    if (account.disabledAt) {
      await this.security.record({ accountId: account.id, eventType: 'SIGN_IN_FAILED', actor: username, payload: { username, clientAddress: client.address, userAgent: client.userAgent, reason: 'ACCOUNT_DISABLED' } });
      throw new DomainError('ACCOUNT_DISABLED');
    }
    await this.throttle.succeeded(admission.attemptId);

    // A new, random session id at every sign-in; only its hash is stored.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 60 * MINUTE);
    await this.dataSource.transaction(async (em) => {
      await this.signIns.insertSession(em, {
        id: sha256(token),
        accountId: account.id,
        csrfHash: sha256(csrfToken),
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        revokedAt: null,
        revokedReason: null,
        clientAddress: client.address,
        userAgent: client.userAgent,
      });
      await this.security.recordWithin(em, { accountId: account.id, eventType: 'SIGNED_IN', actor: username, payload: { clientAddress: client.address, userAgent: client.userAgent, expiresAt: expiresAt.toISOString() } });
    });
    return { token, csrfToken, expiresAt, account };
  }

  /**
   * The person behind a session token (and the hash of the session's CSRF token), or a 401 saying why not.
   * Refreshes the idle clock now and then.
   */
  async resolve(token: string | undefined): Promise<{ actor: Actor; csrfHash: string }> {
    if (!token) throw new DomainError('SESSION_REQUIRED');
    const id = sha256(token);
    const s = await this.lookups.lookup(id, () => this.signIns.sessionWithAccount(id));
    if (!s) throw new DomainError('SESSION_REQUIRED');
    const now = Date.now();
    const idleLimit = this.config.SESSION_IDLE_MINUTES * MINUTE;
    if (s.revokedAt || s.disabledAt || s.expiresAt.getTime() <= now || now - s.lastSeenAt.getTime() > idleLimit) {
      throw new DomainError('SESSION_EXPIRED');
    }
    if (now - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.signIns.touch(id);
      this.lookups.touched(id, new Date(now));
    }
    return {
      actor: { accountId: s.accountId, username: s.username, role: s.role, unitId: s.unitId, unitPath: s.unitPath, signInSessionId: id },
      csrfHash: s.csrfHash,
    };
  }

  static csrfMatches(csrfHash: string, csrfToken: string | undefined): boolean {
    if (!csrfToken) return false;
    return timingSafeEqual(Buffer.from(csrfHash), Buffer.from(sha256(csrfToken)));
  }

  async signOut(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (actor.signInSessionId) await this.signIns.revoke(em, actor.signInSessionId, this.clock.realNow(), 'SIGNED_OUT');
      await this.security.recordWithin(em, { accountId: actor.accountId, eventType: 'SIGNED_OUT', actor: actor.username, payload: {} });
    });
    if (actor.signInSessionId) this.lookups.forgetSession(actor.signInSessionId);
  }
}
