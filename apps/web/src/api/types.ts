/**
 * The shapes the API answers with (see /api/docs-json). Codes are typed with the shared vocabulary, so a
 * renamed state or event breaks the web app's type-check rather than a screen.
 */
import type { DiscoveryChannel, Field, Role, Sector, Stage, SubjectKind, UnitLevel } from '#domain';
import type { CandidateEventType, CandidateState } from '#workflow';

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

export interface Candidate {
  id: string;
  kind: SubjectKind;
  name: string;
  unitId: string;
  unit?: { id: string; name: string };
  field: Field;
  year: number;
  discoveryChannel: DiscoveryChannel;
  achievement: string;
  state: CandidateState;
  stage: Stage | null;
  machineVersion: number;
  version: number;
  counts: { checkIns: number; evidenceFiles: number; planVersions: number; returns: number };
  allowedEvents: { type: CandidateEventType; label: Labels | null }[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface TransitionResult {
  candidateId: string;
  event: string;
  previousState: CandidateState;
  state: CandidateState;
  version: number;
  allowedEvents: CandidateEventType[];
}

export interface Plan {
  id: string;
  revision: number;
  goals: string;
  supporter: string;
  writtenByEvent: string;
  writtenBy: string;
  writtenAt: string;
}

export interface CheckIn {
  id: string;
  date: string;
  strengths: string;
  shortcomings: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Nurturing {
  candidateId: string;
  state: CandidateState;
  currentPlan: Plan | null;
  planHistory: Plan[];
  checkIns: CheckIn[];
  checkInIntervalDays: number;
  lastCheckInOn: string | null;
  nextCheckInDue: string | null;
  overdue: boolean;
}

export interface EvidenceFile {
  id: string;
  candidateId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
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

export interface Unit {
  id: string;
  code: string | null;
  name: string;
  level: UnitLevel;
  levelLabel: Labels | null;
  sector: Sector;
  sectorLabel: Labels | null;
  parentId: string | null;
  version: number;
}

export interface UnitNode extends Unit {
  children: UnitNode[];
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
