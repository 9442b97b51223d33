import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections and revocations go through the register like recognitions: a draft of either kind names the decision
 * it amends and the terms the secretariat set (reasons, grounds, exemplars, corrected text), and the clerk numbers
 * and issues it. Only a recognition draft is one per session.
 */
export class AmendmentDrafts1796620000000 implements MigrationInterface {
  name = 'AmendmentDrafts1796620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "decision_draft" ADD "kind" text NOT NULL DEFAULT 'RECOGNITION'`);
    await q.query(`ALTER TABLE "decision_draft" ADD "amends_id" uuid`);
    await q.query(`ALTER TABLE "decision_draft" ADD "terms" jsonb`);
    await q.query(
      `ALTER TABLE "decision_draft" ADD CONSTRAINT "FK_3ee05bb89ace999063220b090a2" FOREIGN KEY ("amends_id") REFERENCES "recognition_decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`DROP INDEX "UQ_decision_draft_session"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_session" ON "decision_draft" ("session_id") WHERE "kind" = 'RECOGNITION'`);
    await q.query(`CREATE INDEX "IDX_decision_draft_amends" ON "decision_draft" ("amends_id") WHERE "amends_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_decision_draft_amends"`);
    await q.query(`DROP INDEX "UQ_decision_draft_session"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_session" ON "decision_draft" ("session_id") `);
    await q.query(`ALTER TABLE "decision_draft" DROP CONSTRAINT "FK_3ee05bb89ace999063220b090a2"`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "terms"`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "amends_id"`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "kind"`);
  }
}
