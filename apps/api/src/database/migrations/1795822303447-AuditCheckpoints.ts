import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints over the audit trail: the leaves of the Merkle tree (numbered by the checkpoint job in
 * the order records were found committed) and the signed tree heads. Both are append-only, like audit_event.
 */
export class AuditCheckpoints1795822303447 implements MigrationInterface {
  name = 'AuditCheckpoints1795822303447';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_leaf" ("leaf_index" bigint NOT NULL, "audit_id" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_dba1ec87352a2e41c6c6fe0b287" PRIMARY KEY ("leaf_index"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_audit_leaf_audit" ON "audit_leaf" ("audit_id")`);
    await q.query(`CREATE TABLE "audit_checkpoint" ("tree_size" bigint NOT NULL, "root_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "key_id" text NOT NULL, "public_key" text NOT NULL, "signature" text NOT NULL, "frontier" jsonb NOT NULL, CONSTRAINT "PK_0b13d285aa4fcde23331d54d388" PRIMARY KEY ("tree_size"))`);
    await q.query(`ALTER TABLE "audit_leaf" ADD CONSTRAINT "FK_83fa3d433c447ac7523d0f7713e" FOREIGN KEY ("audit_id") REFERENCES "audit_event"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    for (const table of ['audit_leaf', 'audit_checkpoint']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    }
    // As for audit_event: the application's own role may read and append, never change or remove.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_leaf, audit_checkpoint FROM dth_app;
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
