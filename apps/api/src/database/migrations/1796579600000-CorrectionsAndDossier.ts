import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and revocations that hold, and the dossier's editable achievement reports.
 *
 * - `decision_revocation`: for each revocation decision, the grounds it rests on (codes of Luật Thi đua, khen
 *   thưởng 2022 Chương VII) and the chain of decisions it ends (the original and its corrections).
 * - `revocation_recovery`: each certificate, reward object or sum of reward money recovered after a revocation.
 * - `achievement_report_version`: the versions of a candidate's achievement report (báo cáo thành tích), the first
 *   pre-filled from the candidate's data, each later one an edit; never changed.
 *
 * All three only grow (the database refuses UPDATE, DELETE and TRUNCATE) and every write is noted for the audit
 * record of its transaction.
 */
export class CorrectionsAndDossier1796579600000 implements MigrationInterface {
  name = 'CorrectionsAndDossier1796579600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "decision_revocation" ("decision_id" uuid NOT NULL, "grounds" jsonb NOT NULL, "chain" jsonb NOT NULL, CONSTRAINT "PK_decision_revocation" PRIMARY KEY ("decision_id"))`,
    );
    await q.query(
      `ALTER TABLE "decision_revocation" ADD CONSTRAINT "FK_decision_revocation_decision" FOREIGN KEY ("decision_id") REFERENCES "recognition_decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "revocation_recovery" ("id" uuid NOT NULL, "revocation_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "item" text NOT NULL, "quantity" integer, "amount" bigint, "recovered_on" date NOT NULL, "document" text NOT NULL, "note" text, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_revocation_recovery" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_revocation_recovery_revocation" ON "revocation_recovery" ("revocation_id", "candidate_id") `);
    await q.query(
      `ALTER TABLE "revocation_recovery" ADD CONSTRAINT "FK_revocation_recovery_revocation" FOREIGN KEY ("revocation_id") REFERENCES "recognition_decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "revocation_recovery" ADD CONSTRAINT "FK_revocation_recovery_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "achievement_report_version" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "note" text, "written_by" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_achievement_report_version" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_achievement_report_version" ON "achievement_report_version" ("candidate_id", "version") `);
    await q.query(
      `ALTER TABLE "achievement_report_version" ADD CONSTRAINT "FK_achievement_report_version_candidate" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    for (const [table, key] of [
      ['decision_revocation', 'decision_id'],
      ['revocation_recovery', 'id'],
      ['achievement_report_version', 'id'],
    ] as const) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('${key}')`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
