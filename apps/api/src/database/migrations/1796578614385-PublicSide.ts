import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public side (publicity/): comments the public sends on a notice, their moderation, and the answers published
 * on the public page. All three are append-only (enforced by the database) and attested (every write noted for
 * the audit record of its transaction), like the notice's own comments and answers.
 */
const TABLES: Record<string, string[]> = { public_comment: ['id'], public_comment_moderation: ['public_comment_id'], notice_answer_publication: ['answer_id'] };

export class PublicSide1796578614385 implements MigrationInterface {
  name = 'PublicSide1796578614385';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE \"public_comment\" (\"id\" uuid NOT NULL, \"notice_id\" uuid NOT NULL, \"item_id\" uuid, \"author_name\" text NOT NULL, \"contact\" text NOT NULL, \"body\" text NOT NULL, \"attachment_name\" text, \"attachment_type\" text, \"attachment_size\" integer, \"attachment_sha256\" text, \"attachment\" bytea, \"sender_key\" text NOT NULL, \"challenge\" text NOT NULL, \"received_on\" date NOT NULL, \"received_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_fb009bc37e653db9f0a22969c42\" PRIMARY KEY (\"id\"))");
    await q.query("CREATE UNIQUE INDEX \"UQ_public_comment_challenge\" ON \"public_comment\"  (\"challenge\") ");
    await q.query("CREATE INDEX \"IDX_public_comment_sender\" ON \"public_comment\"  (\"sender_key\", \"received_at\") ");
    await q.query("CREATE INDEX \"IDX_public_comment_notice\" ON \"public_comment\"  (\"notice_id\", \"received_at\") ");
    await q.query("CREATE TABLE \"public_comment_moderation\" (\"public_comment_id\" uuid NOT NULL, \"decision\" text NOT NULL, \"reason\" text, \"notice_comment_id\" uuid, \"decided_by\" text NOT NULL, \"decided_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1e7dd03c6bb1dbb981fc997d9d2\" PRIMARY KEY (\"public_comment_id\"))");
    await q.query("CREATE TABLE \"notice_answer_publication\" (\"answer_id\" uuid NOT NULL, \"published_by\" text NOT NULL, \"published_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_ee6bfd83139a4983bc96747a48d\" PRIMARY KEY (\"answer_id\"))");
    await q.query("ALTER TABLE \"public_comment\" ADD CONSTRAINT \"FK_a0c69138af87f4ff87af3f0e9e5\" FOREIGN KEY (\"notice_id\") REFERENCES \"public_notice\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"public_comment\" ADD CONSTRAINT \"FK_40d571fa9a1586e137112c012ca\" FOREIGN KEY (\"item_id\") REFERENCES \"review_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"public_comment_moderation\" ADD CONSTRAINT \"FK_1e7dd03c6bb1dbb981fc997d9d2\" FOREIGN KEY (\"public_comment_id\") REFERENCES \"public_comment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"public_comment_moderation\" ADD CONSTRAINT \"FK_9a8122dc36a6525135ad9713882\" FOREIGN KEY (\"notice_comment_id\") REFERENCES \"notice_comment\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE \"notice_answer_publication\" ADD CONSTRAINT \"FK_ee6bfd83139a4983bc96747a48d\" FOREIGN KEY (\"answer_id\") REFERENCES \"notice_answer\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    for (const [table, key] of Object.entries(TABLES)) {
      // append_only() comes from the Initial migration, audit_note_row_write() from AuditCoverage.
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
            REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM dth_app;
          END IF;
        END $$`);
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write(${key.map((k) => `'${k}'`).join(', ')})`);
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
