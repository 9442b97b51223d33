import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking skeleton's schema: units, candidates with their statechart snapshot, evidence files,
 * nurturing plans and check-ins, and the append-only audit trail.
 */
export class Initial1795818236358 implements MigrationInterface {
  name = 'Initial1795818236358';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "stream" text NOT NULL, "seq" integer NOT NULL, "candidate_id" uuid, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "from_state" text, "to_state" text, "actor" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "machine_version" integer, "prev_hash" character(64), "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_audit_event_actor" ON "audit_event"("actor", "occurred_at")`);
    await q.query(`CREATE INDEX "IDX_audit_event_candidate" ON "audit_event"("candidate_id", "seq")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_audit_event_stream_seq" ON "audit_event"("stream", "seq")`);
    await q.query(`CREATE TABLE "unit" ("id" uuid NOT NULL, "code" text, "name" text NOT NULL, "level" text NOT NULL, "sector" text NOT NULL, "parent_id" uuid, "path" text NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_parent" ON "unit"("parent_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_unit_code" ON "unit"("code") WHERE code IS NOT NULL`);
    await q.query(`CREATE TABLE "candidate" ("id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "unit_id" uuid NOT NULL, "field" text NOT NULL, "year" integer NOT NULL, "discovery_channel" text NOT NULL, "achievement" text NOT NULL, "state" text NOT NULL, "snapshot" jsonb NOT NULL, "machine_version" integer NOT NULL, "version" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b0ddec158a9a60fbc785281581b" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_candidate_year_field" ON "candidate"("year", "field")`);
    await q.query(`CREATE INDEX "IDX_candidate_unit" ON "candidate"("unit_id")`);
    await q.query(`CREATE INDEX "IDX_candidate_state" ON "candidate"("state")`);
    await q.query(`CREATE TABLE "evidence_file" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f54e0261bc7f0350c7eae30736a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_evidence_file_candidate" ON "evidence_file"("candidate_id")`);
    await q.query(`CREATE TABLE "nurturing_plan" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "revision" integer NOT NULL, "goals" text NOT NULL, "supporter" text NOT NULL, "written_by_event" text NOT NULL, "written_by" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b78bbc3cd9d39585e3f8cfc4128" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_nurturing_plan_revision" ON "nurturing_plan"("candidate_id", "revision")`);
    await q.query(`CREATE TABLE "nurturing_check_in" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "checked_on" date NOT NULL, "strengths" text NOT NULL, "shortcomings" text NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_90e8cd3be157c530a2698e2be9d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_nurturing_check_in_candidate" ON "nurturing_check_in"("candidate_id", "checked_on")`);
    await q.query(`ALTER TABLE "unit" ADD CONSTRAINT "FK_33443cd5de3c6b130acfd6aba63" FOREIGN KEY ("parent_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate" ADD CONSTRAINT "FK_e75dacbdb0793f75fbb518e730d" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "evidence_file" ADD CONSTRAINT "FK_ec07d49eae54b1436076ba53e4c" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "nurturing_plan" ADD CONSTRAINT "FK_f4ef8897a25501184798fb20199" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "nurturing_check_in" ADD CONSTRAINT "FK_b127607a8a565d96358461c3a12" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "audit_event" ADD CONSTRAINT "FK_107fef2bcbdf3cf71afc273f00c" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Subtree queries are prefix matches on the materialised path.
    await q.query(`CREATE INDEX "IDX_unit_path" ON "unit" ("path" text_pattern_ops)`);

    // The audit trail is append-only, enforced by the database itself. One function serves every append-only
    // table (later migrations attach it too); the refusal names the table.
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION append_only()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    // In a deployment with separate roles (docker/postgres/init), the application's own role may only read
    // and append: not being the owner, it cannot disable the trigger either. A no-op where the role is absent.
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM dth_app;
          REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migration FROM dth_app;
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
