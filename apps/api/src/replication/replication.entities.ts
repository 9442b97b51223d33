/**
 * The replication ledger of recognised exemplars and the units' yearly plans.
 * Rows are only ever added: a correction is a new row naming the one it corrects (`corrects_id`, at most one
 * correction per row), a plan revision is a new row with the next revision number.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { HonouringForm } from '#domain';
import type { AdoptionStage } from '#workflow';
import { Candidate } from '../candidates/candidate.entity.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { Unit } from '../units/unit.entity.js';

/** One act of publicity for an exemplar in one of the eight honouring forms (hình thức tôn vinh). */
@Entity('honouring_record')
@Index('IDX_honouring_record_candidate', ['candidateId', 'honouredOn'])
@Index('UQ_honouring_record_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
export class HonouringRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text')
  form: HonouringForm;

  @Column('date', { name: 'honoured_on' })
  honouredOn: string;

  @Column('text')
  outlet: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  link: string | null;

  @Column('uuid', { name: 'evidence_id', nullable: true })
  evidenceId: string | null;

  @ManyToOne(() => EvidenceFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: Relation<EvidenceFile>;

  /** Readers, viewers or participants; null when unknown (never 0 for unknown). */
  @Column('int', { nullable: true })
  reach: number | null;

  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => HonouringRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: Relation<HonouringRecord>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** Another unit studied, adopted, or reported the outcome of adopting an exemplar's model. */
@Entity('adoption_record')
@Index('IDX_adoption_record_candidate', ['candidateId', 'occurredOn'])
@Index('IDX_adoption_record_unit', ['adoptingUnitId'])
@Index('UQ_adoption_record_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
export class AdoptionRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('uuid', { name: 'adopting_unit_id' })
  adoptingUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'adopting_unit_id' })
  adoptingUnit?: Relation<Unit>;

  @Column('text')
  stage: AdoptionStage;

  @Column('date', { name: 'occurred_on' })
  occurredOn: string;

  @Column('text')
  description: string;

  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => AdoptionRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: Relation<AdoptionRecord>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** The yearly follow-up of a recognised exemplar: does it still hold up? One in force per year. */
@Entity('follow_up_record')
@Index('UQ_follow_up_record_year', ['candidateId', 'year'], { unique: true, where: 'corrects_id IS NULL' })
@Index('UQ_follow_up_record_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
export class FollowUpRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('int')
  year: number;

  @Column('date', { name: 'followed_on' })
  followedOn: string;

  @Column('boolean', { name: 'holds_up' })
  holdsUp: boolean;

  @Column('text')
  findings: string;

  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => FollowUpRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: Relation<FollowUpRecord>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/**
 * A unit's yearly plan for building and replicating exemplars, with the result of the year's inspection once
 * known. Each revision is the whole plan as of then; the highest revision is in force.
 */
@Entity('unit_plan')
@Index('UQ_unit_plan_revision', ['unitId', 'year', 'revision'], { unique: true })
@Index('IDX_unit_plan_year', ['year'])
export class UnitPlan {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column('int')
  year: number;

  @Column('int')
  revision: number;

  /** Kế hoạch xây dựng điển hình tiên tiến. */
  @Column('text', { name: 'building_plan' })
  buildingPlan: string;

  /** Kế hoạch nhân rộng điển hình tiên tiến. */
  @Column('text', { name: 'replication_plan' })
  replicationPlan: string;

  /** The plan's document reference, e.g. "Kế hoạch số 08/KH-HĐTĐKT". */
  @Column('text', { name: 'document_number', nullable: true })
  documentNumber: string | null;

  @Column('date', { name: 'issued_on', nullable: true })
  issuedOn: string | null;

  @Column('date', { name: 'inspected_on', nullable: true })
  inspectedOn: string | null;

  /** Kết quả kiểm tra hằng năm; null until the inspection is recorded. */
  @Column('text', { name: 'inspection_result', nullable: true })
  inspectionResult: string | null;

  @Column('text', { name: 'written_by' })
  writtenBy: string;

  @Column('timestamptz', { name: 'written_at' })
  writtenAt: Date;
}
