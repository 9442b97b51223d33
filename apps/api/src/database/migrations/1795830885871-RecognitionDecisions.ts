import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recognition decisions and their recipients (append-only: a correction or a revocation is a new decision that
 * refers to the one it amends), and the counter that numbers decisions per issuing authority and year.
 */
export class RecognitionDecisions1795830885871 implements MigrationInterface {
  name = 'RecognitionDecisions1795830885871';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"recognition_decision\" (\"id\" uuid NOT NULL, \"authority_code\" text NOT NULL, \"year\" integer NOT NULL, \"number\" integer NOT NULL, \"symbol\" text NOT NULL, \"kind\" text NOT NULL, \"session_id\" uuid, \"amends_id\" uuid, \"subject\" text NOT NULL, \"bases\" jsonb NOT NULL, \"reasons\" text, \"issued_on\" date NOT NULL, \"signer_title\" text NOT NULL, \"signer_name\" text NOT NULL, \"issued_by\" text NOT NULL, \"issued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_24c6bc13a9a3e1d4bf6818ab76a\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE INDEX \"IDX_recognition_decision_amends\" ON \"recognition_decision\"  (\"amends_id\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_recognition_decision_number\" ON \"recognition_decision\"  (\"authority_code\", \"year\", \"number\") ");
    await q.query("CREATE TABLE \"decision_recipient\" (\"decision_id\" uuid NOT NULL, \"candidate_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"name\" text NOT NULL, \"kind\" text NOT NULL, \"unit_name\" text NOT NULL, \"field\" text NOT NULL, \"achievement\" text NOT NULL, \"serial\" text NOT NULL, CONSTRAINT \"PK_ebb11fca42b2df50a098eb4466b\" PRIMARY KEY (\"decision_id\", \"candidate_id\"))");
    await q.query("CREATE INDEX \"IDX_decision_recipient_candidate\" ON \"decision_recipient\"  (\"candidate_id\") ");
    await q.query("CREATE UNIQUE INDEX \"UQ_decision_recipient_serial\" ON \"decision_recipient\"  (\"serial\") ");
    await q.query("CREATE TABLE \"decision_counter\" (\"authority_code\" text NOT NULL, \"year\" integer NOT NULL, \"last_number\" integer NOT NULL, CONSTRAINT \"PK_c5ee8fc6a4cf23df4741c7c6ba3\" PRIMARY KEY (\"authority_code\", \"year\"))");
    await q.query("ALTER TABLE \"recognition_decision\" ADD CONSTRAINT \"FK_a274812e0cf9080b2d0a1231f4f\" FOREIGN KEY (\"session_id\") REFERENCES \"review_session\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"recognition_decision\" ADD CONSTRAINT \"FK_51754dc8d7550aa59ccf888a71c\" FOREIGN KEY (\"amends_id\") REFERENCES \"recognition_decision\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"decision_recipient\" ADD CONSTRAINT \"FK_3c4d8b0a287ed110d1c0e9f0f49\" FOREIGN KEY (\"decision_id\") REFERENCES \"recognition_decision\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"decision_recipient\" ADD CONSTRAINT \"FK_c8af1cfab9d83e7c8d27de195e1\" FOREIGN KEY (\"candidate_id\") REFERENCES \"candidate\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");

    // One recognition decision per review session (corrections and revocations refer to it).
    await q.query(`CREATE UNIQUE INDEX "UQ_recognition_decision_session" ON "recognition_decision" ("session_id") WHERE kind = 'RECOGNITION'`);
    for (const table of ['recognition_decision', 'decision_recipient']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
    }
    // The counter only moves forward: never deleted, so a number is never given twice.
    await q.query(`CREATE TRIGGER decision_counter_no_delete BEFORE DELETE ON "decision_counter" FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`CREATE TRIGGER decision_counter_no_truncate BEFORE TRUNCATE ON "decision_counter" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
