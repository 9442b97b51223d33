import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { EffectEvent } from '#workflow';
import { Candidate } from '../candidates/candidate.entity.js';

/** One version of a candidate's nurturing plan; a revision adds a row, the newest is in force. */
@Entity('nurturing_plan')
@Index('UQ_nurturing_plan_revision', ['candidateId', 'revision'], { unique: true })
export class NurturingPlan {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  /** 1 for the plan written when nurturing started, then 2, 3… */
  @Column('int')
  revision: number;

  @Column('text')
  goals: string;

  /** Who supports the candidate (a person or a unit). */
  @Column('text')
  supporter: string;

  /** The event that wrote this version: START_NURTURING, REVISE_PLAN or RESUME_NURTURING. */
  @Column('text', { name: 'written_by_event' })
  writtenByEvent: EffectEvent<'startPlan' | 'revisePlan'>['type'];

  @Column('text', { name: 'written_by' })
  writtenBy: string;

  @Column('timestamptz', { name: 'written_at' })
  writtenAt: Date;
}

/** A dated check-in on a candidate being nurtured, naming strengths to spread and shortcomings to fix. */
@Entity('nurturing_check_in')
@Index('IDX_nurturing_check_in_candidate', ['candidateId', 'checkedOn'])
export class NurturingCheckIn {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('date', { name: 'checked_on' })
  checkedOn: string;

  @Column('text')
  strengths: string;

  @Column('text')
  shortcomings: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
