/**
 * The versions of a candidate's achievement report (báo cáo thành tích, NĐ 152/2025 appendix form): version 1
 * pre-filled from the candidate's data, each later one an edit by the unit head or the secretariat. Never changed.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';

/** The sections of the report, as the form lays them out. */
export interface AchievementReportContent {
  /** I. Sơ lược lý lịch / đặc điểm tình hình (who, where, what they do). */
  profile: string;
  /** II.1 Thành tích đạt được. */
  achievements: string;
  /** II.2 Các giải pháp, biện pháp, mô hình, cách làm mới. */
  methods: string;
  /** II.3 Hiệu quả, khả năng nhân rộng. */
  impact: string;
  /** III. Các hình thức đã được khen thưởng. */
  earlierAwards: string;
}

@Entity('achievement_report_version')
@Index('UQ_achievement_report_version', ['candidateId', 'version'], { unique: true })
export class AchievementReportVersion {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_achievement_report_version' })
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'FK_achievement_report_version_candidate' })
  candidate?: Relation<Candidate>;

  @Column('int')
  version: number;

  @Column('jsonb')
  content: AchievementReportContent;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'written_by' })
  writtenBy: string;

  @Column('timestamptz', { name: 'written_at' })
  writtenAt: Date;
}
