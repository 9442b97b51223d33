import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Candidate } from './candidate.entity.js';

/**
 * The share of women of a candidate (percent): 100 for a woman, 0 for a man, the share for a collective or
 * household. Given at nomination, when known; the council's preference among equals (NĐ 152/2025 Điều 4.6) reads
 * it. A separate table so that candidates nominated before it existed keep their rows (and digests) unchanged.
 */
@Entity('candidate_women_share')
export class CandidateWomenShare {
  @PrimaryColumn('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('int')
  percent: number;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
