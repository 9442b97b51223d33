/**
 * Unit-level access for features that work on units rather than candidates (plans, statistics, lookup). Units are
 * public (everyone may list them), so a unit outside a unit head's reach is refused with 403, audited, rather
 * than hidden behind a 404 as candidates are.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { AccessRefusals } from './access-refusals.js';
import { UnitRepository } from '../units/unit.repository.js';
import { reachOf, reaches, type Reach } from './unit-reach.js';

export interface ScopedUnit {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
}

/** The part of the unit tree a request works in. */
export interface Scope {
  /** The unit the request named, if it named one. */
  unit: ScopedUnit | null;
  /** The subtree to work in: the named unit's, else the actor's own reach. */
  reach: Reach;
  /** True when the scope is the whole province (no unit or the root unit, for a person who reaches it). */
  wholeProvince: boolean;
}

@Injectable()
export class UnitScope {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitRepository,
    private readonly refusals: AccessRefusals,
  ) {}

  /**
   * The unit, when it exists and the actor reaches it. `field` names the request field it came from: a
   * missing unit named in a filter or body is a 422 on that field, a missing unit in the route a 404.
   */
  async reachable(actor: Actor, unitId: string, field?: string): Promise<ScopedUnit> {
    const unit: ScopedUnit | null = await this.units.find(this.dataSource.manager, unitId);
    if (!unit) throw field ? new DomainError('REFERENCED_UNIT_NOT_FOUND', { field, unitId }) : new DomainError('UNIT_NOT_FOUND', { unitId });
    if (!reaches(actor, unit.path)) {
      await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { unitId });
      throw new DomainError('FORBIDDEN', field ? { field } : { unitId });
    }
    return unit;
  }

  /** The requested unit's subtree; without one, the actor's own reach (a unit head's subtree, or everything). */
  async of(actor: Actor, unitId: string | undefined, field = 'unitId'): Promise<Scope> {
    if (unitId) {
      const unit = await this.reachable(actor, unitId, field);
      return { unit, reach: { kind: 'subtree', path: unit.path }, wholeProvince: unit.parentId === null };
    }
    const reach = reachOf(actor);
    const wholeProvince = reach.kind === 'everything' || (reach.kind === 'subtree' && reach.path.split('/').filter(Boolean).length === 1);
    return { unit: null, reach, wholeProvince };
  }
}
