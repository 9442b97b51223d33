import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { IdempotencyCommitMarker } from '../idempotency/idempotency-scope.js';
import { MIGRATIONS } from './migrations/index.js';
import { connectionOptions } from './connection-options.js';

/** The one description of how the application reaches its database, for Nest and for the CLI alike. */
export function dataSourceOptions(url: string, config: Pick<AppConfig, 'DB_POOL_MAX' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DB_CONNECTION_TIMEOUT_MS'>): DataSourceOptions {
  return {
    ...connectionOptions(url, config),
    entities: [...ENTITIES, IdempotencyKey],
    // Marks a request's Idempotency-Key inside the transaction that makes its change (idempotency-scope.ts).
    subscribers: [IdempotencyCommitMarker],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
  };
}
