import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JurisdictionProfileContent } from '#domain';

/**
 * One version of the jurisdiction profile. A new version is a new row (the table is append-only); the version in
 * force on a date is the newest whose `effective_from` is on or before it. Versions cannot take effect before the
 * day they are published, so what was in force on a past day never changes.
 */
@Entity('jurisdiction_profile')
export class JurisdictionProfile {
  @PrimaryColumn('int')
  version: number;

  /** The first day (in the province's time zone) on which this version applies. */
  @Column('date', { name: 'effective_from' })
  effectiveFrom: string;

  @Column('jsonb')
  content: JurisdictionProfileContent;

  /** Why this version was published (a merger, a new decree, a new signatory). */
  @Column('text', { nullable: true })
  note: string | null;

  @Column('text', { name: 'published_by' })
  publishedBy: string;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;
}
