import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holds (tạm dừng xét, NĐ 152/2025/NĐ-CP Điều 4.4) and their liftings, each with the document it rests on and,
 * optionally, the document's file with its SHA-256. Both tables only grow: the database refuses UPDATE, DELETE and
 * TRUNCATE (a lifting is a new row naming its hold, at most one per hold), and every write is noted for the audit
 * record of its transaction (the PLACE_HOLD / LIFT_HOLD event of the candidate's stream).
 */
export class Holds1796578107555 implements MigrationInterface {
  name = 'Holds1796578107555';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"candidate_hold\" (\"document_number\" text NOT NULL, \"document_date\" date NOT NULL, \"document_issuer\" text NOT NULL, \"file_name\" text, \"content_type\" text, \"size_bytes\" integer, \"sha256\" character(64), \"content\" bytea, \"id\" uuid NOT NULL, \"candidate_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"grounds\" text NOT NULL, \"placed_by\" text NOT NULL, \"placed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0a02bac9cd4bf0d8eb3f205856a\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_candidate_hold_candidate\" ON \"candidate_hold\"  (\"candidate_id\", \"placed_at\") ");
    await q.query("CREATE TABLE \"candidate_hold_lift\" (\"document_number\" text NOT NULL, \"document_date\" date NOT NULL, \"document_issuer\" text NOT NULL, \"file_name\" text, \"content_type\" text, \"size_bytes\" integer, \"sha256\" character(64), \"content\" bytea, \"id\" uuid NOT NULL, \"hold_id\" uuid NOT NULL, \"candidate_id\" uuid NOT NULL, \"conclusion\" text NOT NULL, \"lifted_by\" text NOT NULL, \"lifted_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_3ff4de7c895c0882835d5b3f876\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_candidate_hold_lift_candidate\" ON \"candidate_hold_lift\"  (\"candidate_id\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_candidate_hold_lift_hold\" ON \"candidate_hold_lift\"  (\"hold_id\") ");
    await q.query("ALTER TABLE \"candidate_hold\" ADD CONSTRAINT \"FK_1c543f42ad9d76000ff383d6d51\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"candidate_hold_lift\" ADD CONSTRAINT \"FK_037974d690d8c0e4ed0fd2b796b\" FOREIGN KEY (\"hold_id\") REFERENCES \"candidate_hold\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"candidate_hold_lift\" ADD CONSTRAINT \"FK_19c0b8c6c20888b2f8efd9b2ef3\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    for (const table of ['candidate_hold', 'candidate_hold_lift']) {
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
