/**
 * Test databases. With DATABASE_URL the suite runs on that PostgreSQL server: the schema is migrated once
 * into a template database and every test file gets its own copy (CREATE DATABASE … TEMPLATE), so files
 * run in parallel and never see each other's rows. Without it the suite runs on the embedded PGlite: the
 * migrated data folder is dumped once and every test file starts its own in-memory instance from it.
 *
 * On the server the roles are those of a deployment (docker/postgres/init/01-roles.sh): the template is
 * migrated by the schema's owner (OWNER_ROLE), which also gives the application's role its rights
 * (database/grants.ts), and every test app connects as the application's role (APP_ROLE), so the whole suite
 * runs with the rights the product has in production. DATABASE_URL's own user (a superuser) stays the
 * administrator: it creates the roles when missing, the databases, and is what `t.admin` uses.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { migrateWithLock } from '../../apps/api/src/database/migrate.js';
import { APP_ROLE } from '../../apps/api/src/database/grants.js';

export const SERVER_URL = process.env.DATABASE_URL;
export const onServer = Boolean(SERVER_URL);
/** The role that owns the schema and runs the migrations (the application's role is grants.ts' APP_ROLE). */
export const OWNER_ROLE = 'dth_owner';
export { APP_ROLE };

// The template is named after the migrations' source: a changed migration gets a fresh template.
// The grants and this file (how the template is built) count too: a template built another way is not reused.
const MIGRATIONS_DIR = join(process.cwd(), 'apps/api/src/database/migrations');
const migrationsHash = createHash('sha256');
for (const f of readdirSync(MIGRATIONS_DIR).sort()) migrationsHash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
for (const f of ['apps/api/src/database/grants.ts', 'test/support/databases.ts']) migrationsHash.update(f).update(readFileSync(join(process.cwd(), f)));
const suffix = migrationsHash.digest('hex').slice(0, 12);
export const TEMPLATE_DB = `dth_test_template_${suffix}`;
export const TEMPLATE_DUMP = join(tmpdir(), `dth-test-template-${suffix}.tar.gz`);

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The same URL as another user (the test server trusts local connections: no password). */
export function asUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

/**
 * Creates the owner's and the application's roles if the server lacks them, as 01-roles.sh does in a
 * deployment (without passwords: the test server trusts local connections). Idempotent; two test files racing
 * here are harmless (the loser's duplicate is ignored).
 */
export async function ensureRoles(client: pg.Client): Promise<void> {
  for (const role of [OWNER_ROLE, APP_ROLE]) {
    await client.query(`DO $$ BEGIN
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function migrate(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, { ...loadConfig({}), DB_POOL_MAX: 1 }));
  await ds.initialize();
  try {
    await migrateWithLock(ds);
  } finally {
    await ds.destroy();
  }
}

let templateReady: Promise<void> | undefined;

/**
 * Makes sure the migrated template exists, once per machine and migration set. Jest's globalSetup cannot
 * load this ESM code, so every test file asks, and a lock lets only the first one build it.
 */
function ensureTemplate(): Promise<void> {
  templateReady ??= onServer ? ensureServerTemplate() : ensureEmbeddedTemplate();
  return templateReady;
}

async function ensureServerTemplate(): Promise<void> {
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', ['dth_test_template']);
    try {
      const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DB]);
      if (found.rowCount) return;
      // Templates of earlier migration sets are of no more use once nobody has built one for a while: another
      // checkout of the repository (a branch with a new migration) may be using its own on the same server.
      const old = await c.query(
        `SELECT d.datname FROM pg_database d LEFT JOIN pg_shdescription s ON s.objoid = d.oid AND s.classoid = 'pg_database'::regclass
          WHERE d.datname LIKE 'dth\\_test\\_template\\_%'
            AND (s.description IS NULL OR s.description !~ '^built ' OR substr(s.description, 7)::timestamptz < now() - interval '6 hours')`,
      );
      for (const { datname } of old.rows as { datname: string }[]) {
        await c.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined); // in use: left for a later run
      }
      // Built under another name and renamed when complete, so a crash never leaves a half-migrated template.
      const building = `${TEMPLATE_DB}_building`;
      await c.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await ensureRoles(c);
      await c.query(`CREATE DATABASE ${building} OWNER ${OWNER_ROLE}`);
      await migrate(asUser(withDatabase(SERVER_URL!, building), OWNER_ROLE));
      await c.query(`COMMENT ON DATABASE ${building} IS 'built ${new Date().toISOString()}'`);
      await c.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE_DB}`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(hashtext($1))', ['dth_test_template']);
    }
  });
}

async function ensureEmbeddedTemplate(): Promise<void> {
  if (existsSync(TEMPLATE_DUMP)) return;
  const lock = `${TEMPLATE_DUMP}.lock`;
  let owner = false;
  try {
    closeSync(openSync(lock, 'wx'));
    owner = true;
  } catch {
    // Another test file is building it; wait for the dump (or for its lock to disappear after a crash).
    for (let waited = 0; waited < 120_000 && !existsSync(TEMPLATE_DUMP); waited += 200) {
      if (!existsSync(lock)) return ensureEmbeddedTemplate();
      await new Promise((r) => setTimeout(r, 200));
    }
    if (existsSync(TEMPLATE_DUMP)) return;
    throw new Error(`Timed out waiting for ${TEMPLATE_DUMP}; remove ${lock} if a crashed run left it`);
  }
  try {
    const pgl = await EmbeddedPostgres.start({ maxConnections: 1 });
    try {
      await migrate(pgl.url);
      const dump = await pgl.db.dumpDataDir('gzip');
      await writeFile(`${TEMPLATE_DUMP}.part`, Buffer.from(await dump.arrayBuffer()));
      renameSync(`${TEMPLATE_DUMP}.part`, TEMPLATE_DUMP);
    } finally {
      await pgl.stop();
    }
  } finally {
    if (owner) rmSync(lock, { force: true });
  }
}

export interface TestDatabase {
  /** DATABASE_URL for the app (as APP_ROLE), or undefined for the embedded database started from `embeddedFrom`. */
  url?: string;
  /** The same database as the server's administrator (DATABASE_URL's user, a superuser); server only. */
  adminUrl?: string;
  embeddedFrom?: Blob;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database for one test file. */
export async function newTestDatabase(): Promise<TestDatabase> {
  await ensureTemplate();
  if (onServer) {
    const name = `dth_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE} TEMPLATE ${TEMPLATE_DB}`));
    return {
      url: asUser(withDatabase(SERVER_URL!, name), APP_ROLE),
      adminUrl: withDatabase(SERVER_URL!, name),
      drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
  }
  const bytes = await readFile(TEMPLATE_DUMP);
  return { embeddedFrom: new Blob([bytes]), drop: async () => {} };
}
