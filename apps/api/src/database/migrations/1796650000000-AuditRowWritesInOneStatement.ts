import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_take_row_writes(excluded)`: the attestations of the rows the transaction wrote since the last call — the
 * notes of `audit_note_row_write()` taken (read and cleared), each noted row's digest read back now (absent: a row
 * deleted) — as one function, so that the audit writer sends one statement where it sent three (whether anything was
 * noted, the notes, the digests). `excluded` maps a table to the columns left out of its digest (its stored file); a
 * row's key columns are the ones its trigger noted.
 */
export class AuditRowWritesInOneStatement1796650000000 implements MigrationInterface {
  name = 'AuditRowWritesInOneStatement1796650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_take_row_writes(excluded jsonb) RETURNS TABLE (tbl text, key jsonb, digest text)
      LANGUAGE plpgsql AS $$
      DECLARE
        w record;
        matched text;
        leftout text[];
        k jsonb;
      BEGIN
        -- Only a transaction that wrote a noted row has the table (created by the trigger in the session).
        IF to_regclass('pg_temp.audit_row_write') IS NULL THEN RETURN; END IF;
        FOR w IN EXECUTE 'WITH noted AS (DELETE FROM pg_temp.audit_row_write RETURNING tbl, key)
                          SELECT tbl, jsonb_agg(DISTINCT key) AS keys FROM noted GROUP BY tbl' LOOP
          -- Each key column compared with the note's value cast to the column's type: every row is read on its
          -- primary key's index, one lookup per note (a join over the notes let the planner scan a large table).
          SELECT string_agg(format('t.%I = ($1 ->> %L)::%s', a.attname, a.attname, format_type(a.atttypid, a.atttypmod)), ' AND ')
            INTO matched
            FROM jsonb_object_keys(w.keys -> 0) AS c
            JOIN pg_attribute a ON a.attrelid = quote_ident(w.tbl)::regclass AND a.attname = c;
          leftout := ARRAY(SELECT jsonb_array_elements_text(coalesce(excluded -> w.tbl, '[]'::jsonb)));
          FOR k IN SELECT jsonb_array_elements(w.keys) LOOP
            tbl := w.tbl;
            key := k;
            -- No row: deleted in this transaction (its digest null).
            EXECUTE format('SELECT audit_row_digest(t, $2) FROM %I t WHERE %s', w.tbl, matched) INTO digest USING k, leftout;
            RETURN NEXT;
          END LOOP;
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION audit_take_row_writes(jsonb)');
  }
}
