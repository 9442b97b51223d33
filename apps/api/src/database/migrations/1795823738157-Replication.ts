import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replicate stage and the statistics: the honouring ledger, adoptions and yearly follow-ups of recognised
 * exemplars, units' yearly plans, imported historical statistics, and the partial covering index that lets the
 * statistics table count recognised exemplars with an index-only scan. Every table here only grows: the
 * database refuses UPDATE, DELETE and TRUNCATE on them (corrections and revisions are new rows).
 */
export class Replication1795823738157 implements MigrationInterface {
  name = 'Replication1795823738157';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "honouring_record" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "form" text NOT NULL, "honoured_on" date NOT NULL, "outlet" text NOT NULL, "title" text NOT NULL, "link" text, "evidence_id" uuid, "reach" integer, "corrects_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_06182fbed01a97dac2c4a684e55" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_honouring_record_corrects" ON "honouring_record" ("corrects_id") WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_honouring_record_candidate" ON "honouring_record" ("candidate_id", "honoured_on")`);
    await q.query(`CREATE TABLE "adoption_record" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "adopting_unit_id" uuid NOT NULL, "stage" text NOT NULL, "occurred_on" date NOT NULL, "description" text NOT NULL, "corrects_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a56ff3682d10d0023c844cd3488" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_adoption_record_corrects" ON "adoption_record" ("corrects_id") WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_adoption_record_unit" ON "adoption_record" ("adopting_unit_id")`);
    await q.query(`CREATE INDEX "IDX_adoption_record_candidate" ON "adoption_record" ("candidate_id", "occurred_on")`);
    await q.query(`CREATE TABLE "follow_up_record" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "year" integer NOT NULL, "followed_on" date NOT NULL, "holds_up" boolean NOT NULL, "findings" text NOT NULL, "corrects_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_565a5490ff1c8de7359d809d290" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_follow_up_record_corrects" ON "follow_up_record" ("corrects_id") WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_follow_up_record_year" ON "follow_up_record" ("candidate_id", "year") WHERE corrects_id IS NULL`);
    await q.query(`CREATE TABLE "unit_plan" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "year" integer NOT NULL, "revision" integer NOT NULL, "building_plan" text NOT NULL, "replication_plan" text NOT NULL, "document_number" text, "issued_on" date, "inspected_on" date, "inspection_result" text, "written_by" text NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bd01f5a74ae638029bc4ffa77da" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_plan_year" ON "unit_plan" ("year")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_unit_plan_revision" ON "unit_plan" ("unit_id", "year", "revision")`);
    await q.query(`CREATE TABLE "statistics_import" ("id" uuid NOT NULL, "sha256" character(64) NOT NULL, "file_name" text NOT NULL, "format" text NOT NULL, "size_bytes" integer NOT NULL, "content" bytea NOT NULL, "stated_collective" integer, "stated_individual" integer, "imported_by" text NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8b5fa9b64679236f1e87645784a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_statistics_import_sha256" ON "statistics_import" ("sha256")`);
    await q.query(`CREATE TABLE "statistics_import_row" ("import_id" uuid NOT NULL, "year" integer NOT NULL, "field" text NOT NULL, "line" integer NOT NULL, "collective" integer, "individual" integer, "honouring_forms" text array NOT NULL, CONSTRAINT "PK_452113aa153849efde6116368f2" PRIMARY KEY ("import_id", "year", "field"))`);
    await q.query(`CREATE INDEX "IDX_statistics_import_row_year" ON "statistics_import_row" ("year", "import_id")`);
    await q.query(`ALTER TABLE "honouring_record" ADD CONSTRAINT "FK_f9f7abd53f50d15cdf211f706d3" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "honouring_record" ADD CONSTRAINT "FK_0f7c5aa18a8ed02b609f5f720f7" FOREIGN KEY ("evidence_id") REFERENCES "evidence_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "honouring_record" ADD CONSTRAINT "FK_c1897501229e45365c890cda809" FOREIGN KEY ("corrects_id") REFERENCES "honouring_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "adoption_record" ADD CONSTRAINT "FK_49307ca99bc2b30f7c6e9731d52" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "adoption_record" ADD CONSTRAINT "FK_3d8f2165ae55aee34de1fe42cd9" FOREIGN KEY ("adopting_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "adoption_record" ADD CONSTRAINT "FK_775b7bba5d50f5b25ea4290c7bb" FOREIGN KEY ("corrects_id") REFERENCES "adoption_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "follow_up_record" ADD CONSTRAINT "FK_bda58c17ebaf1ced2c9e833df9d" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "follow_up_record" ADD CONSTRAINT "FK_2c4c32ff27857b1c78dbed215df" FOREIGN KEY ("corrects_id") REFERENCES "follow_up_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_plan" ADD CONSTRAINT "FK_4d56bc1f837c8ab91e88b36bb68" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "statistics_import_row" ADD CONSTRAINT "FK_db5bef5a402d40f9604372a48ba" FOREIGN KEY ("import_id") REFERENCES "statistics_import"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // The statistics table counts recognised exemplars by (year, field, kind), filtered by unit: covered by one
    // partial index, so the count is an index-only scan over recognised exemplars only (not expressible in an
    // entity: a partial index whose predicate PostgreSQL rewrites would read as drift).
    await q.query(
      `CREATE INDEX "IDX_candidate_statistics" ON "candidate" ("year", "field", "kind", "unit_id") WHERE state IN ('recognised', 'replicating', 'replicationEnded')`,
    );

    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    for (const table of ['honouring_record', 'adoption_record', 'follow_up_record', 'unit_plan', 'statistics_import', 'statistics_import_row']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      // As for the audit table: the application's role (docker/postgres/init), where it exists, may only read and add.
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
