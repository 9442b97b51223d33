/**
 * The unit tree's reorganisations (sáp nhập, chia tách, điều chuyển, đổi tên, giải thể), kept as data. All four
 * tables only grow: an operation is undone only by another operation.
 *
 * - `unit_operation`: one decided change of the tree, with its effective date and the deciding document.
 * - `unit_change`: what one operation made of one unit (name, parent, status before and after): the unit's timeline.
 * - `unit_succession`: predecessor → successor links (merge, split, dissolve into a receiving unit). A unit whose
 *   work was taken over lies below its successor in the materialised path, so subtree scoping and statistics
 *   follow succession without touching a candidate's row.
 * - `candidate_placement`: in a split, where a candidate of the split unit went (its `home_unit_id`); the unit it
 *   was nominated in (`candidate.unit_id`) never changes.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Unit } from '../units/unit.entity.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { Council } from '../councils/council.entities.js';

export const UNIT_OPERATION_KINDS = ['RENAME', 'MOVE', 'MERGE', 'SPLIT', 'DISSOLVE'] as const;
export type UnitOperationKind = (typeof UNIT_OPERATION_KINDS)[number];

@Entity('unit_operation')
@Index('IDX_unit_operation_effective', ['effectiveOn', 'recordedAt'])
export class UnitOperation {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_unit_operation' })
  id: string;

  @Column('text')
  kind: UnitOperationKind;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;

  @Column('text', { name: 'document_number' })
  documentNumber: string;

  @Column('date', { name: 'document_date' })
  documentDate: string;

  @Column('text', { name: 'document_authority' })
  documentAuthority: string;

  @Column('text', { nullable: true })
  note: string | null;

  /** What the operation did, as its preview computed it (units, candidates, accounts moved). */
  @Column('jsonb')
  effect: Record<string, unknown>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

@Entity('unit_change')
@Index('IDX_unit_change_unit', ['unitId', 'effectiveOn'])
export class UnitChange {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_unit_change' })
  id: string;

  @Column('uuid', { name: 'operation_id' })
  operationId: string;

  @ManyToOne(() => UnitOperation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'FK_unit_change_operation' })
  operation?: Relation<UnitOperation>;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_unit_change_unit' })
  unit?: Relation<Unit>;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;

  /** CREATED (a merge's or split's new unit), RENAMED, MOVED, RETIRED (merged, split or dissolved). */
  @Column('text')
  change: string;

  @Column('text', { name: 'name_before', nullable: true })
  nameBefore: string | null;

  @Column('text', { name: 'name_after' })
  nameAfter: string;

  @Column('uuid', { name: 'parent_before', nullable: true })
  parentBefore: string | null;

  @Column('uuid', { name: 'parent_after', nullable: true })
  parentAfter: string | null;

  @Column('text', { name: 'status_before', nullable: true })
  statusBefore: string | null;

  @Column('text', { name: 'status_after' })
  statusAfter: string;
}

@Entity('unit_succession')
@Index('IDX_unit_succession_predecessor', ['predecessorId'])
@Index('IDX_unit_succession_successor', ['successorId'])
export class UnitSuccession {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_unit_succession' })
  id: string;

  @Column('uuid', { name: 'operation_id' })
  operationId: string;

  @ManyToOne(() => UnitOperation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'FK_unit_succession_operation' })
  operation?: Relation<UnitOperation>;

  @Column('uuid', { name: 'predecessor_id' })
  predecessorId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'FK_unit_succession_predecessor' })
  predecessor?: Relation<Unit>;

  @Column('uuid', { name: 'successor_id' })
  successorId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'FK_unit_succession_successor' })
  successor?: Relation<Unit>;

  /** MERGE, SPLIT or DISSOLVE. */
  @Column('text')
  kind: string;

  /** True for the successor that carries on the predecessor's own history (its path now lies below it). */
  @Column('boolean')
  primary: boolean;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;
}

@Entity('candidate_placement')
@Index('IDX_candidate_placement_candidate', ['candidateId'])
export class CandidatePlacement {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_candidate_placement' })
  id: string;

  @Column('uuid', { name: 'operation_id' })
  operationId: string;

  @ManyToOne(() => UnitOperation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'FK_candidate_placement_operation' })
  operation?: Relation<UnitOperation>;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'FK_candidate_placement_candidate' })
  candidate?: Relation<Candidate>;

  @Column('uuid', { name: 'from_unit_id' })
  fromUnitId: string;

  @Column('uuid', { name: 'to_unit_id' })
  toUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_unit_id', foreignKeyConstraintName: 'FK_candidate_placement_to_unit' })
  toUnit?: Relation<Unit>;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;
}

/** A merged unit's council continuing under the merge's successor (the council's row never changes). */
@Entity('council_transfer')
@Index('IDX_council_transfer_council', ['councilId', 'recordedAt'])
@Index('IDX_council_transfer_to_unit', ['toUnitId'])
export class CouncilTransfer {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_council_transfer' })
  id: string;

  @Column('uuid', { name: 'council_id' })
  councilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'FK_council_transfer_council' })
  council?: Relation<Council>;

  @Column('uuid', { name: 'operation_id' })
  operationId: string;

  @ManyToOne(() => UnitOperation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operation_id', foreignKeyConstraintName: 'FK_council_transfer_operation' })
  operation?: Relation<UnitOperation>;

  @Column('uuid', { name: 'from_unit_id' })
  fromUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_unit_id', foreignKeyConstraintName: 'FK_council_transfer_from_unit' })
  fromUnit?: Relation<Unit>;

  @Column('uuid', { name: 'to_unit_id' })
  toUnitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_unit_id', foreignKeyConstraintName: 'FK_council_transfer_to_unit' })
  toUnit?: Relation<Unit>;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  /** The name the council bears from `effectiveOn`; null when the transfer left its name as it was. */
  @Column('text', { name: 'council_name', nullable: true })
  councilName: string | null;
}

export const REORGANISATION_ENTITIES = [UnitOperation, UnitChange, UnitSuccession, CandidatePlacement, CouncilTransfer];
