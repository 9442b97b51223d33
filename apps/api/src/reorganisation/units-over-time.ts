/**
 * Reading history both ways: a candidate's unit as it was when nominated (the name it was filed under: the name
 * before the first change recorded after the nomination) and the unit that carries it on today,
 * and the exemplars counted by units as they were or as they are now. Both groupings count every exemplar exactly
 * once, so they add up to the same totals (test/reorganisation.e2e-spec.ts checks it after every kind of operation).
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { IntField, UuidField } from '../common/fields.js';
import { UnitScope } from '../access/unit-scope.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { pathConditions } from '../access/unit-reach.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import type { CandidateUnitHistory, ExemplarsByUnit } from '#contracts';

export class ByUnitQuery {
  @ApiPropertyOptional({ description: 'Theo đơn vị khi đề nghị (AS_NOMINATED) hay đơn vị hiện nay (TODAY) / By units as they were or as they are now', enum: ['AS_NOMINATED', 'TODAY'] })
  @IsOptional()
  @IsIn(['AS_NOMINATED', 'TODAY'])
  basis?: 'AS_NOMINATED' | 'TODAY';

  @IntField({ description: 'Từ năm / From year', min: 1900, max: 2200, optional: true, query: true })
  yearFrom?: number;

  @IntField({ description: 'Đến năm / To year', min: 1900, max: 2200, optional: true, query: true })
  yearTo?: number;

  @UuidField({ description: 'Đơn vị và các đơn vị trực thuộc / Unit and its subtree', optional: true })
  unitId?: string;
}

const COUNTED = RECOGNISED_STATES.map((s) => `'${s}'`).join(', ');

/**
 * The exemplars by unit. Candidates are counted per (nomination unit, placement) straight off the covering index
 * IDX_candidate_statistics (a few hundred groups from a million rows); only those groups are then mapped onto a
 * unit: the nomination unit (as they were), or the nearest active unit at or above where the candidate lives
 * (today). The scope is where the candidate lives today, for both bases.
 */
export function exemplarsByUnitQuery(basis: 'AS_NOMINATED' | 'TODAY', yearFrom: number, yearTo: number, reach: Parameters<ReturnType<typeof pathConditions>['within']>[1]) {
  const params: unknown[] = [yearFrom, yearTo];
  const inReach = pathConditions(params).within('h.path', reach);
  const target =
    basis === 'AS_NOMINATED'
      ? 'g.unit_id'
      : `(SELECT a.id FROM unit a WHERE h.path LIKE a.path || '%' AND a.status = 'ACTIVE' ORDER BY length(a.path) DESC LIMIT 1)`;
  const sql = `
WITH g AS (
  SELECT c.unit_id, c.home_unit_id, c.kind, count(*)::int AS n
    FROM candidate c
   WHERE c.state IN (${COUNTED}) AND c.year BETWEEN $1 AND $2
   GROUP BY c.unit_id, c.home_unit_id, c.kind
),
m AS (
  SELECT ${target} AS target, g.kind, g.n
    FROM g JOIN unit h ON h.id = coalesce(g.home_unit_id, g.unit_id)
   ${inReach !== null ? `WHERE ${inReach}` : ''}
)
SELECT t.id, t.name, t.status, t.path,
       coalesce(sum(m.n) FILTER (WHERE m.kind = 'COLLECTIVE'), 0)::int AS collective,
       coalesce(sum(m.n) FILTER (WHERE m.kind = 'INDIVIDUAL'), 0)::int AS individual,
       coalesce(sum(m.n) FILTER (WHERE m.kind = 'HOUSEHOLD'), 0)::int AS household,
       sum(m.n)::int AS total
  FROM m JOIN unit t ON t.id = m.target
 GROUP BY t.id, t.name, t.status, t.path
 ORDER BY t.path`;
  return { sql, params };
}

