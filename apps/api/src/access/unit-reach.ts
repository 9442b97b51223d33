/**
 * What part of the unit tree a person's rights cover, and the same as SQL. Units carry a materialised path
 * (`/root/…/unit/`, uuids and slashes only, so no LIKE wildcard can occur in one): a unit's subtree is every path
 * that starts with its own. Every subtree condition in the API is built here.
 */
import type { Actor } from '../common/actor.js';

/** Unit heads reach their own unit's subtree (nothing, without a unit); every other role reaches every unit. */
export type Reach = { kind: 'everything' } | { kind: 'subtree'; path: string } | { kind: 'nothing' };

export const EVERYTHING: Reach = { kind: 'everything' };

export function reachOf(actor: Pick<Actor, 'role' | 'unitPath'>): Reach {
  if (actor.role !== 'UNIT_HEAD') return EVERYTHING;
  return actor.unitPath === null ? { kind: 'nothing' } : { kind: 'subtree', path: actor.unitPath };
}

/** Whether a reach includes the unit at `unitPath`. */
export function within(reach: Reach, unitPath: string): boolean {
  if (reach.kind === 'everything') return true;
  return reach.kind === 'subtree' && unitPath.startsWith(reach.path);
}

/** Whether the actor's reach includes the unit at `unitPath`. */
export function reaches(actor: Pick<Actor, 'role' | 'unitPath'>, unitPath: string): boolean {
  return within(reachOf(actor), unitPath);
}

/**
 * Whether the unit at `unitPath` is in the actor's line: their own unit, above it or below it (what a unit head
 * sees of movements: those they take part in and those they run).
 */
export function inLineOf(actor: Pick<Actor, 'role' | 'unitPath'>, unitPath: string): boolean {
  const reach = reachOf(actor);
  if (reach.kind !== 'subtree') return reach.kind === 'everything';
  return reach.path.startsWith(unitPath) || unitPath.startsWith(reach.path);
}

/** Builds parameterised conditions over a unit-path column; each call pushes its parameters and returns SQL. */
export class PathConditions {
  constructor(private readonly params: unknown[]) {}

  private param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  /** `column` lies in the subtree of the unit at `path` (the unit itself included). */
  subtree(column: string, path: string): string {
    return `${column} LIKE ${this.param(`${path}%`)}`;
  }

  /** `column` lies within the reach; null when the reach is everything (no condition to add). */
  within(column: string, reach: Reach): string | null {
    if (reach.kind === 'everything') return null;
    if (reach.kind === 'nothing') return 'false';
    return this.subtree(column, reach.path);
  }

  /** `column` is in the line of the reach's unit: the unit, above it or below it. */
  inLine(column: string, reach: Reach): string | null {
    if (reach.kind === 'everything') return null;
    if (reach.kind === 'nothing') return 'false';
    const p = this.param(reach.path);
    return `(${p} LIKE ${column} || '%' OR ${column} LIKE ${p} || '%')`;
  }
}

/** Conditions that push their parameters into `params`. */
export const pathConditions = (params: unknown[]) => new PathConditions(params);

/** The same conditions on a TypeORM query builder (named parameters). */
export function andWithin(qb: WhereBuilder, column: string, reach: Reach, name = 'reachPath'): void {
  if (reach.kind === 'nothing') qb.andWhere('false');
  if (reach.kind === 'subtree') qb.andWhere(`${column} LIKE :${name}`, { [name]: `${reach.path}%` });
}

export function andInLine(qb: WhereBuilder, column: string, reach: Reach, name = 'linePath'): void {
  if (reach.kind === 'nothing') qb.andWhere('false');
  if (reach.kind === 'subtree') qb.andWhere(`(:${name} LIKE ${column} || '%' OR ${column} LIKE :${name} || '%')`, { [name]: reach.path });
}

interface WhereBuilder {
  andWhere(condition: string, parameters?: Record<string, unknown>): unknown;
}
