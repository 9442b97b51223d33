/**
 * The idempotency_key table's SQL: claim a key, look at a key someone else holds, finish, purge.
 * Every statement is a single autocommit statement on the pool (never inside a change's transaction), so a
 * concurrent duplicate sees a claim as soon as it is made. Timestamps come from the database's clock, which all
 * instances share.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { IdempotencyClaim } from './idempotency-scope.js';

export interface KeyRequest {
  accountId: string;
  key: string;
  fingerprint: string;
  method: string;
  path: string;
}

export interface StoredResponse {
  status: number;
  /** `json`, `text`, or null for an empty body. */
  contentType: 'json' | 'text' | null;
  body: string | null;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claim: IdempotencyClaim }
  | { kind: 'replay'; response: StoredResponse }
  /** The same key with another request. */
  | { kind: 'mismatch' }
  /** Another request with this key is being carried out now. */
  | { kind: 'in-progress'; retryAfterSeconds: number }
  /** Carried out (its change committed) but its response was never stored: the process stopped in between. */
  | { kind: 'applied-response-lost' };

/**
 * How a request ended: `store` keeps the response for replay; `request-error` (the request as sent cannot be
 * processed: 400, 413, 415) and `server-error` (5xx) release the key so it can be retried, unless the change had
 * already committed — then `request-error` stores the response, and `server-error` leaves the key marked as
 * applied without a response.
 */
export type FinishMode = 'store' | 'request-error' | 'server-error';

interface ExistingRow {
  fingerprint: string;
  leased: boolean;
  committed: boolean;
  completed: boolean;
  responseStatus: number | null;
  responseContentType: 'json' | 'text' | null;
  responseBody: string | null;
  leaseLeft: number | null;
}

@Injectable()
export class IdempotencyStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async claim(request: KeyRequest): Promise<ClaimOutcome> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const leaseToken = randomUUID();
      // A new key, an expired one, a released one, or one whose holder's lease ran out before anything committed
      // (same request only) is taken; anything else is left alone and looked at below.
      const taken = (await this.dataSource.query(
        `INSERT INTO idempotency_key AS k (account_id, key, fingerprint, method, path, lease_token, locked_until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7), now())
         ON CONFLICT (account_id, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method, path = EXCLUDED.path,
               lease_token = EXCLUDED.lease_token, locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at,
               committed_at = NULL, completed_at = NULL, response_status = NULL, response_content_type = NULL, response_body = NULL
           WHERE k.created_at < now() - make_interval(hours => $8)
              OR (k.completed_at IS NULL AND k.committed_at IS NULL
                  AND (k.locked_until IS NULL OR (k.locked_until < now() AND k.fingerprint = EXCLUDED.fingerprint)))
         RETURNING lease_token AS "leaseToken"`,
        [request.accountId, request.key, request.fingerprint, request.method, request.path, leaseToken, this.config.IDEMPOTENCY_LEASE_SECONDS, this.config.IDEMPOTENCY_KEY_RETENTION_HOURS],
      )) as { leaseToken: string }[];
      if (taken[0]?.leaseToken === leaseToken) return { kind: 'claimed', claim: { accountId: request.accountId, key: request.key, leaseToken } };

      const rows = (await this.dataSource.query(
        `SELECT fingerprint, COALESCE(locked_until > now(), false) AS leased, committed_at IS NOT NULL AS committed,
                completed_at IS NOT NULL AS completed, response_status AS "responseStatus",
                response_content_type AS "responseContentType", response_body AS "responseBody",
                CEIL(EXTRACT(EPOCH FROM locked_until - now()))::int AS "leaseLeft"
           FROM idempotency_key WHERE account_id = $1 AND key = $2`,
        [request.accountId, request.key],
      )) as ExistingRow[];
      const row = rows[0];
      if (!row) continue; // purged between the two statements: claim again
      if (row.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
      if (row.completed) return { kind: 'replay', response: { status: row.responseStatus!, contentType: row.responseContentType, body: row.responseBody } };
      if (row.committed && !row.leased) return { kind: 'applied-response-lost' };
      if (row.leased) return { kind: 'in-progress', retryAfterSeconds: Math.max(1, Math.min(row.leaseLeft ?? 1, 5)) };
      // Released or expired between the two statements: claim again.
    }
    return { kind: 'in-progress', retryAfterSeconds: 1 };
  }

  /** Records how the request ended; only the current holder of the lease can. */
  async finish(claim: IdempotencyClaim, mode: FinishMode, response: StoredResponse): Promise<void> {
    // `keep`: the response is stored when asked to, or for a request error once the change had committed.
    await this.dataSource.query(
      `WITH decision AS (
         SELECT ($4 = 'store' OR ($4 = 'request-error' AND committed_at IS NOT NULL)) AS keep
           FROM idempotency_key WHERE account_id = $1 AND key = $2 AND lease_token = $3 AND completed_at IS NULL)
       UPDATE idempotency_key k SET locked_until = NULL,
              completed_at = CASE WHEN d.keep THEN now() END,
              response_status = CASE WHEN d.keep THEN $5::int END,
              response_content_type = CASE WHEN d.keep THEN $6::text END,
              response_body = CASE WHEN d.keep THEN $7::text END
         FROM decision d
        WHERE k.account_id = $1 AND k.key = $2 AND k.lease_token = $3 AND k.completed_at IS NULL`,
      [claim.accountId, claim.key, claim.leaseToken, mode, response.status, response.contentType, response.body],
    );
  }

  /** Deletes keys past the retention period (never one being carried out); returns how many. */
  async purgeExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM idempotency_key
        WHERE created_at < now() - make_interval(hours => $1) AND (locked_until IS NULL OR locked_until < now())`,
      [this.config.IDEMPOTENCY_KEY_RETENTION_HOURS],
    )) as [unknown[], number];
    return count;
  }
}
