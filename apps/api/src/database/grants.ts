/**
 * The application's rights in the database, derived from the schema itself: one idempotent pass, run as the
 * schema's owner right after migrating, so that there is no second list of tables to keep in step with the
 * migrations. A table a migration makes append-only tomorrow (triggers calling append_only()) gets the right
 * grants at the next migrate.
 *
 * For every table in schema public, the application's role (APP_ROLE) gets:
 *   - SELECT, INSERT                   when an append_only() row trigger refuses UPDATE (append-only tables);
 *   - SELECT, INSERT, UPDATE           when an append_only() row trigger refuses only DELETE;
 *   - SELECT, INSERT, UPDATE, DELETE   otherwise;
 *   - SELECT only on the migrations' own table;
 * and never TRUNCATE, REFERENCES or TRIGGER, never ownership (so never ALTER, DROP, DISABLE TRIGGER); USAGE on
 * the schema and its sequences, no CREATE in it. Everything held before is revoked first, so a grant made by
 * hand does not survive the next migrate.
 *
 * Skipped when the role does not exist (the embedded database, a server run by one role) or when the current
 * user is not the owner of the schema's tables (the application starting as APP_ROLE finds nothing to do).
 */
import type { QueryRunner } from 'typeorm';

export const APP_ROLE = 'dth_app';
/** The job queue's schema (pg-boss; the Notifications migration creates it). */
export const QUEUE_SCHEMA = 'pgboss';
/** TypeORM's table of applied migrations (dataSourceOptions' migrationsTableName). */
export const MIGRATIONS_TABLE = 'schema_migration';

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h).
const TRIGGER_ROW = 1;
const TRIGGER_DELETE = 8;
const TRIGGER_UPDATE = 16;

export type TablePrivileges = 'SELECT' | 'SELECT, INSERT' | 'SELECT, INSERT, UPDATE' | 'SELECT, INSERT, UPDATE, DELETE';

interface TableRow {
  name: string;
  refusesUpdate: boolean;
  refusesDelete: boolean;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What the application may do on each table of schema public, as applyGrants grants it. */
export async function privilegesByTable(runner: Pick<QueryRunner, 'query'>): Promise<Map<string, TablePrivileges>> {
  const rows = (await runner.query(
    `SELECT c.relname AS name,
            coalesce(bool_or(t.tgtype::int & $1 <> 0 AND t.tgtype::int & $2 <> 0), false) AS "refusesUpdate",
            coalesce(bool_or(t.tgtype::int & $1 <> 0 AND t.tgtype::int & $3 <> 0), false) AS "refusesDelete"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
                             AND t.tgfoid IN (SELECT p.oid FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace
                                               WHERE p.proname = 'append_only' AND pn.nspname = 'public')
      WHERE c.relkind IN ('r', 'p')
      GROUP BY c.relname
      ORDER BY c.relname`,
    [TRIGGER_ROW, TRIGGER_UPDATE, TRIGGER_DELETE],
  )) as TableRow[];
  const result = new Map<string, TablePrivileges>();
  for (const row of rows) {
    result.set(
      row.name,
      row.name === MIGRATIONS_TABLE
        ? 'SELECT'
        : row.refusesUpdate
          ? 'SELECT, INSERT'
          : row.refusesDelete
            ? 'SELECT, INSERT, UPDATE'
            : 'SELECT, INSERT, UPDATE, DELETE',
    );
  }
  return result;
}

/**
 * Grants the application's role exactly its rights (see above). Returns false when skipped. Runs in one
 * transaction on the given runner (the migrating connection, which holds the migration lock).
 */
export async function applyGrants(runner: QueryRunner): Promise<boolean> {
  const [state] = (await runner.query(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS "roleExists",
            current_user = $1 AS "isApp",
            coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c
                       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                      WHERE c.relname = $2 AND c.relkind = 'r'), false) AS "ownsSchema"`,
    [APP_ROLE, MIGRATIONS_TABLE],
  )) as { roleExists: boolean; isApp: boolean; ownsSchema: boolean }[];
  if (!state || !state.roleExists || state.isApp || !state.ownsSchema) return false;

  const role = ident(APP_ROLE);
  const tables = await privilegesByTable(runner);
  const sequences = (await runner.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'S' ORDER BY c.relname`,
  )) as { name: string }[];

  await runner.startTransaction();
  try {
    // Nobody but the owner creates objects in the schema (already PostgreSQL 15's default; stated so that it
    // does not depend on the version or on how the database was created).
    await runner.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${role}`);
    await runner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    for (const [table, privileges] of tables) {
      await runner.query(`REVOKE ALL ON TABLE public.${ident(table)} FROM ${role}`);
      await runner.query(`GRANT ${privileges} ON TABLE public.${ident(table)} TO ${role}`);
    }
    for (const { name } of sequences) {
      await runner.query(`REVOKE ALL ON SEQUENCE public.${ident(name)} FROM ${role}`);
      await runner.query(`GRANT USAGE, SELECT ON SEQUENCE public.${ident(name)} TO ${role}`);
    }
    // The job queue's schema (pg-boss, created by a migration): the application enqueues, fetches and completes
    // jobs and keeps the queue (archiving, schedules), all with data rights; it creates nothing there.
    const [queue] = (await runner.query(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS "exists"`, [QUEUE_SCHEMA])) as { exists: boolean }[];
    if (queue?.exists) {
      const schema = ident(QUEUE_SCHEMA);
      await runner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`);
      await runner.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, ${role}`);
      await runner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await runner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    }
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
  return true;
}
