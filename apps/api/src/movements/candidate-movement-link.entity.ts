import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';
import { Movement } from './movement.entities.js';

/**
 * That a candidate leads a movement (LINK), or no longer counts as leading it (UNLINK, naming the LINK row it
 * ends). Only ever added to: a link in force is a LINK row that no UNLINK row ends.
 */
@Entity('candidate_movement_link')
@Index('IDX_candidate_movement_link_movement', ['movementId', 'candidateId'])
@Index('IDX_candidate_movement_link_candidate', ['candidateId'])
@Index('UQ_candidate_movement_link_ends', ['endsId'], { unique: true, where: 'ends_id IS NOT NULL' })
export class CandidateMovementLink {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('uuid', { name: 'movement_id' })
  movementId: string;

  @ManyToOne(() => Movement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Relation<Movement>;

  @Column('text')
  action: 'LINK' | 'UNLINK';

  /** For UNLINK: the LINK row it ends. */
  @Column('uuid', { name: 'ends_id', nullable: true })
  endsId: string | null;

  @ManyToOne(() => CandidateMovementLink, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ends_id' })
  ends?: Relation<CandidateMovementLink>;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
