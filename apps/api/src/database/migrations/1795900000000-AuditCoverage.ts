import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit coverage: every row a decision or an access right rests on is vouched for by the chained audit record of
 * the transaction that wrote it, and every record carries a MAC made with a key the application holds outside
 * the database.
 *
 * - `audit_event.attests`: the digests of the rows the record's transaction wrote (hashed with the record when
 *   present); `mac`, `mac_key_id`: HMAC-SHA256 over the record's hash and the id of the key that made it.
 * - `audit_row_digest(row, excluded)`: SHA-256 of the row's jsonb text, whatever the session's TimeZone.
 * - `audit_note_row_write()`: a trigger on every attested table that notes which rows a transaction wrote in a
 *   temporary table of its session (emptied at commit); the audit writer turns them into attestations.
 *
 * The tables are listed here as they are today (a migration never changes); `apps/api/src/audit/coverage.ts` is
 * the registry every new table is declared in, and a test holds the two together.
 */
const ATTESTED: Record<string, string[]> = {
  account: ['id'],
  adoption_record: ['id'],
  ballot_box: ['item_id'],
  candidate: ['id'],
  candidate_movement_link: ['id'],
  council_vote: ['id'],
  criteria_set: ['id'],
  decision_counter: ['authority_code', 'year'],
  decision_recipient: ['decision_id', 'candidate_id'],
  evidence_file: ['id'],
  follow_up_record: ['id'],
  honouring_record: ['id'],
  movement: ['id'],
  movement_document: ['id'],
  movement_registration: ['id'],
  movement_review: ['id'],
  notice_answer: ['id'],
  notice_comment: ['id'],
  nurturing_check_in: ['id'],
  nurturing_plan: ['id'],
  public_notice: ['id'],
  recognition_decision: ['id'],
  review_assignment: ['id'],
  review_checklist: ['id'],
  review_item: ['id'],
  review_session: ['id'],
  review_session_member: ['session_id', 'account_id'],
  statistics_import: ['id'],
  statistics_import_row: ['import_id', 'year', 'field'],
  unit: ['id'],
  unit_plan: ['id'],
};

export class AuditCoverage1795900000000 implements MigrationInterface {
  name = 'AuditCoverage1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "audit_event" ADD "attests" jsonb');
    await q.query('ALTER TABLE "audit_event" ADD "mac" text');
    await q.query('ALTER TABLE "audit_event" ADD "mac_key_id" text');
    // jsonb's text of a timestamptz follows the session's TimeZone: the function fixes it, so a digest taken by
    // the application and one taken by a verifier in another zone agree.
    await q.query(`
      CREATE FUNCTION audit_row_digest(r anyelement, excluded text[]) RETURNS text
      LANGUAGE sql STABLE SET "TimeZone" TO 'UTC'
      AS $$ SELECT encode(sha256(convert_to((to_jsonb(r) - excluded)::text, 'UTF8')), 'hex') $$`);
    await q.query(`
      CREATE FUNCTION audit_note_row_write() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r jsonb;
        k jsonb := '{}'::jsonb;
        o jsonb;
        c text;
      BEGIN
        IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
        FOREACH c IN ARRAY TG_ARGV LOOP k := k || jsonb_build_object(c, r -> c); END LOOP;
        IF to_regclass('pg_temp.audit_row_write') IS NULL THEN
          CREATE TEMP TABLE audit_row_write (tbl text NOT NULL, key jsonb NOT NULL) ON COMMIT DELETE ROWS;
        END IF;
        INSERT INTO pg_temp.audit_row_write (tbl, key) VALUES (TG_TABLE_NAME, k);
        IF TG_OP = 'UPDATE' THEN
          -- A changed key leaves the old key behind: it must be vouched for as gone.
          r := to_jsonb(OLD);
          o := '{}'::jsonb;
          FOREACH c IN ARRAY TG_ARGV LOOP o := o || jsonb_build_object(c, r -> c); END LOOP;
          IF o <> k THEN INSERT INTO pg_temp.audit_row_write (tbl, key) VALUES (TG_TABLE_NAME, o); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, key] of Object.entries(ATTESTED)) {
      const args = key.map((c) => `'${c}'`).join(', ');
      await q.query(`CREATE TRIGGER audit_row_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_note_row_write(${args})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(ATTESTED)) await q.query(`DROP TRIGGER audit_row_write ON "${table}"`);
    await q.query('DROP FUNCTION audit_note_row_write()');
    await q.query('DROP FUNCTION audit_row_digest(anyelement, text[])');
    for (const column of ['mac_key_id', 'mac', 'attests']) await q.query(`ALTER TABLE "audit_event" DROP COLUMN "${column}"`);
  }
}
