import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clearances (hiệp y): requests to other agencies about a candidate of a review session, their answers with the
 * document (file stored with its SHA-256), and the clearance rule pinned to a session when it opens. All three are
 * append-only and attested (audit/coverage.ts): a request is never re-dated or withdrawn, an answer never
 * replaced, a session's rule never changed; "no answer by the deadline" is computed, not written.
 */
export class Clearances1796578256656 implements MigrationInterface {
  name = 'Clearances1796578256656';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"clearance_request\" (\"id\" uuid NOT NULL, \"session_id\" uuid NOT NULL, \"item_id\" uuid NOT NULL, \"candidate_id\" uuid NOT NULL, \"agency_code\" text NOT NULL, \"agency_name\" text NOT NULL, \"subject\" text, \"profile_version\" integer NOT NULL, \"requested_on\" date NOT NULL, \"due_on\" date NOT NULL, \"letter_number\" text, \"requested_by\" text NOT NULL, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_7764d05ef5c76b06215fc42f72a\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_clearance_request_candidate\" ON \"clearance_request\"  (\"candidate_id\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_clearance_request_agency\" ON \"clearance_request\"  (\"session_id\", \"candidate_id\", \"agency_code\") ");
    await q.query("CREATE TABLE \"clearance_answer\" (\"id\" uuid NOT NULL, \"request_id\" uuid NOT NULL, \"answer\" text NOT NULL, \"reasons\" text, \"document_number\" text NOT NULL, \"document_date\" date NOT NULL, \"file_name\" text, \"content_type\" text, \"size_bytes\" integer, \"sha256\" character(64), \"content\" bytea, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_07a4eba60dce8c7e74be05b975d\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_clearance_answer_request\" ON \"clearance_answer\"  (\"request_id\") ");
    await q.query("CREATE TABLE \"session_clearance_rule\" (\"session_id\" uuid NOT NULL, \"rule\" text NOT NULL, \"source\" text NOT NULL, \"pinned_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_52dfbb1887dc8355dd71d9ee181\" PRIMARY KEY (\"session_id\"))");
    await q.query("ALTER TABLE \"clearance_request\" ADD CONSTRAINT \"FK_e24e479e19bf6e9f6e6060b4afa\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"clearance_request\" ADD CONSTRAINT \"FK_fddb977fa6fb4545749ed7bc310\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"clearance_answer\" ADD CONSTRAINT \"FK_0aa77711b7050577c1bcaa416a0\" FOREIGN KEY (\"request_id\") REFERENCES \"clearance_request\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"clearance_request\" ADD CONSTRAINT \"FK_clearance_request_item\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"session_clearance_rule\" ADD CONSTRAINT \"FK_52dfbb1887dc8355dd71d9ee181\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    for (const [table, key] of [['clearance_request', 'id'], ['clearance_answer', 'id'], ['session_clearance_rule', 'session_id']] as const) {
      // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('${key}')`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
