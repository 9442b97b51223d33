/**
 * Statistics (thống kê): the report's table of advanced exemplars (year × field, per-year subtotals, the grand
 * total), its exports, and the historical imports.
 */
import { FieldCodes, HonouringFormCodes, SectorCodes, SubjectKindCodes } from '#domain';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

const Count = Type.Integer({ minimum: 0 });
/** A count, or null when unknown (a blank imported cell): never 0 for unknown. */
const Figure = Nullable(Count);

/** The table's two columns (households are with individuals), and the third when households are apart. */
export const StatisticsFigures = Type.Object({
  collective: Figure,
  individual: Figure,
  /** Present only when households are reported apart. */
  household: Type.Optional(Figure),
});
export type StatisticsFigures = Static<typeof StatisticsFigures>;

export const FigureColumn = Type.Union([Type.Literal('COLLECTIVE'), Type.Literal('INDIVIDUAL')]);
export type FigureColumn = Static<typeof FigureColumn>;

const HonouringFormWords = Type.Object({ code: Code(HonouringFormCodes), vi: Type.String(), en: Type.String() });

export const StatisticsRow = Type.Object({
  ...StatisticsFigures.properties,
  field: Code(FieldCodes),
  fieldLabel: Labels,
  /** Columns whose figure is unknown (a blank cell of the import, or a row the import lacks). */
  unknown: Type.Array(FigureColumn),
});
export type StatisticsRow = Static<typeof StatisticsRow>;

export const StatisticsYear = Type.Object({
  /** Số thứ tự (TT): the year's position in the table, as the report numbers them. */
  tt: Type.Integer({ minimum: 1 }),
  year: Type.Integer(),
  /** LIVE: counted in the system; IMPORT: from an imported file; CONFLICT: both (the import is shown). */
  /** NONE: a year of the range with no figures at all (neither live nor imported): a row of empty cells, marked. */
  source: Type.Union([Type.Literal('LIVE'), Type.Literal('IMPORT'), Type.Literal('CONFLICT'), Type.Literal('NONE')]),
  importId: Nullable(Uuid),
  rows: Type.Array(StatisticsRow),
  subtotal: Type.Object({ ...StatisticsFigures.properties, unknownCells: Count }),
  honouringForms: Type.Array(HonouringFormWords),
  honouringFormsText: Labels,
});
export type StatisticsYear = Static<typeof StatisticsYear>;

