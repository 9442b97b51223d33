/**
 * The SQL of signing in: the password checks counted by the throttle (sign_in_attempt), and the sign-in sessions
 * (table `session`), which live in PostgreSQL so that every instance sees the same ones and an ended session ends
 * everywhere at once. Only hashes of the tokens are stored.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { Role } from '#domain';
import { SignInSession } from './sign-in-session.entity.js';

/** What the throttle decides on (see SignInThrottle). */
export interface ThrottleFacts {
  /** Failures of this account from this address since its last success there (uncleared, within the memory). */
  pairFailures: number;
  pairLastFailure: Date | null;
  /** Failures of this account within the window (uncleared), the addresses they came from, and the oldest of the last `accountLimit`. */
  accountFailures: number;
  accountAddresses: number;
  accountOldest: Date | null;
  /** Failures from this address on any account within the window, and the oldest of the last `addressLimit`. */
  addressFailures: number;
  addressOldest: Date | null;
}

export interface ThrottleQuery {
  username: string;
  address: string;
  memorySince: Date;
  windowSince: Date;
  accountLimit: number;
  addressLimit: number;
}

/** A sign-in session with the account and unit it speaks for. */
export interface SessionOfAccountRow {
  id: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  csrfHash: string;
  accountId: string;
  username: string;
  role: Role;
  unitId: string | null;
  disabledAt: Date | null;
  unitPath: string | null;
}

@Injectable()
export class SignInRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- attempts ----

  /**
   * Serialises the attempts on one username and one address for the transaction. Always username first, then
   * address: two requests never wait for each other in opposite orders.
   */
  async lockAttempts(em: EntityManager, username: string, address: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sign-in:user:${username}`]);
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sign-in:address:${address}`]);
  }

  /** The failures the throttle counts for one (account, address), the account and the address. */
  async throttleFacts(em: EntityManager, q: ThrottleQuery): Promise<ThrottleFacts> {
    const [row] = (await em.query(
      `WITH pair AS (
         SELECT attempted_at, succeeded FROM sign_in_attempt
          WHERE username = $1 AND client_address = $2 AND cleared_at IS NULL AND attempted_at > $3
       ), since_success AS (
         SELECT attempted_at FROM pair
          WHERE NOT succeeded AND attempted_at > coalesce((SELECT max(attempted_at) FROM pair WHERE succeeded), '-infinity')
       ), account_failures AS (
         SELECT attempted_at, client_address FROM sign_in_attempt WHERE username = $1 AND NOT succeeded AND cleared_at IS NULL AND attempted_at > $4
       )
       SELECT
         (SELECT count(*)::int FROM since_success) AS "pairFailures",
         (SELECT max(attempted_at) FROM since_success) AS "pairLastFailure",
         (SELECT count(*)::int FROM account_failures) AS "accountFailures",
         (SELECT count(DISTINCT client_address)::int FROM account_failures) AS "accountAddresses",
         (SELECT min(attempted_at) FROM (SELECT attempted_at FROM account_failures ORDER BY attempted_at DESC LIMIT $5) f) AS "accountOldest",
         (SELECT count(*)::int FROM sign_in_attempt WHERE client_address = $2 AND NOT succeeded AND attempted_at > $4) AS "addressFailures",
         (SELECT min(attempted_at) FROM (SELECT attempted_at FROM sign_in_attempt WHERE client_address = $2 AND NOT succeeded AND attempted_at > $4 ORDER BY attempted_at DESC LIMIT $6) a) AS "addressOldest"`,
      [q.username, q.address, q.memorySince, q.windowSince, q.accountLimit, q.addressLimit],
    )) as ThrottleFacts[];
    return row!;
  }

  /** An attempt, counted as a failure until `markSucceeded`. */
  async insertAttempt(em: EntityManager, id: string, username: string, address: string, at: Date): Promise<void> {
    await em.query('INSERT INTO sign_in_attempt (id, username, client_address, succeeded, attempted_at) VALUES ($1, $2, $3, false, $4)', [id, username, address, at]);
  }

  async markSucceeded(attemptId: string): Promise<void> {
    await this.dataSource.query('UPDATE sign_in_attempt SET succeeded = true WHERE id = $1', [attemptId]);
  }

  /** Clears the throttle of an account: its failures stop counting against it (they stay, marked). Returns how many. */
  async clearFailures(em: EntityManager, username: string, at: Date): Promise<number> {
    const [row] = (await em.query(
      'WITH cleared AS (UPDATE sign_in_attempt SET cleared_at = $2 WHERE username = $1 AND NOT succeeded AND cleared_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM cleared',
      [username, at],
    )) as { n: number }[];
    return row!.n;
  }

  // ---- sessions ----

  async insertSession(em: EntityManager, session: SignInSession): Promise<void> {
    await em.insert(SignInSession, session);
  }

  async sessionWithAccount(id: string): Promise<SessionOfAccountRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt", s.csrf_hash AS "csrfHash",
              a.id AS "accountId", a.username, a.role, a.unit_id AS "unitId", a.disabled_at AS "disabledAt", u.path AS "unitPath"
         FROM session s JOIN account a ON a.id = s.account_id LEFT JOIN unit u ON u.id = a.unit_id
        WHERE s.id = $1`,
      [id],
    )) as SessionOfAccountRow[];
    return rows[0];
  }

  /** Refreshes the idle clock of a session still in force (by the database's clock). */
  async touch(id: string): Promise<void> {
    await this.dataSource.query('UPDATE session SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  }

  /** Ends one session if it is still in force. */
  async revoke(em: EntityManager, id: string, at: Date, reason: string): Promise<void> {
    await em.update(SignInSession, { id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Ends every session of an account still in force, but `keep`; returns how many ended. */
  async revokeAllOf(em: EntityManager, accountId: string, at: Date, reason: string, keep?: string): Promise<number> {
    const result = await em.update(SignInSession, { accountId, revokedAt: IsNull(), ...(keep !== undefined ? { id: Not(keep) } : {}) }, { revokedAt: at, revokedReason: reason });
    return result.affected ?? 0;
  }
}
