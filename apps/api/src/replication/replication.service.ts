/**
 * Owns the reading of the replication ledger of recognised exemplars: honouring acts, adoptions by other units and
 * yearly follow-ups. They are written only as effects of the statechart's RECORD_* events (replication.effects.ts:
 * so each has its audit record and takes the candidate's row lock), and never overwritten: a correction is a new
 * row naming the one it corrects. Reads show every row with what superseded it, and the spread of each model
 * across units.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HONOURING_FORMS, FIELDS, labelsOf, type Field } from '#domain';
import { ADOPTION_STAGES, CANDIDATE_STATES, type AdoptionStage } from '#workflow';
import type { AdoptionRecordView, FollowUpRecordView, HonouringRecordView, ReplicationView, SpreadGraph, SpreadRanking } from '#contracts';
import { peopleNamed } from '../audit/audit-names.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { ReplicationRepository } from './replication.repository.js';
import { UnitScope } from '../access/unit-scope.js';

/** The states in which a candidate is a recognised exemplar (and so counts, and can be replicated). */
export const RECOGNISED_STATES = ['recognised', 'replicating', 'replicationEnded'] as const;

@Injectable()
export class ReplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: UnitScope,
    private readonly candidates: CandidateRepository,
    private readonly ledger: ReplicationRepository,
  ) {}

  /** Everything recorded on an exemplar's replication, each row with the row that superseded it, if any. */
  async forCandidate(candidateId: string): Promise<ReplicationView> {
    const db = this.dataSource.manager;
    const candidate = await this.candidates.findWithUnit(db, candidateId);
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const [honouring, adoptions, followUps] = await Promise.all([
      this.ledger.honouringOf(db, candidateId),
      this.ledger.adoptionsOf(db, candidateId),
      this.ledger.followUpsOf(db, candidateId),
    ]);
    const honouringViews = withSupersession(honouring).map(({ row, supersededBy }): HonouringRecordView => ({
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
    const adoptionViews = withSupersession(adoptions).map(({ row, supersededBy }): AdoptionRecordView => ({
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
    const followUpViews = withSupersession(followUps).map(({ row, supersededBy }): FollowUpRecordView => ({
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
      spread: spreadGraph({ id: candidate.unit.id, name: candidate.unit.name }, inForceAdoptions),
      followUps: followUpViews,
      latestFollowUp,
      /** A follow-up found it no longer holds up while it is still being replicated: END_REPLICATION is open. */
      endOfReplicationSuggested: candidate.state === 'replicating' && latestFollowUp !== null && !latestFollowUp.holdsUp,
      people: await peopleNamed(db, [...honouring, ...adoptions, ...followUps].map((r) => r.recordedBy)),
    };
  }

  /**
   * The models that spread furthest: recognised exemplars ranked by the number of distinct units that studied or
   * adopted them (records in force), within the actor's reach. One query.
   */
  async spread(actor: Actor, query: { unitId?: string; year?: number; field?: Field; limit?: number }): Promise<SpreadRanking> {
    const scope = await this.scope.of(actor, query.unitId);
    const rows = await this.ledger.spread(this.dataSource.manager, { states: RECOGNISED_STATES, reach: scope.reach, year: query.year, field: query.field, limit: query.limit ?? 20 });
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

/** Pairs each row with the id of the row that corrects it (null: in force). */
function withSupersession<R extends { id: string; correctsId: string | null }>(rows: R[]): { row: R; supersededBy: string | null }[] {
  const correctedBy = new Map(rows.filter((r) => r.correctsId).map((r) => [r.correctsId!, r.id]));
  return rows.map((row) => ({ row, supersededBy: correctedBy.get(row.id) ?? null }));
}

/** Where a model has spread, as a small graph: the exemplar's unit and an edge to each unit that took it up. */
function spreadGraph(origin: { id: string; name: string }, adoptions: { adoptingUnit: { id: string; name: string | null }; stage: AdoptionStage; date: string }[]): SpreadGraph {
  const edges = new Map<string, { from: string; to: string; stages: AdoptionStage[]; firstDate: string; lastDate: string }>();
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
