import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Document registers (sổ đăng ký văn bản) and decision drafts (issue 18):
 * - `document_register`: one per issuing authority and symbol, with how it numbers (the clerk copies the office's
 *   register, or this product keeps it); attested.
 * - `document_register_counter`: the last number a register kept here gave per year; attested, never deleted.
 * - `decision_draft`: a decision before it is issued, its register number and date once the clerk gives them, and
 *   the decision issued from it; attested. Numbers are unique per register and year among drafts too.
 * - decisions' numbers become unique per authority, symbol and year (the register's), not per authority and year.
 */
export class DocumentRegisters1796579000000 implements MigrationInterface {
  name = 'DocumentRegisters1796579000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "document_register" ("id" uuid NOT NULL, "authority_code" text NOT NULL, "symbol" text NOT NULL, "name" text NOT NULL, "mode" text NOT NULL, "opened_by" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_document_register" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_document_register_authority_symbol" ON "document_register" ("authority_code", "symbol") `);
    await q.query(`CREATE TABLE "document_register_counter" ("register_id" uuid NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_document_register_counter" PRIMARY KEY ("register_id", "year"))`);
    await q.query(`CREATE TABLE "decision_draft" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "authority_code" text NOT NULL, "register_id" uuid NOT NULL, "status" text NOT NULL, "signer_title" text, "signer_name" text, "drafted_by" text NOT NULL, "drafted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "number" integer, "year" integer, "issued_on" date, "number_source" text, "numbered_by" text, "numbered_at" TIMESTAMP WITH TIME ZONE, "decision_id" uuid, "issued_by" text, "issued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_decision_draft" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_session" ON "decision_draft" ("session_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_decision_draft_number" ON "decision_draft" ("register_id", "year", "number") WHERE "number" IS NOT NULL`);
    await q.query(`ALTER TABLE "document_register_counter" ADD CONSTRAINT "FK_dd936bc02f0a58e58f22e904b75" FOREIGN KEY ("register_id") REFERENCES "document_register"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "decision_draft" ADD CONSTRAINT "FK_fe86fc8d604e9855778341b8c29" FOREIGN KEY ("session_id") REFERENCES "review_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "decision_draft" ADD CONSTRAINT "FK_3cb04f7e5850fba5c955314d990" FOREIGN KEY ("register_id") REFERENCES "document_register"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "decision_draft" ADD CONSTRAINT "FK_f659159f7120dd0d49d6542a4e5" FOREIGN KEY ("decision_id") REFERENCES "recognition_decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Numbers unique per register: authority, symbol and year.
    await q.query(`DROP INDEX "UQ_recognition_decision_number"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_recognition_decision_number" ON "recognition_decision" ("authority_code", "symbol", "year", "number") `);

    // Every write is noted for the audit record of its transaction (AuditCoverage migration); registers and their
    // counters are never deleted, so a number is never given twice.
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "document_register" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('id')`);
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "document_register_counter" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('register_id', 'year')`);
    await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "decision_draft" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write('id')`);
    for (const table of ['document_register', 'document_register_counter', 'decision_draft']) {
      await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
