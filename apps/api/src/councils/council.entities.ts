/**
 * Councils at every level (Hội đồng Thi đua – Khen thưởng): a council belongs to a unit, its composition is a
 * versioned record (members with positions, and the secretariat), and upward proposals (liên thông) carry an
 * exemplar recognised by a lower council to the parent level's council. All three only grow: the database refuses
 * UPDATE and DELETE, and every row is attested by the audit record of the transaction that wrote it.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { CouncilPosition } from '#domain';
import { Candidate } from '../candidates/candidate.entity.js';
import { RecognitionDecision } from '../decisions/decision.entities.js';
import { ReviewSession } from '../reviews/review.entities.js';
import { Unit } from '../units/unit.entity.js';

/** One council per unit; its name is fixed when it is set up (a new composition does not rename it). */
@Entity('council')
@Index('UQ_council_unit', ['unitId'], { unique: true })
export class Council {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_council' })
  id: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_council_unit' })
  unit?: Relation<Unit>;

  @Column('text')
  name: string;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** A member of a composition, as the composition lists them. */
export interface CompositionSeat {
  accountId: string;
  position: CouncilPosition;
}

/** One version of a council's composition. The newest version is the one in force. */
@Entity('council_composition')
@Index('UQ_council_composition_version', ['councilId', 'version'], { unique: true })
export class CouncilComposition {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_council_composition' })
  id: string;

  @Column('uuid', { name: 'council_id' })
  councilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'FK_council_composition_council' })
  council?: Relation<Council>;

  @Column('int')
  version: number;

  /** Chair, vice-chairs, member-secretary and members: council member accounts with their positions. */
  @Column('jsonb')
  members: CompositionSeat[];

  /** The secretariat's accounts (thường trực Hội đồng): they run the council's sessions. */
  @Column('jsonb')
  secretariat: string[];

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}

/** An exemplar recognised by a lower council, proposed to the parent level's council (liên thông). */
@Entity('upward_proposal')
@Index('UQ_upward_proposal_upper', ['upperCandidateId'], { unique: true })
@Index('IDX_upward_proposal_lower', ['lowerCandidateId'])
export class UpwardProposal {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_upward_proposal' })
  id: string;

  /** The exemplar as the lower level recognised it (it stays recognised there). */
  @Column('uuid', { name: 'lower_candidate_id' })
  lowerCandidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lower_candidate_id', foreignKeyConstraintName: 'FK_upward_proposal_lower_candidate' })
  lowerCandidate?: Relation<Candidate>;

  /** The candidacy at the parent level, reviewed by the parent's council. */
  @Column('uuid', { name: 'upper_candidate_id' })
  upperCandidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'upper_candidate_id', foreignKeyConstraintName: 'FK_upward_proposal_upper_candidate' })
  upperCandidate?: Relation<Candidate>;

  @Column('uuid', { name: 'from_council_id' })
  fromCouncilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_council_id', foreignKeyConstraintName: 'FK_upward_proposal_from_council' })
  fromCouncil?: Relation<Council>;

  @Column('uuid', { name: 'to_council_id' })
  toCouncilId: string;

  @ManyToOne(() => Council, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_council_id', foreignKeyConstraintName: 'FK_upward_proposal_to_council' })
  toCouncil?: Relation<Council>;

  /** The lower council's session that recognised the exemplar: its minutes travel with the proposal. */
  @Column('uuid', { name: 'lower_session_id' })
  lowerSessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lower_session_id', foreignKeyConstraintName: 'FK_upward_proposal_lower_session' })
  lowerSession?: Relation<ReviewSession>;

  /** The lower level's recognition decision, when one has been issued. */
  @Column('uuid', { name: 'lower_decision_id', nullable: true })
  lowerDecisionId: string | null;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lower_decision_id', foreignKeyConstraintName: 'FK_upward_proposal_lower_decision' })
  lowerDecision?: Relation<RecognitionDecision>;

  @Column('text')
  reasons: string;

  @Column('text', { name: 'proposed_by' })
  proposedBy: string;

  @Column('timestamptz', { name: 'proposed_at' })
  proposedAt: Date;
}

export const COUNCIL_ENTITIES = [Council, CouncilComposition, UpwardProposal];
