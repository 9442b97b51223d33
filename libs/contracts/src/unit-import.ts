/** The bulk import of a unit tree from a CSV or Excel file: the preview (what would change, and the errors) and the applied import. */
import { SectorCodes, UnitLevelCodes } from '#domain';
import { Code, Instant, Labels, Nullable, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

const Count = Type.Integer({ minimum: 0 });
const ImportFormat = Type.Union([Type.Literal('CSV'), Type.Literal('XLSX')]);

/** A problem of the file, naming its line and its column by the Vietnamese header. */
export const UnitImportLineError = Type.Object({
  line: Nullable(Type.Integer()),
  column: Nullable(Type.String()),
  value: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
  messageEn: Type.String(),
});
export type UnitImportLineError = Static<typeof UnitImportLineError>;

export const UnitImportAction = Type.Union([Type.Literal('CREATE'), Type.Literal('RENAME'), Type.Literal('UNCHANGED')]);
export type UnitImportAction = Static<typeof UnitImportAction>;

export const UnitImportItem = Type.Object({
  line: Type.Integer(),
  action: UnitImportAction,
  code: Type.String(),
  name: Type.String(),
  /** The name the unit has now, for a rename. */
  previousName: Nullable(Type.String()),
  level: Code(UnitLevelCodes),
  levelLabel: Labels,
  sector: Code(SectorCodes),
  sectorLabel: Labels,
  parentCode: Nullable(Type.String()),
  /** The existing unit (renames, unchanged lines) or, once applied, the unit created. */
  unitId: Nullable(Uuid),
});
export type UnitImportItem = Static<typeof UnitImportItem>;

const Counts = Type.Object({ create: Count, rename: Count, unchanged: Count });

export const UnitImportPreview = Type.Object({
  fileName: Type.String(),
  format: ImportFormat,
  sha256: Type.String(),
  lines: Count,
  counts: Counts,
  items: Type.Array(UnitImportItem),
  errors: Type.Array(UnitImportLineError),
  /** True when there are no errors and something to change. */
  canApply: Type.Boolean(),
  /** Send it back with the file to apply exactly this plan (a plan that has changed since is refused). */
  planDigest: Type.String(),
  message: Labels,
});
export type UnitImportPreview = Static<typeof UnitImportPreview>;

export const UnitImportSummary = Type.Object({
  id: Uuid,
  sha256: Type.String(),
  fileName: Type.String(),
  format: ImportFormat,
  sizeBytes: Count,
  counts: Counts,
  importedBy: Type.String(),
  importedAt: Instant,
});
export type UnitImportSummary = Static<typeof UnitImportSummary>;

/** 201 with the import when something changed; 200 with `import: null` when the tree already matched the file. */
export const UnitImportResult = Type.Object({
  applied: Type.Boolean(),
  import: Nullable(UnitImportSummary),
  counts: Counts,
  items: Type.Array(UnitImportItem),
  message: Labels,
});
export type UnitImportResult = Static<typeof UnitImportResult>;

export const UNIT_IMPORT_ENDPOINTS = {
  'GET /api/unit-imports/template': file('text/csv'),
  'POST /api/unit-imports/preview': json(UnitImportPreview),
  'POST /api/unit-imports': json(UnitImportResult),
  'GET /api/unit-imports': json(Type.Object({ items: Type.Array(UnitImportSummary), people: PeopleNames })),
} satisfies EndpointTable;
