/**
 * The summarise stage (tổng kết): criteria sets, review sessions and everything the council records in them.
 *
 * Append-only (the database refuses UPDATE and DELETE): criteria set versions, assignments, checklists, vote
 * participations, notices, comments and answers. Mutable, with a version or a lock: the session (its status moves
 * on), its members' attendance, each review item (its outcome once voting closes) and the secret-ballot urn.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { AnyCouncilVerdict, CouncilOutcome, ReviewItemStatus, ReviewSessionStatus, RuleFinding } from '#workflow';
import type { Attendance, BallotKind, VoteChoice, VoteMode } from '#contracts';
import type { CriteriaSetCode, SubjectKind } from '#domain';
import { Account } from '../accounts/account.entities.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { Unit } from '../units/unit.entity.js';
import { Council } from '../councils/council.entities.js';
import type { CouncilPosition } from '#domain';

export interface CriterionDefinition {
  code: string;
  vi: string;
  en: string;
}

/** One published version of a criteria set. A new version is a new row; a review keeps the version it was opened with. */
@Entity('criteria_set')
@Index('UQ_criteria_set_version', ['code', 'version'], { unique: true })
export class CriteriaSet {
  @PrimaryColumn('uuid')
  id: string;

  /** COLLECTIVE or INDIVIDUAL_HOUSEHOLD (criteria.json). */
  @Column('text')
  code: CriteriaSetCode;

  @Column('int')
  version: number;

  /** Candidate kinds judged by this set. */
  @Column('text', { name: 'applies_to', array: true })
  appliesTo: SubjectKind[];

  @Column('jsonb')
  criteria: CriterionDefinition[];

  /** Why this version was published (new wording, criteria added or retired). */
  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}

/** The session's stage: its lifecycle is the statechart in libs/workflow. */
export type SessionStatus = ReviewSessionStatus;
export type { BallotKind };

/** A review session (đợt xét) with its rules, fixed when it opens. */
@Entity('review_session')
export class ReviewSession {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  /** The council whose session it is; null only for sessions opened before councils existed (the province's). */
  @Column('uuid', { name: 'council_id', nullable: true })
  councilId: string | null;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'FK_review_session_council' })
  council?: Relation<Council>;

  /** The year whose achievements are reviewed. */
  @Column('int')
  year: number;

  @Column('text')
  status: SessionStatus;

  @Column('int', { name: 'quorum_numerator' })
  quorumNumerator: number;

  @Column('int', { name: 'quorum_denominator' })
  quorumDenominator: number;

  @Column('int', { name: 'recognition_percent' })
  recognitionPercent: number;

  @Column('int', { name: 'rejection_percent' })
  rejectionPercent: number;

  @Column('text')
  ballot: BallotKind;

  @Column('int', { name: 'notice_working_days' })
  noticeWorkingDays: number;

  /** The criteria set version in force when the session opened, per set code. */
  @Column('jsonb', { name: 'criteria_set_ids' })
  criteriaSetIds: Record<string, string>;

  @Column('text', { name: 'chair_name' })
  chairName: string;

  @Column('text', { nullable: true })
  venue: string | null;

  /** The date by which reviewers submit their checklists (optional): reminders go out before it. */
  @Column('date', { name: 'checklists_due_on', nullable: true })
  checklistsDueOn: string | null;

  /** The date by which members vote (optional): reminders go out before it. */
  @Column('date', { name: 'voting_closes_on', nullable: true })
  votingClosesOn: string | null;

  @Column('text', { name: 'opened_by' })
  openedBy: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'voting_opened_at', nullable: true })
  votingOpenedAt: Date | null;

  @Column('timestamptz', { name: 'voting_closed_at', nullable: true })
  votingClosedAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('int')
  version: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** A council member of a session, as they were when it opened. Attendance is recorded when voting opens. */
