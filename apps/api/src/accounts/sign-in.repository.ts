/**
 * The SQL of signing in: the attempts counted against the rate limits (sign_in_attempt), and the sign-in sessions
 * (table `session`), which live in PostgreSQL so that every instance sees the same ones and an ended session ends
 * everywhere at once. Only hashes of the tokens are stored.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { Role } from '#domain';
import { SignInSession } from './sign-in-session.entity.js';

/** The recent attempts that count against the limits, and the oldest of those that would still count at the limit. */
export interface RecentAttempts {
  accountFailures: number;
  accountOldest: Date | null;
  addressAttempts: number;
  addressOldest: Date | null;
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

  /**
   * Since `since`: the failures of the username and the attempts of the address, and for each the oldest of the
   * last `accountLimit` / `addressLimit` (when it leaves the window, one more attempt is allowed).
   */
  async recentAttempts(em: EntityManager, username: string, address: string, since: Date, accountLimit: number, addressLimit: number): Promise<RecentAttempts> {
    const [row] = (await em.query(
      `SELECT
         (SELECT count(*)::int FROM sign_in_attempt WHERE username = $1 AND NOT succeeded AND attempted_at > $3) AS "accountFailures",
         (SELECT min(attempted_at) FROM (SELECT attempted_at FROM sign_in_attempt WHERE username = $1 AND NOT succeeded AND attempted_at > $3 ORDER BY attempted_at DESC LIMIT $4) f) AS "accountOldest",
         (SELECT count(*)::int FROM sign_in_attempt WHERE client_address = $2 AND attempted_at > $3) AS "addressAttempts",
         (SELECT min(attempted_at) FROM (SELECT attempted_at FROM sign_in_attempt WHERE client_address = $2 AND attempted_at > $3 ORDER BY attempted_at DESC LIMIT $5) a) AS "addressOldest"`,
      [username, address, since, accountLimit, addressLimit],
    )) as RecentAttempts[];
    return row!;
  }

  /** An attempt, counted as a failure until `markSucceeded`; dated by the database's clock. */
  async insertAttempt(em: EntityManager, id: string, username: string, address: string): Promise<void> {
    await em.query('INSERT INTO sign_in_attempt (id, username, client_address, succeeded, attempted_at) VALUES ($1, $2, $3, false, now())', [id, username, address]);
  }

  async markSucceeded(attemptId: string): Promise<void> {
    await this.dataSource.query('UPDATE sign_in_attempt SET succeeded = true WHERE id = $1', [attemptId]);
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
