import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { holdsDatabase, readTemplate } from './embedded-template.js';

export const EMBEDDED_POOL_MAX = 1;

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** A new embedded data folder unpacked from the build's migrated template (embedded-template.ts). */
  fromTemplate?: boolean;
  /** Connections the application's pool may open to it. */
  poolMax: number;
  close(): Promise<void>;
}

/**
 * Where the data lives: the server named by DATABASE_URL, or the embedded PostgreSQL under DATA_DIR.
 * Closing stops the embedded database; call it after the DataSource is destroyed.
 */
export async function openDatabase(config: AppConfig, embeddedFrom?: Blob, options: { template?: boolean } = {}): Promise<OpenDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, poolMax: config.DB_POOL_MAX, close: async () => {} };
  // One connection: the socket server interleaves the extended-protocol messages of several connections
  // (seen here: unnamed portals lost, committed rows not yet visible to the next query), so the pool
  // queues the application's queries instead. PGlite runs one transaction at a time in any case.
  const dataDir = embeddedFrom ? undefined : join(config.DATA_DIR, 'pglite');
  // A new data folder starts from the build's migrated, empty schema when there is one for these migrations.
  // Not for a restore (options.template false), which must start from a database without tables.
  const template = dataDir && options.template !== false && !holdsDatabase(dataDir) ? readTemplate() : undefined;
  const pg = await EmbeddedPostgres.start({ dataDir, loadDataDir: embeddedFrom ?? template, maxConnections: EMBEDDED_POOL_MAX });
  return { url: pg.url, embedded: true, fromTemplate: Boolean(template), poolMax: EMBEDDED_POOL_MAX, close: () => pg.stop() };
}