@Entity('review_session_member')
export class ReviewSessionMember {
  @PrimaryColumn('uuid', { name: 'session_id' })
  sessionId: string;

  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** The member's unit when the session opened: conflicts of interest are judged against it. */
  @Column('uuid', { name: 'unit_id', nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  /** The member's position in the council's composition when the session opened; null: before positions (a member). */
  @Column('text', { nullable: true })
  position: CouncilPosition | null;

  /** PRESENT or ABSENT, recorded when voting opens; null before. */
  @Column('text', { nullable: true })
  attendance: Attendance | null;
}

export type ItemStatus = ReviewItemStatus;

/** A candidate in a session. Its outcome is computed when voting closes and confirmed by the secretariat. */
@Entity('review_item')
@Index('UQ_review_item_candidate', ['sessionId', 'candidateId'], { unique: true })
@Index('IDX_review_item_candidate', ['candidateId'])
// One open item per candidate (closed_at IS NULL): a partial index created by the migration itself.
@Index('UQ_review_item_open_candidate', { synchronize: false })
export class ReviewItem {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  /** The criteria set version this candidate is judged against (pinned from the session). */
  @Column('uuid', { name: 'criteria_set_id' })
  criteriaSetId: string;

  @ManyToOne(() => CriteriaSet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet?: Relation<CriteriaSet>;

  @Column('text')
  status: ItemStatus;

  @Column('jsonb', { nullable: true })
  verdict: AnyCouncilVerdict | null;

  /** The outcome the rules give for the verdict. */
  @Column('text', { nullable: true })
  outcome: CouncilOutcome | null;

  @Column('jsonb', { nullable: true })
  findings: RuleFinding[] | null;

  @Column('text', { name: 'added_by' })
  addedBy: string;

  @Column('timestamptz', { name: 'added_at' })
  addedAt: Date;

  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** Set when the item no longer holds its candidate (decided, no decision, withdrawn): the candidate may join another session. */
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;
}

@Entity('review_assignment')
@Index('UQ_review_assignment', ['itemId', 'reviewerId'], { unique: true })
export class ReviewAssignment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('uuid', { name: 'reviewer_id' })
  reviewerId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: Relation<Account>;

  /** AUTOMATIC (balanced by the system) or MANUAL. */
  @Column('text')
  mode: 'AUTOMATIC' | 'MANUAL';

  @Column('text', { name: 'assigned_by' })
  assignedBy: string;

  @Column('timestamptz', { name: 'assigned_at' })
  assignedAt: Date;
}

export interface CriterionMark {
  criterionCode: string;
  met: boolean;
  comment: string;
  /** Evidence files of the candidate the reviewer points at. */
  evidenceIds: string[];
}

/** A reviewer's checklist, locked once submitted; a correction is a new row naming the one it corrects. */
@Entity('review_checklist')
@Index('UQ_review_checklist_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
@Index('IDX_review_checklist_item', ['itemId', 'reviewerId'])
export class ReviewChecklist {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('uuid', { name: 'reviewer_id' })
  reviewerId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: Relation<Account>;

  @Column('uuid', { name: 'criteria_set_id' })
  criteriaSetId: string;

  @ManyToOne(() => CriteriaSet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet?: Relation<CriteriaSet>;

  @Column('jsonb')
  marks: CriterionMark[];

  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => ReviewChecklist, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: Relation<ReviewChecklist>;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;
}

/**
 * That a member voted on a candidate, and how they took part. In an open ballot it holds the choice; in a secret
 * ballot the choice is in the urn (BallotBox) only, and nothing here or there links the two.
 */
@Entity('council_vote')
@Index('UQ_council_vote_member', ['itemId', 'memberId'], { unique: true })
export class CouncilVote {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: Relation<Account>;

  /** IN_PERSON at the meeting, or WRITTEN_OPINION by an absent member (counts as their vote). */
  @Column('text')
  mode: VoteMode;

  /** IN_FAVOUR, AGAINST or ABSTAIN in an open ballot; always null in a secret ballot. */
  @Column('text', { nullable: true })
  choice: VoteChoice | null;

  /** The written opinion's text (open ballot only). */
  @Column('text', { nullable: true })
  opinion: string | null;

  @Column('timestamptz', { name: 'cast_at' })
  castAt: Date;
}

export interface SealedBallot {
  /** SHA-256 (hex) of the receipt the voter was given. */
  receiptHash: string;
  choice: VoteChoice;
}

/**
 * The urn of a secret ballot: one row per candidate, holding the ballots in an order shuffled at every cast, with
 * no voter, no time and no sequence. Each cast rewrites the row in the voter's transaction.
 */
@Entity('ballot_box')
export class BallotBox {
  @PrimaryColumn('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('jsonb')
  ballots: SealedBallot[];

  @Column('timestamptz', { name: 'sealed_at', nullable: true })
  sealedAt: Date | null;
}

/** The provisional recognition list's public notice (công khai lấy ý kiến), with the period computed in working days. */
@Entity('public_notice')
@Index('UQ_public_notice_session', ['sessionId'], { unique: true })
export class PublicNotice {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('date', { name: 'published_on' })
  publishedOn: string;

  /** The last day of the notice; the final decision may be recorded from the next day. */
  @Column('date', { name: 'ends_on' })
  endsOn: string;

  @Column('int', { name: 'working_days' })
  workingDays: number;

  /** The public holidays the period was counted with, so a later change of the list never moves it. */
  @Column('jsonb')
  holidays: string[];

  /** Where it was published (portal, notice board…). */
  @Column('text')
  channels: string;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}

/** A comment received during the notice, from the public or a unit; about one candidate or the list. */
@Entity('notice_comment')
@Index('IDX_notice_comment_notice', ['noticeId'])
export class NoticeComment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => PublicNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<PublicNotice>;

  @Column('uuid', { name: 'item_id', nullable: true })
  itemId: string | null;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  /** Who sent it: a person's name, a unit, or "Ẩn danh". */
  @Column('text')
  author: string;

  @Column('text')
  body: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** The secretariat's answer to a comment; `upheld` when the objection is accepted. One answer per comment. */
@Entity('notice_answer')
@Index('UQ_notice_answer_comment', ['commentId'], { unique: true })
export class NoticeAnswer {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'comment_id' })
  commentId: string;

  @ManyToOne(() => NoticeComment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'comment_id' })
  comment?: Relation<NoticeComment>;

  @Column('text')
  body: string;

  @Column('boolean')
  upheld: boolean;

  @Column('text', { name: 'answered_by' })
  answeredBy: string;

  @Column('timestamptz', { name: 'answered_at' })
  answeredAt: Date;
}

export const REVIEW_ENTITIES = [CriteriaSet, ReviewSession, ReviewSessionMember, ReviewItem, ReviewAssignment, ReviewChecklist, CouncilVote, BallotBox, PublicNotice, NoticeComment, NoticeAnswer];
