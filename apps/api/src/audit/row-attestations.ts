/**
 * Row attestations: the digests of the rows a transaction wrote in covered tables, carried by the audit record
 * the transaction appends, and the comparison verification makes between every covered row and its latest
 * attestation.
 *
 * Which rows were written is noted by the database (the `audit_row_write` trigger of each attested table, into a
 * temporary table of the session emptied at commit), so no write path can forget one; the digest is taken from
 * the row as read back in the same transaction (`audit_row_digest`: SHA-256 of its jsonb text in UTC, without
 * the excluded columns). A write made after the transaction's last audit record is not attested, and
 * verification names the row. A column added to an attested table later is declared with the table
 * (`LateColumn` in coverage.ts): the rows attested before it existed keep matching while it holds its first value.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ATTESTED_TABLES, SEEDED_ROWS } from './coverage.js';

/** One row vouched for by a record: its table, its primary key's values, its digest (null: the row was deleted). */
export interface RowAttestation {
  table: string;
  key: Record<string, unknown>;
  digest: string | null;
}

/** A covered row that disagrees with its latest attestation. */
export interface RowMismatch {
  table: string;
  key: Record<string, unknown>;
  /** The row's digest now (null: the row is gone). */
  actual: string | null;
  /** The latest attested digest (null with `stream` set: attested as deleted). */
  attested: string | null;
  /** The record that attested it last; null when no record ever did. */
  stream: string | null;
  seq: number | null;
  auditId: string | null;
}

export interface StoredFileMismatch {
  table: string;
  key: Record<string, unknown>;
  stored: string;
  recomputed: string;
  stream: string | null;
  seq: number | null;
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** The columns each table's digest leaves out (its stored file), as `audit_take_row_writes` takes them. */
const EXCLUDED_FROM_DIGESTS = JSON.stringify(Object.fromEntries(ATTESTED_TABLES.filter((t) => t.excluded?.length).map((t) => [t.table, t.excluded])));

/** The key object of a row of `alias`, built the way the trigger builds it. */
const keyExpression = (alias: string, key: readonly string[]) => `jsonb_build_object(${key.map((c) => `'${c}', ${alias}.${quote(c)}`).join(', ')})`;

@Injectable()
export class RowAttestations {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What the audit writer reads before it appends to `stream`, in one statement (it runs inside every change): the
   * stream's head, and the attestations of every row this transaction wrote since the last call — digests read back
   * now, the notes cleared (`audit_take_row_writes`) — in a stable order (table, then key). Empty when the
   * transaction wrote no covered row.
   */
  async collectWithHead(em: EntityManager, stream: string): Promise<{ head: { seq: number; hash: string } | undefined; attests: RowAttestation[] }> {
    const [row] = (await em.query(
      `SELECT h.seq, h.hash,
              (SELECT coalesce(jsonb_agg(jsonb_build_object('table', w.tbl, 'key', w.key, 'digest', w.digest) ORDER BY w.tbl, w.key), '[]'::jsonb)
                 FROM audit_take_row_writes($2::jsonb) w) AS attests
         FROM (SELECT 1) AS one
         LEFT JOIN LATERAL (SELECT seq, hash FROM audit_event WHERE stream = $1 ORDER BY seq DESC LIMIT 1) h ON true`,
      [stream, EXCLUDED_FROM_DIGESTS],
    )) as { seq: number | null; hash: string | null; attests: RowAttestation[] }[];
    return { head: row.seq === null ? undefined : { seq: row.seq, hash: row.hash! }, attests: row.attests };
  }

