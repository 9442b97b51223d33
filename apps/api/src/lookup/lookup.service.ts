/**
 * Lookup (tra cứu): one search over candidates (people, collectives, households), units and movements, and a
 * subject's history. Reads only.
 *
 * Names match with or without diacritics: the query is folded as libs/domain's foldVietnamese folds it, and
 * every word must begin a word of the folded name (LookupRepository holds the SQL: the GIN indexes of the
 * Movements migration serve it). Results are ranked: the whole name, then names that begin with the query, then
 * names containing it as a phrase, then the rest; each rank by folded name. This service decides which kinds of
 * result a filter applies to and in whose scope, and shapes the hits.
 *
 * Scope: a unit head finds the candidates and units of their own subtree and the movements they see
 * (launched at, above or below their unit); the other readers find everything.
 */
import { Injectable } from '@nestjs/common';
import { FIELDS, MOVEMENT_STATUSES, SECTORS, STAGES, SUBJECT_KINDS, UNIT_LEVELS, foldedPhrase, labelsOf, prefixQuery, type SubjectKind } from '#domain';
import { CANDIDATE_STATES, stageOf } from '#workflow';
import { CandidateAccess } from '../access/candidate-access.js';
import type { Actor } from '../common/actor.js';
import { MovementAccess } from '../access/movement-access.js';
import { RECOGNISED_STATES } from '../replication/replication.service.js';
import { UnitScope } from '../access/unit-scope.js';
import { reachOf } from '../access/unit-reach.js';
import type { LookupHit, LookupResult, SubjectHistory } from '#contracts';
import type { LookupQuery } from './dto/lookup.query.js';
import { LookupRepository, type HitType, type SearchCriteria } from './lookup.repository.js';
import { SubjectRepository } from './subject.repository.js';

const stateWords = (state: string) => {
  const s = CANDIDATE_STATES.find((x) => x.code === state);
  return s ? { vi: s.vi, en: s.en } : null;
};

@Injectable()
export class LookupService {
  constructor(
    private readonly lookups: LookupRepository,
    private readonly subjects: SubjectRepository,
    private readonly units: UnitScope,
    private readonly movements: MovementAccess,
    private readonly candidates: CandidateAccess,
  ) {}

  async search(query: LookupQuery, actor: Actor): Promise<LookupResult> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    // 422 for a unit that does not exist, 403 (audited) for one outside a unit head's reach.
    const scope = await this.units.of(actor, query.unitId);
    if (query.movementId) await this.movements.referenced(actor, query.movementId, 'movementId');

    const phrase = query.q ? foldedPhrase(query.q) : '';
    const subjectKind = (SUBJECT_KINDS.map((k) => k.code) as string[]).includes(query.kind ?? '') ? (query.kind as SubjectKind) : null;
    const candidateOnly = Boolean(query.stage || query.state || query.movementId);
    // A filter that does not apply to a kind of result leaves that kind out (a unit has no year, stage or field).
    const wants = (type: HitType) =>
      type === 'CANDIDATE'
        ? !query.kind || subjectKind !== null
        : (!query.kind || query.kind === type) && !candidateOnly && !(type === 'UNIT' && (query.year || query.field));

    const criteria: SearchCriteria = {};
    if (query.q !== undefined) criteria.text = { tsquery: query.q ? prefixQuery(query.q) : null, phrase };
    if (wants('CANDIDATE')) {
      criteria.candidates = {
        reach: scope.reach,
        ...(subjectKind ? { kind: subjectKind } : {}),
        ...(query.stage ? { states: CANDIDATE_STATES.filter((s) => s.stage === query.stage).map((s) => s.code) } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.year ? { year: query.year } : {}),
        ...(query.field ? { field: query.field } : {}),
        ...(query.movementId ? { movementId: query.movementId } : {}),
      };
    }
    if (wants('UNIT')) criteria.units = { reach: scope.reach };
    if (wants('MOVEMENT')) {
      // Without a unit, a unit head finds the movements they see; with one, those launched in its subtree.
      criteria.movements = {
        ...(query.unitId ? { launchedWithin: scope.reach } : { seenFrom: reachOf(actor) }),
        ...(query.year ? { year: query.year } : {}),
        ...(query.field ? { field: query.field } : {}),
      };
    }
    const { counts, hits: page } = await this.lookups.search(criteria, limit, offset);
    const totals = { candidates: 0, units: 0, movements: 0 };
    for (const c of counts) totals[c.type === 'CANDIDATE' ? 'candidates' : c.type === 'UNIT' ? 'units' : 'movements'] = c.n;
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
  async subjectHistory(actor: Actor, candidateId: string): Promise<SubjectHistory> {
    await this.candidates.assertReadable(actor, candidateId);
    const subjectId = (await this.subjects.subjectOf(candidateId))!;
    const rows = await this.subjects.candidacies(subjectId, reachOf(actor));
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

  private async hydrate(page: { type: HitType; id: string }[]): Promise<LookupHit[]> {
    const ids = (type: HitType) => page.filter((h) => h.type === type).map((h) => h.id);
    const [candidates, units, movements] = await Promise.all([this.lookups.candidateHits(ids('CANDIDATE')), this.lookups.unitHits(ids('UNIT')), this.lookups.movementHits(ids('MOVEMENT'))]);
    const byId = new Map<string, LookupHit>();
    for (const c of candidates) {
      const stage = stageOf(c.state);
      byId.set(c.id, {
        type: 'CANDIDATE' as const,
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
        type: 'UNIT' as const,
        id: u.id,
        name: u.name,
        code: u.code,
        level: u.level,
        levelLabel: labelsOf(UNIT_LEVELS, u.level),
        sector: u.sector,
        sectorLabel: labelsOf(SECTORS, u.sector),
        parent: u.parentId ? { id: u.parentId, name: u.parentName! } : null,
      });
    }
    for (const m of movements) {
      const status = MOVEMENT_STATUSES.find((s) => s.code === m.status);
      byId.set(m.id, {
        type: 'MOVEMENT' as const,
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
    // Every hit of the page was read back just now: rows are never deleted.
    return page.map((h) => byId.get(h.id)!);
  }
}
