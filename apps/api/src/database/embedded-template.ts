/**
 * The embedded database's migrated, empty schema, built once by `npm run build` and unpacked into a new data
 * folder at first start, instead of creating a cluster and replaying every migration there.
 *
 * The file is named by a fingerprint of the migrations it holds (their names and compiled code): a build whose
 * migrations differ finds no template of its own and migrates a new folder as before, so a stale template can
 * never stand in for the schema. An existing data folder is never touched: it migrates forward as always.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { repositoryRoot } from '../web/web-app.js';
import { dataSourceOptions } from './data-source-options.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { migrateWithLock } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

const TEMPLATE_DIR = join(repositoryRoot(), 'dist', 'embedded-template');

/** What the migrations are: their names and compiled code, in order. */
export function migrationsFingerprint(migrations: readonly (new () => unknown)[] = MIGRATIONS): string {
  const hash = createHash('sha256');
  for (const migration of migrations) hash.update(migration.name).update('\0').update(migration.toString()).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function templateFile(directory = TEMPLATE_DIR): string {
  return join(directory, `pglite-${migrationsFingerprint()}.tar.gz`);
}

/** The template of this build's migrations, if it was built. */
export function readTemplate(directory = TEMPLATE_DIR): Blob | undefined {
  const file = templateFile(directory);
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Whether a data folder already holds a database (PostgreSQL writes PG_VERSION first). */
export function holdsDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/** Builds this build's template (the templates of other migration sets are removed); returns its path. */
export async function buildTemplate(directory = TEMPLATE_DIR): Promise<string> {
  const pg = await EmbeddedPostgres.start({ maxConnections: 1 });
  let dump: Blob;
  try {
    const dataSource = new DataSource(dataSourceOptions(pg.url, { DB_POOL_MAX: 1, DB_STATEMENT_TIMEOUT_MS: 0, DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 0, DB_CONNECTION_TIMEOUT_MS: 30_000 }));
    await dataSource.initialize();
    try {
      await migrateWithLock(dataSource);
    } finally {
      await dataSource.destroy();
    }
    dump = await pg.db.dumpDataDir('gzip');
  } finally {
    await pg.stop();
  }
  mkdirSync(directory, { recursive: true });
  const file = templateFile(directory);
  for (const old of readdirSync(directory)) if (old.startsWith('pglite-') && join(directory, old) !== file) rmSync(join(directory, old), { force: true });
  // Written under another name and renamed when complete: a start never reads half a template.
  writeFileSync(`${file}.part`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.part`, file);
  return file;
}
