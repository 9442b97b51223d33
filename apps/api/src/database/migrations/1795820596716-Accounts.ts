import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, sessions (stored by the hash of their token) and sign-in attempts for rate limiting. */
export class Accounts1795820596716 implements MigrationInterface {
  name = 'Accounts1795820596716';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "account" ("id" uuid NOT NULL, "username" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "unit_id" uuid, "password_hash" text NOT NULL, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_account_username" ON "account"("username")`);
    await q.query(`CREATE TABLE "session" ("id" character(64) NOT NULL, "account_id" uuid NOT NULL, "csrf_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "client_address" text NOT NULL, "user_agent" text NOT NULL, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_session_account" ON "session"("account_id")`);
    await q.query(`CREATE TABLE "sign_in_attempt" ("id" uuid NOT NULL, "username" text NOT NULL, "client_address" text NOT NULL, "succeeded" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7708f8d7d88593210f3d359f81d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_sign_in_attempt_address" ON "sign_in_attempt"("client_address", "attempted_at")`);
    await q.query(`CREATE INDEX "IDX_sign_in_attempt_username" ON "sign_in_attempt"("username", "attempted_at")`);
    await q.query(`ALTER TABLE "account" ADD CONSTRAINT "FK_098d24759a6aeeabc4a082526c1" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "session" ADD CONSTRAINT "FK_fae5a6b4a57f098e9af8520d499" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
