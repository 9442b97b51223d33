import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of state-changing requests (idempotency/). Not append-only: a key's row follows its request
 * (claimed, committed, answered), and keys past their retention are deleted by the purge job.
 */
export class IdempotencyKeys1795828780339 implements MigrationInterface {
  name = 'IdempotencyKeys1795828780339';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "idempotency_key" ("account_id" uuid NOT NULL, "key" text NOT NULL, "fingerprint" character(64) NOT NULL, "method" text NOT NULL, "path" text NOT NULL, "lease_token" uuid NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "committed_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "response_status" integer, "response_content_type" text, "response_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8212a8883c2324211e557447899" PRIMARY KEY ("account_id", "key"))`);
    await q.query(`CREATE INDEX "IDX_idempotency_key_created" ON "idempotency_key"  ("created_at") `);
    await q.query(`ALTER TABLE "idempotency_key" ADD CONSTRAINT "FK_ca9dc4d77fbcc5305d851140072" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
