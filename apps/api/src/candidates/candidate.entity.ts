import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { DiscoveryChannel, Field, SubjectKind } from '#domain';
import type { CandidateState, PersistedCandidateSnapshot } from '#workflow';
import { Unit } from '../units/unit.entity.js';

/**
 * A collective, individual or household on its way through the programme.
 * Its state is never written directly: only the transition use case changes it, through the statechart.
 */
@Entity('candidate')
@Index('IDX_candidate_state', ['state'])
@Index('IDX_candidate_unit', ['unitId'])
@Index('IDX_candidate_year_field', ['year', 'field'])
// The statistics table's partial covering index (recognised exemplars only), created by the Replication migration.
@Index('IDX_candidate_statistics', { synchronize: false })
export class Candidate {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: SubjectKind;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column('text')
  field: Field;

  @Column('int')
  year: number;

  @Column('text', { name: 'discovery_channel' })
  discoveryChannel: DiscoveryChannel;

  @Column('text')
  achievement: string;

  /** The statechart's state, kept beside the snapshot for indexing and filtering. */
  @Column('text')
  state: CandidateState;

  /** xstate's persisted snapshot. */
  @Column('jsonb')
  snapshot: PersistedCandidateSnapshot;

  @Column('int', { name: 'machine_version' })
  machineVersion: number;

  /** Counts accepted changes; equals the last sequence number of the candidate's audit stream. */
  @Column('int')
  version: number;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
