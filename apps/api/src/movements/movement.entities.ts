/**
 * Emulation movements (phong trào thi đua): the movement itself (its details, status and version), its
 * reviews (sơ kết, tổng kết), the units that registered to take part, and the files of its launching document.
 *
 * Only the movement row changes, and only through MovementsService under its row lock with an expected
 * version (its earlier details stay in the audit stream `movement:<id>`). Every other table only grows: the
 * database refuses UPDATE, DELETE and TRUNCATE on them; a correction or an amendment is a new row that names
 * the row it follows.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Unit } from '../units/unit.entity.js';
import type { Field, MovementStatus, RegistrationAction, ReviewKind } from '#domain';

@Entity('movement')
@Index('IDX_movement_launching_unit', ['launchingUnitId'])
@Index('IDX_movement_status', ['status'])
// A GIN index on the folded name (to_tsvector('simple', fold_vietnamese(name))), created by the migration.
@Index('IDX_movement_name_search', { synchronize: false })
export class Movement {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** The unit that launched it; units below it take part. */
  @Column('uuid', { name: 'launching_unit_id' })
  launchingUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'launching_unit_id' })
  launchingUnit?: Relation<Unit>;

  @Column('date', { name: 'period_from' })
  periodFrom: string;

  @Column('date', { name: 'period_to' })
  periodTo: string;

  /** Field codes (lĩnh vực) the movement concerns, at least one. */
  @Column('text', { array: true })
  fields: Field[];

  @Column('text')
  goals: string;

  /** The launching document (văn bản phát động): number (số hiệu), date, and optional subject line (trích yếu). */
  @Column('text', { name: 'document_number' })
  documentNumber: string;

  @Column('date', { name: 'document_date' })
  documentDate: string;

  @Column('text', { name: 'document_title', nullable: true })
  documentTitle: string | null;

  @Column('text')
  status: MovementStatus;

  /** Counts changes of the movement's own record (details, status, reviews, document); 1 at launch. */
  @Column('int')
  version: number;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** An interim (sơ kết) or final (tổng kết) review of a movement, with its results and its conference. */
@Entity('movement_review')
@Index('IDX_movement_review_movement', ['movementId', 'heldOn'])
@Index('UQ_movement_review_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
export class MovementReview {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'movement_id' })
  movementId: string;

  @ManyToOne(() => Movement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Relation<Movement>;

  @Column('text')
  kind: ReviewKind;

  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Column('text')
  results: string;

  /** Figures of the review; null when not reported (never 0 for unknown). */
  @Column('int', { name: 'participating_units', nullable: true })
  participatingUnits: number | null;

  @Column('int', { name: 'exemplars_found', nullable: true })
  exemplarsFound: number | null;

  @Column('int', { name: 'collectives_commended', nullable: true })
  collectivesCommended: number | null;

  @Column('int', { name: 'individuals_commended', nullable: true })
  individualsCommended: number | null;

  /** The review conference (hội nghị sơ kết / tổng kết), when one was held. */
  @Column('date', { name: 'conference_held_on', nullable: true })
  conferenceHeldOn: string | null;

  @Column('text', { name: 'conference_place', nullable: true })
  conferencePlace: string | null;

  @Column('text', { name: 'conference_note', nullable: true })
  conferenceNote: string | null;

  /** The review record this one corrects (it keeps that record's kind); a record is corrected at most once. */
  @Column('uuid', { name: 'corrects_id', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => MovementReview, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: Relation<MovementReview>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/**
 * A unit's participation in a movement, as a chain of rows per (movement, unit): the first registration, then
 * amendments and withdrawals (and a new registration after a withdrawal), each naming the row it follows. The
 * newest row of the chain says where the unit stands.
 */
@Entity('movement_registration')
@Index('IDX_movement_registration_movement', ['movementId', 'unitId'])
@Index('UQ_movement_registration_first', ['movementId', 'unitId'], { unique: true, where: 'previous_id IS NULL' })
@Index('UQ_movement_registration_previous', ['previousId'], { unique: true, where: 'previous_id IS NOT NULL' })
export class MovementRegistration {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'movement_id' })
  movementId: string;

  @ManyToOne(() => Movement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Relation<Movement>;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column('text')
  action: RegistrationAction;

  /** The unit's own targets (chỉ tiêu đăng ký). */
  @Column('text')
  targets: string;

  /** How many exemplars the unit aims to build, when it says. */
  @Column('int', { name: 'target_exemplars', nullable: true })
  targetExemplars: number | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { name: 'previous_id', nullable: true })
  previousId: string | null;

  @ManyToOne(() => MovementRegistration, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_id' })
  previous?: Relation<MovementRegistration>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** A file of the movement's launching document, stored with its SHA-256; a later upload adds a row. */
@Entity('movement_document')
@Index('IDX_movement_document_movement', ['movementId', 'uploadedAt'])
export class MovementDocument {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'movement_id' })
  movementId: string;

  @ManyToOne(() => Movement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: Relation<Movement>;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('bytea', { select: false })
  content?: Buffer;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy: string;

  @Column('timestamptz', { name: 'uploaded_at' })
  uploadedAt: Date;
}
