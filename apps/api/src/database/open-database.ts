import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Where the data lives: the server named by DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
 * Closing stops the embedded database; call it after the DataSource is destroyed.
 */
export async function openDatabase(config: AppConfig, embeddedFrom?: Blob): Promise<OpenDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, close: async () => {} };
  const pg = await EmbeddedPostgres.start({
    dataDir: embeddedFrom ? undefined : join(config.DATA_DIR, 'pglite'),
    loadDataDir: embeddedFrom,
    maxConnections: config.DB_POOL_MAX,
  });
  return { url: pg.url, embedded: true, close: () => pg.stop() };
}
