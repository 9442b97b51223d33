import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { IdempotencyCommitMarker } from '../idempotency/idempotency-scope.js';
import { MIGRATIONS } from './migrations/index.js';

/** The one description of how the application reaches its database, for Nest and for the CLI alike. */
export function dataSourceOptions(url: string, config: Pick<AppConfig, 'DB_POOL_MAX' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DB_CONNECTION_TIMEOUT_MS'>): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [...ENTITIES, IdempotencyKey],
    // Marks a request's Idempotency-Key inside the transaction that makes its change (idempotency-scope.ts).
    subscribers: [IdempotencyCommitMarker],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: config.DB_POOL_MAX,
      // Bounds the wait for a connection, new or pooled: a request fails with 503 rather than hang.
      connectionTimeoutMillis: config.DB_CONNECTION_TIMEOUT_MS,
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      application_name: 'dien-hinh-tien-tien',
    },
  };
}
