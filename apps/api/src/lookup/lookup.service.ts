/**
 * Lookup (tra cứu): one search over candidates (people, collectives, households), units and movements, and a
 * subject's history. Reads only.
 *
 * Names match with or without diacritics: the query is folded by foldVietnamese (libs/domain/src/fold.ts) and every word must begin a
 * word of the folded name (`to_tsvector('simple', fold_vietnamese(name)) @@ 'w1:* & w2:*'`, served by the GIN
 * indexes of the Movements migration for candidates and movements; units are few and are scanned). Results are
 * ranked: the whole name, then names that begin with the query, then names containing it as a phrase, then the
 * rest; each rank by folded name.
 *
 * Scope: a unit head finds the candidates and units of their own subtree and the movements they see
 * (launched at, above or below their unit); the other readers find everything.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FIELDS, SECTORS, STAGES, SUBJECT_KINDS, UNIT_LEVELS, escapeLike, foldedPhrase, labelsOf, prefixQuery, type SubjectKind } from '#domain';
import { CANDIDATE_STATES, stageOf, type CandidateState } from '#workflow';
import { CandidateAccess } from '../access/candidate-access.js';
import type { Actor } from '../common/actor.js';
import { MovementAccess, movementVisibilitySql } from '../access/movement-access.js';
import { MOVEMENT_STATUSES } from '../movements/movement-lifecycle.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { UnitScope } from '../access/unit-scope.js';
import { pathConditions, reachOf } from '../access/unit-reach.js';
import type { LookupQuery } from './dto/lookup.query.js';
import { subjectNameSql } from './subjects.js';

type HitType = 'CANDIDATE' | 'UNIT' | 'MOVEMENT';

const stateWords = (state: string) => {
  const s = CANDIDATE_STATES.find((x) => x.code === state);
  return s ? { vi: s.vi, en: s.en } : null;
};

@Injectable()
export class LookupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitScope,
    private readonly movements: MovementAccess,
    private readonly candidates: CandidateAccess,
  ) {}

  async search(query: LookupQuery, actor: Actor) {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    // 422 for a unit that does not exist, 403 (audited) for one outside a unit head's reach.
    const scope = await this.units.of(actor, query.unitId);
    if (query.movementId) await this.movements.referenced(actor, query.movementId, 'movementId');

    const params: unknown[] = [];
    const p = (value: unknown) => `$${params.push(value)}`;
    const paths = pathConditions(params);
    const tsquery = query.q ? prefixQuery(query.q) : null;
    const phrase = query.q ? foldedPhrase(query.q) : '';
    const textGiven = query.q !== undefined;
    const match = (column: string) => (tsquery ? `to_tsvector('simple'::regconfig, fold_vietnamese(${column})) @@ to_tsquery('simple'::regconfig, ${p(tsquery)})` : textGiven ? 'false' : 'true');
    const rank = (column: string) =>
      phrase
        ? `CASE WHEN ${subjectNameSql(column)} = ${p(phrase)} THEN 0
                WHEN ${subjectNameSql(column)} LIKE ${p(`${escapeLike(phrase)}%`)} THEN 1
                WHEN ${subjectNameSql(column)} LIKE ${p(`%${escapeLike(phrase)}%`)} THEN 2 ELSE 3 END`
        : '0';

    const subjectKind = (SUBJECT_KINDS.map((k) => k.code) as string[]).includes(query.kind ?? '') ? (query.kind as SubjectKind) : null;
    const candidateOnly = Boolean(query.stage || query.state || query.movementId);
    // A filter that does not apply to a kind of result leaves that kind out (a unit has no year, stage or field).
    const wants = (type: HitType) =>
      type === 'CANDIDATE'
        ? !query.kind || subjectKind !== null
        : (!query.kind || query.kind === type) && !candidateOnly && !(type === 'UNIT' && (query.year || query.field));

    const parts: string[] = [];
    if (wants('CANDIDATE')) {
      const where = [match('c.name')];
      const inScope = paths.within('u.path', scope.reach);
      if (inScope) where.push(inScope);
      if (subjectKind) where.push(`c.kind = ${p(subjectKind)}`);
      if (query.stage) where.push(`c.state = ANY(${p(CANDIDATE_STATES.filter((s) => s.stage === query.stage).map((s) => s.code))}::text[])`);
      if (query.state) where.push(`c.state = ${p(query.state)}`);
      if (query.year) where.push(`c.year = ${p(query.year)}`);
      if (query.field) where.push(`c.field = ${p(query.field)}`);
      if (query.movementId) {
        where.push(`EXISTS (SELECT 1 FROM candidate_movement_link l WHERE l.candidate_id = c.id AND l.movement_id = ${p(query.movementId)} AND l.action = 'LINK'
                      AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id))`);
      }
      parts.push(`SELECT 'CANDIDATE' AS type, c.id, c.name, ${rank('c.name')} AS rank FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE ${where.join(' AND ')}`);
    }
    if (wants('UNIT')) {
      const where = [match('u.name')];
      const inScope = paths.within('u.path', scope.reach);
      if (inScope) where.push(inScope);
      parts.push(`SELECT 'UNIT' AS type, u.id, u.name, ${rank('u.name')} AS rank FROM unit u WHERE ${where.join(' AND ')}`);
    }
    if (wants('MOVEMENT')) {
      const where = [match('m.name')];
      // Without a unit, a unit head finds the movements they see; with one, those launched in its subtree.
      const visible = query.unitId ? null : movementVisibilitySql(actor, 'u.path', params);
      if (visible) where.push(visible);
      const inUnit = query.unitId ? paths.within('u.path', scope.reach) : null;
      if (inUnit) where.push(inUnit);
      if (query.year) where.push(`m.period_from <= ${p(`${query.year}-12-31`)}::date AND m.period_to >= ${p(`${query.year}-01-01`)}::date`);
      if (query.field) where.push(`${p(query.field)} = ANY(m.fields)`);
      parts.push(`SELECT 'MOVEMENT' AS type, m.id, m.name, ${rank('m.name')} AS rank FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE ${where.join(' AND ')}`);
    }

    const totals = { candidates: 0, units: 0, movements: 0 };
    let page: { type: HitType; id: string }[] = [];
    if (parts.length) {
      const hits = `WITH hits AS (${parts.join('\nUNION ALL\n')})`;
      const countParams = [...params];
      const [counts, rows] = await Promise.all([
        this.dataSource.query(`${hits} SELECT type, count(*)::int AS n FROM hits GROUP BY type`, countParams) as Promise<{ type: HitType; n: number }[]>,
        this.dataSource.query(`${hits} SELECT type, id FROM hits ORDER BY rank, fold_vietnamese(name), name, type, id LIMIT ${p(limit)} OFFSET ${p(offset)}`, params) as Promise<
          { type: HitType; id: string }[]
        >,
      ]);
      for (const c of counts) totals[c.type === 'CANDIDATE' ? 'candidates' : c.type === 'UNIT' ? 'units' : 'movements'] = c.n;
      page = rows;
    }
    const items = await this.hydrate(page);
    return {
      total: totals.candidates + totals.units + totals.movements,
      totals,
      limit,
      offset,
      query: query.q !== undefined ? { text: query.q, folded: phrase } : null,
      items,
    };
  }

  /** Every time the subject of this candidacy was a candidate, and what became of it. */
  async subjectHistory(actor: Actor, candidateId: string) {
    await this.candidates.assertReadable(actor, candidateId);
    const [{ subjectId }] = (await this.dataSource.query('SELECT coalesce(subject_id, id) AS "subjectId" FROM candidate WHERE id = $1', [candidateId])) as { subjectId: string }[];
    const params: unknown[] = [subjectId];
    const reach = pathConditions(params).within('u.path', reachOf(actor));
    const scope = reach ? `AND ${reach}` : '';
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.kind, c.name, c.year, c.field, c.state, c.achievement, c.discovery_channel AS "discoveryChannel", c.created_at AS "createdAt",
              u.id AS "unitId", u.name AS "unitName",
              -- when it entered the state it is in (self-transitions such as a check-in do not move the date)
              (SELECT e.occurred_at FROM audit_event e
                WHERE e.stream = 'candidate:' || c.id AND e.to_state = c.state AND e.from_state IS DISTINCT FROM e.to_state
                ORDER BY e.seq DESC LIMIT 1) AS "since",
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY m.name), '[]'::json)
                 FROM candidate_movement_link l JOIN movement m ON m.id = l.movement_id
                WHERE l.candidate_id = c.id AND l.action = 'LINK' AND NOT EXISTS (SELECT 1 FROM candidate_movement_link x WHERE x.ends_id = l.id)) AS movements
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        WHERE (c.id = $1 OR c.subject_id = $1) ${scope}
        ORDER BY c.year, c.created_at, c.id`,
      params,
    )) as {
      id: string;
      kind: SubjectKind;
      name: string;
      year: number;
      field: string;
      state: CandidateState;
      achievement: string;
      discoveryChannel: string;
      createdAt: Date;
      unitId: string;
      unitName: string;
      since: Date | null;
      movements: { id: string; name: string }[];
    }[];
    const latest = rows.at(-1)!;
    const recognised = rows.filter((r) => (RECOGNISED_STATES as readonly string[]).includes(r.state));
    return {
      subject: { id: subjectId, kind: latest.kind, kindLabel: labelsOf(SUBJECT_KINDS, latest.kind), name: latest.name, unit: { id: latest.unitId, name: latest.unitName } },
      rule: {
        vi: 'Một thành tích chỉ được khen thưởng một lần: trước khi đề nghị lại, đối chiếu thành tích với các lần đã được công nhận.',
        en: 'One achievement, one recognition: before nominating again, compare the achievement with those already recognised.',
      },
      recognitions: recognised.map((r) => ({ candidateId: r.id, year: r.year })),
      candidacies: rows.map((r) => ({
        id: r.id,
        name: r.name,
        year: r.year,
        unit: { id: r.unitId, name: r.unitName },
        field: r.field,
        fieldLabel: labelsOf(FIELDS, r.field),
        achievement: r.achievement,
        discoveryChannel: r.discoveryChannel,
        nominatedAt: new Date(r.createdAt).toISOString(),
        movements: r.movements,
        outcome: {
          state: r.state,
          stateLabel: stateWords(r.state),
          stage: stageOf(r.state),
          recognised: (RECOGNISED_STATES as readonly string[]).includes(r.state),
          final: CANDIDATE_STATES.find((s) => s.code === r.state)?.final ?? false,
          since: r.since ? new Date(r.since).toISOString() : null,
        },
      })),
    };
  }

  private async hydrate(page: { type: HitType; id: string }[]) {
    const ids = (type: HitType) => page.filter((h) => h.type === type).map((h) => h.id);
    const [candidates, units, movements] = await Promise.all([
      ids('CANDIDATE').length
        ? (this.dataSource.query(
            `SELECT c.id, c.kind, c.name, c.year, c.field, c.state, coalesce(c.subject_id, c.id) AS "subjectId", u.id AS "unitId", u.name AS "unitName"
               FROM candidate c JOIN unit u ON u.id = c.unit_id WHERE c.id = ANY($1::uuid[])`,
            [ids('CANDIDATE')],
          ) as Promise<{ id: string; kind: SubjectKind; name: string; year: number; field: string; state: CandidateState; subjectId: string; unitId: string; unitName: string }[]>)
        : [],
      ids('UNIT').length
        ? (this.dataSource.query(
            `SELECT u.id, u.name, u.code, u.level, u.sector, u.parent_id AS "parentId", p.name AS "parentName" FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.id = ANY($1::uuid[])`,
            [ids('UNIT')],
          ) as Promise<{ id: string; name: string; code: string | null; level: string; sector: string; parentId: string | null; parentName: string | null }[]>)
        : [],
      ids('MOVEMENT').length
        ? (this.dataSource.query(
            `SELECT m.id, m.name, m.status, m.period_from::text AS "periodFrom", m.period_to::text AS "periodTo", m.fields, u.id AS "unitId", u.name AS "unitName"
               FROM movement m JOIN unit u ON u.id = m.launching_unit_id WHERE m.id = ANY($1::uuid[])`,
            [ids('MOVEMENT')],
          ) as Promise<{ id: string; name: string; status: string; periodFrom: string; periodTo: string; fields: string[]; unitId: string; unitName: string }[]>)
        : [],
    ]);
    const byId = new Map<string, unknown>();
    for (const c of candidates) {
      const stage = stageOf(c.state);
      byId.set(c.id, {
        type: 'CANDIDATE',
        id: c.id,
        name: c.name,
        kind: c.kind,
        kindLabel: labelsOf(SUBJECT_KINDS, c.kind),
        unit: { id: c.unitId, name: c.unitName },
        year: c.year,
        field: c.field,
        fieldLabel: labelsOf(FIELDS, c.field),
        state: c.state,
        stateLabel: stateWords(c.state),
        stage,
        stageLabel: stage ? labelsOf(STAGES, stage) : null,
        subjectId: c.subjectId,
      });
    }
    for (const u of units) {
      byId.set(u.id, {
        type: 'UNIT',
        id: u.id,
        name: u.name,
        code: u.code,
        level: u.level,
        levelLabel: labelsOf(UNIT_LEVELS, u.level),
        sector: u.sector,
        sectorLabel: labelsOf(SECTORS, u.sector),
        parent: u.parentId ? { id: u.parentId, name: u.parentName } : null,
      });
    }
    for (const m of movements) {
      const status = MOVEMENT_STATUSES.find((s) => s.code === m.status);
      byId.set(m.id, {
        type: 'MOVEMENT',
        id: m.id,
        name: m.name,
        status: m.status,
        statusLabel: status ? { vi: status.vi, en: status.en } : null,
        launchingUnit: { id: m.unitId, name: m.unitName },
        periodFrom: m.periodFrom,
        periodTo: m.periodTo,
        fields: m.fields,
      });
    }
    return page.map((h) => byId.get(h.id));
  }
}
