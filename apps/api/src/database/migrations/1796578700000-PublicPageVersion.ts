import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of what the public pages show (publicity/): one row whose number moves on, at the commit of any
 * transaction that changed a table those pages read, so that every instance's cache of rendered pages is invalid
 * at once (PublicPageVersion reads it). The triggers are deferred constraint triggers: they run at commit, after
 * the transaction's other locks are taken, so the row's lock is the last one a writer takes and is held only for
 * its commit (no deadlock with the writers' own row locks); one bump per transaction (a transaction-local flag).
 * Candidates count only in the states the public pages show (on notice, recognised, replicating, ended, revoked):
 * a check-in of a candidate in nurturing does not invalidate the gallery.
 */
export const PUBLIC_PAGE_TABLES = [
  'unit',
  'public_notice',
  'review_session',
  'review_item',
  'notice_comment',
  'notice_answer',
  'notice_answer_publication',
  'recognition_decision',
  'decision_recipient',
  'honouring_record',
  'adoption_record',
  'candidate_movement_link',
  'movement',
] as const;
const PUBLIC_STATES = `ARRAY['publicNotice', 'recognised', 'replicating', 'replicationEnded', 'revoked']`;

export class PublicPageVersion1796578700000 implements MigrationInterface {
  name = 'PublicPageVersion1796578700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "public_page_version" ("id" smallint NOT NULL, "version" bigint NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_public_page_version" PRIMARY KEY ("id"), CONSTRAINT "CHK_public_page_version_one" CHECK ("id" = 1))`);
    await q.query(`INSERT INTO "public_page_version" ("id", "version", "changed_at") VALUES (1, 1, now())`);
    await q.query(`
      CREATE FUNCTION public_pages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('dth.public_pages_changed', true) IS DISTINCT FROM 'yes' THEN
          PERFORM set_config('dth.public_pages_changed', 'yes', true);
          UPDATE public_page_version SET version = version + 1, changed_at = clock_timestamp() WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of PUBLIC_PAGE_TABLES) {
      await q.query(`CREATE CONSTRAINT TRIGGER public_pages_changed AFTER INSERT OR UPDATE OR DELETE ON "${table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_pages_changed()`);
    }
    await q.query(`CREATE CONSTRAINT TRIGGER public_pages_changed_insert AFTER INSERT ON "candidate" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state = ANY (${PUBLIC_STATES})) EXECUTE FUNCTION public_pages_changed()`);
    await q.query(
      `CREATE CONSTRAINT TRIGGER public_pages_changed_update AFTER UPDATE ON "candidate" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.state = ANY (${PUBLIC_STATES}) OR NEW.state = ANY (${PUBLIC_STATES})) EXECUTE FUNCTION public_pages_changed()`,
    );
    await q.query(`CREATE CONSTRAINT TRIGGER public_pages_changed_delete AFTER DELETE ON "candidate" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.state = ANY (${PUBLIC_STATES})) EXECUTE FUNCTION public_pages_changed()`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: history is never rewritten.');
  }
}
