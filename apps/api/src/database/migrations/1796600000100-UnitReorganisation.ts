import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reorganisations of the unit tree (reorganisation/): units gain a status and a retirement date; operations, the
 * changes they made to each unit, successions and candidates' placements are four append-only tables whose every
 * write is noted for the operation's audit record. A candidate gains `home_unit_id` (set only when a split placed
 * it); the unit it was nominated in never changes.
 */
export class UnitReorganisation1796600000100 implements MigrationInterface {
  name = 'UnitReorganisation1796600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "unit" ADD "status" text NOT NULL DEFAULT 'ACTIVE'`);
    await q.query(`ALTER TABLE "unit" ADD "retired_on" date`);
    await q.query(`ALTER TABLE "candidate" ADD "home_unit_id" uuid`);
    // The statistics' covering index carries the placement too, so counting by unit (as nominated or today) stays
    // an index-only scan.
    await q.query(`DROP INDEX "IDX_candidate_statistics"`);
    await q.query(
      `CREATE INDEX "IDX_candidate_statistics" ON "candidate" ("year", "field", "kind", "unit_id") INCLUDE ("home_unit_id") WHERE state IN ('recognised', 'replicating', 'replicationEnded')`,
    );
    await q.query(`CREATE INDEX "IDX_candidate_home_unit" ON "candidate" ("home_unit_id") WHERE home_unit_id IS NOT NULL`);
    await q.query(`ALTER TABLE "candidate" ADD CONSTRAINT "FK_candidate_home_unit" FOREIGN KEY ("home_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "unit_operation" ("id" uuid NOT NULL, "kind" text NOT NULL, "effective_on" date NOT NULL, "document_number" text NOT NULL, "document_date" date NOT NULL, "document_authority" text NOT NULL, "note" text, "effect" jsonb NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_unit_operation" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_operation_effective" ON "unit_operation" ("effective_on", "recorded_at")`);
    await q.query(`CREATE TABLE "unit_change" ("id" uuid NOT NULL, "operation_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "effective_on" date NOT NULL, "change" text NOT NULL, "name_before" text, "name_after" text NOT NULL, "parent_before" uuid, "parent_after" uuid, "status_before" text, "status_after" text NOT NULL, CONSTRAINT "PK_unit_change" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_change_unit" ON "unit_change" ("unit_id", "effective_on")`);
    await q.query(`CREATE TABLE "unit_succession" ("id" uuid NOT NULL, "operation_id" uuid NOT NULL, "predecessor_id" uuid NOT NULL, "successor_id" uuid NOT NULL, "kind" text NOT NULL, "primary" boolean NOT NULL, "effective_on" date NOT NULL, CONSTRAINT "PK_unit_succession" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_succession_predecessor" ON "unit_succession" ("predecessor_id")`);
    await q.query(`CREATE INDEX "IDX_unit_succession_successor" ON "unit_succession" ("successor_id")`);
    await q.query(`CREATE TABLE "candidate_placement" ("id" uuid NOT NULL, "operation_id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "from_unit_id" uuid NOT NULL, "to_unit_id" uuid NOT NULL, "effective_on" date NOT NULL, CONSTRAINT "PK_candidate_placement" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_candidate_placement_candidate" ON "candidate_placement" ("candidate_id")`);
    const fks: [string, string, string, string][] = [
      ['unit_change', 'FK_unit_change_operation', 'operation_id', 'unit_operation'],
      ['unit_change', 'FK_unit_change_unit', 'unit_id', 'unit'],
      ['unit_succession', 'FK_unit_succession_operation', 'operation_id', 'unit_operation'],
      ['unit_succession', 'FK_unit_succession_predecessor', 'predecessor_id', 'unit'],
      ['unit_succession', 'FK_unit_succession_successor', 'successor_id', 'unit'],
      ['candidate_placement', 'FK_candidate_placement_operation', 'operation_id', 'unit_operation'],
      ['candidate_placement', 'FK_candidate_placement_candidate', 'candidate_id', 'candidate'],
      ['candidate_placement', 'FK_candidate_placement_to_unit', 'to_unit_id', 'unit'],
    ];
    for (const [table, name, column, target] of fks) {
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    for (const table of ['unit_operation', 'unit_change', 'unit_succession', 'candidate_placement']) {
      // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
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
