/** The SQL of criteria sets: published versions, never changed; a new version is a new row. */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CriteriaSetCode, SubjectKind } from '#domain';
import { CriteriaSet } from './review.entities.js';

/** A criteria set version's columns (the entity has no relations). */
export type CriteriaSetRow = CriteriaSet;

@Injectable()
export class CriteriaSetRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every version of every set, newest first within a set. */
  all(): Promise<CriteriaSetRow[]> {
    return this.dataSource.getRepository(CriteriaSet).find({ order: { code: 'ASC', version: 'DESC' } });
  }

  /**
   * The newest version of a set, under the set's transaction-scoped advisory lock: two administrators publishing
   * at once get versions n+1 and n+2, or one waits (also for a set's first version, which has no row to lock).
   * Not `FOR UPDATE`: that needs UPDATE privilege, which the application does not have on this append-only table.
   */
  async lockNewest(em: EntityManager, code: CriteriaSetCode): Promise<Pick<CriteriaSetRow, 'id' | 'version' | 'appliesTo'> | null> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`criteria_set:${code}`]);
    const [row] = (await em.query('SELECT id, version, applies_to AS "appliesTo" FROM criteria_set WHERE code = $1 ORDER BY version DESC LIMIT 1', [code])) as Pick<
      CriteriaSetRow,
      'id' | 'version' | 'appliesTo'
    >[];
    return row ?? null;
  }

  async insert(em: EntityManager, set: CriteriaSetRow): Promise<void> {
    await em.insert(CriteriaSet, set);
  }

  /** The versions in force now, one per set code (what a session opening now pins). */
  async inForce(em: EntityManager): Promise<CriteriaSetRow[]> {
    return (await em.query(
      `SELECT DISTINCT ON (code) id, code, version, applies_to AS "appliesTo", criteria, note, published_by AS "publishedBy", published_at AS "publishedAt"
         FROM criteria_set ORDER BY code, version DESC`,
    )) as CriteriaSetRow[];
  }

  /** Of the versions pinned to a session, the one that judges candidates of this kind. */
  async pinnedFor(em: EntityManager, pinnedIds: string[], kind: SubjectKind): Promise<string | null> {
    const [row] = (await em.query('SELECT id FROM criteria_set WHERE id = ANY($1::uuid[]) AND $2 = ANY(applies_to)', [pinnedIds, kind])) as { id: string }[];
    return row?.id ?? null;
  }

  async version(em: EntityManager, id: string): Promise<Pick<CriteriaSetRow, 'code' | 'version' | 'criteria'> | null> {
    const [row] = (await em.query('SELECT code, version, criteria FROM criteria_set WHERE id = $1', [id])) as Pick<CriteriaSetRow, 'code' | 'version' | 'criteria'>[];
    return row ?? null;
  }

  /** Code and version of each set named, by code. */
  async versions(em: EntityManager, ids: string[]): Promise<Pick<CriteriaSetRow, 'code' | 'version'>[]> {
    return (await em.query('SELECT code, version FROM criteria_set WHERE id = ANY($1::uuid[]) ORDER BY code', [ids])) as Pick<CriteriaSetRow, 'code' | 'version'>[];
  }
}
