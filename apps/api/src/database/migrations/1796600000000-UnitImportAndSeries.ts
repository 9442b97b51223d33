import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports of the unit tree (unit_import: the file as uploaded and what it did, one row per applied import),
 * the jurisdiction a historical statistics import is the history of (statistics_import_jurisdiction: a table of
 * its own rather than a column, so that batches imported before keep their digests, and so that a batch imported
 * before can be given its jurisdiction once), and the events of the province's statistics series
 * (statistics_series_event: a merger of provinces, with its date and the document that decided it). All three
 * are append-only and attested.
 */
const KEYS: Record<string, string[]> = {
  unit_import: ['id'],
  statistics_import_jurisdiction: ['import_id'],
  statistics_series_event: ['id'],
};

export class UnitImportAndSeries1796600000000 implements MigrationInterface {
  name = 'UnitImportAndSeries1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "unit_import" ("id" uuid NOT NULL, "sha256" character(64) NOT NULL, "file_name" text NOT NULL, "format" text NOT NULL, "size_bytes" integer NOT NULL, "content" bytea NOT NULL, "created_count" integer NOT NULL, "renamed_count" integer NOT NULL, "unchanged_count" integer NOT NULL, "imported_by" text NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_unit_import" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "statistics_import_jurisdiction" ("import_id" uuid NOT NULL, "jurisdiction" text NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_statistics_import_jurisdiction" PRIMARY KEY ("import_id"))`,
    );
    await q.query(
      `ALTER TABLE "statistics_import_jurisdiction" ADD CONSTRAINT "FK_statistics_import_jurisdiction_import" FOREIGN KEY ("import_id") REFERENCES "statistics_import"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "statistics_series_event" ("id" uuid NOT NULL, "kind" text NOT NULL, "effective_date" date NOT NULL, "predecessors" text array NOT NULL, "successor" text NOT NULL, "document_number" text NOT NULL, "document_date" date NOT NULL, "document_authority" text NOT NULL, "note" text, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_statistics_series_event" PRIMARY KEY ("id"))`,
    );
    for (const table of Object.keys(KEYS)) {
      await q.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write(${KEYS[table]!.map((c) => `'${c}'`).join(', ')})`);
    }
    await q.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dth_app') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON "unit_import", "statistics_import_jurisdiction", "statistics_series_event" FROM dth_app;
        END IF;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
