/**
 * The report's table ("BẢNG THỐNG KÊ điển hình tiên tiến") as ONE aggregate query: counted in the database,
 * never by loading candidates into Node. Only placeholders carry the caller's values; the SQL text varies by
 * which filters are present, from fixed fragments.
 *
 * What counts, and where:
 * - A live exemplar counts once it is recognised: state recognised, replicating or replicationEnded (an
 *   exemplar whose replication ended was still recognised that year). It counts in the candidate's `year`
 *   (the year of the movement and review it was nominated for), not in the year of the council's decision, so
 *   an exemplar recognised in January for the previous year's review counts in the previous year, as the
 *   report counts them.
 * - The partial covering index IDX_candidate_statistics (year, field, kind, unit_id) WHERE state IN (those
 *   three) serves the count with an index-only scan, in its own order: candidates are grouped by (year, field,
 *   kind) as they come off the index, and the few hundred groups are then turned into the FILTERed columns
 *   collective / individual / household. (Counting with FILTER per candidate, and testing the field when no
 *   field is asked for, made the query 1.5–1.7× slower than a raw GROUP BY on a million candidates; this form
 *   is within a few per cent of it: bench/statistics.ts.) The unit subtree is a prefix match on unit.path
 *   (IDX_unit_path).
 * - Households are counted with individuals (the report's two columns) unless `separateHouseholds`.
 * - Imported history (statistics_import_row) covers the whole province and has no units or sectors, so it is
 *   part of the series only when the scope is the whole province and no sector is chosen. A batch is the history
 *   of the province itself, or of the jurisdiction recorded for it (statistics_import_jurisdiction): a former
 *   province that merged into this one (a predecessor of a statistics_series_event) counts up to the merger's
 *   year, the merged province named as the successor from that year on, any other named jurisdiction not at all.
 *   For each (jurisdiction, year) the newest import covering it is used (a later import of a year supersedes the
 *   earlier ones); different jurisdictions add up, the same one never twice.
 * - A year present in both the import and the live data is a CONFLICT: it is never summed; the imported
 *   figures are shown (the office's record of a year it did not manage in the system) and the live figures are
 *   returned beside them so the office can settle it.
 * - A blank imported cell stays NULL: sums skip it and the unknown cells are counted at every level.
 * - Honouring forms per year: live years from the honouring ledger (records in force of the exemplars
 *   counted), imported years from the import.
 */
import { FieldCodes, type Field, type Sector } from '#domain';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { pathConditions, type Reach } from '../access/unit-reach.js';

export interface TableFilters {
  /** One field, or null for all seven (the table's rows, in the catalogue's order). */
  field: Field | null;
  yearFrom: number;
  yearTo: number;
  /** The units counted: a subtree, or everything. */
  reach: Reach;
  sector: Sector | null;
  /** Only exemplars linked to this movement (links in force); absent or null for all. */
  movementId?: string | null;
  includeHistory: boolean;
  separateHouseholds: boolean;
}

/** One row of the query: a (year, field) cell row (level 0), a year's subtotal (1) or the grand total (3). */
export interface TableQueryRow {
  year: number | null;
  field: Field | null;
  level: 0 | 1 | 3;
  ord: number | null;
  source: 'LIVE' | 'IMPORT' | 'CONFLICT' | null;
  collective: number | null;
  individual: number | null;
  household: number | null;
  unknown_collective: number;
  unknown_individual: number;
  missing_rows: number;
  live_collective: number | null;
  live_individual: number | null;
  live_household: number | null;
  import_id: string | null;
  forms: string[] | null;
}

/** The literal list of counted states: it must match the partial index's predicate for the planner to use it. */
const COUNTED_STATES = RECOGNISED_STATES.map((s) => `'${s}'`).join(', ');

