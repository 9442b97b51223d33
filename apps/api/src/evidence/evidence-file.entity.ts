import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { EvidenceMediaType } from '#contracts';
import { Candidate } from '../candidates/candidate.entity.js';

/** A file proving a candidate's achievement, stored in PostgreSQL with its SHA-256; never replaced. */
@Entity('evidence_file')
@Index('IDX_evidence_file_candidate', ['candidateId'])
export class EvidenceFile {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Relation<Candidate>;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'content_type' })
  contentType: EvidenceMediaType;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  /** Lower-case hex SHA-256 of the content; also written into the audit record of the upload. */
  @Column('char', { length: 64 })
  sha256: string;

  /** The bytes; never loaded unless asked for. */
  @Column('bytea', { select: false })
  content?: Buffer;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy: string;

  @Column('timestamptz', { name: 'uploaded_at' })
  uploadedAt: Date;
}
