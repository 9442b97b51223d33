import { MigrationExecutor, type DataSource } from 'typeorm';
import { applyGrants } from './grants.js';

/** Arbitrary but fixed: the advisory lock every instance takes before migrating. */
const MIGRATION_LOCK_KEY = 7_412_019_001;

/**
 * Runs pending migrations while holding a session-level advisory lock, so that instances starting together
 * migrate once: the first runs them, the others wait and then find nothing to do. Then, still under the lock,
 * gives the application's role its rights (grants.ts) when the connection is the schema's owner.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      // On the connection that holds the lock: a second one would deadlock a pool of one (or PGlite).
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      await applyGrants(runner);
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** The SQL that would bring the schema in line with the entities; empty when migrations and entities agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