export function statisticsTableQuery(f: TableFilters): { sql: string; params: unknown[] } {
  const params: unknown[] = [f.field ? [f.field] : [...FieldCodes], f.yearFrom, f.yearTo, f.includeHistory, f.separateHouseholds];
  const inReach = pathConditions(params).within('u.path', f.reach);
  const unitJoin = inReach !== null || f.sector !== null ? 'JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)' : '';
  const filters = [
    // Without a field filter every candidate's field is one of the seven: testing it per row would only cost time.
    f.field !== null ? 'AND c.field = ANY($1::text[])' : '',
    inReach !== null ? `AND ${inReach}` : '',
    f.sector !== null ? `AND u.sector = $${params.push(f.sector)}` : '',
    // Only with a movement (the fast path above is unchanged without one): the exemplars whose link to it is in
    // force. The ids are gathered once (an InitPlan) and fetched through the primary key, so the cost follows the
    // movement's size, not the table's; as an EXISTS semi-join the planner scanned every recognised candidate's
    // row instead (1,000,000 candidates, 19,000 links: 4–5× slower than the raw GROUP BY, this form 0.75×).
    f.movementId
      ? `AND c.id = ANY (ARRAY(SELECT l.candidate_id FROM candidate_movement_link l WHERE l.movement_id = $${params.push(f.movementId)}::uuid AND l.action = 'LINK'
           AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id)))`
      : '',
  ].join(' ');
  const counted = `c.state IN (${COUNTED_STATES}) AND c.year BETWEEN $2 AND $3 ${filters}`;

  const sql = `
WITH fields AS (
  SELECT code, ord::int AS ord FROM unnest($1::text[]) WITH ORDINALITY AS f(code, ord)
),
live_kinds AS (
  SELECT c.year, c.field, c.kind, count(*) AS n
    FROM candidate c ${unitJoin}
   WHERE ${counted}
   GROUP BY c.year, c.field, c.kind
),
live AS (
  SELECT year, field,
         coalesce(sum(n) FILTER (WHERE kind = 'COLLECTIVE'), 0)::int AS collective,
         coalesce(sum(n) FILTER (WHERE kind = 'INDIVIDUAL'), 0)::int AS individual,
         coalesce(sum(n) FILTER (WHERE kind = 'HOUSEHOLD'), 0)::int AS household
    FROM live_kinds
   GROUP BY year, field
),
live_forms AS (
  SELECT c.year, array_agg(DISTINCT h.form) AS forms
    FROM honouring_record h
    JOIN candidate c ON c.id = h.candidate_id ${unitJoin}
   WHERE ${counted}
     AND NOT EXISTS (SELECT 1 FROM honouring_record n WHERE n.corrects_id = h.id)
   GROUP BY c.year
),
-- Which jurisdiction each batch is the history of ('' : the province itself), and the years it may count for: a
-- former jurisdiction (a predecessor of a recorded merger) up to the merger's year, the successor from it on.
batch_scope AS (
  SELECT b.id AS import_id, b.imported_at, coalesce(j.jurisdiction, '') AS jurisdiction, j.import_id IS NOT NULL AS named,
         (SELECT max(extract(year FROM e.effective_date))::int FROM statistics_series_event e WHERE j.jurisdiction = ANY(e.predecessors)) AS until_year,
         (SELECT min(extract(year FROM e.effective_date))::int FROM statistics_series_event e WHERE j.jurisdiction = e.successor) AS from_year
    FROM statistics_import b
    LEFT JOIN statistics_import_jurisdiction j ON j.import_id = b.id
),
-- For each (jurisdiction, year) the newest batch covering it; different jurisdictions add up, one never twice.
batch_of_year AS (
  SELECT DISTINCT ON (s.jurisdiction, r.year) r.year, r.import_id, s.jurisdiction
    FROM statistics_import_row r
    JOIN batch_scope s ON s.import_id = r.import_id
   WHERE $4 AND r.year BETWEEN $2 AND $3
     AND (NOT s.named OR r.year <= s.until_year OR r.year >= s.from_year)
   ORDER BY s.jurisdiction, r.year, s.imported_at DESC, s.import_id DESC
),
hist_rows AS (
  SELECT r.year, r.field, r.collective, r.individual, r.honouring_forms, r.import_id
    FROM statistics_import_row r
    JOIN batch_of_year y ON y.year = r.year AND y.import_id = r.import_id
   WHERE r.field = ANY($1::text[])
),
-- A cell is unknown when any jurisdiction's figure for it is (a blank cell stays unknown, never 0).
hist AS (
  SELECT year, field,
         CASE WHEN count(*) = count(collective) THEN sum(collective)::int END AS collective,
         CASE WHEN count(*) = count(individual) THEN sum(individual)::int END AS individual,
         min(import_id::text) AS import_id
    FROM hist_rows
   GROUP BY year, field
),
years AS (
  SELECT year, bool_or(is_live) AS has_live, bool_or(NOT is_live) AS has_import
    FROM (SELECT year, true AS is_live FROM live UNION ALL SELECT year, false FROM batch_of_year) s
   GROUP BY year
),
cells AS (
  SELECT y.year, f.code AS field, f.ord,
         CASE WHEN NOT y.has_import THEN 'LIVE' WHEN y.has_live THEN 'CONFLICT' ELSE 'IMPORT' END AS source,
         CASE WHEN y.has_import THEN h.collective ELSE coalesce(l.collective, 0) END AS collective,
         CASE WHEN y.has_import THEN h.individual
              ELSE coalesce(l.individual, 0) + CASE WHEN $5 THEN 0 ELSE coalesce(l.household, 0) END END AS individual,
         CASE WHEN $5 AND NOT y.has_import THEN coalesce(l.household, 0) END AS household,
         y.has_import AND h.year IS NULL AS missing_row,
         h.import_id::uuid AS import_id,
         CASE WHEN y.has_live THEN coalesce(l.collective, 0) END AS live_collective,
         CASE WHEN y.has_live THEN coalesce(l.individual, 0) END AS live_individual,
         CASE WHEN y.has_live THEN coalesce(l.household, 0) END AS live_household
    FROM years y
   CROSS JOIN fields f
    LEFT JOIN live l ON l.year = y.year AND l.field = f.code
    LEFT JOIN hist h ON h.year = y.year AND h.field = f.code
),
grouped AS (
  SELECT year, field, GROUPING(year, field) AS level, min(ord) AS ord,
         -- one source per year; only the grand total mixes them, and it does not use this
         max(source) AS source,
         sum(collective)::int AS collective,
         sum(individual)::int AS individual,
         sum(household)::int AS household,
         count(*) FILTER (WHERE collective IS NULL)::int AS unknown_collective,
         count(*) FILTER (WHERE individual IS NULL)::int AS unknown_individual,
         count(*) FILTER (WHERE missing_row)::int AS missing_rows,
         sum(live_collective)::int AS live_collective,
         sum(live_individual)::int AS live_individual,
         sum(live_household)::int AS live_household,
         max(import_id::text) AS import_id
    FROM cells
   GROUP BY GROUPING SETS ((year, field), (year), ())
),
year_forms AS (
  SELECT y.year,
         CASE WHEN y.has_import
              THEN (SELECT array_agg(DISTINCT form) FROM hist_rows h, unnest(h.honouring_forms) AS form WHERE h.year = y.year)
              ELSE lf.forms END AS forms
    FROM years y
    LEFT JOIN live_forms lf ON lf.year = y.year
)
SELECT g.*,
       CASE g.level WHEN 1 THEN yf.forms
                    WHEN 3 THEN (SELECT array_agg(DISTINCT form) FROM year_forms, unnest(year_forms.forms) AS form) END AS forms
  FROM grouped g
  LEFT JOIN year_forms yf ON g.level = 1 AND yf.year = g.year
 ORDER BY g.year NULLS LAST, g.level, g.ord`;
  return { sql, params };
}
