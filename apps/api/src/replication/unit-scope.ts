/**
 * Unit-level access for features that work on units rather than candidates (plans, statistics). Units are
 * public (everyone may list them), so a unit outside a unit head's reach is refused with 403, audited, rather
 * than hidden behind a 404 as candidates are.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reaches } from '../accounts/access.js';
import { AccessRefusals } from '../accounts/access-refusals.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';

export interface ScopedUnit {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
}

/** The subtree a request works in: null means the whole province. */
export interface Scope {
  unit: ScopedUnit | null;
  /** Prefix of the materialised paths within scope, or null for everything. */
  pathPrefix: string | null;
  /** True when the scope is the whole province (no unit, or the root unit). */
  wholeProvince: boolean;
}

@Injectable()
export class UnitScope {
  constructor(
    private readonly dataSource: DataSource,
    private readonly refusals: AccessRefusals,
  ) {}

  /**
   * The unit, when it exists and the actor reaches it. `field` names the request field it came from: a
   * missing unit named in a filter or body is a 422 on that field, a missing unit in the route a 404.
   */
  async reachable(actor: Actor, unitId: string, field?: string): Promise<ScopedUnit> {
    const rows = (await this.dataSource.query('SELECT id, name, path, parent_id AS "parentId" FROM unit WHERE id = $1', [unitId])) as ScopedUnit[];
    const unit = rows[0];
    if (!unit) throw field ? new DomainError('REFERENCED_UNIT_NOT_FOUND', { field, unitId }) : new DomainError('UNIT_NOT_FOUND', { unitId });
    if (!reaches(actor, unit.path)) {
      await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { unitId });
      throw new DomainError('FORBIDDEN', field ? { field } : { unitId });
    }
    return unit;
  }

  /** The requested unit's subtree; without one, the unit head's own subtree, or everything for the others. */
  async of(actor: Actor, unitId: string | undefined, field = 'unitId'): Promise<Scope> {
    if (unitId) {
      const unit = await this.reachable(actor, unitId, field);
      return { unit, pathPrefix: unit.path, wholeProvince: unit.parentId === null };
    }
    if (actor.role === 'UNIT_HEAD') {
      // A unit head without a unit reaches nothing: a prefix no path has.
      const path = actor.unitPath ?? '/nowhere/';
      return { unit: null, pathPrefix: path, wholeProvince: actor.unitPath !== null && path.split('/').filter(Boolean).length === 1 };
    }
    return { unit: null, pathPrefix: null, wholeProvince: true };
  }
}

/** A LIKE pattern matching a path prefix and everything below it (paths are uuids and slashes: nothing to escape). */
export const subtreePattern = (prefix: string) => `${prefix}%`;
