/**
 * The shapes the API answers with (see /api/docs-json). Codes are typed with the shared vocabulary, so a
 * renamed state or event breaks the web app's type-check rather than a screen.
 */
import type { Field, Role, Sector, SubjectKind } from '#domain';
import type { CandidateState } from '#workflow';
import type { CandidateView, EvidenceView } from '#contracts';

export interface Labels {
  vi: string;
  en: string;
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: Labels | null;
  unitId: string | null;
  unit: { id: string; name: string } | null;
  disabled: boolean;
  disabledAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
}

export interface SignInResult {
  account: Account;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Types of the candidate routes still imported by the council and audit pages: the contracts' own (libs/contracts),
 * until those pages import them from #contracts.
 */
export type Candidate = CandidateView;
export type EvidenceFile = EvidenceView;

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface AuditRecord {
  seq: number;
  eventType: string;
  fromState: CandidateState | null;
  toState: CandidateState | null;
  payload: Record<string, unknown>;
  actor: string;
  occurredAt: string;
  machineVersion: number | null;
  prevHash: string | null;
  hash: string;
}

export interface History {
  candidateId: string;
  records: AuditRecord[];
}

/** One field's problem, as every 400 (and some 4xx naming a field) reports it. */
export interface FieldError {
  field: string;
  code?: string;
  message: string;
  messageEn: string;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messageEn: string;
  correlationId: string;
  errors?: FieldError[];
  field?: string;
  refusals?: { code: string; message: string; messageEn: string }[];
  [detail: string]: unknown;
}

// ---- statistics (apps/api/src/statistics) ----

export interface Figures {
  collective: number | null;
  individual: number | null;
  household?: number | null;
}

export interface StatisticsTable {
  title: Labels;
  scope: Labels;
  filters: {
    unit: { id: string; name: string } | null;
    sector: Sector | null;
    field: Field | null;
    yearFrom: number;
    yearTo: number;
    separateHouseholds: boolean;
  };
  countingRule: Labels;
  historical: { included: boolean; note: Labels | null };
  columns: { code: SubjectKind; vi: string; en: string }[];
  years: {
    tt: number;
    year: number;
    source: 'LIVE' | 'IMPORT' | 'CONFLICT';
    importId: string | null;
    rows: (Figures & { field: Field; fieldLabel: Labels; unknown: ('COLLECTIVE' | 'INDIVIDUAL')[] })[];
    subtotal: Figures & { unknownCells: number };
    honouringForms: { code: string; vi: string; en: string }[];
    honouringFormsText: Labels;
  }[];
  total: Figures & { unknownCells: number; honouringForms: { code: string; vi: string; en: string }[] };
  conflicts: { year: number; importId: string | null; imported: Figures; live: Figures; message: Labels }[];
  unknownCells: { year: number; field: Field; column: 'COLLECTIVE' | 'INDIVIDUAL'; reason: 'BLANK_CELL' | 'MISSING_ROW' }[];
}

export interface ImportSummary {
  id: string;
  sha256: string;
  fileName: string;
  format: string;
  sizeBytes: number;
  importedBy: string;
  importedAt: string;
  rows: number;
  yearFrom: number | null;
  yearTo: number | null;
  statedTotals: { collective: number | null; individual: number | null } | null;
}

export interface ImportReport {
  created?: boolean;
  statedTotalsIgnored?: boolean;
  import: Omit<ImportSummary, 'rows' | 'yearFrom' | 'yearTo'>;
  rows: number;
  years: number[];
  blankCells: { line: number; year: number; field: string; fieldLabel: Labels | null; column: 'COLLECTIVE' | 'INDIVIDUAL'; columnLabel: Labels }[];
  totals: { column: 'COLLECTIVE' | 'INDIVIDUAL'; label: Labels; rowsSum: number; blankCells: number; stated: number | null; difference: number | null }[];
  supersededYears: { year: number; byImportId: string }[];
  replacedYears: { year: number; importId: string }[];
  conflictingLiveYears: number[];
  message: Labels;
}

// ---- audit (apps/api/src/audit) ----

export interface TrailRecord {
  id: string;
  stream: string;
  seq: number;
  candidateId: string | null;
  eventType: string;
  eventLabel: Labels | null;
  fromState: CandidateState | null;
  toState: CandidateState | null;
  payload: Record<string, unknown>;
  actor: string;
  occurredAt: string;
  machineVersion: number | null;
  prevHash: string | null;
  hash: string;
  leafIndex: number | null;
  evidence?: { seq: number; evidenceId: string; fileName: string; sha256: string }[];
}

export interface TrailPage extends Page<TrailRecord> {
  filter: Record<string, string>;
}

export interface AuditProblem {
  kind: string;
  message: string;
  messageEn: string;
  stream?: string;
  seq?: number;
  auditId?: string;
  candidateId?: string;
  leafIndex?: number;
  treeSize?: number;
}

export interface SignedCheckpointView {
  treeSize: number;
  rootHash: string;
  createdAt: string;
  keyId: string;
  [key: string]: unknown;
}

export interface VerificationReport {
  ok: boolean;
  summary: Labels;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  records: number;
  streams: number;
  recordsPerSecond: number;
  chains: { checked: number; broken: number; problems: AuditProblem[]; notListed: number };
  replay: { candidates: number; replayed: number; skipped: number; mismatches: number; problems: AuditProblem[]; notListed: number };
  checkpoints: {
    signingKeyId: string | null;
    trustedKeyIds: string[];
    leaves: number;
    recordsNotYetCovered: number;
    stored: number;
    valid: number;
    latest: SignedCheckpointView | null;
    problems: AuditProblem[];
    notListed: number;
  };
  supplied: {
    treeSize: number | null;
    rootHash: string | null;
    keyId: string | null;
    createdAt: string | null;
    ok: boolean;
    consistency: { toTreeSize: number; toRootHash: string; proof: string[]; verified: boolean } | null;
    problems: AuditProblem[];
  }[];
}
