/**
 * Holds on candidates (NĐ 152/2025/NĐ-CP Điều 4.4) and their liftings: written by the statechart's PLACE_HOLD and
 * LIFT_HOLD (effects recordHold, recordHoldLift) in the event's transaction. Both tables only grow: a hold is never
 * changed, its lifting is a new row naming it (at most one per hold). A hold is open while no lifting names it.
 * The document a hold or a lifting rests on is recorded with its number, date and issuer, and its file (optional)
 * is stored with its SHA-256, like evidence.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { HoldKind } from '#workflow';
import { Candidate } from '../candidates/candidate.entity.js';

/** The columns of a hold's or a lifting's document. */
abstract class HoldDocumentColumns {
  @Column('text', { name: 'document_number' })
  documentNumber: string;

  @Column('date', { name: 'document_date' })
  documentDate: string;

  @Column('text', { name: 'document_issuer' })
  documentIssuer: string;

  @Column('text', { name: 'file_name', nullable: true })
  fileName: string | null;

  @Column('text', { name: 'content_type', nullable: true })
  contentType: string | null;

  @Column('int', { name: 'size_bytes', nullable: true })
  sizeBytes: number | null;

  /** Lower-case hex SHA-256 of the file; also in the event's audit record. */
  @Column('char', { length: 64, nullable: true })
  sha256: string | null;

  /** The file's bytes; never loaded unless asked for. */
  @Column('bytea', { nullable: true, select: false })
  content?: Buffer | null;
}

@Entity('candidate_hold')
@Index('IDX_candidate_hold_candidate', ['candidateId', 'placedAt'])
export class CandidateHold extends HoldDocumentColumns {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text')
  kind: HoldKind;

  @Column('text')
  grounds: string;

  @Column('text', { name: 'placed_by' })
  placedBy: string;

  @Column('timestamptz', { name: 'placed_at' })
  placedAt: Date;
}

@Entity('candidate_hold_lift')
@Index('UQ_candidate_hold_lift_hold', ['holdId'], { unique: true })
@Index('IDX_candidate_hold_lift_candidate', ['candidateId'])
export class CandidateHoldLift extends HoldDocumentColumns {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hold_id' })
  holdId: string;

  @ManyToOne(() => CandidateHold, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'hold_id' })
  hold?: Relation<CandidateHold>;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text')
  conclusion: string;

  @Column('text', { name: 'lifted_by' })
  liftedBy: string;

  @Column('timestamptz', { name: 'lifted_at' })
  liftedAt: Date;
}

export const HOLD_ENTITIES = [CandidateHold, CandidateHoldLift];
