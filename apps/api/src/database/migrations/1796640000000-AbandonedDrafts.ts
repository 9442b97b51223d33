import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A wrong correction or revocation draft can be abandoned (hủy dự thảo): the row stays, with who abandoned it, when
 * and why; an abandoned draft holds no register number, so the number it had is free again in its register.
 */
export class AbandonedDrafts1796640000000 implements MigrationInterface {
  name = 'AbandonedDrafts1796640000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "decision_draft" ADD "abandoned_by" text`);
    await q.query(`ALTER TABLE "decision_draft" ADD "abandoned_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "decision_draft" ADD "abandon_reason" text`);
    await q.query(`DROP INDEX "UQ_decision_draft_number"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_number" ON "decision_draft" ("register_id", "year", "number") WHERE "number" IS NOT NULL AND "status" <> 'ABANDONED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_decision_draft_number"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_number" ON "decision_draft" ("register_id", "year", "number") WHERE "number" IS NOT NULL`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "abandon_reason"`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "abandoned_at"`);
    await q.query(`ALTER TABLE "decision_draft" DROP COLUMN "abandoned_by"`);
  }
}
