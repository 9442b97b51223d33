/**
 * The SQL of lookup: one ranked search over candidates, units and movements (a UNION of the kinds asked for,
 * counted by kind and cut to one page), the rows that fill a page of hits, and a subject's candidacies.
 *
 * Names match on their folded form: `to_tsvector('simple', fold_vietnamese(name)) @@ 'w1:* & w2:*'`, served by the
 * GIN indexes of the Movements migration for candidates and movements; units are few and are scanned. Ranking:
 * the whole name, then names that begin with the phrase, then names containing it, then the rest; each rank by
 * folded name. Reads only.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { escapeLike, type Field, type MovementStatus, type Sector, type SubjectKind, type UnitLevel } from '#domain';
import type { CandidateState } from '#workflow';
import { pathConditions, type Reach } from '../access/unit-reach.js';
import { subjectNameSql } from './subject.repository.js';

export type HitType = 'CANDIDATE' | 'UNIT' | 'MOVEMENT';

/** What a search looks for. A kind left out is not searched. */
export interface SearchCriteria {
  /** The query's text, folded: its prefix tsquery (null when it has no words: nothing matches) and its phrase. */
  text?: { tsquery: string | null; phrase: string };
  candidates?: {
    reach: Reach;
    kind?: SubjectKind;
    /** Candidates in one of these states (a stage's). */
    states?: readonly CandidateState[];
    state?: CandidateState;
    year?: number;
    field?: Field;
    /** Candidates that lead this movement (a link in force). */
    movementId?: string;
  };
  units?: { reach: Reach };
  movements?: {
    /** Movements launched in the line of this reach (at, above or below it): what a person sees. */
    seenFrom?: Reach;
    /** Movements launched within this reach (a unit's subtree). */
    launchedWithin?: Reach;
    year?: number;
    field?: Field;
  };
}

export interface SearchPage {
  counts: { type: HitType; n: number }[];
  /** The page's hits in rank order. */
  hits: { type: HitType; id: string }[];
}

export interface CandidateHitRow {
  id: string;
  kind: SubjectKind;
  name: string;
  year: number;
  field: Field;
  state: CandidateState;
  subjectId: string;
  unitId: string;
  unitName: string;
}

export interface UnitHitRow {
  id: string;
  name: string;
  code: string | null;
  level: UnitLevel;
  sector: Sector;
  parentId: string | null;
  parentName: string | null;
}

export interface MovementHitRow {
  id: string;
  name: string;
  status: MovementStatus;
  periodFrom: string;
  periodTo: string;
  fields: Field[];
  unitId: string;
  unitName: string;
}

@Injectable()
export class LookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(c: SearchCriteria, limit: number, offset: number): Promise<SearchPage> {
    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const paths = pathConditions(params);
    const match = (column: string) =>
      c.text?.tsquery ? `to_tsvector('simple'::regconfig, fold_vietnamese(${column})) @@ to_tsquery('simple'::regconfig, ${p(c.text.tsquery)})` : c.text ? 'false' : 'true';
    const phrase = c.text?.phrase ?? '';
    const rank = (column: string) =>
      phrase
        ? `CASE WHEN ${subjectNameSql(column)} = ${p(phrase)} THEN 0
                WHEN ${subjectNameSql(column)} LIKE ${p(`${escapeLike(phrase)}%`)} THEN 1
                WHEN ${subjectNameSql(column)} LIKE ${p(`%${escapeLike(phrase)}%`)} THEN 2 ELSE 3 END`
        : '0';

    const parts: string[] = [];
    if (c.candidates) {
      const k = c.candidates;
      const where = [match('c.name')];
      const inScope = paths.within('u.path', k.reach);
      if (inScope) where.push(inScope);
      if (k.kind) where.push(`c.kind = ${p(k.kind)}`);
      if (k.states) where.push(`c.state = ANY(${p(k.states)}::text[])`);
      if (k.state) where.push(`c.state = ${p(k.state)}`);
      if (k.year) where.push(`c.year = ${p(k.year)}`);
      if (k.field) where.push(`c.field = ${p(k.field)}`);
      if (k.movementId) {
        where.push(`EXISTS (SELECT 1 FROM candidate_movement_link l WHERE l.candidate_id = c.id AND l.movement_id = ${p(k.movementId)} AND l.action = 'LINK'
                      AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id))`);
      }
      parts.push(`SELECT 'CANDIDATE' AS type, c.id, c.name, ${rank('c.name')} AS rank FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE ${where.join(' AND ')}`);
    }
    if (c.units) {
      const where = [match('u.name')];
      const inScope = paths.within('u.path', c.units.reach);
      if (inScope) where.push(inScope);
      parts.push(`SELECT 'UNIT' AS type, u.id, u.name, ${rank('u.name')} AS rank FROM unit u WHERE ${where.join(' AND ')}`);
    }
    if (c.movements) {
      const k = c.movements;
      const where = [match('m.name')];
      const seen = k.seenFrom ? paths.inLine('u.path', k.seenFrom) : null;
      if (seen) where.push(seen);
      const launched = k.launchedWithin ? paths.within('u.path', k.launchedWithin) : null;
      if (launched) where.push(launched);
      if (k.year) where.push(`m.period_from <= ${p(`${k.year}-12-31`)}::date AND m.period_to >= ${p(`${k.year}-01-01`)}::date`);
      if (k.field) where.push(`${p(k.field)} = ANY(m.fields)`);
      parts.push(`SELECT 'MOVEMENT' AS type, m.id, m.name, ${rank('m.name')} AS rank FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE ${where.join(' AND ')}`);
    }
    if (parts.length === 0) return { counts: [], hits: [] };

    const hits = `WITH hits AS (${parts.join('\nUNION ALL\n')})`;
    const countParams = [...params];
    const [counts, rows] = await Promise.all([
      this.dataSource.query(`${hits} SELECT type, count(*)::int AS n FROM hits GROUP BY type`, countParams) as Promise<{ type: HitType; n: number }[]>,
      this.dataSource.query(`${hits} SELECT type, id FROM hits ORDER BY rank, fold_vietnamese(name), name, type, id LIMIT ${p(limit)} OFFSET ${p(offset)}`, params) as Promise<
        { type: HitType; id: string }[]
      >,
    ]);
    return { counts, hits: rows };
  }

  candidateHits(ids: string[]): Promise<CandidateHitRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT c.id, c.kind, c.name, c.year, c.field, c.state, coalesce(c.subject_id, c.id) AS "subjectId", u.id AS "unitId", u.name AS "unitName"
         FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  unitHits(ids: string[]): Promise<UnitHitRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT u.id, u.name, u.code, u.level, u.sector, u.parent_id AS "parentId", p.name AS "parentName" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  movementHits(ids: string[]): Promise<MovementHitRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT m.id, m.name, m.status, m.period_from::text AS "periodFrom", m.period_to::text AS "periodTo", m.fields, u.id AS "unitId", u.name AS "unitName"
         FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE m.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
