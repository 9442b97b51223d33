/**
 * How a request's Idempotency-Key is recorded as "carried out" in the SAME transaction as the change it makes.
 *
 * The interceptor claims the key (its own short statement), then runs the handler inside an AsyncLocalStorage
 * scope holding the claim. Services open their transactions as they always have (`dataSource.transaction`,
 * `queryRunner.startTransaction`); this TypeORM subscriber runs before each of those transactions commits and,
 * when the scope holds a claim and the transaction wrote something, marks the key committed in that
 * transaction, checking that the claim is still this request's. So either the change and the mark commit
 * together, or neither does: a crash between "change committed" and "response stored" leaves a key marked
 * committed, which a retry answers with IDEMPOTENCY_KEY_ALREADY_APPLIED and never runs again; and a request
 * whose claim was taken over (its lease expired while it was still running) cannot commit at all.
 *
 * Why not a transaction helper that services would call instead: it would have to be adopted by every
 * current and future use case, and one forgotten call would silently reopen the double-apply window. The
 * subscriber covers every transaction without the services knowing about it. Writes made outside any
 * transaction (autocommit) are not covered; no request path of this product makes one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventSubscriber, type EntitySubscriberInterface, type TransactionCommitEvent } from 'typeorm';
import { DomainError } from '../common/domain-error.js';

export interface IdempotencyClaim {
  accountId: string;
  key: string;
  /** This request's lease on the key. */
  leaseToken: string;
}

export const idempotencyScope = new AsyncLocalStorage<IdempotencyClaim>();

@EventSubscriber()
export class IdempotencyCommitMarker implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = idempotencyScope.getStore();
    if (!claim || !event.queryRunner) return;
    // Read-only transactions (no transaction id assigned) mark nothing: a request that only read may still run again.
    const [rows] = (await event.queryRunner.query(
      `UPDATE idempotency_key SET committed_at = COALESCE(committed_at, now())
        WHERE account_id = $1 AND key = $2 AND pg_current_xact_id_if_assigned() IS NOT NULL
        RETURNING lease_token AS "leaseToken"`,
      [claim.accountId, claim.key],
    )) as [{ leaseToken: string }[], number];
    if (rows.length > 0 && rows[0]!.leaseToken !== claim.leaseToken) {
      // Another request took the key over after this one's lease ran out: it, not this one, carries it out.
      throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', { idempotencyKey: claim.key });
    }
  }
}
