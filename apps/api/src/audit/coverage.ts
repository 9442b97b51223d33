/**
 * The registry of audit coverage: every table of the schema, and how the audit trail vouches for its rows.
 *
 * - `attested`: every write to the table is noted by the `audit_row_write` trigger (created in the table's
 *   migration), and the audit record of the same transaction carries the row's digest (`attests`). Verification
 *   compares every row with its latest attestation (ROW_CHANGED, ROW_NOT_ATTESTED, ROW_MISSING).
 *   `appendOnly`: the database also refuses UPDATE/DELETE. `excluded`: columns left out of the digest (bytea
 *   content: the digest covers the `hash` column instead, and verification recomputes the content's SHA-256).
 * - `audit`: the audit trail itself (hash chains, MACs, Merkle leaves and signed checkpoints).
 * - `operational`: rows no decision or access right rests on, with the reason.
 *
 * A new table is declared here in the same change as its migration; `test/audit-coverage.e2e-spec.ts` lists the
 * tables of the database and fails on any that is not.
 */

export type TableCoverage =
  | {
      kind: 'attested';
      /** The primary key's columns: the attestation's key is the object of their values. */
      key: readonly string[];
      appendOnly?: boolean;
      excluded?: readonly string[];
      /** A stored file: `content` must hash (SHA-256, hex) to `hash`. */
      file?: { content: string; hash: string };
      /** Columns added by a later migration, oldest first (see `LateColumn`). */
      late?: readonly LateColumn[];
    }
  | { kind: 'audit'; reason: string }
  | { kind: 'operational'; reason: string };

/**
 * A column a migration added to a table whose rows an earlier release had already attested. An attestation made
 * before the column existed digested the row without it; it still vouches for the row while the column holds the
 * value the migration gave every existing row (`atUpgrade`, null unless the migration set a default). Any other
 * value is a change no record vouches for (ROW_CHANGED). Attestations made since carry the column like any other.
 * Declared in the same change as the migration that adds the column, when the table is attested already.
 */
export interface LateColumn {
  column: string;
  /** The migration that added it (`migration:<name>`). */
  addedBy: string;
  atUpgrade?: string | number | boolean | null;
}

const COUNCILS = 'migration:Councils1796577732200';
const SESSION_DEADLINES = 'migration:SessionDeadlines1796578800000';
const REORGANISATION = 'migration:UnitReorganisation1796600000100';
const AMENDMENT_DRAFTS = 'migration:AmendmentDrafts1796620000000';
const COUNCIL_TRANSFER_NAME = 'migration:CouncilTransferName1796630000000';
const ABANDONED_DRAFTS = 'migration:AbandonedDrafts1796640000000';

