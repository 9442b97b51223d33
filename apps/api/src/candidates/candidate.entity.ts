import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Council } from '../councils/council.entities.js';
import type { DiscoveryChannel, Field, SubjectKind } from '#domain';
import type { CandidateState, PersistedCandidateSnapshot } from '#workflow';
import { Movement, MovementReview } from '../movements/movement.entities.js';
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
// Lookup: a GIN index on the folded name (to_tsvector('simple', fold_vietnamese(name))), created by the Movements migration.
@Index('IDX_candidate_name_search', { synchronize: false })
@Index('IDX_candidate_subject', ['subjectId'], { where: 'subject_id IS NOT NULL' })
@Index('IDX_candidate_home_unit', ['homeUnitId'], { where: 'home_unit_id IS NOT NULL' })
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

  /**
   * Where a reorganisation placed the candidate when its unit was split (reorganisation/): null while it lives in
   * its nomination unit (or that unit's successor by the path). `unitId` stays the unit it was nominated in.
   */
  @Column('uuid', { name: 'home_unit_id', nullable: true })
  homeUnitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_unit_id', foreignKeyConstraintName: 'FK_candidate_home_unit' })
  homeUnit?: Relation<Unit>;

  @Column('text')
  field: Field;

  @Column('int')
  year: number;

  @Column('text', { name: 'discovery_channel' })
  discoveryChannel: DiscoveryChannel;

  @Column('text')
  achievement: string;

  /**
   * The same subject (person, collective, household) as an earlier candidacy: the id of the subject's first
   * candidacy. Null when this candidacy is the subject's first. The subject of any candidate is
   * `coalesce(subject_id, id)`. Set once, at nomination (lookup/subjects.ts).
   */
  @Column('uuid', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subject_id' })
  subject?: Relation<Candidate>;

  /** Discovered at a movement's review conference (discovery channel REVIEW_CONFERENCE). */
  @Column('uuid', { name: 'discovered_at_movement_id', nullable: true })
  discoveredAtMovementId: string | null;

  @ManyToOne(() => Movement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'discovered_at_movement_id' })
  discoveredAtMovement?: Relation<Movement>;

  /** …and, when known, at which of its reviews (sơ kết / tổng kết). */
  @Column('uuid', { name: 'discovered_at_review_id', nullable: true })
  discoveredAtReviewId: string | null;

  @ManyToOne(() => MovementReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'discovered_at_review_id' })
  discoveredAtReview?: Relation<MovementReview>;

  /**
   * The council that reviews it when a level above its unit's nearest council was chosen (a candidacy proposed
   * upward); null: the nearest council at or above its unit.
   */
  @Column('uuid', { name: 'council_id', nullable: true })
  councilId: string | null;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'FK_candidate_council' })
  council?: Relation<Council>;

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