/** An event of the province's series: a merger of jurisdictions (e.g. Bắc Giang and Bắc Ninh, 01/7/2025), with its document. */
export const SeriesEvent = Type.Object({
  id: Uuid,
  kind: Type.Literal('MERGER'),
  effectiveDate: CalendarDate,
  /** The year the chart and the table mark. */
  year: Type.Integer(),
  predecessors: Type.Array(Type.String()),
  successor: Type.String(),
  document: Type.Object({ number: Type.String(), date: CalendarDate, authority: Type.String() }),
  note: Nullable(Type.String()),
  /** Which predecessors' histories the series holds (imported years), and which it lacks (null years). */
  histories: Type.Array(Type.Object({ jurisdiction: Type.String(), yearFrom: Nullable(Type.Integer()), yearTo: Nullable(Type.Integer()) })),
  /** A short label for the chart's marker. */
  label: Labels,
  /** The full sentence for the table's notes and the exports. */
  message: Labels,
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type SeriesEvent = Static<typeof SeriesEvent>;

export const StatisticsTable = Type.Object({
  title: Labels,
  scope: Labels,
  filters: Type.Object({
    unit: Nullable(UnitRef),
    sector: Nullable(Code(SectorCodes)),
    sectorLabel: Nullable(Labels),
    field: Nullable(Code(FieldCodes)),
    yearFrom: Type.Integer(),
    yearTo: Type.Integer(),
    separateHouseholds: Type.Boolean(),
    movement: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  }),
  countingRule: Labels,
  historical: Type.Object({ included: Type.Boolean(), note: Nullable(Labels) }),
  columns: Type.Array(Type.Object({ code: Code(SubjectKindCodes), vi: Type.String(), en: Type.String() })),
  years: Type.Array(StatisticsYear),
  total: Type.Object({ ...StatisticsFigures.properties, unknownCells: Count, honouringForms: Type.Array(HonouringFormWords) }),
  /** Years with both imported and live figures: never summed, the import is shown. */
  conflicts: Type.Array(
    Type.Object({ year: Type.Integer(), shown: Type.Literal('IMPORT'), importId: Nullable(Uuid), imported: StatisticsFigures, live: StatisticsFigures, message: Labels }),
  ),
  unknownCells: Type.Array(
    Type.Object({ year: Type.Integer(), field: Code(FieldCodes), column: FigureColumn, reason: Type.Union([Type.Literal('BLANK_CELL'), Type.Literal('MISSING_ROW')]) }),
  ),
  /** Events of the series within the years asked for (a merger of provinces), to be marked on the chart and in the exports. */
  seriesEvents: Type.Array(SeriesEvent),
  /**
   * For each imported file the table shows a year of: the totals its source prints (as stated at import), the sums of
   * its rows (over the whole file), the blank cells left out of them and the difference (printed − computed).
   */
  sourceTotals: Type.Array(
    Type.Object({
      importId: Uuid,
      fileName: Type.String(),
      yearFrom: Type.Integer(),
      yearTo: Type.Integer(),
      columns: Type.Array(
        Type.Object({ column: FigureColumn, label: Labels, stated: Figure, computed: Count, blankCells: Count, difference: Nullable(Type.Integer()) }),
      ),
    }),
  ),
});
export type StatisticsTable = Static<typeof StatisticsTable>;

const StatedTotals = Nullable(Type.Object({ collective: Figure, individual: Figure }));
const ImportFormat = Type.Union([Type.Literal('CSV'), Type.Literal('XLSX')]);

/** An imported batch as the list shows it. */
export const ImportSummary = Type.Object({
  id: Uuid,
  sha256: Type.String(),
  fileName: Type.String(),
  format: ImportFormat,
  sizeBytes: Count,
  importedBy: Type.String(),
  importedAt: Instant,
  /** The jurisdiction the figures are the history of (a former province); null: the province itself. */
  jurisdiction: Nullable(Type.String()),
  rows: Count,
  yearFrom: Nullable(Type.Integer()),
  yearTo: Nullable(Type.Integer()),
  /** The totals the source states; null if none. */
  statedTotals: StatedTotals,
});
export type ImportSummary = Static<typeof ImportSummary>;

export const ImportList = Type.Object({ items: Type.Array(ImportSummary), people: PeopleNames });
export type ImportList = Static<typeof ImportList>;

/** What an import holds: blank cells (unknown, never 0) and, per column, the rows' sum against the stated total. */
export const ImportReport = Type.Object({
  import: Type.Object({
    id: Uuid,
    sha256: Type.String(),
    fileName: Type.String(),
    format: ImportFormat,
    sizeBytes: Count,
    importedBy: Type.String(),
    importedAt: Instant,
    statedTotals: StatedTotals,
    jurisdiction: Nullable(Type.String()),
  }),
  /** The people it names by login (see PeopleNames): screens show these, never the login. */
  people: PeopleNames,
  rows: Count,
  years: Type.Array(Type.Integer()),
  blankCells: Type.Array(
    Type.Object({ line: Type.Integer(), year: Type.Integer(), field: Code(FieldCodes), fieldLabel: Nullable(Labels), column: FigureColumn, columnLabel: Labels }),
  ),
  totals: Type.Array(
    Type.Object({ column: FigureColumn, label: Labels, rowsSum: Type.Integer(), blankCells: Count, stated: Nullable(Type.Integer()), difference: Nullable(Type.Integer()) }),
  ),
  /** Years for which a newer import is in force instead of this one. */
  supersededYears: Type.Array(Type.Object({ year: Type.Integer(), byImportId: Uuid })),
  /** Years this import took over from earlier imports. */
  replacedYears: Type.Array(Type.Object({ year: Type.Integer(), importId: Uuid })),
  /** Years that also have recognised exemplars in the system: the table reports them as conflicts. */
  conflictingLiveYears: Type.Array(Type.Integer()),
  message: Labels,
});
export type ImportReport = Static<typeof ImportReport>;

/** The answer to an upload: the report, whether it was new (201) or the same file again (200, nothing changed). */
export const ImportResult = Type.Object({
  ...ImportReport.properties,
  created: Type.Boolean(),
  /** The same file came again with other stated totals: they were not recorded. */
  statedTotalsIgnored: Type.Boolean(),
});
export type ImportResult = Static<typeof ImportResult>;

export const STATISTICS_ENDPOINTS = {
  'GET /api/statistics/exemplars': json(StatisticsTable),
  'GET /api/statistics/exemplars/xlsx': file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  'GET /api/statistics/exemplars/csv': file('text/csv'),
  'POST /api/statistics/imports': json(ImportResult),
  'GET /api/statistics/imports': json(ImportList),
  'GET /api/statistics/imports/{id}': json(ImportReport),
  'POST /api/statistics/imports/{id}/jurisdiction': json(ImportReport, 201),
  'POST /api/statistics/series-events': json(SeriesEvent, 201),
  'GET /api/statistics/series-events': json(Type.Object({ items: Type.Array(SeriesEvent), people: PeopleNames })),
} satisfies EndpointTable;