  /**
   * Every covered row whose digest differs from its latest attestation (rows changed, rows no record vouches
   * for, attested rows gone), in one statement: the rows and the records are read in one snapshot, so a change
   * committing meanwhile cannot look like a mismatch. The database sorts and joins; the caller receives at most
   * `limit` mismatches and their total.
   */
  async mismatches(limit: number, em: EntityManager = this.dataSource.manager): Promise<{ total: number; rows: RowMismatch[]; rowsChecked: number }> {
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const present = ATTESTED_TABLES.map(
      ({ table, key, excluded }) => `SELECT ${p(table)}::text AS tbl, ${keyExpression('t', key)} AS key, audit_row_digest(t, ${p([...(excluded ?? [])])}::text[]) AS digest FROM ${quote(table)} t`,
    ).join('\n UNION ALL ');
    // A seeded row marked optional was written only where a migration needed it: vouched for where present.
    const seededRows = [];
    for (const r of SEEDED_ROWS) if (!r.optional || (await this.exists(em, r.table, r.key))) seededRows.push(r);
    const seeded = seededRows.length
      ? `UNION ALL SELECT s.tbl, s.key, s.digest, s.stream, NULL::int, -1::bigint FROM jsonb_to_recordset(${p(JSON.stringify(seededRows.map((r) => ({ tbl: r.table, key: r.key, digest: r.digest, stream: r.seededBy }))))}::jsonb) AS s(tbl text, key jsonb, digest text, stream text)`
      : '';
    // A row attested before a column was added to its table matches its attestation without that column while the
    // column still holds the value the migration gave it. Evaluated only for the rows that differ (by key, on the
    // primary key's index), so a database without such rows pays nothing.
    const olderForm = ATTESTED_TABLES.filter((t) => t.late?.length)
      .map(({ table, key, excluded, late }) => {
        const match = key.map((k) => `t.${quote(k)} = (jsonb_populate_record(NULL::${quote(table)}, c.key)).${quote(k)}`).join(' AND ');
        // Attested before the i-th late column: every column from the i-th on is absent from that digest.
        const forms = late!.map((_, i) => {
          const absent = late!.slice(i);
          const atUpgrade = absent.map((l) => `to_jsonb(t) -> ${p(l.column)}::text = ${p(JSON.stringify(l.atUpgrade ?? null))}::jsonb`).join(' AND ');
          return `(${atUpgrade} AND audit_row_digest(t, ${p([...(excluded ?? []), ...absent.map((l) => l.column)])}::text[]) = c.attested)`;
        });
        return `(c.tbl = ${p(table)}::text AND c.is_present AND c.attested IS NOT NULL AND EXISTS (SELECT 1 FROM ${quote(table)} t WHERE ${match} AND (${forms.join(' OR ')})))`;
      })
      .join(' OR ');
    const rows = (await em.query(
      `WITH attested AS (
         SELECT DISTINCT ON (tbl, key) tbl, key, digest, stream, seq, id FROM (
           SELECT a->>'table' AS tbl, a->'key' AS key, a->>'digest' AS digest, e.stream, e.seq, e.id
             FROM audit_event e CROSS JOIN LATERAL jsonb_array_elements(e.attests) AS a
            WHERE e.attests IS NOT NULL
           ${seeded}
         ) every ORDER BY tbl, key, id DESC
       ), present AS (
         ${present}
       ), compared AS (
         SELECT coalesce(n.tbl, a.tbl) AS tbl, coalesce(n.key, a.key) AS key, n.digest AS actual, a.digest AS attested, a.stream, a.seq, a.id,
                n.tbl IS NOT NULL AS is_present
           FROM present n FULL JOIN attested a ON a.tbl = n.tbl AND a.key = n.key
       )
       SELECT tbl, key, actual, attested, stream, seq, CASE WHEN id > 0 THEN id::text END AS audit_id,
              count(*) OVER () AS total, (SELECT count(*) FROM compared WHERE is_present) AS checked
         FROM compared c WHERE actual IS DISTINCT FROM attested${olderForm ? ` AND NOT (${olderForm})` : ''}
        ORDER BY tbl, key::text LIMIT ${p(limit)}`,
      params,
    )) as { tbl: string; key: Record<string, unknown>; actual: string | null; attested: string | null; stream: string | null; seq: number | null; audit_id: string | null; total: string; checked: string }[];
    const rowsChecked = rows.length ? Number(rows[0]!.checked) : await this.countRows(em);
    return {
      total: rows.length ? Number(rows[0]!.total) : 0,
      rowsChecked,
      rows: rows.map((r) => ({ table: r.tbl, key: r.key, actual: r.actual, attested: r.attested, stream: r.stream, seq: r.seq, auditId: r.audit_id })),
    };
  }

  private async exists(em: EntityManager, table: string, key: Record<string, unknown>): Promise<boolean> {
    const columns = Object.keys(key);
    const found = (await em.query(`SELECT 1 FROM ${quote(table)} WHERE ${columns.map((c, i) => `${quote(c)}::text = $${i + 1}`).join(' AND ')} LIMIT 1`, columns.map((c) => String(key[c])))) as unknown[];
    return found.length > 0;
  }

  private async countRows(em: EntityManager): Promise<number> {
    const [row] = (await em.query(`SELECT (${ATTESTED_TABLES.map(({ table }) => `(SELECT count(*) FROM ${quote(table)})`).join(' + ')})::bigint AS n`)) as { n: string }[];
    return Number(row!.n);
  }

  /** Stored files whose content no longer hashes to their recorded SHA-256, with the record that last attested them. */
  async fileMismatches(limit: number, em: EntityManager = this.dataSource.manager): Promise<StoredFileMismatch[]> {
    const found: StoredFileMismatch[] = [];
    for (const { table, key, file } of ATTESTED_TABLES) {
      if (!file || found.length >= limit) continue;
      const rows = (await em.query(
        `SELECT ${keyExpression('t', key)} AS key, t.${quote(file.hash)} AS stored, encode(sha256(t.${quote(file.content)}), 'hex') AS recomputed
           FROM ${quote(table)} t WHERE encode(sha256(t.${quote(file.content)}), 'hex') IS DISTINCT FROM t.${quote(file.hash)}::text LIMIT $1`,
        [limit - found.length],
      )) as { key: Record<string, unknown>; stored: string; recomputed: string }[];
      for (const r of rows) {
        const [last] = (await em.query(
          `SELECT e.stream, e.seq FROM audit_event e CROSS JOIN LATERAL jsonb_array_elements(e.attests) a
            WHERE e.attests IS NOT NULL AND a->>'table' = $1 AND a->'key' = $2::jsonb ORDER BY e.id DESC LIMIT 1`,
          [table, JSON.stringify(r.key)],
        )) as { stream: string; seq: number }[];
        found.push({ table, key: r.key, stored: r.stored, recomputed: r.recomputed, stream: last?.stream ?? null, seq: last?.seq ?? null });
      }
    }
    return found;
  }
}
