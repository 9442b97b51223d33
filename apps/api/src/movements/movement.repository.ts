/**
 * The SQL of emulation movements: the movement row (its head, read or locked), its reviews, registrations,
 * documents, the links of candidates to it, and the reads of a movement's page and of the list.
 *
 * Only the movement row is ever updated, under its lock; every other table only grows (the database refuses
 * UPDATE, DELETE and TRUNCATE on them). Methods that run inside a use case's transaction take its EntityManager.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Field, MovementStatus, SubjectKind } from '#domain';
import type { CandidateState } from '#workflow';
import { andInLine, andWithin, pathConditions, type Reach } from '../access/unit-reach.js';
import { Unit } from '../units/unit.entity.js';
import { CandidateMovementLink } from './candidate-movement-link.entity.js';
import { Movement, MovementDocument, MovementRegistration, MovementReview } from './movement.entities.js';

/** What deciding about a movement needs: who launched it (and where that unit sits), its status and version. */
export interface MovementHead {
  id: string;
  name: string;
  launchingUnitId: string;
  launchingPath: string;
  status: MovementStatus;
  version: number;
}

/**
 * The launching unit's place is where its work is carried on today: itself while active, else the nearest active unit
 * above it by path (a merged unit lies below its successor), so a movement launched by a department that has since
 * merged reaches the merged department's units.
 */
const HEAD_SQL = `SELECT m.id, m.name, m.launching_unit_id AS "launchingUnitId",
       coalesce((SELECT a.path FROM unit a WHERE u.path LIKE a.path || '%' AND a.status = 'ACTIVE' ORDER BY length(a.path) DESC LIMIT 1), u.path) AS "launchingPath", m.status, m.version
  FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE m.id = $1`;

/** A movement with its launching unit loaded. */
export type MovementWithUnit = Movement & { launchingUnit: Unit };

/** A registration with its unit loaded. */
export type RegistrationWithUnit = MovementRegistration & { unit: Unit };

/** Which movements a list shows. */
export interface MovementFilter {
  /** The actor's reach: movements launched in its line (at, above or below it). */
  reach: Reach;
  status?: MovementStatus;
  /** Movements launched in this unit's subtree. */
  unitPath?: string;
  field?: Field;
  /** Movements whose period meets this year. */
  year?: number;
  /** Folded-name search (a `to_tsquery('simple', …)` text); null: a search with no words, which finds nothing. */
  tsquery?: string | null;
}

/** A candidate that leads the movement (a link in force), as its page lists it. */
export interface LinkedCandidateRow {
  id: string;
  name: string;
  kind: SubjectKind;
  year: number;
  field: Field;
  state: CandidateState;
  unitId: string;
  unitName: string;
  linkedAt: Date;
}

/** A candidate discovered at one of the movement's review conferences. */
export interface DiscoveredCandidateRow {
  id: string;
  name: string;
  kind: SubjectKind;
  year: number;
  state: CandidateState;
  reviewId: string | null;
  unitId: string;
  unitName: string;
}

/** A link or unlink of a candidate, with the movement it names and whether a later unlink ended it. */
export interface CandidateLinkRow {
  id: string;
  movementId: string;
  movementName: string;
  status: MovementStatus;
  action: 'LINK' | 'UNLINK';
  endsId: string | null;
  reason: string | null;
  recordedBy: string;
  recordedAt: Date;
  ended: boolean;
}

/** A link in force: a LINK row no UNLINK row ends. */
const LINK_IN_FORCE = (alias: string) => `${alias}.action = 'LINK' AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = ${alias}.id)`;

