/**
 * What a revocation decision adds to a decision: the grounds it rests on (Luật Thi đua, khen thưởng 2022 Chương VII)
 * and the chain it ends; and what was recovered after it (certificates, reward objects, reward money). Both only grow.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { RecoveryItem, RevocationGroundCode } from '#domain';
import { Candidate } from '../candidates/candidate.entity.js';
import { RecognitionDecision } from './decision.entities.js';

@Entity('decision_revocation')
export class DecisionRevocation {
  @PrimaryColumn('uuid', { name: 'decision_id', primaryKeyConstraintName: 'PK_decision_revocation' })
  decisionId: string;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'FK_decision_revocation_decision' })
  decision?: Relation<RecognitionDecision>;

  /** Codes of REVOCATION_GROUNDS (libs/domain), at least one. */
  @Column('jsonb')
  grounds: RevocationGroundCode[];

  /** The decisions it ends, oldest first: the recognition and every correction of it. */
  @Column('jsonb')
  chain: { id: string; number: string; issuedOn: string; kind: string }[];
}

@Entity('revocation_recovery')
@Index('IDX_revocation_recovery_revocation', ['revocationId', 'candidateId'])
export class RevocationRecovery {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_revocation_recovery' })
  id: string;

  @Column('uuid', { name: 'revocation_id' })
  revocationId: string;

  @ManyToOne(() => RecognitionDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revocation_id', foreignKeyConstraintName: 'FK_revocation_recovery_revocation' })
  revocation?: Relation<RecognitionDecision>;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'FK_revocation_recovery_candidate' })
  candidate?: Relation<Candidate>;

  @Column('text')
  item: RecoveryItem;

  /** How many objects (certificates, reward objects). */
  @Column('integer', { nullable: true })
  quantity: number | null;

  /** Reward money recovered, in đồng. */
  @Column('bigint', { nullable: true })
  amount: string | null;

  @Column('date', { name: 'recovered_on' })
  recoveredOn: string;

  /** The record of the handover (biên bản thu hồi số …) or receipt. */
  @Column('text')
  document: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

export const REVOCATION_ENTITIES = [DecisionRevocation, RevocationRecovery];
