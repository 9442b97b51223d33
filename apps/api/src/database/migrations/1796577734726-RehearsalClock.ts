import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The rehearsal clock's changes (docs/rehearsal-clock.md): append-only, each vouched for by its audit record. */
export class RehearsalClock1796577734726 implements MigrationInterface {
  name = 'RehearsalClock1796577734726';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "rehearsal_clock_change" ("version" integer NOT NULL, "mode" text NOT NULL, "offset_days" integer, "fixed_date" date, "reason" text, "source" text NOT NULL, "set_by" text NOT NULL, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, ` +
        `CONSTRAINT "PK_rehearsal_clock_change" PRIMARY KEY ("version"))`,
    );
    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    await q.query(`CREATE TRIGGER rehearsal_clock_change_no_update_delete BEFORE UPDATE OR DELETE ON "rehearsal_clock_change" FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`CREATE TRIGGER rehearsal_clock_change_no_truncate BEFORE TRUNCATE ON "rehearsal_clock_change" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON "rehearsal_clock_change" FROM dth_app;
        END IF;
      END $$`);
    // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "rehearsal_clock_change" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('version')`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
