import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued documents as files and their PAdES signatures (signatures/). An issued document's bytes are frozen once
 * (one file per decision, one per certificate: partial unique indexes); a signature is recorded once per issued
 * document. Both tables are append-only and attested (audit/coverage.ts), their files vouched for by SHA-256.
 */
export class DocumentSignatures1796589290116 implements MigrationInterface {
  name = 'DocumentSignatures1796589290116';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"issued_document\" (\"id\" uuid NOT NULL, \"decision_id\" uuid NOT NULL, \"candidate_id\" uuid, \"kind\" text NOT NULL, \"reference\" text NOT NULL, \"file_name\" text NOT NULL, \"sha256\" character(64) NOT NULL, \"content\" bytea NOT NULL, \"issued_by\" text NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1a9f2dc02e78fca4081931cd71e\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_issued_document_reference\" ON \"issued_document\"  (\"reference\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_issued_document_decision\" ON \"issued_document\" (\"decision_id\") WHERE \"candidate_id\" IS NULL");
    await q.query("CREATE UNIQUE INDEX \"UQ_issued_document_certificate\" ON \"issued_document\" (\"decision_id\", \"candidate_id\") WHERE \"candidate_id\" IS NOT NULL");
    await q.query("CREATE TABLE \"document_signature\" (\"id\" uuid NOT NULL, \"issued_document_id\" uuid NOT NULL, \"method\" text NOT NULL, \"level\" text NOT NULL, \"signer_subject\" text NOT NULL, \"signer_common_name\" text NOT NULL, \"issuer_subject\" text NOT NULL, \"certificate_serial\" text NOT NULL, \"certificate_sha256\" character(64) NOT NULL, \"certificate_not_after\" TIMESTAMP WITH TIME ZONE NOT NULL, \"claimed_signing_time\" TIMESTAMP WITH TIME ZONE, \"time_stamped_at\" TIMESTAMP WITH TIME ZONE, \"sha256\" character(64) NOT NULL, \"content\" bytea NOT NULL, \"recorded_by\" text NOT NULL, \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_36de69dee9bd822839c659c60a5\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_document_signature_sha256\" ON \"document_signature\"  (\"sha256\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_document_signature_document\" ON \"document_signature\"  (\"issued_document_id\") ");
    await q.query("ALTER TABLE \"issued_document\" ADD CONSTRAINT \"FK_180b4fe0935ee3cdd202e0f7614\" FOREIGN KEY (\"decision_id\") REFERENCES \"recognition_decision\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"issued_document\" ADD CONSTRAINT \"FK_3e0139a22df4193664caba171ec\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"document_signature\" ADD CONSTRAINT \"FK_499fb6ab63adb74ce0aaa1e4ead\" FOREIGN KEY (\"issued_document_id\") REFERENCES \"issued_document\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    for (const table of ['issued_document', 'document_signature'] as const) {
      // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      // Every write is noted for the audit record of its transaction (audit_note_row_write, AuditCoverage migration).
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('id')`);
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
