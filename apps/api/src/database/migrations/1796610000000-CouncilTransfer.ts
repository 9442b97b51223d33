import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A council continues under the unit a merge forms (reorganisation/): `council_transfer` records, per merge, that a
 * merged unit's council now serves the successor. The council's own row never changes (it is append-only); the
 * unit a council serves today is the latest transfer's `to_unit_id`, else the unit it was set up for. Append-only,
 * every write noted for the operation's audit record.
 */
export class CouncilTransfer1796610000000 implements MigrationInterface {
  name = 'CouncilTransfer1796610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "council_transfer" ("id" uuid NOT NULL, "council_id" uuid NOT NULL, "operation_id" uuid NOT NULL, "from_unit_id" uuid NOT NULL, "to_unit_id" uuid NOT NULL, "effective_on" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_council_transfer" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_council_transfer_council" ON "council_transfer" ("council_id", "recorded_at")`);
    await q.query(`CREATE INDEX "IDX_council_transfer_to_unit" ON "council_transfer" ("to_unit_id")`);
    const fks: [string, string, string][] = [
      ['FK_council_transfer_council', 'council_id', 'council'],
      ['FK_council_transfer_operation', 'operation_id', 'unit_operation'],
      ['FK_council_transfer_from_unit', 'from_unit_id', 'unit'],
      ['FK_council_transfer_to_unit', 'to_unit_id', 'unit'],
    ];
    for (const [name, column, target] of fks) {
      await q.query(`ALTER TABLE "council_transfer" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${target}"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }
    await q.query(`CREATE TRIGGER council_transfer_no_update_delete BEFORE UPDATE OR DELETE ON "council_transfer" FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`CREATE TRIGGER council_transfer_no_truncate BEFORE TRUNCATE ON "council_transfer" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON "council_transfer" FROM dth_app;
        END IF;
      END $$`);
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "council_transfer" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('id')`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
