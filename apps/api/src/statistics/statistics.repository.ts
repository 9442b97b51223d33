/**
 * The SQL of the statistics: the report's table as one aggregate query (built by statistics-table.query.ts),
 * and the historical imports (statistics_import and its rows, which only grow). Counting happens here, in the
 * database; nothing loads candidates.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Field } from '#domain';
import { councilUnitSql } from '../councils/council-setup.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { StatisticsImport, StatisticsImportRow, type ImportFormat } from './statistics.entities.js';
import type { ParsedRow } from './import-parser.js';
import { statisticsTableQuery, type TableFilters, type TableQueryRow } from './statistics-table.query.js';

/** Rows inserted per statement when an import is stored. */
const ROWS_PER_INSERT = 1000;

/** An import as the list shows it: the batch without its file, with how many rows and which years it holds. */
export interface ImportSummaryRow {
  id: string;
  sha256: string;
  fileName: string;
  format: ImportFormat;
  sizeBytes: number;
  importedBy: string;
  importedAt: Date;
  statedCollective: number | null;
  statedIndividual: number | null;
  rows: number;
  yearFrom: number | null;
  yearTo: number | null;
  jurisdiction: string | null;
}

/** What an import's rows add up to. */
export interface ImportSums {
  rows: number;
  collective: number;
  blankCollective: number;
  individual: number;
  blankIndividual: number;
  years: number[];
}

/** A row of an import with a blank cell. */
export interface BlankRow {
  line: number;
  year: number;
  field: Field;
  collectiveBlank: boolean;
  individualBlank: boolean;
}

/** Another import that covers one of these years, and whether it is newer than the import asked about. */
export interface OverlappingImportRow {
  year: number;
  id: string;
  newer: boolean;
}

export interface SourceTotalsRow {
  importId: string;
  fileName: string;
  statedCollective: number | null;
  statedIndividual: number | null;
  yearFrom: number;
  yearTo: number;
  collective: number;
  blankCollective: number;
  individual: number;
  blankIndividual: number;
}

/** A batch's columns, without the file's content. */
export type ImportBatch = Omit<StatisticsImport, 'content'>;

