import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CouncilRuleSet } from '#workflow';

/**
 * One published version of a council rule set (quorum, award attendance, thresholds, recusal, the chair's vote, the
 * quota): a new version is a new row (the table is append-only). A session pins the version it opened with, and
 * the document itself, so that later versions never change how it is judged. The version in force for a session
 * opening now is the one published last.
 */
@Entity('council_rule_set')
@Index('UQ_council_rule_set_version', ['code', 'version'], { unique: true })
export class CouncilRuleSetRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  code: string;

  @Column('int')
  version: number;

  @Column('text', { name: 'name_vi' })
  nameVi: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  /** Where its figures come from (the regulation's articles, a practice). */
  @Column('text', { name: 'source_vi' })
  sourceVi: string;

  @Column('text', { name: 'source_en' })
  sourceEn: string;

  /** The rule document (libs/workflow CouncilRuleSet), valid by `ruleSetProblems`; its code and version are the row's. */
  @Column('jsonb')
  rules: CouncilRuleSet;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}
