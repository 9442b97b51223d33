import type { AppConfig } from '../config/app-config.js';

/**
 * How a connection to the application's database is set up (pool size, waits, timeouts, the name it shows in
 * pg_stat_activity): shared by the application's data source (data-source-options.ts) and by connections that
 * need no entities, such as the audit verifier's worker threads (which then load neither entities nor migrations).
 */
export function connectionOptions(url: string, config: Pick<AppConfig, 'DB_POOL_MAX' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS' | 'DB_CONNECTION_TIMEOUT_MS'>) {
  return {
    type: 'postgres' as const,
    url,
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