@Injectable()
export class StatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The report's table: one row per (year, field) cell, per year's subtotal and the grand total (statistics-table.query.ts). */
  table(filters: TableFilters): Promise<TableQueryRow[]> {
    const { sql, params } = statisticsTableQuery(filters);
    return this.dataSource.query(sql, params);
  }

  // ---- historical imports ----

  /** Per imported file: its printed totals (stated at import) beside the sums and blank cells of its rows. */
  sourceTotals(importIds: string[]): Promise<SourceTotalsRow[]> {
    if (importIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT b.id AS "importId", b.file_name AS "fileName", b.stated_collective AS "statedCollective", b.stated_individual AS "statedIndividual",
              min(r.year)::int AS "yearFrom", max(r.year)::int AS "yearTo",
              coalesce(sum(r.collective), 0)::int AS collective, count(*) FILTER (WHERE r.collective IS NULL)::int AS "blankCollective",
              coalesce(sum(r.individual), 0)::int AS individual, count(*) FILTER (WHERE r.individual IS NULL)::int AS "blankIndividual"
         FROM statistics_import b JOIN statistics_import_row r ON r.import_id = b.id
        WHERE b.id = ANY($1::uuid[])
        GROUP BY b.id
        ORDER BY min(r.year), b.imported_at, b.id`,
      [importIds],
    );
  }

  importBySha256(em: EntityManager, sha256: string): Promise<ImportBatch | null> {
    return em.findOneBy(StatisticsImport, { sha256 });
  }

  importById(em: EntityManager, id: string): Promise<ImportBatch | null> {
    return em.findOneBy(StatisticsImport, { id });
  }

  /** Stores a batch (with its file) and its rows. */
  async insertImport(em: EntityManager, batch: StatisticsImport, rows: ParsedRow[]): Promise<void> {
    await em.insert(StatisticsImport, batch);
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await em.insert(
        StatisticsImportRow,
        rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ importId: batch.id, ...r })),
      );
    }
  }

  /** Every import, newest first. */
  listImports(): Promise<ImportSummaryRow[]> {
    return this.dataSource.query(
      `SELECT b.id, b.sha256, b.file_name AS "fileName", b.format, b.size_bytes AS "sizeBytes", b.imported_by AS "importedBy", b.imported_at AS "importedAt",
              b.stated_collective AS "statedCollective", b.stated_individual AS "statedIndividual",
              count(r.*)::int AS rows, min(r.year) AS "yearFrom", max(r.year) AS "yearTo", j.jurisdiction
         FROM statistics_import b
         LEFT JOIN statistics_import_row r ON r.import_id = b.id
         LEFT JOIN statistics_import_jurisdiction j ON j.import_id = b.id
        GROUP BY b.id, j.jurisdiction
        ORDER BY b.imported_at DESC, b.id DESC`,
    );
  }

  async sums(em: EntityManager, importId: string): Promise<ImportSums> {
    const [sums] = (await em.query(
      `SELECT count(*)::int AS rows,
              coalesce(sum(collective), 0)::int AS collective, count(*) FILTER (WHERE collective IS NULL)::int AS "blankCollective",
              coalesce(sum(individual), 0)::int AS individual, count(*) FILTER (WHERE individual IS NULL)::int AS "blankIndividual",
              coalesce(array_agg(DISTINCT year ORDER BY year), '{}') AS years
         FROM statistics_import_row WHERE import_id = $1`,
      [importId],
    )) as ImportSums[];
    return sums!;
  }

  /** The import's rows with a blank cell, in the order of the file's lines. */
  blankRows(em: EntityManager, importId: string): Promise<BlankRow[]> {
    return em.query(
      `SELECT line, year, field, collective IS NULL AS "collectiveBlank", individual IS NULL AS "individualBlank"
         FROM statistics_import_row WHERE import_id = $1 AND (collective IS NULL OR individual IS NULL) ORDER BY line`,
      [importId],
    );
  }

  /** The other imports of the same jurisdiction (null: the province itself) that cover these years, each once per year, oldest first. */
  overlapping(em: EntityManager, batch: Pick<StatisticsImport, 'id' | 'importedAt'>, years: number[], jurisdiction: string | null): Promise<OverlappingImportRow[]> {
    return em.query(
      `SELECT r.year, b.id, b.imported_at > $2 OR (b.imported_at = $2 AND b.id > $1) AS newer
         FROM statistics_import_row r JOIN statistics_import b ON b.id = r.import_id
         LEFT JOIN statistics_import_jurisdiction j ON j.import_id = b.id
        WHERE r.import_id <> $1 AND r.year = ANY($3::int[]) AND coalesce(j.jurisdiction, '') = coalesce($4::text, '')
        GROUP BY r.year, b.id
        ORDER BY r.year, b.imported_at, b.id`,
      [batch.id, batch.importedAt, years, jurisdiction],
    );
  }

  /** Which of these years have recognised exemplars in the system. */
  async liveYears(em: EntityManager, years: number[]): Promise<number[]> {
    const rows = (await em.query(`SELECT DISTINCT year FROM candidate WHERE state = ANY($1::text[]) AND year = ANY($2::int[]) ORDER BY year`, [[...RECOGNISED_STATES], years])) as {
      year: number;
    }[];
    return rows.map((r) => r.year);
  }

  /**
   * Recognised exemplars by the level of the council that recognised them (the unit level of the session's
   * council; sessions opened before councils are the province's), per kind. A candidacy proposed upward and
   * recognised again counts once at each level that recognised it. `unitPath`: only candidates of that subtree.
   */
  async recognitionsByLevel(filter: { year?: number; unitPath?: string | null }): Promise<{ level: string; kind: string; count: number }[]> {
    const params: unknown[] = [];
    const where = [`k.state IN ('recognised', 'replicating', 'replicationEnded')`];
    if (filter.year) where.push(`k.year = $${params.push(filter.year)}`);
    if (filter.unitPath) where.push(`ku.path LIKE $${params.push(filter.unitPath)} || '%'`);
    return (await this.dataSource.query(
      `WITH province AS (SELECT c.id FROM council c JOIN unit u ON u.id = ${councilUnitSql('c')} WHERE u.parent_id IS NULL ORDER BY u.created_at, u.id LIMIT 1),
            recognised_by AS (
              SELECT DISTINCT ON (k.id) k.id, k.kind, coalesce(s.council_id, (SELECT id FROM province)) AS council_id
                FROM candidate k
                JOIN unit ku ON ku.id = k.unit_id
                JOIN review_item i ON i.candidate_id = k.id AND i.outcome = 'RECOGNISE'
                JOIN review_session s ON s.id = i.session_id
               WHERE ${where.join(' AND ')}
               ORDER BY k.id, s.closed_at DESC NULLS LAST)
       SELECT cu.level, r.kind, count(*)::int AS count
         FROM recognised_by r JOIN council c ON c.id = r.council_id JOIN unit cu ON cu.id = ${councilUnitSql('c')}
        GROUP BY cu.level, r.kind`,
      params,
    )) as { level: string; kind: string; count: number }[];
  }
}