export const TABLE_COVERAGE = {
  // The unit tree, accounts and their roles: who may do what.
  unit: {
    kind: 'attested',
    key: ['id'],
    late: [
      { column: 'status', addedBy: REORGANISATION, atUpgrade: 'ACTIVE' },
      { column: 'retired_on', addedBy: REORGANISATION },
    ],
  },
  account: { kind: 'attested', key: ['id'], late: [{ column: 'council_id', addedBy: COUNCILS }] },
  // The address notifications are mailed to: changed by an administrator, in the account's audited change.
  account_contact: { kind: 'attested', key: ['account_id'] },
  // Candidates and what their statechart's effects wrote.
  candidate: {
    kind: 'attested',
    key: ['id'],
    late: [
      { column: 'council_id', addedBy: COUNCILS },
      { column: 'home_unit_id', addedBy: REORGANISATION },
    ],
  },
  evidence_file: { kind: 'attested', key: ['id'], excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  nurturing_plan: { kind: 'attested', key: ['id'] },
  nurturing_check_in: { kind: 'attested', key: ['id'] },
  honouring_record: { kind: 'attested', key: ['id'], appendOnly: true },
  adoption_record: { kind: 'attested', key: ['id'], appendOnly: true },
  follow_up_record: { kind: 'attested', key: ['id'], appendOnly: true },
  unit_plan: { kind: 'attested', key: ['id'], appendOnly: true },
  // Holds (NĐ 152 Điều 4.4) and their liftings, with their documents' files.
  candidate_hold: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  candidate_hold_lift: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  // The council: sessions, membership, criteria in force, checklists, ballots and the urn, notices.
  criteria_set: { kind: 'attested', key: ['id'], appendOnly: true },
  review_session: {
    kind: 'attested',
    key: ['id'],
    late: [
      { column: 'council_id', addedBy: COUNCILS },
      { column: 'checklists_due_on', addedBy: SESSION_DEADLINES },
      { column: 'voting_closes_on', addedBy: SESSION_DEADLINES },
    ],
  },
  review_session_member: { kind: 'attested', key: ['session_id', 'account_id'], late: [{ column: 'position', addedBy: COUNCILS }] },
  review_item: { kind: 'attested', key: ['id'] },
  review_assignment: { kind: 'attested', key: ['id'], appendOnly: true },
  review_checklist: { kind: 'attested', key: ['id'], appendOnly: true },
  council_vote: { kind: 'attested', key: ['id'], appendOnly: true },
  ballot_box: { kind: 'attested', key: ['item_id'] },
  public_notice: { kind: 'attested', key: ['id'], appendOnly: true },
  notice_comment: { kind: 'attested', key: ['id'], appendOnly: true },
  notice_answer: { kind: 'attested', key: ['id'], appendOnly: true },
  // The public side: comments sent by the public (the attachment's bytes vouched for by their hash), their moderation, published answers.
  public_comment: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['attachment'], file: { content: 'attachment', hash: 'attachment_sha256' } },
  public_comment_moderation: { kind: 'attested', key: ['public_comment_id'], appendOnly: true },
  notice_answer_publication: { kind: 'attested', key: ['answer_id'], appendOnly: true },
  // Decisions, their recipients and numbering.
  recognition_decision: { kind: 'attested', key: ['id'], appendOnly: true },
  decision_recipient: { kind: 'attested', key: ['decision_id', 'candidate_id'], appendOnly: true },
  decision_counter: { kind: 'attested', key: ['authority_code', 'year'] },
  // Issued decisions and certificates as files (the unsigned bytes, frozen once) and their PAdES signatures (signed files).
  issued_document: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  document_signature: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  // A revocation's grounds and the chain it ends; what was recovered after it; the versions of achievement reports.
  decision_revocation: { kind: 'attested', key: ['decision_id'], appendOnly: true },
  revocation_recovery: { kind: 'attested', key: ['id'], appendOnly: true },
  achievement_report_version: { kind: 'attested', key: ['id'], appendOnly: true },
  // Document registers, their counters and decision drafts (numbered and issued by the clerk).
  document_register: { kind: 'attested', key: ['id'] },
  document_register_counter: { kind: 'attested', key: ['register_id', 'year'] },
  decision_draft: {
    kind: 'attested',
    key: ['id'],
    late: [
      { column: 'kind', addedBy: AMENDMENT_DRAFTS, atUpgrade: 'RECOGNITION' },
      { column: 'amends_id', addedBy: AMENDMENT_DRAFTS },
      { column: 'terms', addedBy: AMENDMENT_DRAFTS },
      { column: 'abandoned_by', addedBy: ABANDONED_DRAFTS },
      { column: 'abandoned_at', addedBy: ABANDONED_DRAFTS },
      { column: 'abandon_reason', addedBy: ABANDONED_DRAFTS },
    ],
  },
  // The jurisdiction profile every document prints (issuing bodies, legal bases, signatories).
  jurisdiction_profile: { kind: 'attested', key: ['version'], appendOnly: true },
  // Council rule sets (versions an administrator publishes), the one each session pinned, written opinions with the
  // signed form, the chair's casting votes, and a candidate's share of women (preference among equals).
  council_rule_set: { kind: 'attested', key: ['id'], appendOnly: true },
  review_session_rule_set: { kind: 'attested', key: ['session_id'], appendOnly: true },
  written_opinion: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  casting_vote: { kind: 'attested', key: ['item_id'], appendOnly: true },
  candidate_women_share: { kind: 'attested', key: ['candidate_id'], appendOnly: true },
  // The rehearsal clock's changes (rehearsal instances only).
  rehearsal_clock_change: { kind: 'attested', key: ['version'], appendOnly: true },
  clearance_request: { kind: 'attested', key: ['id'], appendOnly: true },
  clearance_answer: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  session_clearance_rule: { kind: 'attested', key: ['session_id'], appendOnly: true },
  // Councils at every level: each council, its composition's versions, and upward proposals (liên thông).
  council: { kind: 'attested', key: ['id'], appendOnly: true },
  council_composition: { kind: 'attested', key: ['id'], appendOnly: true },
  upward_proposal: { kind: 'attested', key: ['id'], appendOnly: true },
  // Emulation movements.
  movement: { kind: 'attested', key: ['id'] },
  movement_document: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  movement_registration: { kind: 'attested', key: ['id'], appendOnly: true },
  movement_review: { kind: 'attested', key: ['id'], appendOnly: true },
  candidate_movement_link: { kind: 'attested', key: ['id'], appendOnly: true },
  // Reorganisations of the unit tree (merge, split, move, rename, dissolve): each operation, what it made of each
  // unit, the successions and the candidates a split placed; the operation's record (stream unit-tree) attests them.
  unit_operation: { kind: 'attested', key: ['id'], appendOnly: true },
  unit_change: { kind: 'attested', key: ['id'], appendOnly: true },
  unit_succession: { kind: 'attested', key: ['id'], appendOnly: true },
  candidate_placement: { kind: 'attested', key: ['id'], appendOnly: true },
  council_transfer: { kind: 'attested', key: ['id'], appendOnly: true, late: [{ column: 'council_name', addedBy: COUNCIL_TRANSFER_NAME }] },
  // Historical statistics the report's table counts.
  statistics_import: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },
  statistics_import_row: { kind: 'attested', key: ['import_id', 'year', 'field'], appendOnly: true },
  // The jurisdiction an import is the history of (a former province), and the series' events (a merger, its document).
  statistics_import_jurisdiction: { kind: 'attested', key: ['import_id'], appendOnly: true },
  statistics_series_event: { kind: 'attested', key: ['id'], appendOnly: true },
  // Bulk imports of the unit tree: the file as uploaded (vouched for by its hash) and what applying it did.
  unit_import: { kind: 'attested', key: ['id'], appendOnly: true, excluded: ['content'], file: { content: 'content', hash: 'sha256' } },

  audit_event: { kind: 'audit', reason: 'the hash chains themselves: hash, link, sequence and MAC of every record' },
  audit_leaf: { kind: 'audit', reason: 'Merkle leaves of the signed checkpoints, compared with the records' },
  audit_checkpoint: { kind: 'audit', reason: 'signed checkpoints, checked by their signatures' },

  session: { kind: 'operational', reason: 'sign-in sessions: access is decided by the account row (attested), a session only carries it' },
  sign_in_attempt: { kind: 'operational', reason: 'throttling counters of sign-in attempts; outcomes that matter are in the accounts’ chains' },
  idempotency_key: { kind: 'operational', reason: 'replays of retried requests’ answers; the changes themselves are attested' },
  // Notifications are nudges about changes that are themselves attested (and written in the same transaction as
  // their audit record); no decision or right rests on them. The outbox rows are written in that transaction too,
  // then changed by the sender outside any audited change (queued → sent / failed), so they are operational.
  notification: { kind: 'operational', reason: 'nudges about attested changes, written in their transaction; read marks are the reader’s own' },
  mail_message: { kind: 'operational', reason: 'the mail outbox: what a notification sent and its delivery state, changed by the sender' },
  notification_preference: { kind: 'operational', reason: 'each person’s choice of mail per kind of notification; no right or decision rests on it' },
  public_page_version: { kind: 'operational', reason: 'a counter of changes to what the public pages show, moved by triggers at commit to invalidate cached pages; the changes themselves are attested' },
  schema_migration: { kind: 'operational', reason: 'which migrations ran: the schema is the code’s, not a fact of a decision' },
} as const satisfies Record<string, TableCoverage>;

