/** The SQL of the jurisdiction profile: versions, never changed; a new version is a new row. */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JurisdictionProfile } from './jurisdiction-profile.entity.js';

export type JurisdictionProfileRow = JurisdictionProfile;

@Injectable()
export class JurisdictionProfileRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** Every version, newest first. */
  all(): Promise<JurisdictionProfileRow[]> {
    return this.dataSource.getRepository(JurisdictionProfile).find({ order: { version: 'DESC' } });
  }

  async version(em: EntityManager, version: number): Promise<JurisdictionProfileRow | null> {
    return em.getRepository(JurisdictionProfile).findOne({ where: { version } });
  }

  /** The version in force on a date: the latest to take effect on or before it (of two the same day, the later one). */
  async inForceOn(em: EntityManager, date: string): Promise<JurisdictionProfileRow | null> {
    return em
      .getRepository(JurisdictionProfile)
      .createQueryBuilder('p')
      .where('p.effective_from <= :date', { date })
      .orderBy('p.effective_from', 'DESC')
      .addOrderBy('p.version', 'DESC')
      .limit(1)
      .getOne();
  }

  /** The newest version number (0 when there is none); the caller holds the stream's lock. */
  async newestVersion(em: EntityManager): Promise<number> {
    const [row] = (await em.query('SELECT coalesce(max(version), 0)::int AS version FROM jurisdiction_profile')) as { version: number }[];
    return row!.version;
  }

  async insert(em: EntityManager, row: JurisdictionProfileRow): Promise<void> {
    await em.insert(JurisdictionProfile, row);
  }
}
