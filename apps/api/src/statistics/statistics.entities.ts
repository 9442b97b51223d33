/**
 * Historical statistics imported from files in the report's layout (years the office did not manage in the
 * system). A batch is identified by the SHA-256 of its file: the same file is never stored twice. Rows keep
 * a blank cell as NULL (unknown), never 0. Nothing here is updated or deleted; a later batch covering a year
 * supersedes the earlier ones for that year.
 */
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Field, HonouringForm } from '#domain';

export type ImportFormat = 'CSV' | 'XLSX';

@Entity('statistics_import')
@Index('UQ_statistics_import_sha256', ['sha256'], { unique: true })
export class StatisticsImport {
  @PrimaryColumn('uuid')
  id: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text')
  format: ImportFormat;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  /** The file as uploaded, so that the hash and every figure can be checked again later. */
  @Column('bytea', { select: false })
  content?: Buffer;

  /** The totals the source states (e.g. the report's "Tổng: 10.984 tập thể, 17.889 cá nhân"); null if none. */
  @Column('int', { name: 'stated_collective', nullable: true })
  statedCollective: number | null;

  @Column('int', { name: 'stated_individual', nullable: true })
  statedIndividual: number | null;

  @Column('text', { name: 'imported_by' })
  importedBy: string;

  @Column('timestamptz', { name: 'imported_at' })
  importedAt: Date;
}

/** One (year, field) line of an imported table. Households are inside `individual`, as in the report. */
@Entity('statistics_import_row')
@Index('IDX_statistics_import_row_year', ['year', 'importId'])
export class StatisticsImportRow {
  @PrimaryColumn('uuid', { name: 'import_id' })
  importId: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id' })
  batch?: Relation<StatisticsImport>;

  @PrimaryColumn('int')
  year: number;

  @PrimaryColumn('text')
  field: Field;

  /** The line of the file (1 is the header), for reports that point back into it. */
  @Column('int')
  line: number;

  @Column('int', { nullable: true })
  collective: number | null;

  @Column('int', { nullable: true })
  individual: number | null;

  /** The honouring forms used that year: the file's column when given, otherwise all eight. */
  @Column('text', { name: 'honouring_forms', array: true })
  honouringForms: HonouringForm[];
}
