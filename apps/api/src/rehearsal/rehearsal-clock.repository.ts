/** The SQL of the rehearsal clock's changes: appended, never changed. */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RehearsalClockChange } from './rehearsal-clock-change.entity.js';

@Injectable()
export class RehearsalClockRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** The newest change (the setting in force), or null when the clock was never set. */
  latest(em: EntityManager): Promise<RehearsalClockChange | null> {
    return em.getRepository(RehearsalClockChange).findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** The newest changes first, at most `limit`. */
  recent(limit: number): Promise<RehearsalClockChange[]> {
    return this.dataSource.getRepository(RehearsalClockChange).find({ order: { version: 'DESC' }, take: limit });
  }

  async insert(em: EntityManager, row: RehearsalClockChange): Promise<void> {
    await em.insert(RehearsalClockChange, row);
  }
}
