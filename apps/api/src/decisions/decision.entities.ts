/**
 * Recognition decisions (quyết định công nhận điển hình tiên tiến) and their recipients. A decision is never changed:
 * a correction or a revocation is a new decision that refers to the one it amends. Numbers come from the issuing
 * authority's document register (register.entities.ts): unique per authority, symbol and year.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DecisionKind } from '#contracts';
import type { Field, IssuingAuthority, SubjectKind } from '#domain';
import { Candidate } from '../candidates/candidate.entity.js';
import { ReviewSession } from '../reviews/review.entities.js';

export type { DecisionKind };

@Entity('recognition_decision')
// Unique per authority, symbol and year: the document register's numbering (register.entities.ts).
@Index('UQ_recognition_decision_number', ['authorityCode', 'symbol', 'year', 'number'], { unique: true })
@Index('IDX_recognition_decision_amends', ['amendsId'])
// One recognition decision per session: a partial unique index created by the migration itself.
@Index('UQ_recognition_decision_session', { synchronize: false })
export class RecognitionDecision {
  @PrimaryColumn('uuid')
  id: string;

  /** Which authority issues it (libs/domain ISSUING_AUTHORITIES): numbering is per authority and year. */
  @Column('text', { name: 'authority_code' })
  authorityCode: IssuingAuthority;

  @Column('int')
  year: number;

  @Column('int')
  number: number;

  /** The document symbol after the number, e.g. QĐ-UBND: printed "125/QĐ-UBND". */
  @Column('text')
  symbol: string;

  @Column('text')
  kind: DecisionKind;

  /** The review session whose final recognitions it issues (recognition decisions). */
  @Column('uuid', { name: 'session_id', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  /** The decision this one corrects or revokes. */
  @Column('uuid', { name: 'amends_id', nullable: true })
  amendsId: string | null;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'amends_id' })
  amends?: Relation<RecognitionDecision>;

  @Column('text')
  subject: string;

  @Column('jsonb')
  bases: string[];

  /** Why a correction or revocation is made. */
  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('date', { name: 'issued_on' })
  issuedOn: string;

  @Column('text', { name: 'signer_title' })
  signerTitle: string;

  @Column('text', { name: 'signer_name' })
  signerName: string;

  @Column('text', { name: 'issued_by' })
  issuedBy: string;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt: Date;

  /** The jurisdiction profile version it was issued under: its header, place and distribution come from it. */
  @Column('int', { name: 'profile_version' })
  profileVersion: number;
}

/** A collective, individual or household named in a decision, as the decision printed it. */
@Entity('decision_recipient')
@Index('UQ_decision_recipient_serial', ['serial'], { unique: true })
@Index('IDX_decision_recipient_candidate', ['candidateId'])
export class DecisionRecipient {
  @PrimaryColumn('uuid', { name: 'decision_id' })
  decisionId: string;

  @PrimaryColumn('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<RecognitionDecision>;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  /** Order in the decision's list (1, 2, …). */
  @Column('int')
  position: number;

  @Column('text')
  name: string;

  @Column('text')
  kind: SubjectKind;

  @Column('text', { name: 'unit_name' })
  unitName: string;

  @Column('text')
  field: Field;

  @Column('text')
  achievement: string;

  /** The certificate's serial (giấy chứng nhận), e.g. ĐHTT-2025-000125-03. */
  @Column('text')
  serial: string;
}

/**
 * The last number given per authority and year before document registers existed; no longer moved (the registers'
 * counters start above every number it gave). Kept: history is never deleted.
 */
@Entity('decision_counter')
export class DecisionCounter {
  @PrimaryColumn('text', { name: 'authority_code' })
  authorityCode: string;

  @PrimaryColumn('int')
  year: number;

  @Column('int', { name: 'last_number' })
  lastNumber: number;
}

export const DECISION_ENTITIES = [RecognitionDecision, DecisionRecipient, DecisionCounter];
