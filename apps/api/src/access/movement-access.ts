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
 * launching unit never changes, so what was checked still holds under the row lock taken afterwards. The
 * movement's head (launching unit, status, version) is read, or locked, through the movements feature's repository.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessRefusals } from './access-refusals.js';
import { inLineOf, reaches } from './unit-reach.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { MovementRepository, type MovementHead } from '../movements/movement.repository.js';

/** A unit head sees movements launched at, above or below their own unit. */
export function seesMovement(actor: Actor, launchingPath: string): boolean {
  return inLineOf(actor, launchingPath);
}

/** Running a movement needs reach over its launching unit (the secretariat reaches every unit). */
export function runsMovement(actor: Actor, launchingPath: string): boolean {
  return reaches(actor, launchingPath);
}

@Injectable()
export class MovementAccess {
  constructor(
    private readonly movements: MovementRepository,
    private readonly refusals: AccessRefusals,
  ) {}

  /** The movement, when the actor sees it; 404 otherwise (audited when it exists). */
  async readable(actor: Actor, id: string): Promise<MovementHead> {
    const movement = await this.movements.head(id);
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

  /**
   * A movement named in a request body or filter: 422 on that field when missing or not seen by the actor (not
   * audited: it is a reference, not an attempt to read the movement). Inside a transaction, pass its manager.
   */
  async referenced(actor: Actor, id: string, field: string, em?: EntityManager): Promise<MovementHead> {
    const movement = await this.movements.head(id, em);
    if (!movement || !seesMovement(actor, movement.launchingPath)) throw new DomainError('REFERENCED_MOVEMENT_NOT_FOUND', { field, movementId: id });
    return movement;
  }

  /** Locks the movement row inside the caller's transaction: it serialises every writer of `movement:<id>`. */
  async lock(em: EntityManager, id: string): Promise<MovementHead> {
    const movement = await this.movements.lockHead(em, id);
    if (!movement) throw new DomainError('MOVEMENT_NOT_FOUND', { movementId: id });
    return movement;
  }
}