export type CoveredTable = keyof typeof TABLE_COVERAGE;

export const ATTESTED_TABLES = (Object.entries(TABLE_COVERAGE) as [string, TableCoverage][])
  .filter((e): e is [string, Extract<TableCoverage, { kind: 'attested' }>] => e[1].kind === 'attested')
  .map(([table, coverage]) => ({ table, ...coverage }));

/**
 * Rows written by migrations, before any audit record could vouch for them: vouched for by the code that seeded
 * them (their digests, fixed here). A row's later write is attested like any other.
 */
export const SEEDED_ROWS: { table: string; key: Record<string, unknown>; digest: string; seededBy: string; optional?: true }[] = [
  // Version 1 of the criteria (migration CouncilReview1795829079987): fixed ids, text and publication instant.
  { table: 'criteria_set', key: { id: '6b0c9a0e-4d1f-4c3e-9a51-0c1e7a9d0001' }, digest: 'f263639c469ee7d80aa820af1a4fd5d0c44e73d0092b556839b0716b84fa9a2a', seededBy: 'migration:CouncilReview1795829079987' },
  { table: 'criteria_set', key: { id: '6b0c9a0e-4d1f-4c3e-9a51-0c1e7a9d0002' }, digest: '720304feac84cd8d53e9c7c4335a28fa2063d002ea3908b93a05fb823fdeb290', seededBy: 'migration:CouncilReview1795829079987' },
  // What decisions printed before the jurisdiction profile existed (migration JurisdictionProfile1796567245918),
  // written only on databases that already held decisions: vouched for where present.
  { table: 'jurisdiction_profile', key: { version: 1 }, digest: 'ea8e3191de15f00ac775d5fdd992d8509c9f699a3d8cc1f6c9c21d7a10a761d0', seededBy: 'migration:JurisdictionProfile1796567245918', optional: true },
  // The two council rule set presets, version 1 (migration CouncilRuleSets1796578458399): fixed ids, content and instants.
  { table: 'council_rule_set', key: { id: '5f1d2c3b-7a4e-4b6f-9c1d-2e3f4a5b0001' }, digest: 'f4573366977fecda375f07359d706b22d4f3c8260604d1ddae64053c37f069a7', seededBy: 'migration:CouncilRuleSets1796578458399' },
  { table: 'council_rule_set', key: { id: '5f1d2c3b-7a4e-4b6f-9c1d-2e3f4a5b0002' }, digest: 'a74e97fbab195a5a59653ca7482b1e2b527a7ec60aabd82d6f61008a2c7bfa7b', seededBy: 'migration:CouncilRuleSets1796578458399' },
];
