/**
 * One applied bulk import of the unit tree: the file as uploaded (so that what it did can be checked again
 * against it) and how many units it created, renamed and found unchanged. Append-only. The units themselves are
 * written through the unit tree's own rows and audit streams (UNIT_CREATED, UNIT_RENAMED, each naming the import).
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UnitImportFormat = 'CSV' | 'XLSX';

@Entity('unit_import')
export class UnitImport {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_unit_import' })
  id: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text')
  format: UnitImportFormat;

  @Column('int', { name: 'size_bytes' })
  sizeBytes: number;

  @Column('bytea', { select: false })
  content?: Buffer;

  @Column('int', { name: 'created_count' })
  createdCount: number;

  @Column('int', { name: 'renamed_count' })
  renamedCount: number;

  @Column('int', { name: 'unchanged_count' })
  unchangedCount: number;

  @Column('text', { name: 'imported_by' })
  importedBy: string;

  @Column('timestamptz', { name: 'imported_at' })
  importedAt: Date;
}
