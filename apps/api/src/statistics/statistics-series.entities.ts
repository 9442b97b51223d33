/**
 * The province's statistics series across reorganisations, as data: which jurisdiction an imported batch is the
 * history of (a former province, by its name), and the events of the series (a merger of provinces, with its
 * effective date and the document that decided it). Append-only.
 */
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { StatisticsImport } from './statistics.entities.js';

/** A batch's figures are the history of this jurisdiction (e.g. "Tỉnh Bắc Giang" before 01/7/2025). */
@Entity('statistics_import_jurisdiction')
export class StatisticsImportJurisdiction {
  @PrimaryColumn('uuid', { name: 'import_id', primaryKeyConstraintName: 'PK_statistics_import_jurisdiction' })
  importId: string;

  @ManyToOne(() => StatisticsImport, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'FK_statistics_import_jurisdiction_import' })
  batch?: Relation<StatisticsImport>;

  @Column('text')
  jurisdiction: string;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}

export type SeriesEventKind = 'MERGER';

/** From `effectiveDate` the predecessors' figures continue as the successor's: one series, the event marked on it. */
@Entity('statistics_series_event')
export class StatisticsSeriesEvent {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_statistics_series_event' })
  id: string;

  @Column('text')
  kind: SeriesEventKind;

  @Column('date', { name: 'effective_date' })
  effectiveDate: string;

  @Column('text', { array: true })
  predecessors: string[];

  @Column('text')
  successor: string;

  @Column('text', { name: 'document_number' })
  documentNumber: string;

  @Column('date', { name: 'document_date' })
  documentDate: string;

  @Column('text', { name: 'document_authority' })
  documentAuthority: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;
}