@Injectable()
export class MovementRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- the movement row ----

  async head(id: string, em: EntityManager = this.dataSource.manager): Promise<MovementHead | undefined> {
    const rows = (await em.query(HEAD_SQL, [id])) as MovementHead[];
    return rows[0];
  }

  /** Locks the movement row until the transaction ends: it serialises every writer of `movement:<id>`. */
  async lockHead(em: EntityManager, id: string): Promise<MovementHead | undefined> {
    const rows = (await em.query(`${HEAD_SQL} FOR UPDATE OF m`, [id])) as MovementHead[];
    return rows[0];
  }

  /** The launching unit under a shared lock, so that it cannot change under a new movement. */
  lockLaunchingUnit(em: EntityManager, unitId: string): Promise<Unit | null> {
    return em.createQueryBuilder(Unit, 'u').setLock('pessimistic_read').where('u.id = :id', { id: unitId }).getOne();
  }

  async insert(em: EntityManager, movement: Movement): Promise<void> {
    await em.insert(Movement, movement);
  }

  byId(em: EntityManager, id: string): Promise<Movement> {
    return em.getRepository(Movement).findOneByOrFail({ id });
  }

  withLaunchingUnit(id: string, em: EntityManager = this.dataSource.manager): Promise<MovementWithUnit> {
    return em.getRepository(Movement).findOneOrFail({ where: { id }, relations: { launchingUnit: true } }) as Promise<MovementWithUnit>;
  }

  /** The first day of the movement's period (YYYY-MM-DD). */
  async periodFrom(em: EntityManager, id: string): Promise<string> {
    const [movement] = (await em.query('SELECT period_from::text AS "periodFrom" FROM movement WHERE id = $1', [id])) as { periodFrom: string }[];
    return movement!.periodFrom;
  }

  async updateDetails(em: EntityManager, id: string, changes: Partial<Pick<Movement, 'name' | 'periodFrom' | 'periodTo' | 'fields' | 'goals' | 'documentNumber' | 'documentDate' | 'documentTitle'>>): Promise<void> {
    await em.update(Movement, { id }, changes);
  }

  /** A change of the movement's record: its new status and version. */
  async advance(em: EntityManager, id: string, status: MovementStatus, version: number, at: Date): Promise<void> {
    await em.query('UPDATE movement SET status = $1, version = $2, updated_at = $3 WHERE id = $4', [status, version, at, id]);
  }

  // ---- the list ----

  /** The materialised path of a unit, or null when there is no such unit. */
  async unitPath(unitId: string): Promise<string | null> {
    const [unit] = (await this.dataSource.query('SELECT path FROM unit WHERE id = $1', [unitId])) as { path: string }[];
    return unit?.path ?? null;
  }

  /** One page of the movements a filter shows, newest period first, with the count of all. */
  list(filter: MovementFilter, page: number, pageSize: number): Promise<[MovementWithUnit[], number]> {
    const qb = this.dataSource.getRepository(Movement).createQueryBuilder('m').innerJoinAndSelect('m.launchingUnit', 'u');
    // A unit head sees the movements launched by their unit, a unit above it, or a unit below it.
    andInLine(qb, 'u.path', filter.reach);
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.unitPath !== undefined) andWithin(qb, 'u.path', { kind: 'subtree', path: filter.unitPath }, 'subtree');
    if (filter.field) qb.andWhere(':field = ANY(m.fields)', { field: filter.field });
    if (filter.year) qb.andWhere('m.periodFrom <= :yearEnd AND m.periodTo >= :yearStart', { yearStart: `${filter.year}-01-01`, yearEnd: `${filter.year}-12-31` });
    if (filter.tsquery === null) qb.andWhere('false');
    if (filter.tsquery) qb.andWhere(`to_tsvector('simple'::regconfig, fold_vietnamese(m.name)) @@ to_tsquery('simple'::regconfig, :tsquery)`, { tsquery: filter.tsquery });
    return qb
      .orderBy('m.periodFrom', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount() as Promise<[MovementWithUnit[], number]>;
  }

  /** For each movement named, how many units are registered now (the newest row of their chain is not a withdrawal). */
  async registeredUnitCounts(movementIds: string[]): Promise<Map<string, number>> {
    if (movementIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT r.movement_id AS "movementId", count(*)::int AS n
         FROM movement_registration r
        WHERE r.movement_id = ANY($1::uuid[]) AND r.action <> 'WITHDRAW'
          AND NOT EXISTS (SELECT 1 FROM movement_registration s WHERE s.previous_id = r.id)
        GROUP BY r.movement_id`,
      [movementIds],
    )) as { movementId: string; n: number }[];
    return new Map(rows.map((r) => [r.movementId, r.n]));
  }

  // ---- reviews ----

  /** The movement's reviews in the order they were held. */
  reviews(movementId: string): Promise<MovementReview[]> {
    return this.dataSource.getRepository(MovementReview).find({ where: { movementId }, order: { heldOn: 'ASC', recordedAt: 'ASC' } });
  }

  async reviewOf(em: EntityManager, reviewId: string, movementId: string): Promise<Pick<MovementReview, 'id' | 'kind'> | undefined> {
    const rows = (await em.query('SELECT id, kind FROM movement_review WHERE id = $1 AND movement_id = $2', [reviewId, movementId])) as Pick<MovementReview, 'id' | 'kind'>[];
    return rows[0];
  }

  /** The movement a review belongs to, if the review exists. */
  async movementOfReview(em: EntityManager, reviewId: string): Promise<string | undefined> {
    const rows = (await em.query('SELECT movement_id AS "movementId" FROM movement_review WHERE id = $1', [reviewId])) as { movementId: string }[];
    return rows[0]?.movementId;
  }

  /** The record that corrects a review, if one does. */
  async correctionOf(em: EntityManager, reviewId: string): Promise<string | undefined> {
    const rows = (await em.query('SELECT id FROM movement_review WHERE corrects_id = $1', [reviewId])) as { id: string }[];
    return rows[0]?.id;
  }

  async insertReview(em: EntityManager, review: MovementReview): Promise<void> {
    await em.insert(MovementReview, review);
  }

  // ---- registrations ----

  /** Every registration row of the movement, oldest first, with its unit. */
  registrations(movementId: string): Promise<RegistrationWithUnit[]> {
    return this.dataSource.getRepository(MovementRegistration).find({ where: { movementId }, relations: { unit: true }, order: { recordedAt: 'ASC', id: 'ASC' } }) as Promise<RegistrationWithUnit[]>;
  }

  registration(id: string, movementId: string): Promise<MovementRegistration | null> {
    return this.dataSource.getRepository(MovementRegistration).findOneBy({ id, movementId });
  }

  /** The newest row of a unit's registration chain in a movement, if any. */
  registrationChainHead(em: EntityManager, movementId: string, unitId: string): Promise<MovementRegistration | null> {
    return em
      .getRepository(MovementRegistration)
      .createQueryBuilder('r')
      .where('r.movementId = :movementId AND r.unitId = :unitId', { movementId, unitId })
      .andWhere('NOT EXISTS (SELECT 1 FROM movement_registration s WHERE s.previous_id = r.id)')
      .getOne();
  }

  async insertRegistration(em: EntityManager, row: MovementRegistration): Promise<void> {
    await em.insert(MovementRegistration, row);
  }

  // ---- documents ----

  /** The movement's document files, oldest first, without their content. */
  documents(movementId: string): Promise<MovementDocument[]> {
    return this.dataSource.getRepository(MovementDocument).find({ where: { movementId }, order: { uploadedAt: 'ASC' } });
  }

  async insertDocument(em: EntityManager, document: MovementDocument): Promise<void> {
    await em.insert(MovementDocument, document);
  }

  /** A document file of the movement with its content, or null. */
  async documentWithContent(movementId: string, documentId: string): Promise<(MovementDocument & { content: Buffer }) | null> {
    const file = await this.dataSource
      .getRepository(MovementDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.movementId = :movementId', { documentId, movementId })
      .getOne();
    return file?.content ? (file as MovementDocument & { content: Buffer }) : null;
  }

  // ---- candidates ----

  /**
   * The candidates that lead the movement (links in force) within a reach: how many in each state, and the first
   * `perState` of each state by name.
   */
  async linkedCandidates(movementId: string, reach: Reach, perState: number): Promise<{ counts: { state: CandidateState; n: number }[]; rows: LinkedCandidateRow[] }> {
    const params: unknown[] = [movementId];
    const inReach = pathConditions(params).within('u.path', reach);
    const linked = `FROM candidate_movement_link l
      JOIN candidate c ON c.id = l.candidate_id
      JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)
     WHERE l.movement_id = $1 AND ${LINK_IN_FORCE('l')} ${inReach ? `AND ${inReach}` : ''}`;
    const [counts, rows] = await Promise.all([
      this.dataSource.query(`SELECT c.state, count(*)::int AS n ${linked} GROUP BY c.state`, params) as Promise<{ state: CandidateState; n: number }[]>,
      this.dataSource.query(
        `SELECT id, name, kind, year, field, state, "unitId", "unitName", "linkedAt" FROM (
           SELECT c.id, c.name, c.kind, c.year, c.field, c.state, c.unit_id AS "unitId", u.name AS "unitName", l.recorded_at AS "linkedAt",
                  row_number() OVER (PARTITION BY c.state ORDER BY c.name, c.id) AS n
           ${linked}) s
         WHERE s.n <= ${Number(perState)} ORDER BY s.name, s.id`,
        params,
      ) as Promise<LinkedCandidateRow[]>,
    ]);
    return { counts, rows };
  }

  /** Candidates discovered at the movement's review conferences within a reach, oldest first (at most `limit`), with how many in all. */
  async discoveredAt(movementId: string, reach: Reach, limit: number): Promise<{ total: number; rows: DiscoveredCandidateRow[] }> {
    const params: unknown[] = [movementId];
    const inReach = pathConditions(params).within('u.path', reach);
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, c.year, c.state, c.discovered_at_review_id AS "reviewId", u.id AS "unitId", u.name AS "unitName", count(*) OVER () AS total
         FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)
        WHERE c.discovered_at_movement_id = $1 ${inReach ? `AND ${inReach}` : ''}
        ORDER BY c.created_at, c.id LIMIT ${Number(limit)}`,
      params,
    )) as (DiscoveredCandidateRow & { total: string })[];
    return { total: rows.length ? Number(rows[0]!.total) : 0, rows: rows.map(({ total: _total, ...row }) => row) };
  }

  /** The materialised path of a candidate's unit. */
  async candidateUnitPath(candidateId: string): Promise<string | undefined> {
    const [candidate] = (await this.dataSource.query('SELECT u.path FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE c.id = $1', [candidateId])) as { path: string }[];
    return candidate?.path;
  }

  /** The link in force between a candidate and a movement, if any. */
  async linkInForce(em: EntityManager, candidateId: string, movementId: string): Promise<string | undefined> {
    const [current] = (await em.query(`SELECT l.id FROM candidate_movement_link l WHERE l.candidate_id = $1 AND l.movement_id = $2 AND ${LINK_IN_FORCE('l')}`, [
      candidateId,
      movementId,
    ])) as { id: string }[];
    return current?.id;
  }

  async insertLink(em: EntityManager, link: CandidateMovementLink): Promise<void> {
    await em.insert(CandidateMovementLink, link);
  }

  /** Every link and unlink of a candidate, oldest first. */
  linksOfCandidate(candidateId: string): Promise<CandidateLinkRow[]> {
    return this.dataSource.query(
      `SELECT l.id, l.movement_id AS "movementId", m.name AS "movementName", m.status, l.action, l.ends_id AS "endsId", l.reason,
              l.recorded_by AS "recordedBy", l.recorded_at AS "recordedAt",
              EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id) AS ended
         FROM candidate_movement_link l JOIN movement m ON m.id = l.movement_id
        WHERE l.candidate_id = $1
        ORDER BY l.recorded_at, l.id`,
      [candidateId],
    );
  }
}
