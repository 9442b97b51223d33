/**
 * Clearances (hiệp y): the secretariat's requests to other agencies about a candidate in a review session, and the
 * answers, each with its document. Both append-only (the database refuses UPDATE and DELETE): a request is never
 * withdrawn or re-dated, an answer never replaced; what a request stands at on a day is computed
 * (libs/workflow clearanceState), so "no answer by the deadline" needs no write.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { ClearanceAnswer as ClearanceAnswerCode, ClearanceRule } from '#workflow';
import { Candidate } from '../candidates/candidate.entity.js';
import { ReviewItem, ReviewSession } from '../reviews/review.entities.js';

/** One request to one agency about one candidate of one session, with the deadline the profile gave it. */
@Entity('clearance_request')
@Index('UQ_clearance_request_agency', ['sessionId', 'candidateId', 'agencyCode'], { unique: true })
export class ClearanceRequest {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_clearance_request_item' })
  item?: Relation<ReviewItem>;

  @Index('IDX_clearance_request_candidate')
  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  /** The agency as the jurisdiction profile named it when asked (code and name kept: a later profile may rename it). */
  @Column('text', { name: 'agency_code' })
  agencyCode: string;

  @Column('text', { name: 'agency_name' })
  agencyName: string;

  @Column('text', { nullable: true })
  subject: string | null;

  /** The jurisdiction profile version the agency and the deadline came from. */
  @Column('int', { name: 'profile_version' })
  profileVersion: number;

  @Column('date', { name: 'requested_on' })
  requestedOn: string;

  @Column('date', { name: 'due_on' })
  dueOn: string;

  /** The number of the secretariat's request letter ("125/SNV-TĐKT"), when it has one. */
  @Column('text', { name: 'letter_number', nullable: true })
  letterNumber: string | null;

  @Column('text', { name: 'requested_by' })
  requestedBy: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;
}

/** The agency's answer to one request, with its document (number, date, the scanned file when given). */
@Entity('clearance_answer')
export class ClearanceAnswer {
  @PrimaryColumn('uuid')
  id: string;

  @Index('UQ_clearance_answer_request', { unique: true })
  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @ManyToOne(() => ClearanceRequest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<ClearanceRequest>;

  @Column('text')
  answer: ClearanceAnswerCode;

  /** Why the agency disagrees (required then), or what it notes. */
  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('text', { name: 'document_number' })
  documentNumber: string;

  @Column('date', { name: 'document_date' })
  documentDate: string;

  @Column('text', { name: 'file_name', nullable: true })
  fileName: string | null;

  @Column('text', { name: 'content_type', nullable: true })
  contentType: string | null;

  @Column('int', { name: 'size_bytes', nullable: true })
  sizeBytes: number | null;

  @Column('char', { length: 64, nullable: true })
  sha256: string | null;

  @Column('bytea', { nullable: true, select: false })
  content: Buffer | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/**
 * The clearance rule a session is judged by, pinned when it opens (the council rule set's `clearances` field, or
 * the secretariat's choice). A session opened before clearances existed has no row: its rule is ADVISORY.
 */
@Entity('session_clearance_rule')
export class SessionClearanceRule {
  @PrimaryColumn('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('text')
  rule: ClearanceRule;

  /** Where it came from: the council rule set the session pinned (RULE_SET:<code>:<version>). */
  @Column('text')
  source: string;

  @Column('timestamptz', { name: 'pinned_at' })
  pinnedAt: Date;
}

export const CLEARANCE_ENTITIES = [ClearanceRequest, ClearanceAnswer, SessionClearanceRule];
