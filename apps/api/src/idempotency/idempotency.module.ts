import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency.store.js';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes keys older than IDEMPOTENCY_KEY_RETENTION_HOURS, hourly. Deleting is right here and nowhere else:
 * a key is a promise to replay a response for a limited time, not a record of what happened (the audit trail
 * is). Every instance may run it; the statement is idempotent.
 */
@Injectable()
export class IdempotencyKeyPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: IdempotencyStore) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.store.purgeExpired().then(
        (n) => n > 0 && this.logger.log(`Đã xóa ${n} khóa idempotency hết hạn / Purged ${n} expired idempotency keys`),
        (error: unknown) => this.logger.warn({ err: error }, 'Idempotency key purge failed; retried next hour'),
      );
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/** Idempotency-Key on every state-changing request; see idempotency.interceptor.ts. */
@Module({
  providers: [IdempotencyStore, IdempotencyKeyPurge, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
