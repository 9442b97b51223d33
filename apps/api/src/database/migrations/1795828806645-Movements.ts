import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emulation movements and lookup: movements with their reviews, registrations and launching-document files;
 * the candidate–movement links; where a candidate was discovered (a movement's review conference); the
 * subject a candidate is a candidacy of (subject_id); and the diacritic-insensitive name search.
 *
 * Search: `fold_vietnamese(text)` folds Vietnamese text in the database exactly as libs/domain/src/fold.ts does in the
 * application (NFD, drop the combining marks, đ → d, lower case), with built-in functions only, so it works the
 * same on PostgreSQL and on the embedded PGlite without any extension (PGlite ships `unaccent`, but only if
 * every PGlite.create() loads it, and unaccent() is not IMMUTABLE, so it cannot be indexed). It is IMMUTABLE,
 * so the names need no stored copy: GIN indexes on to_tsvector('simple', fold_vietnamese(name)) serve word-prefix
 * searches ("nguyen van" → "Nguyễn Văn …"), on every insert and rename, written by anyone, with nothing to
 * backfill and nothing for the application to keep in step.
 *
 * Every new table except `movement` only grows: the database refuses UPDATE, DELETE and TRUNCATE on them.
 */
export class Movements1795828806645 implements MigrationInterface {
  name = 'Movements1795828806645';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "movement" ("id" uuid NOT NULL, "name" text NOT NULL, "launching_unit_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "fields" text array NOT NULL, "goals" text NOT NULL, "document_number" text NOT NULL, "document_date" date NOT NULL, "document_title" text, "status" text NOT NULL, "version" integer NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_079f005d01ebda984e75c2d67ee" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_movement_status" ON "movement" ("status")`);
    await q.query(`CREATE INDEX "IDX_movement_launching_unit" ON "movement" ("launching_unit_id")`);
    await q.query(`CREATE TABLE "movement_review" ("id" uuid NOT NULL, "movement_id" uuid NOT NULL, "kind" text NOT NULL, "held_on" date NOT NULL, "results" text NOT NULL, "participating_units" integer, "exemplars_found" integer, "collectives_commended" integer, "individuals_commended" integer, "conference_held_on" date, "conference_place" text, "conference_note" text, "corrects_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_423bdeea426bc3aa996d23b09a0" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_movement_review_corrects" ON "movement_review" ("corrects_id") WHERE corrects_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_movement_review_movement" ON "movement_review" ("movement_id", "held_on")`);
    await q.query(`CREATE TABLE "movement_registration" ("id" uuid NOT NULL, "movement_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "action" text NOT NULL, "targets" text NOT NULL, "target_exemplars" integer, "reason" text, "previous_id" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9180e6d8d0a96555da8aee7ca91" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_movement_registration_previous" ON "movement_registration" ("previous_id") WHERE previous_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_movement_registration_first" ON "movement_registration" ("movement_id", "unit_id") WHERE previous_id IS NULL`);
    await q.query(`CREATE INDEX "IDX_movement_registration_movement" ON "movement_registration" ("movement_id", "unit_id")`);
    await q.query(`CREATE TABLE "movement_document" ("id" uuid NOT NULL, "movement_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4a5c8cf728b37a4c8fdcc857c4f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_movement_document_movement" ON "movement_document" ("movement_id", "uploaded_at")`);
    await q.query(`CREATE TABLE "candidate_movement_link" ("id" uuid NOT NULL, "candidate_id" uuid NOT NULL, "movement_id" uuid NOT NULL, "action" text NOT NULL, "ends_id" uuid, "reason" text, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_abd117a00749ea1542d5adcfd89" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_candidate_movement_link_ends" ON "candidate_movement_link" ("ends_id") WHERE ends_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_candidate_movement_link_candidate" ON "candidate_movement_link" ("candidate_id")`);
    await q.query(`CREATE INDEX "IDX_candidate_movement_link_movement" ON "candidate_movement_link" ("movement_id", "candidate_id")`);
    await q.query(`ALTER TABLE "candidate" ADD "subject_id" uuid`);
    await q.query(`ALTER TABLE "candidate" ADD "discovered_at_movement_id" uuid`);
    await q.query(`ALTER TABLE "candidate" ADD "discovered_at_review_id" uuid`);
    await q.query(`CREATE INDEX "IDX_candidate_subject" ON "candidate" ("subject_id") WHERE subject_id IS NOT NULL`);
    await q.query(`ALTER TABLE "movement" ADD CONSTRAINT "FK_e51b754144bde2c0b917c9c9509" FOREIGN KEY ("launching_unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_review" ADD CONSTRAINT "FK_fe7eda93f62bc797d4620a3680e" FOREIGN KEY ("movement_id") REFERENCES "movement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_review" ADD CONSTRAINT "FK_0982aa3b88db013a0c055a1c57c" FOREIGN KEY ("corrects_id") REFERENCES "movement_review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_registration" ADD CONSTRAINT "FK_e82dc0f5e7c90b07b0fb4bae400" FOREIGN KEY ("movement_id") REFERENCES "movement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_registration" ADD CONSTRAINT "FK_d02e32eb1881467d0e1196cbea6" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_registration" ADD CONSTRAINT "FK_7964ecea86e8f3d34be5062bdba" FOREIGN KEY ("previous_id") REFERENCES "movement_registration"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "movement_document" ADD CONSTRAINT "FK_39c329324fb26fbee335ebb225e" FOREIGN KEY ("movement_id") REFERENCES "movement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate" ADD CONSTRAINT "FK_656a4de2e2b5877d1e461f13f48" FOREIGN KEY ("subject_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate" ADD CONSTRAINT "FK_f19f6f15b27f5c6e6329a79004f" FOREIGN KEY ("discovered_at_movement_id") REFERENCES "movement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate" ADD CONSTRAINT "FK_f82defb3dd47dc1a11f22bac139" FOREIGN KEY ("discovered_at_review_id") REFERENCES "movement_review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate_movement_link" ADD CONSTRAINT "FK_83e8b7ba5d230c703cb96eba33c" FOREIGN KEY ("candidate_id") REFERENCES "candidate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate_movement_link" ADD CONSTRAINT "FK_db36bdddfb14ed85130ae6bffa2" FOREIGN KEY ("movement_id") REFERENCES "movement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "candidate_movement_link" ADD CONSTRAINT "FK_89995e730ddfac2af03414661bd" FOREIGN KEY ("ends_id") REFERENCES "candidate_movement_link"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // The folding of libs/domain/src/fold.ts, in SQL; pg_catalog functions only (safe under any search_path).
    await q.query(`
      CREATE FUNCTION fold_vietnamese(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT lower(translate(regexp_replace(normalize($1, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd'))
      $$`);
    // Not expressible in an entity (an expression index): declared there with synchronize: false.
    await q.query(`CREATE INDEX "IDX_candidate_name_search" ON "candidate" USING gin (to_tsvector('simple'::regconfig, fold_vietnamese(name)))`);
    await q.query(`CREATE INDEX "IDX_movement_name_search" ON "movement" USING gin (to_tsvector('simple'::regconfig, fold_vietnamese(name)))`);

    // Candidacies already recorded: the same kind, folded name and unit are the same subject (the rule new
    // nominations follow when no subject is named), its first candidacy (oldest) giving the subject's id.
    await q.query(`
      UPDATE candidate c SET subject_id = f.first_id
        FROM (SELECT id, first_value(id) OVER (PARTITION BY kind, fold_vietnamese(name), unit_id ORDER BY created_at, id) AS first_id FROM candidate) f
       WHERE f.id = c.id AND f.first_id <> c.id`);

    // Append-only, enforced by the database itself (append_only() comes from the Initial migration).
    for (const table of ['movement_review', 'movement_registration', 'movement_document', 'candidate_movement_link']) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      // The application's role (docker/postgres/init), where it exists, may only read and add.
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
