/**
 * What a session judged by a rule set records beyond the review session's own tables: the rule set it pinned
 * when it opened, the written opinions of absent members (the signed form, stored like evidence, and the choices
 * the secretariat read from it), and the chair's casting vote on a tie. All append-only and attested.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { CouncilRuleSet } from '#workflow';
import { Account } from '../accounts/account.entities.js';
import { CouncilRuleSetRow } from '../council-rules/council-rule-set.entity.js';
import { ReviewItem, ReviewSession } from './review.entities.js';

/** The rule set a session was opened with: the version and its document, never changed afterwards. */
@Entity('review_session_rule_set')
export class ReviewSessionRuleSet {
  @PrimaryColumn('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('uuid', { name: 'rule_set_id' })
  ruleSetId: string;

  @ManyToOne(() => CouncilRuleSetRow, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_set_id' })
  ruleSet?: Relation<CouncilRuleSetRow>;

  /** The document as pinned (a copy of the version's rules). */
  @Column('jsonb')
  rules: CouncilRuleSet;

  /** The session considers awards (recognitions): the rule set's award attendance applies. */
  @Column('boolean', { name: 'considers_awards' })
  considersAwards: boolean;
}

export type WrittenChoice = 'IN_FAVOUR' | 'AGAINST' | 'ABSTAIN';

/** An absent member's written opinion (ý kiến bằng văn bản): the signed form and the choice per candidate read from it. */
@Entity('written_opinion')
@Index('UQ_written_opinion_member', ['sessionId', 'accountId'], { unique: true })
export class WrittenOpinion {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @ManyToOne(() => ReviewSession, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<ReviewSession>;

  @Column('uuid', { name: 'account_id' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('character', { length: 64 })
  sha256: string;

  @Column('bytea')
  content: Buffer;

  /** The member's choice on each candidate (review item id → choice), as the form states it. */
  @Column('jsonb')
  choices: Record<string, WrittenChoice>;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

/** The chair's casting vote on one candidate whose votes in favour and against are equal. */
@Entity('casting_vote')
export class CastingVote {
  @PrimaryColumn('uuid', { name: 'item_id' })
  itemId: string;

  @ManyToOne(() => ReviewItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: Relation<ReviewItem>;

  @Column('text')
  choice: 'FOR' | 'AGAINST';

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

export const COUNCIL_ATTENDANCE_ENTITIES = [ReviewSessionRuleSet, WrittenOpinion, CastingVote];
