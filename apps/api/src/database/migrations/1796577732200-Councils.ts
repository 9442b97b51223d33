import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Councils at every level (QĐ 86/2025/QĐ-UBND Điều 8 and 9): a council belongs to a unit (the province's, a
 * department's, a commune's), its composition is a versioned record of members with their positions, a review
 * session belongs to a council and its members keep the position they held when it opened, a candidate may be
 * reviewed by a council above its unit's nearest one (the level it was proposed to), and an exemplar recognised at a
 * lower level can be proposed upward (liên thông).
 *
 * Nothing existing is rewritten here: the new columns are added empty, so no row of an attested table changes
 * behind the audit trail. The province's council is created by the application with its audit record (at the
 * first start after this migration for a province that already exists; with the province unit otherwise), and
 * that same audited step ties the existing sessions and council accounts to it (apps/api/src/councils/).
 */
export class Councils1796577732200 implements MigrationInterface {
  name = 'Councils1796577732200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "council" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "name" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_council" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_council_unit" ON "council" ("unit_id") `);
    await q.query(`CREATE TABLE "council_composition" ("id" uuid NOT NULL, "council_id" uuid NOT NULL, "version" integer NOT NULL, "members" jsonb NOT NULL, "secretariat" jsonb NOT NULL, "note" text, "published_by" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_council_composition" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_council_composition_version" ON "council_composition" ("council_id", "version") `);
    await q.query(`CREATE TABLE "upward_proposal" ("id" uuid NOT NULL, "lower_candidate_id" uuid NOT NULL, "upper_candidate_id" uuid NOT NULL, "from_council_id" uuid NOT NULL, "to_council_id" uuid NOT NULL, "lower_session_id" uuid NOT NULL, "lower_decision_id" uuid, "reasons" text NOT NULL, "proposed_by" text NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_upward_proposal" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_upward_proposal_upper" ON "upward_proposal" ("upper_candidate_id") `);
    await q.query(`CREATE INDEX "IDX_upward_proposal_lower" ON "upward_proposal" ("lower_candidate_id") `);

    await q.query(`ALTER TABLE "account" ADD "council_id" uuid`);
    await q.query(`ALTER TABLE "candidate" ADD "council_id" uuid`);
    await q.query(`ALTER TABLE "review_session" ADD "council_id" uuid`);
    await q.query(`ALTER TABLE "review_session_member" ADD "position" text`);

    const fk = async (table: string, name: string, column: string, target: string) =>
      q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await fk('council', 'FK_council_unit', 'unit_id', 'unit');
    await fk('council_composition', 'FK_council_composition_council', 'council_id', 'council');
    await fk('upward_proposal', 'FK_upward_proposal_lower_candidate', 'lower_candidate_id', 'candidate');
    await fk('upward_proposal', 'FK_upward_proposal_upper_candidate', 'upper_candidate_id', 'candidate');
    await fk('upward_proposal', 'FK_upward_proposal_from_council', 'from_council_id', 'council');
    await fk('upward_proposal', 'FK_upward_proposal_to_council', 'to_council_id', 'council');
    await fk('upward_proposal', 'FK_upward_proposal_lower_session', 'lower_session_id', 'review_session');
    await fk('upward_proposal', 'FK_upward_proposal_lower_decision', 'lower_decision_id', 'recognition_decision');
    await fk('account', 'FK_account_council', 'council_id', 'council');
    await fk('candidate', 'FK_candidate_council', 'council_id', 'council');
    await fk('review_session', 'FK_review_session_council', 'council_id', 'council');

    // Councils, their compositions and upward proposals are records that only grow.
    for (const table of ['council', 'council_composition', 'upward_proposal']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
      // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('id')`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
