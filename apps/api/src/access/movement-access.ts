/**
 * Who sees and who runs a movement.
 *
 * - Everyone who reads candidates sees every movement, except unit heads: they see the movements launched by
 *   their own unit, by a unit above it (those they take part in) or by a unit below it. Any other movement
 *   answers exactly as a missing one (404), as candidates do, and the refusal is audited.
 * - Running a movement (its lifecycle, reviews, corrections, document) is for the secretariat and for unit
 *   heads of the launching unit or a unit above it. A unit head below the launching unit sees the movement
 *   but may not run it: 403.
 *
 * Refusals are audited in their own transaction, so these checks run before the use case's transaction
 * (on the embedded database a second connection inside a transaction would wait forever). A movement's
 * launching unit never changes, so what was checked still holds under the row lock taken afterwards.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessRefusals } from './access-refusals.js';
import { inLineOf, pathConditions, reachOf, reaches } from './unit-reach.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import type { MovementStatus } from '../movements/movement-lifecycle.js';

export interface MovementHead {
  id: string;
  name: string;
  launchingUnitId: string;
  launchingPath: string;
  status: MovementStatus;
  version: number;
}

type Queryable = Pick<EntityManager, 'query'>;

const HEAD_SQL = `SELECT m.id, m.name, m.launching_unit_id AS "launchingUnitId", u.path AS "launchingPath", m.status, m.version
  FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE m.id = $1`;

/** A unit head sees movements launched at, above or below their own unit. */
export function seesMovement(actor: Actor, launchingPath: string): boolean {
  return inLineOf(actor, launchingPath);
}

/** Running a movement needs reach over its launching unit (the secretariat reaches every unit). */
export function runsMovement(actor: Actor, launchingPath: string): boolean {
  return reaches(actor, launchingPath);
}

/**
 * The same visibility as SQL over the launching unit's path (`pathColumn`); pushes its parameter and returns
 * the condition, or null when the actor sees every movement.
 */
export function movementVisibilitySql(actor: Actor, pathColumn: string, params: unknown[]): string | null {
  return pathConditions(params).inLine(pathColumn, reachOf(actor));
}

/** A movement named in a request body or filter: 422 on that field when missing or not seen by the actor. */
export async function referencedMovement(db: Queryable, actor: Actor, id: string, field: string): Promise<MovementHead> {
  const rows = (await db.query(HEAD_SQL, [id])) as MovementHead[];
  const movement = rows[0];
  if (!movement || !seesMovement(actor, movement.launchingPath)) throw new DomainError('REFERENCED_MOVEMENT_NOT_FOUND', { field, movementId: id });
  return movement;
}

@Injectable()
export class MovementAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refusals: AccessRefusals,
  ) {}

  async head(id: string, db: Queryable = this.dataSource): Promise<MovementHead | undefined> {
    const rows = (await db.query(HEAD_SQL, [id])) as MovementHead[];
    return rows[0];
  }

  /** The movement, when the actor sees it; 404 otherwise (audited when it exists). */
  async readable(actor: Actor, id: string): Promise<MovementHead> {
    const movement = await this.head(id);
    if (!movement) throw new DomainError('MOVEMENT_NOT_FOUND', { movementId: id });
    if (!seesMovement(actor, movement.launchingPath)) {
      await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { movementId: id });
      throw new DomainError('MOVEMENT_NOT_FOUND', { movementId: id });
    }
    return movement;
  }

  /** The movement, when the actor may run it: 404 when unseen, 403 when seen but not theirs to run. */
  async runnable(actor: Actor, id: string): Promise<MovementHead> {
    const movement = await this.readable(actor, id);
    if (!runsMovement(actor, movement.launchingPath)) {
      await this.refusals.record(actor, 'MOVEMENT_NOT_RUN_BY_UNIT', { movementId: id });
      throw new DomainError('FORBIDDEN', { movementId: id });
    }
    return movement;
  }

  /** A movement named in a request body or filter: 422 on that field when missing or not seen by the actor. */
  referenced(actor: Actor, id: string, field: string, db: Queryable = this.dataSource): Promise<MovementHead> {
    return referencedMovement(db, actor, id, field);
  }

  /** Locks the movement row inside the caller's transaction: it serialises every writer of `movement:<id>`. */
  async lock(em: EntityManager, id: string): Promise<MovementHead> {
    const rows = (await em.query(`${HEAD_SQL} FOR UPDATE OF m`, [id])) as MovementHead[];
    if (!rows[0]) throw new DomainError('MOVEMENT_NOT_FOUND', { movementId: id });
    return rows[0];
  }
}

