/**
 * Sign-in, sessions and sign-out. Sessions live in PostgreSQL, so every instance of the API sees the same
 * ones and a disabled account or a sign-out takes effect everywhere at once.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { Account, Session } from './account.entities.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { SecurityAudit } from './security-audit.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MINUTE = 60_000;
/** last_seen_at is refreshed at most this often: idle expiry needs minutes, not every request's write. */
const TOUCH_EVERY_MS = 60_000;

export interface SignInResult {
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
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly security: SecurityAudit,
  ) {}

  async signIn(usernameRaw: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const username = usernameRaw.trim().toLowerCase();
    // The attempt is reserved (counted as a failure) before the password is tried, so simultaneous guesses
    // cannot all slip under the limit; a success turns the reservation into a success afterwards.
    const attemptId = await this.reserveAttempt(username, client);
    const account = await this.dataSource.getRepository(Account).findOneBy({ username });
    const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
    const now = new Date();
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
    await this.dataSource.query('UPDATE sign_in_attempt SET succeeded = true WHERE id = $1', [attemptId]);

    // A new, random session id at every sign-in; only its hash is stored.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.SESSION_ABSOLUTE_HOURS * 60 * MINUTE);
    await this.dataSource.transaction(async (em) => {
      await em.insert(Session, {
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
   * Counts the recent attempts of this account and this address and, when under both limits, records this
   * one as a failure, all under advisory locks on the username and the address: a burst of simultaneous
   * attempts is admitted one by one. Past a limit: 429 with the seconds until an attempt leaves the window.
   */
  private async reserveAttempt(username: string, client: ClientInfo): Promise<string> {
    const windowMs = this.config.SIGN_IN_WINDOW_MINUTES * MINUTE;
    const id = randomUUID();
    const retryAfterSeconds = await this.dataSource.transaction(async (em) => {
      // Always username first, then address: two requests never wait for each other in opposite orders.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sign-in:user:${username}`]);
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sign-in:address:${client.address}`]);
      const since = new Date(Date.now() - windowMs);
      const [row] = (await em.query(
        `SELECT
           (SELECT count(*)::int FROM sign_in_attempt WHERE username = $1 AND NOT succeeded AND attempted_at > $3) AS "accountFailures",
           (SELECT min(attempted_at) FROM (SELECT attempted_at FROM sign_in_attempt WHERE username = $1 AND NOT succeeded AND attempted_at > $3 ORDER BY attempted_at DESC LIMIT $4) f) AS "accountOldest",
           (SELECT count(*)::int FROM sign_in_attempt WHERE client_address = $2 AND attempted_at > $3) AS "addressAttempts",
           (SELECT min(attempted_at) FROM (SELECT attempted_at FROM sign_in_attempt WHERE client_address = $2 AND attempted_at > $3 ORDER BY attempted_at DESC LIMIT $5) a) AS "addressOldest"`,
        [username, client.address, since, this.config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT, this.config.SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS],
      )) as { accountFailures: number; accountOldest: Date | null; addressAttempts: number; addressOldest: Date | null }[];
      const limited: Date[] = [];
      if (row!.accountFailures >= this.config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT && row!.accountOldest) limited.push(row!.accountOldest);
      if (row!.addressAttempts >= this.config.SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS && row!.addressOldest) limited.push(row!.addressOldest);
      if (limited.length > 0) {
        // Free again when the oldest attempt that counts against the limit leaves the window.
        return Math.max(1, Math.ceil(Math.max(...limited.map((d) => new Date(d).getTime() + windowMs - Date.now())) / 1000));
      }
      await em.query('INSERT INTO sign_in_attempt (id, username, client_address, succeeded, attempted_at) VALUES ($1, $2, $3, false, now())', [id, username, client.address]);
      return 0;
    });
    if (retryAfterSeconds === 0) return id;
    const account = await this.dataSource.getRepository(Account).findOneBy({ username });
    await this.security.record({
      accountId: account?.id ?? null,
      eventType: 'SIGN_IN_RATE_LIMITED',
      actor: username,
      payload: { username, clientAddress: client.address, userAgent: client.userAgent, retryAfterSeconds },
    });
    throw new DomainError('TOO_MANY_SIGN_IN_ATTEMPTS', { retryAfterSeconds });
  }

  /**
   * The person behind a session token (and the hash of the session's CSRF token), or a 401 saying why not.
   * Refreshes the idle clock now and then.
   */
  async resolve(token: string | undefined): Promise<{ actor: Actor; csrfHash: string }> {
    if (!token) throw new DomainError('SESSION_REQUIRED');
    const id = sha256(token);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt", s.csrf_hash AS "csrfHash",
              a.id AS "accountId", a.username, a.role, a.unit_id AS "unitId", a.disabled_at AS "disabledAt", u.path AS "unitPath"
         FROM session s JOIN account a ON a.id = s.account_id LEFT JOIN unit u ON u.id = a.unit_id
        WHERE s.id = $1`,
      [id],
    )) as (Actor & { id: string; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null; disabledAt: Date | null; csrfHash: string })[];
    const s = rows[0];
    if (!s) throw new DomainError('SESSION_REQUIRED');
    const now = Date.now();
    const idleLimit = this.config.SESSION_IDLE_MINUTES * MINUTE;
    if (s.revokedAt || s.disabledAt || s.expiresAt.getTime() <= now || now - s.lastSeenAt.getTime() > idleLimit) {
      throw new DomainError('SESSION_EXPIRED');
    }
    if (now - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.dataSource.query('UPDATE session SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
    }
    return {
      actor: { accountId: s.accountId, username: s.username, role: s.role, unitId: s.unitId, unitPath: s.unitPath, sessionId: id },
      csrfHash: s.csrfHash,
    };
  }

  static csrfMatches(csrfHash: string, csrfToken: string | undefined): boolean {
    if (!csrfToken) return false;
    return timingSafeEqual(Buffer.from(csrfHash), Buffer.from(sha256(csrfToken)));
  }

  async signOut(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.update(Session, { id: actor.sessionId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: 'SIGNED_OUT' });
      await this.security.recordWithin(em, { accountId: actor.accountId, eventType: 'SIGNED_OUT', actor: actor.username, payload: {} });
    });
  }
}
