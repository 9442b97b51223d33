/** The SQL of council rule sets: versions, never changed; a new version is a new row. */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CouncilRuleSetRow } from './council-rule-set.entity.js';

@Injectable()
export class CouncilRuleSetRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** Every version, the newest publication first. */
  all(em: EntityManager = this.reader): Promise<CouncilRuleSetRow[]> {
    return em.getRepository(CouncilRuleSetRow).find({ order: { publishedAt: 'DESC', code: 'ASC', version: 'DESC' } });
  }

  byId(em: EntityManager, id: string): Promise<CouncilRuleSetRow | null> {
    return em.getRepository(CouncilRuleSetRow).findOne({ where: { id } });
  }

  /** The version in force for a session opening now: the one published last (of one code, when a code is named). */
  inForce(em: EntityManager, code?: string): Promise<CouncilRuleSetRow | null> {
    return em.getRepository(CouncilRuleSetRow).findOne({ where: code ? { code } : {}, order: { publishedAt: 'DESC', version: 'DESC' } });
  }

  /** The newest version number of a code (0 when there is none); the caller holds the stream's lock. */
  async newestVersion(em: EntityManager, code: string): Promise<number> {
    const [row] = (await em.query('SELECT coalesce(max(version), 0)::int AS version FROM council_rule_set WHERE code = $1', [code])) as { version: number }[];
    return row!.version;
  }

  async insert(em: EntityManager, row: CouncilRuleSetRow): Promise<void> {
    await em.insert(CouncilRuleSetRow, row);
  }
}
