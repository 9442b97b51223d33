/**
 * The candidate's SQL: the row the transition locks and updates, the nomination's insert, and the reads of the
 * candidate screens. Every method takes the EntityManager it runs on: the transaction's inside one (on the embedded
 * database a second connection opened inside a transaction waits forever), `dataSource.manager` outside.
 *
 * The transition's two statements are plain SQL on purpose: on the hot path the query builder cost more CPU than
 * the statements themselves (docs/performance.md).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { escapeLike, foldVietnamese, type Field, type SubjectKind } from '#domain';
import type { CandidateState, PersistedCandidateSnapshot } from '#workflow';
import { andWithin, type Reach } from '../access/unit-reach.js';
import { Unit } from '../units/unit.entity.js';
import { Candidate } from './candidate.entity.js';

/** What a transition reads of the row it locks: the snapshot it moves on, and what the events' effects check. */
export type CandidateForTransition = Pick<Candidate, 'id' | 'unitId' | 'year' | 'snapshot' | 'version'> & {
  /** The path of the unit it lives in today (a split's placement, else its nomination unit), for the reach check. */
  unitPath: string;
};

/** The row's change when an event is accepted. */
export interface TransitionWrite {
  state: CandidateState;
  snapshot: PersistedCandidateSnapshot;
  machineVersion: number;
  version: number;
  at: Date;
}

export type CandidateWithUnit = Candidate & { unit: Unit };

export interface CandidateFilter {
  state?: CandidateState;
  kind?: SubjectKind;
  field?: Field;
  year?: number;
  /** Words of the name (a substring, case-insensitive). */
  nameContains?: string;
  /** Subtrees the candidate's unit must lie in, all of them (the person's reach, a unit named in the filter). */
  within: Reach[];
}

@Injectable()
export class CandidateRepository {
  /**
   * Locks the candidate's row until the transaction ends: events of one candidate (and the writers of its audit
   * chain) go one at a time; other candidates never wait.
   */
  async lockForTransition(em: EntityManager, id: string): Promise<CandidateForTransition | undefined> {
    // The unit's path comes with the lock (the reach is checked under it: one statement fewer per event); only the
    // candidate's row is locked.
    const rows = (await em.query(
      `SELECT c.id, c.unit_id AS "unitId", c.year, c.snapshot, c.version, u.path AS "unitPath"
         FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)
        WHERE c.id = $1 FOR UPDATE OF c`,
      [id],
    )) as CandidateForTransition[];
    return rows[0];
  }

  /** Stores what an accepted event made of the candidate (under the lock of `lockForTransition`). */
  async recordTransition(em: EntityManager, id: string, write: TransitionWrite): Promise<void> {
    await em.query('UPDATE candidate SET state = $2, snapshot = $3, machine_version = $4, version = $5, updated_at = $6 WHERE id = $1', [
      id,
      write.state,
      write.snapshot,
      write.machineVersion,
      write.version,
      write.at,
    ]);
  }

  async insert(em: EntityManager, candidate: Candidate): Promise<void> {
    await em.insert(Candidate, candidate);
  }

  /** The candidate with its unit, or null. */
  findWithUnit(db: EntityManager, id: string): Promise<CandidateWithUnit | null> {
    return db.findOne(Candidate, { where: { id }, relations: { unit: true } }) as Promise<CandidateWithUnit | null>;
  }

  /** The candidate's state, or undefined when there is no such candidate. */
  async stateOf(db: EntityManager, id: string): Promise<CandidateState | undefined> {
    const row = await db.findOne(Candidate, { select: { id: true, state: true }, where: { id } });
    return row?.state;
  }

  /** The materialised path of the candidate's unit (what access is judged by), or undefined when there is no such candidate. */
  async unitPathOf(db: EntityManager, id: string): Promise<string | undefined> {
    // Plain SQL: every request about a candidate asks this first.
    // The unit it lives in: where a split placed it, else its nomination unit (whose path lies below its successor's).
    const rows = (await db.query('SELECT u.path FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE c.id = $1', [id])) as { path: string }[];
    return rows[0]?.path;
  }

  exists(db: EntityManager, id: string): Promise<boolean> {
    return db.exists(Candidate, { where: { id } });
  }

  /** One page of the candidates that match, most recently changed first, with their units; and how many match. */
  async page(db: EntityManager, filter: CandidateFilter, page: { number: number; size: number }): Promise<{ rows: CandidateWithUnit[]; total: number }> {
    // Scoped by the unit the candidate lives in today (a split's placement, else its nomination unit, whose path
    // lies below the unit that carries it on); shown with the unit it was nominated in.
    const qb = db.createQueryBuilder(Candidate, 'c').innerJoinAndSelect('c.unit', 'u').innerJoin(Unit, 'h', 'h.id = coalesce(c.home_unit_id, c.unit_id)');
    filter.within.forEach((reach, i) => andWithin(qb, 'h.path', reach, `within${i}`));
    if (filter.state) qb.andWhere('c.state = :state', { state: filter.state });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.field) qb.andWhere('c.field = :field', { field: filter.field });
    if (filter.year) qb.andWhere('c.year = :year', { year: filter.year });
    // Without diacritics on either side: "nguyen thi" finds "Nguyễn Thị Hoa" (fold_vietnamese is the SQL twin of foldVietnamese).
    if (filter.nameContains) qb.andWhere('fold_vietnamese(c.name) LIKE :q', { q: `%${escapeLike(foldVietnamese(filter.nameContains.normalize('NFC')))}%` });
    const [rows, total] = await qb
      .orderBy('c.updatedAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((page.number - 1) * page.size)
      .take(page.size)
      .getManyAndCount();
    return { rows: rows as CandidateWithUnit[], total };
  }
}
