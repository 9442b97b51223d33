/**
 * Document registers (sổ đăng ký văn bản) and decision drafts. A register belongs to an issuing authority and the
 * symbol its documents carry (from the jurisdiction profile); numbers are unique per register, symbol and year.
 * A draft is what the secretariat prepares from a closed session; the clerk (văn thư) gives it the register's
 * number and date, then issues it: only then does a recognition decision exist.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { IssuingAuthority, RegisterMode } from '#domain';
import { ReviewSession } from '../reviews/review.entities.js';
import { RecognitionDecision, type DecisionKind } from './decision.entities.js';
import type { AmendmentTerms } from './amendments.js';

@Entity('document_register')
@Index('UQ_document_register_authority_symbol', ['authorityCode', 'symbol'], { unique: true })
export class DocumentRegister {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { name: 'authority_code' })
  authorityCode: IssuingAuthority;

  @Column('text')
  symbol: string;

  @Column('text')
  name: string;

  /** CLERK_ENTERED: the clerk copies the number from the office's register; COUNTER: this product keeps the register. */
  @Column('text')
  mode: RegisterMode;

  @Column('text', { name: 'opened_by' })
  openedBy: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  /** Raised by every change of mode (the change is checked against the version the caller saw). */
  @Column('int')
  version: number;
}

/** The last number a COUNTER register gave in a year; locked while a number is reserved. */
@Entity('document_register_counter')
export class DocumentRegisterCounter {
  @PrimaryColumn('uuid', { name: 'register_id' })
  registerId: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int', { name: 'last_number' })
  lastNumber: number;

  @ManyToOne(() => DocumentRegister, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'register_id' })
  register?: Relation<DocumentRegister>;
}

@Entity('decision_draft')
// One recognition draft per session (its recognition decision is issued from it); numbers unique per register and
// year, also among drafts not yet issued: partial unique indexes created by the migration itself.
@Index('UQ_decision_draft_session', { synchronize: false })
@Index('UQ_decision_draft_number', { synchronize: false })
@Index('IDX_decision_draft_amends', { synchronize: false })
export class DecisionDraft {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('text', { name: 'authority_code' })
  authorityCode: IssuingAuthority;

  /** A recognition from a closed session, or a correction or revocation of an issued decision. */
  @Column('text', { default: 'RECOGNITION' })
  kind: DecisionKind;

  /** The decision a correction or revocation amends; null for a recognition. */
  @Column('uuid', { name: 'amends_id', nullable: true })
  amendsId: string | null;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'amends_id' })
  amends?: Relation<RecognitionDecision>;

  /** What the secretariat decided a correction or revocation says (reasons, grounds, exemplars, corrected text). */
  @Column('jsonb', { nullable: true })
  terms: AmendmentTerms | null;

  @Column('uuid', { name: 'register_id' })
  registerId: string;

  @ManyToOne(() => DocumentRegister, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'register_id' })
  register?: Relation<DocumentRegister>;

  /** DRAFT → NUMBERED (the register's number and date) → ISSUED; a correction or revocation draft may be ABANDONED before issue. */
  @Column('text')
  status: 'DRAFT' | 'NUMBERED' | 'ISSUED' | 'ABANDONED';

  @Column('text', { name: 'signer_title', nullable: true })
  signerTitle: string | null;

  @Column('text', { name: 'signer_name', nullable: true })
  signerName: string | null;

  @Column('text', { name: 'drafted_by' })
  draftedBy: string;

  @Column('timestamptz', { name: 'drafted_at' })
  draftedAt: Date;

  @Column('int', { nullable: true })
  number: number | null;

  @Column('int', { nullable: true })
  year: number | null;

  @Column('date', { name: 'issued_on', nullable: true })
  issuedOn: string | null;

  @Column('text', { name: 'number_source', nullable: true })
  numberSource: 'CLERK_ENTERED' | 'COUNTER' | null;

  @Column('text', { name: 'numbered_by', nullable: true })
  numberedBy: string | null;

  @Column('timestamptz', { name: 'numbered_at', nullable: true })
  numberedAt: Date | null;

  @Column('uuid', { name: 'decision_id', nullable: true })
  decisionId: string | null;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<RecognitionDecision>;

  @Column('text', { name: 'issued_by', nullable: true })
  issuedBy: string | null;

  @Column('timestamptz', { name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  /** Who abandoned the draft (hủy dự thảo), when and why; the row and its number stay as history. */
  @Column('text', { name: 'abandoned_by', nullable: true })
  abandonedBy: string | null;

  @Column('timestamptz', { name: 'abandoned_at', nullable: true })
  abandonedAt: Date | null;

  @Column('text', { name: 'abandon_reason', nullable: true })
  abandonReason: string | null;
}

export const REGISTER_ENTITIES = [DocumentRegister, DocumentRegisterCounter, DecisionDraft];
