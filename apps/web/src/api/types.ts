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

// ---- council review (apps/api/src/reviews) ----

export type SessionStatus = 'PREPARING' | 'VOTING' | 'VOTING_CLOSED' | 'NOTICE' | 'CLOSED';
export type ItemStatus = 'PENDING' | 'DECIDABLE' | 'DECIDED' | 'NO_DECISION' | 'WITHDRAWN' | 'DROPPED';
export type BallotKind = 'OPEN' | 'SECRET';
export type CouncilOutcome = 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT' | 'NO_DECISION';
export type VoteChoice = 'IN_FAVOUR' | 'AGAINST' | 'ABSTAIN';

export interface CouncilRules {
  quorum: { numerator: number; denominator: number };
  recognitionPercent: number;
  rejectionPercent: number;
}

export interface SessionSummary {
  id: string;
  title: string;
  year: number;
  status: SessionStatus;
  statusLabel: Labels & { code: SessionStatus };
  ballot: BallotKind;
  openedAt: string;
  votingClosedAt: string | null;
  closedAt: string | null;
  version: number;
  candidates: number;
}

export interface Criterion {
  code: string;
  vi: string;
  en: string;
}

export interface CriterionMark {
  criterionCode: string;
  met: boolean;
  comment: string;
  evidenceIds: string[];
}

export interface Checklist {
  id: string;
  reviewerId: string;
  reviewerName: string;
  criteriaSetId: string;
  marks: CriterionMark[];
  correctsId: string | null;
  correctedById: string | null;
  inForce: boolean;
  submittedAt: string;
}

export interface Verdict {
  sessionId: string;
  rules: CouncilRules;
  tally: { eligible: number; participants: number; inFavour: number; against: number; abstain: number };
  checklists: { assigned: number; submitted: number; criteria: number; criteriaReviewed: number };
}

export interface Finding {
  code: string;
  vi: string;
  en: string;
}

export interface ReviewItemView {
  id: string;
  status: ItemStatus;
  candidate: { id: string; name: string; kind: SubjectKind; unitId: string; unitName: string; field: Field; state: CandidateState; version: number };
  criteriaSetId: string;
  criteria: Criterion[];
  /** Session members who may neither review nor vote on this candidate. */
  conflicts: string[];
  reviewers: string[];
  checklists: Checklist[];
  voted: string[];
  votedModes: Record<string, 'IN_PERSON' | 'WRITTEN_OPINION'>;
  myVote: boolean;
  verdict: Verdict | null;
  outcome: CouncilOutcome | null;
  quorumMet: boolean | null;
  thresholdMet: boolean | null;
  findings: Finding[] | null;
  decidedBy: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  ballot: BallotKind;
}

export interface SessionMember {
  accountId: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  attendance: 'PRESENT' | 'ABSENT' | null;
}

export interface PublicNotice {
  id: string;
  publishedOn: string;
  endsOn: string;
  workingDays: number;
  holidays: string[];
  channels: string;
  publishedBy: string;
  publishedAt: string;
}

export interface NoticeComment {
  id: string;
  itemId: string | null;
  author: string;
  body: string;
  receivedOn: string;
  recordedBy: string;
  recordedAt: string;
  answerId: string | null;
  answer: string | null;
  upheld: boolean | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface SessionDetail {
  id: string;
  title: string;
  year: number;
  status: SessionStatus;
  statusLabel: Labels & { code: SessionStatus };
  version: number;
  ballot: BallotKind;
  rules: CouncilRules;
  noticeWorkingDays: number;
  criteriaSetIds: Record<string, string>;
  chairName: string;
  venue: string | null;
  openedBy: string;
  openedAt: string;
  votingOpenedAt: string | null;
  votingClosedAt: string | null;
  closedAt: string | null;
  members: SessionMember[];
  items: ReviewItemView[];
  notice: PublicNotice | null;
  comments: NoticeComment[];
}

export interface CandidateReview extends ReviewItemView {
  session: { id: string; title: string; year: number; status: SessionStatus };
  criteriaSet: { id: string; code: string; version: number };
}

export interface CandidateReviews {
  candidateId: string;
  reviews: CandidateReview[];
}

export interface MyCouncilWork {
  checklists: { sessionId: string; title: string; itemId: string; candidateId: string; name: string }[];
  votes: { sessionId: string; title: string; itemId: string; candidateId: string; name: string }[];
}

export interface CastVoteResult {
  voteId: string;
  mode: 'IN_PERSON' | 'WRITTEN_OPINION';
  receipt?: string;
}

export interface ReceiptCheck {
  counted: boolean;
  choice: VoteChoice;
  ballots: number;
  sealed: boolean;
}

export type Ballots =
  | { ballot: 'SECRET'; voters: { memberId: string; displayName: string; mode: string }[]; ballots: { receiptHash: string; choice: VoteChoice }[]; countsMatch: boolean }
  | { ballot: 'OPEN'; votes: { memberId: string; displayName: string; mode: string; choice: VoteChoice; opinion: string | null; castAt: string }[] };

export interface CriteriaSetVersion {
  id: string;
  code: string;
  version: number;
  appliesTo: SubjectKind[];
  criteria: Criterion[];
  note: string | null;
  publishedBy: string;
  publishedAt: string;
  inForce: boolean;
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

// ---- recognition decisions (apps/api/src/decisions) ----

export type DecisionKind = 'RECOGNITION' | 'CORRECTION' | 'REVOCATION';
export type DecisionStatus = 'IN_FORCE' | 'CORRECTED' | 'PARTLY_REVOKED' | 'REVOKED';

export interface DecisionRecipient {
  decisionId: string;
  candidateId: string;
  position: number;
  name: string;
  kind: SubjectKind;
  kindLabel: Labels | null;
  unitName: string;
  field: Field;
  fieldLabel: Labels | null;
  achievement: string;
  serial: string;
  /** A later revocation decision names this recipient. */
  revoked: boolean;
}

export interface RecognitionDecision {
  id: string;
  /** "12/QĐ-UBND" */
  number: string;
  authority: { code: string; vi: string; en: string };
  year: number;
  kind: DecisionKind;
  status: DecisionStatus;
  sessionId: string | null;
  amendsId: string | null;
  amendedBy: { id: string; kind: DecisionKind; number: string; issuedOn: string }[];
  subject: string;
  bases: string[];
  reasons: string | null;
  issuedOn: string;
  signerTitle: string;
  signerName: string;
  issuedBy: string;
  issuedAt: string;
  recipients: DecisionRecipient[];
}
