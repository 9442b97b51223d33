/**
 * The audit trail (nhật ký): a candidate's history for its readers, and what auditors use — the trail filtered,
 * the verification report, signed checkpoints and their consistency proofs, and the export bundle.
 */
import { AUDIT_PROBLEM_KINDS } from '#domain';
import { CANDIDATE_STATE_CODES } from '#workflow';
import { Code, Dictionary, Instant, Labels, Nullable, Page, Type, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

/** An event's data as recorded (any JSON object). */
export const AuditPayload = Dictionary(Type.Unknown());
export type AuditPayload = Static<typeof AuditPayload>;

/** One record of a candidate's stream, as its page shows it. */
export const HistoryRecord = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  eventType: Type.String(),
  /** The event's words (the statechart's or the shared vocabulary's); null for a type the vocabulary lacks. */
  eventLabel: Nullable(Labels),
  fromState: Nullable(Code(CANDIDATE_STATE_CODES)),
  toState: Nullable(Code(CANDIDATE_STATE_CODES)),
  payload: AuditPayload,
  actor: Type.String(),
  occurredAt: Instant,
  machineVersion: Nullable(Type.Integer()),
  prevHash: Nullable(Type.String()),
  hash: Type.String(),
});
export type HistoryRecord = Static<typeof HistoryRecord>;

/** A thing a record names by its id (its stream's owner, or an id in its content), by its name. */
export const NamedRef = Type.Object({
  kind: Type.Union([Type.Literal('unit'), Type.Literal('candidate'), Type.Literal('movement'), Type.Literal('session'), Type.Literal('account'), Type.Literal('council'), Type.Literal('ruleSet'), Type.Literal('criterion'), Type.Literal('criteriaSet')]),
  id: Type.String(),
  name: Type.String(),
});
export type NamedRef = Static<typeof NamedRef>;

/** Who a login name is: full name, and role with unit (null for the product's own actors and unknown names). */
export const PersonName = Type.Object({ name: Labels, title: Nullable(Labels) });
export type PersonName = Static<typeof PersonName>;

/** The people a view names by login (who wrote, recorded, uploaded), keyed by login name: screens show these. */
export const PeopleNames = Dictionary(PersonName);
export type PeopleNames = Static<typeof PeopleNames>;

/**
 * The names behind the records' keys, so that a person reads names, never ids or login names: `refs` keyed by
 * "kind:id" (kinds: unit, candidate, movement, session, account, council; ruleSet, criterion and criteriaSet keyed by their codes), `people` keyed by login name.
 */
export const AuditNames = Type.Object({ refs: Dictionary(NamedRef), people: Dictionary(PersonName) });
export type AuditNames = Static<typeof AuditNames>;

export const CandidateHistory = Type.Object({ candidateId: Uuid, records: Type.Array(HistoryRecord), names: AuditNames });
export type CandidateHistory = Static<typeof CandidateHistory>;

/** A file a decision rested on: attached to the candidate before it (its record carries the SHA-256). */
export const DecisionEvidence = Type.Object({ seq: Type.Integer(), evidenceId: Type.String(), fileName: Type.String(), sha256: Type.String() });

/** A record of any stream, as the auditors' views show it. */
export const TrailRecord = Type.Object({
  /** The record's place in the order of appends (audit_event.id). */
  id: Type.String(),
  stream: Type.String(),
  seq: Type.Integer({ minimum: 1 }),
  candidateId: Nullable(Uuid),
  eventType: Type.String(),
  eventLabel: Nullable(Labels),
  fromState: Nullable(Type.String()),
  toState: Nullable(Type.String()),
  /** The states' words in the stream's own lifecycle (candidate, movement, review session); null when none. */
  fromStateLabel: Nullable(Labels),
  toStateLabel: Nullable(Labels),
  payload: AuditPayload,
  actor: Type.String(),
  occurredAt: Instant,
  machineVersion: Nullable(Type.Integer()),
  prevHash: Nullable(Type.String()),
  /** The digests of the rows the record's transaction wrote (part of what the hash covers; absent when none). */
  attests: Type.Optional(Type.Array(Type.Object({ table: Type.String(), key: Dictionary(Type.Unknown()), digest: Nullable(Type.String()) }))),
  hash: Type.String(),
  /** Its position in the Merkle tree; a checkpoint of tree size greater than this covers it. Null: not yet covered. */
  leafIndex: Nullable(Type.Integer({ minimum: 0 })),
  /** On decisions: the evidence they rested on. */
  evidence: Type.Optional(Type.Array(DecisionEvidence)),
});
export type TrailRecord = Static<typeof TrailRecord>;

/** One page of the trail, with the filter as understood. */
export const TrailPage = Type.Object({
  filter: Dictionary(Type.String()),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  items: Type.Array(TrailRecord),
  names: AuditNames,
});
export type TrailPage = Static<typeof TrailPage>;

/** A signed statement "the Merkle tree over the first treeSize records has this root": the file an auditor keeps. */
export const SignedCheckpoint = Type.Object({
  format: Type.String(),
  treeSize: Type.Integer({ minimum: 1 }),
  rootHash: Type.String(),
  createdAt: Instant,
  keyId: Type.String(),
  publicKey: Type.String(),
  signature: Type.String(),
});
export type SignedCheckpoint = Static<typeof SignedCheckpoint>;

export const CheckpointPage = Page(SignedCheckpoint);

/** The proof that the tree of `to.treeSize` leaves extends the tree of `from.treeSize` unchanged (RFC 6962 §2.1.2). */
const TreeHead = Type.Object({ treeSize: Type.Integer({ minimum: 1 }), rootHash: Type.String(), checkpoint: Nullable(SignedCheckpoint) });
export const ConsistencyProof = Type.Object({ from: TreeHead, to: TreeHead, proof: Type.Array(Type.String()) });
export type ConsistencyProof = Static<typeof ConsistencyProof>;

