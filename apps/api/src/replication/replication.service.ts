/**
 * Owns the replication ledger of recognised exemplars: honouring acts, adoptions by other units and yearly
 * follow-ups. They are written only as effects of the statechart's RECORD_* events (so each has its audit
 * record and takes the candidate's row lock), and never overwritten: a correction is a new row naming the one
 * it corrects. Reads show every row with what superseded it, and the spread of each model across units.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, type EntityTarget } from 'typeorm';
import { HONOURING_FORMS, FIELDS, labelsOf } from '#domain';
import { ADOPTION_STAGES, CANDIDATE_STATES } from '#workflow';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { Unit } from '../units/unit.entity.js';
import { EventEffects } from '../transitions/event-effects.js';
import { AdoptionRecord, FollowUpRecord, HonouringRecord } from './replication.entities.js';
import { UnitScope } from '../access/unit-scope.js';
import { pathConditions } from '../access/unit-reach.js';

/** The states in which a candidate is a recognised exemplar (and so counts, and can be replicated). */
export const RECOGNISED_STATES = ['recognised', 'replicating', 'replicationEnded'] as const;

type Correctable = typeof HonouringRecord | typeof AdoptionRecord | typeof FollowUpRecord;

@Injectable()
export class ReplicationService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly effects: EventEffects,
    private readonly scope: UnitScope,
  ) {}

  onModuleInit(): void {
    this.effects.register('RECORD_HONOURING', async ({ em, candidate, event, actor, now }) => {
      if (event.correctsId) await assertCorrectable(em, HonouringRecord, candidate.id, event.correctsId);
      if (event.evidenceId && !(await em.exists(EvidenceFile, { where: { id: event.evidenceId, candidateId: candidate.id } }))) {
        throw new DomainError('REFERENCED_EVIDENCE_NOT_FOUND', { field: 'payload.evidenceId', evidenceId: event.evidenceId });
      }
      const id = randomUUID();
      await em.insert(HonouringRecord, {
        id,
        candidateId: candidate.id,
        form: event.form,
        honouredOn: event.date,
        outlet: event.outlet,
        title: event.title,
        link: event.link ?? null,
        evidenceId: event.evidenceId ?? null,
        reach: event.reach ?? null,
        correctsId: event.correctsId ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      });
      return { honouringId: id };
    });

    this.effects.register('RECORD_ADOPTION', async ({ em, candidate, event, actor, now }) => {
      if (event.correctsId) await assertCorrectable(em, AdoptionRecord, candidate.id, event.correctsId);
      // A shared lock keeps the named unit as it is until the record commits.
      const unit = await em.createQueryBuilder(Unit, 'u').setLock('pessimistic_read').where('u.id = :id', { id: event.adoptingUnitId }).getOne();
      if (!unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'payload.adoptingUnitId', unitId: event.adoptingUnitId });
      if (unit.id === candidate.unitId) throw new DomainError('ADOPTING_UNIT_IS_OWN', { field: 'payload.adoptingUnitId' });
      const id = randomUUID();
      await em.insert(AdoptionRecord, {
        id,
        candidateId: candidate.id,
        adoptingUnitId: unit.id,
        stage: event.stage,
        occurredOn: event.date,
        description: event.description,
        correctsId: event.correctsId ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      });
      return { adoptionId: id, adoptingUnitName: unit.name };
    });

    this.effects.register('RECORD_FOLLOW_UP', async ({ em, candidate, event, actor, now }) => {
      if (event.year < candidate.year) throw new DomainError('FOLLOW_UP_YEAR_INVALID', { field: 'payload.year', year: event.year, exemplarYear: candidate.year });
      if (event.correctsId) {
        const corrected = await assertCorrectable(em, FollowUpRecord, candidate.id, event.correctsId);
        if (corrected.year !== event.year) throw new DomainError('FOLLOW_UP_YEAR_INVALID', { field: 'payload.year', year: event.year, correctedYear: corrected.year });
      } else {
        const [existing] = (await em.query(
          `SELECT f.id FROM follow_up_record f
            WHERE f.candidate_id = $1 AND f.year = $2 AND NOT EXISTS (SELECT 1 FROM follow_up_record n WHERE n.corrects_id = f.id)`,
          [candidate.id, event.year],
        )) as { id: string }[];
        if (existing) throw new DomainError('FOLLOW_UP_ALREADY_RECORDED', { field: 'payload.year', year: event.year, inForceId: existing.id });
      }
      const id = randomUUID();
      await em.insert(FollowUpRecord, {
        id,
        candidateId: candidate.id,
        year: event.year,
        followedOn: event.date,
        holdsUp: event.holdsUp,
        findings: event.findings,
        correctsId: event.correctsId ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      });
      return { followUpId: id };
    });
  }

  /** Everything recorded on an exemplar's replication, each row with the row that superseded it, if any. */
  async forCandidate(candidateId: string) {
    const candidate = await this.dataSource.getRepository(Candidate).findOne({ where: { id: candidateId }, relations: { unit: true } });
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const [honouring, adoptions, followUps] = await Promise.all([
      this.dataSource.getRepository(HonouringRecord).find({ where: { candidateId }, order: { honouredOn: 'ASC', recordedAt: 'ASC' } }),
      this.dataSource.getRepository(AdoptionRecord).find({ where: { candidateId }, relations: { adoptingUnit: true }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } }),
      this.dataSource.getRepository(FollowUpRecord).find({ where: { candidateId }, order: { year: 'ASC', recordedAt: 'ASC' } }),
    ]);
    const honouringViews = withSupersession(honouring).map(({ row, supersededBy }) => ({
      id: row.id,
      form: row.form,
      formLabel: labelsOf(HONOURING_FORMS, row.form),
      date: row.honouredOn,
      outlet: row.outlet,
      title: row.title,
      link: row.link,
      evidenceId: row.evidenceId,
      reach: row.reach,
      correctsId: row.correctsId,
      supersededBy,
      recordedBy: row.recordedBy,
      recordedAt: row.recordedAt.toISOString(),
    }));
    const adoptionViews = withSupersession(adoptions).map(({ row, supersededBy }) => ({
      id: row.id,
      adoptingUnit: { id: row.adoptingUnitId, name: row.adoptingUnit?.name ?? null },
      stage: row.stage,
      stageLabel: labelsOf(ADOPTION_STAGES, row.stage),
      date: row.occurredOn,
      description: row.description,
      correctsId: row.correctsId,
      supersededBy,
      recordedBy: row.recordedBy,
      recordedAt: row.recordedAt.toISOString(),
    }));
    const followUpViews = withSupersession(followUps).map(({ row, supersededBy }) => ({
      id: row.id,
      year: row.year,
      date: row.followedOn,
      holdsUp: row.holdsUp,
      findings: row.findings,
      correctsId: row.correctsId,
      supersededBy,
      recordedBy: row.recordedBy,
      recordedAt: row.recordedAt.toISOString(),
    }));

    const inForceAdoptions = adoptionViews.filter((a) => a.supersededBy === null);
    const latestFollowUp = followUpViews.filter((f) => f.supersededBy === null).at(-1) ?? null;
    return {
      candidateId,
      name: candidate.name,
      state: candidate.state,
      stateLabel: labelsOf(CANDIDATE_STATES, candidate.state),
      honouring: honouringViews,
      honouringForms: HONOURING_FORMS.map((f) => ({
        form: f.code,
        label: { vi: f.vi, en: f.en },
        count: honouringViews.filter((h) => h.supersededBy === null && h.form === f.code).length,
      })).filter((f) => f.count > 0),
      adoptions: adoptionViews,
      spread: spreadGraph(candidate.unit ? { id: candidate.unit.id, name: candidate.unit.name } : { id: candidate.unitId, name: '' }, inForceAdoptions),
      followUps: followUpViews,
      latestFollowUp,
      /** A follow-up found it no longer holds up while it is still being replicated: END_REPLICATION is open. */
      endOfReplicationSuggested: candidate.state === 'replicating' && latestFollowUp !== null && !latestFollowUp.holdsUp,
    };
  }

  /**
   * The models that spread furthest: recognised exemplars ranked by the number of distinct units that studied or
   * adopted them (records in force), within the actor's reach. One query.
   */
  async spread(actor: Actor, query: { unitId?: string; year?: number; field?: string; limit?: number }) {
    const scope = await this.scope.of(actor, query.unitId);
    const params: unknown[] = [[...RECOGNISED_STATES]];
    const where = ['c.state = ANY($1::text[])'];
    const inScope = pathConditions(params).within('u.path', scope.reach);
    if (inScope) where.push(inScope);
    if (query.year) where.push(`c.year = $${params.push(query.year)}`);
    if (query.field) where.push(`c.field = $${params.push(query.field)}`);
    const limit = params.push(query.limit ?? 20);
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, c.field, c.year, c.state, u.id AS "unitId", u.name AS "unitName",
              count(DISTINCT a.adopting_unit_id)::int AS "units",
              count(DISTINCT a.adopting_unit_id) FILTER (WHERE a.stage IN ('ADOPTED', 'OUTCOME'))::int AS "adoptingUnits",
              count(a.id)::int AS "records"
         FROM candidate c
         JOIN unit u ON u.id = c.unit_id
         JOIN adoption_record a ON a.candidate_id = c.id
        WHERE ${where.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM adoption_record n WHERE n.corrects_id = a.id)
        GROUP BY c.id, u.id
        ORDER BY "units" DESC, "adoptingUnits" DESC, c.name, c.id
        LIMIT $${limit}`,
      params,
    )) as { id: string; name: string; kind: string; field: string; year: number; state: string; unitId: string; unitName: string; units: number; adoptingUnits: number; records: number }[];
    return {
      items: rows.map((r, i) => ({
        rank: i + 1,
        candidateId: r.id,
        name: r.name,
        kind: r.kind,
        field: r.field,
        fieldLabel: labelsOf(FIELDS, r.field),
        year: r.year,
        state: r.state,
        unit: { id: r.unitId, name: r.unitName },
        unitsReached: r.units,
        unitsAdopted: r.adoptingUnits,
        records: r.records,
      })),
    };
  }
}

/** Checks that `id` is a record of this candidate that nothing has corrected yet, and returns it. */
async function assertCorrectable<T extends Correctable>(em: EntityManager, entity: T, candidateId: string, id: string): Promise<InstanceType<T>> {
  const target = entity as unknown as EntityTarget<InstanceType<T>>;
  const corrected = (await em.findOne(target, { where: { id, candidateId } as never })) as InstanceType<T> | null;
  if (!corrected) throw new DomainError('CORRECTED_RECORD_NOT_FOUND', { field: 'payload.correctsId', correctsId: id });
  const later = (await em.findOne(target, { where: { correctsId: id } as never })) as { id: string } | null;
  if (later) throw new DomainError('RECORD_ALREADY_CORRECTED', { field: 'payload.correctsId', correctsId: id, correctedBy: later.id });
  return corrected;
}

/** Pairs each row with the id of the row that corrects it (null: in force). */
function withSupersession<R extends { id: string; correctsId: string | null }>(rows: R[]): { row: R; supersededBy: string | null }[] {
  const correctedBy = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId!, r.id]));
  return rows.map((row) => ({ row, supersededBy: correctedBy.get(row.id) ?? null }));
}

/** Where a model has spread, as a small graph: the exemplar's unit and an edge to each unit that took it up. */
function spreadGraph(origin: { id: string; name: string }, adoptions: { adoptingUnit: { id: string; name: string | null }; stage: string; date: string }[]) {
  const edges = new Map<string, { from: string; to: string; stages: string[]; firstDate: string; lastDate: string }>();
  const nodes = new Map<string, { id: string; name: string | null; role: 'ORIGIN' | 'ADOPTER' }>([[origin.id, { ...origin, role: 'ORIGIN' }]]);
  for (const a of adoptions) {
    nodes.set(a.adoptingUnit.id, { ...a.adoptingUnit, role: 'ADOPTER' });
    const edge = edges.get(a.adoptingUnit.id) ?? { from: origin.id, to: a.adoptingUnit.id, stages: [], firstDate: a.date, lastDate: a.date };
    if (!edge.stages.includes(a.stage)) edge.stages.push(a.stage);
    if (a.date < edge.firstDate) edge.firstDate = a.date;
    if (a.date > edge.lastDate) edge.lastDate = a.date;
    edges.set(a.adoptingUnit.id, edge);
  }
  return {
    unitsReached: edges.size,
    unitsAdopted: [...edges.values()].filter((e) => e.stages.some((s) => s !== 'STUDY_VISIT')).length,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}