@Injectable()
export class UnitsOverTime {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: UnitScope,
    private readonly candidates: CandidateAccess,
  ) {}

  async exemplarsByUnit(actor: Actor, q: ByUnitQuery): Promise<ExemplarsByUnit> {
    const basis = q.basis ?? 'TODAY';
    const yearFrom = q.yearFrom ?? 1900;
    const yearTo = q.yearTo ?? 2200;
    if (yearFrom > yearTo) throw new DomainError('VALIDATION_FAILED', { field: 'yearFrom', fieldLabel: { vi: 'Từ năm', en: 'From year' } });
    const scope = await this.scope.of(actor, q.unitId);
    const { sql, params } = exemplarsByUnitQuery(basis, yearFrom, yearTo, scope.reach);
    const rows = (await this.dataSource.query(sql, params)) as { id: string; name: string; status: 'ACTIVE' | 'RETIRED'; collective: number; individual: number; household: number; total: number }[];
    const sum = (k: 'collective' | 'individual' | 'household' | 'total') => rows.reduce((s, r) => s + r[k], 0);
    return {
      basis,
      yearFrom,
      yearTo,
      rows: rows.map(({ id, name, status, collective, individual, household, total }) => ({ unit: { id, name }, status, collective, individual, household, total })),
      totals: { collective: sum('collective'), individual: sum('individual'), household: sum('household'), total: sum('total') },
    };
  }

  /** The unit a candidate was nominated in, with the name it had then, and the unit that carries it on today. */
  async candidateUnits(actor: Actor, candidateId: string): Promise<CandidateUnitHistory> {
    await this.candidates.assertReadable(actor, candidateId);
    const db = this.dataSource.manager;
    const [c] = (await db.query(
      `SELECT c.unit_id AS "unitId", c.home_unit_id AS "homeUnitId", c.created_at AS "createdAt", u.name, u.status, h.path AS "livesPath",
              (SELECT ch.name_before FROM unit_change ch JOIN unit_operation o ON o.id = ch.operation_id
                WHERE ch.unit_id = c.unit_id AND ch.name_before IS NOT NULL AND ch.name_before <> ch.name_after AND o.recorded_at > c.created_at
                ORDER BY o.recorded_at LIMIT 1) AS "nameThen"
         FROM candidate c JOIN unit u ON u.id = c.unit_id JOIN unit h ON h.id = coalesce(c.home_unit_id, c.unit_id) WHERE c.id = $1`,
      [candidateId],
    )) as { unitId: string; homeUnitId: string | null; createdAt: Date; name: string; status: 'ACTIVE' | 'RETIRED'; livesPath: string; nameThen: string | null }[];
    if (!c) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const [today] = (await db.query(`SELECT a.id, a.name FROM unit a WHERE $1 LIKE a.path || '%' AND a.status = 'ACTIVE' ORDER BY length(a.path) DESC LIMIT 1`, [c.livesPath])) as { id: string; name: string }[];
    const placements = (await db.query(
      `SELECT p.effective_on::text AS "effectiveOn", f.id AS "fromId", f.name AS "fromName", t.id AS "toId", t.name AS "toName", o.document_number AS "documentNumber"
         FROM candidate_placement p JOIN unit f ON f.id = p.from_unit_id JOIN unit t ON t.id = p.to_unit_id JOIN unit_operation o ON o.id = p.operation_id
        WHERE p.candidate_id = $1 ORDER BY p.effective_on, o.recorded_at`,
      [candidateId],
    )) as { effectiveOn: string; fromId: string; fromName: string; toId: string; toName: string; documentNumber: string }[];
    return {
      nominatedIn: { id: c.unitId, name: c.name, nameThen: c.nameThen ?? c.name, status: c.status },
      today: today ?? null,
      placements: placements.map((p) => ({ effectiveOn: p.effectiveOn, from: { id: p.fromId, name: p.fromName }, to: { id: p.toId, name: p.toName }, documentNumber: p.documentNumber })),
    };
  }
}