/** What a request to sign a checkpoint now did (refusals are errors). */
export const CheckpointBuilt = Type.Union([
  Type.Object({ status: Type.Literal('created'), checkpoint: SignedCheckpoint, newLeaves: Type.Integer({ minimum: 1 }), more: Type.Boolean() }),
  Type.Object({ status: Type.Literal('unchanged'), checkpoint: Nullable(SignedCheckpoint) }),
]);
export type CheckpointBuilt = Static<typeof CheckpointBuilt>;

/** Something verification found wrong, named as precisely as it can be, with the words for a person. */
export const AuditProblem = Type.Object({
  kind: Code(AUDIT_PROBLEM_KINDS),
  message: Type.String(),
  messageEn: Type.String(),
  stream: Type.Optional(Type.String()),
  seq: Type.Optional(Type.Integer()),
  /** The record named (audit_event.id). */
  auditId: Type.Optional(Type.String()),
  candidateId: Type.Optional(Type.String()),
  leafIndex: Type.Optional(Type.Integer()),
  treeSize: Type.Optional(Type.Integer()),
  /** The covered table and the row's primary key, for a row that disagrees with the audit trail. */
  table: Type.Optional(Type.String()),
  rowKey: Type.Optional(Dictionary(Type.Unknown())),
  /** Facts that locate or explain the problem (expected and found values, ranges). */
  detail: Type.Optional(Dictionary(Type.Unknown())),
});
export type AuditProblem = Static<typeof AuditProblem>;

/** A checkpoint the auditor supplied, as checked against the tree and the latest checkpoint. */
export const SuppliedCheckpointResult = Type.Object({
  treeSize: Nullable(Type.Integer()),
  rootHash: Nullable(Type.String()),
  keyId: Nullable(Type.String()),
  createdAt: Nullable(Type.String()),
  ok: Type.Boolean(),
  /** The proof that the latest stored checkpoint extends this one, when one exists. */
  consistency: Nullable(Type.Object({ toTreeSize: Type.Integer(), toRootHash: Type.String(), proof: Type.Array(Type.String()), verified: Type.Boolean() })),
  problems: Type.Array(AuditProblem),
});
export type SuppliedCheckpointResult = Static<typeof SuppliedCheckpointResult>;

const Count = Type.Integer({ minimum: 0 });

/** The checkpoint history as a whole: timely, and in agreement with the witness kept outside the database. */
export const HistoryReport = Type.Object({
  witness: Type.Object({
    configured: Type.Boolean(),
    location: Nullable(Type.String()),
    entries: Count,
    latestTreeSize: Nullable(Type.Integer()),
  }),
  overdueAfterMs: Nullable(Count),
  problems: Type.Array(AuditProblem),
  notListed: Count,
});
export type HistoryReport = Static<typeof HistoryReport>;

/** The verification of the whole trail (or of some streams): chains, replays, checkpoints. */
export const VerificationReport = Type.Object({
  ok: Type.Boolean(),
  summary: Labels,
  startedAt: Instant,
  finishedAt: Instant,
  durationMs: Count,
  /** Records whose chains were checked. */
  records: Count,
  streams: Count,
  recordsPerSecond: Count,
  /** Peak resident memory of the process that verified (MB). */
  peakRssMb: Count,
  scope: Type.Object({ streams: Type.Union([Type.Literal('all'), Count]) }),
  chains: Type.Object({ checked: Count, broken: Count, problems: Type.Array(AuditProblem), notListed: Count }),
  replay: Type.Object({ candidates: Count, replayed: Count, skipped: Count, mismatches: Count, problems: Type.Array(AuditProblem), notListed: Count }),
  checkpoints: Type.Object({
    signingKeyId: Nullable(Type.String()),
    trustedKeyIds: Type.Array(Type.String()),
    leaves: Count,
    recordsNotYetCovered: Count,
    stored: Count,
    valid: Count,
    latest: Nullable(SignedCheckpoint),
    problems: Type.Array(AuditProblem),
    notListed: Count,
  }),
  supplied: Type.Array(SuppliedCheckpointResult),
  /** Records only the application can write: each record's MAC, by the application's record keys. */
  authentication: Type.Object({
    currentKeyId: Nullable(Type.String()),
    authenticated: Count,
    /** Records written before records were authenticated, accepted as such (see docs/audit-trail.md). */
    legacy: Count,
    problems: Type.Array(AuditProblem),
    notListed: Count,
  }),
  /** Every covered table's rows against their latest attestation, and stored files against their SHA-256. */
  coverage: Type.Object({ tables: Count, rows: Count, problems: Type.Array(AuditProblem), notListed: Count }),
  history: HistoryReport,
  timings: Type.Object({ chainsMs: Count, coverageMs: Count, checkpointsMs: Count }),
});
export type VerificationReport = Static<typeof VerificationReport>;

export const AUDIT_ENDPOINTS = {
  'GET /api/candidates/{id}/history': json(CandidateHistory),
  'GET /api/audit/verify': json(VerificationReport),
  'POST /api/audit/verify': json(VerificationReport),
  'GET /api/audit/checkpoints': json(CheckpointPage),
  'GET /api/audit/checkpoints/latest': json(SignedCheckpoint),
  'GET /api/audit/checkpoints/consistency': json(ConsistencyProof),
  'POST /api/audit/checkpoints': json(CheckpointBuilt, 201),
  'GET /api/audit/records': json(TrailPage),
  'GET /api/audit/export': file('application/zip'),
} satisfies EndpointTable;
