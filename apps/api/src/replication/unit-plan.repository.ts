/**
 * The SQL of the units' yearly plans: revisions added under an advisory lock on the plan's audit stream, and their
 * reads. Every method takes the EntityManager it runs on: the transaction's inside one, `dataSource.manager` outside.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UnitLevel } from '#domain';
import { pathConditions, type Reach } from '../access/unit-reach.js';
import { UnitPlan } from './replication.entities.js';

/** A unit with its plan in force for a year, if it has one. */
export interface UnitPlanOverviewRow {
  id: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  planId: string | null;
  revision: number | null;
  documentNumber: string | null;
  writtenAt: Date | null;
  inspected: boolean | null;
}

@Injectable()
export class UnitPlanRepository {
  /**
   * Serialises the revisions of one unit's plan for one year, and the writers of its audit chain, until the
   * transaction ends. `stream` is the plan's audit stream name.
   */
  async lockPlan(em: EntityManager, stream: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [stream]);
  }

  /** The revision in force (0 when the unit has no plan for the year). */
  async currentRevision(em: EntityManager, unitId: string, year: number): Promise<number> {
    const [current] = (await em.query('SELECT max(revision)::int AS revision FROM unit_plan WHERE unit_id = $1 AND year = $2', [unitId, year])) as {
      revision: number | null;
    }[];
    return current?.revision ?? 0;
  }

  async add(em: EntityManager, plan: Omit<UnitPlan, 'unit'>): Promise<void> {
    await em.insert(UnitPlan, plan);
  }

  /** Every revision of the unit's plan for the year, the one in force first. */
  revisionsOf(db: EntityManager, unitId: string, year: number): Promise<UnitPlan[]> {
    return db.find(UnitPlan, { where: { unitId, year }, order: { revision: 'DESC' } });
  }

  /** Every unit within `reach`, in tree order, with its plan in force for the year (or none). */
  async overview(db: EntityManager, year: number, reach: Reach): Promise<UnitPlanOverviewRow[]> {
    const params: unknown[] = [year];
    const inScope = pathConditions(params).within('u.path', reach);
    const where = inScope ? `WHERE ${inScope}` : '';
    return (await db.query(
      `SELECT u.id, u.name, u.level, u.parent_id AS "parentId", p.id AS "planId", p.revision, p.document_number AS "documentNumber",
              p.written_at AS "writtenAt", p.inspection_result IS NOT NULL AS "inspected"
         FROM unit u
         LEFT JOIN LATERAL (
           SELECT * FROM unit_plan p WHERE p.unit_id = u.id AND p.year = $1 ORDER BY p.revision DESC LIMIT 1
         ) p ON true
         ${where}
        ORDER BY u.path`,
      params,
    )) as UnitPlanOverviewRow[];
  }
}
