/**
 * The unit tree's SQL. Every method takes the EntityManager it runs on: the transaction's inside one (on the
 * embedded database a second connection opened inside a transaction waits forever), `dataSource.manager` outside.
 * Holds no state, so the statechart's effects, which run outside Nest's injection, use an instance of their own.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryFailedError } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { Unit } from './unit.entity.js';

const isUniqueViolation = (e: unknown) => (e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505';

@Injectable()
export class UnitRepository {
  /**
   * The unit, share-locked until the transaction ends: it cannot change under what is being attached to it (a
   * child unit, a candidate, an adoption record), and attaching does not block other attachments.
   */
  lockShared(em: EntityManager, id: string): Promise<Unit | null> {
    return em.createQueryBuilder(Unit, 'u').setLock('pessimistic_read').where('u.id = :id', { id }).getOne();
  }

  /** The unit, locked for a change of its own. */
  lockForUpdate(em: EntityManager, id: string): Promise<Unit | null> {
    return em.createQueryBuilder(Unit, 'u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  /** Adds a unit; a code another unit already has is refused (UNIT_CODE_TAKEN). */
  async insert(em: EntityManager, unit: Unit): Promise<void> {
    try {
      await em.insert(Unit, unit);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('UNIT_CODE_TAKEN', { field: 'code', unitCode: unit.code });
      throw e;
    }
  }

  async rename(em: EntityManager, id: string, change: Pick<Unit, 'name' | 'version' | 'updatedAt'>): Promise<void> {
    await em.update(Unit, { id }, change);
  }

  find(db: EntityManager, id: string): Promise<Unit | null> {
    return db.findOneBy(Unit, { id });
  }

  /** Every unit, parents before their children (ordered by path). */
  all(db: EntityManager): Promise<Unit[]> {
    return db.find(Unit, { order: { path: 'ASC' } });
  }

  /** The unit's materialised path, or null when there is no such unit. */
  async pathOf(db: EntityManager, id: string): Promise<string | null> {
    const unit = await db.findOne(Unit, { select: { path: true }, where: { id } });
    return unit?.path ?? null;
  }
}
