/**
 * The SQL of the replication ledger: honouring acts, adoptions and follow-ups (added as the statechart's effects,
 * inside the event's transaction, never updated), their reads, and the ranking of the models that spread furthest.
 * Every method takes the EntityManager it runs on: the transaction's inside one, `dataSource.manager` outside.
 * Holds no state, so the effects, which run outside Nest's injection, use an instance of their own.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget } from 'typeorm';
import type { Field, SubjectKind } from '#domain';
import type { CandidateState } from '#workflow';
import { pathConditions, type Reach } from '../access/unit-reach.js';
import type { Unit } from '../units/unit.entity.js';
import { AdoptionRecord, FollowUpRecord, HonouringRecord } from './replication.entities.js';

/** The three ledgers, by the name their records go by. */
const LEDGERS = { honouring: HonouringRecord, adoption: AdoptionRecord, followUp: FollowUpRecord };
export type Ledger = keyof typeof LEDGERS;
type LedgerRecord<L extends Ledger> = InstanceType<(typeof LEDGERS)[L]>;
type NewRecord<T> = Omit<T, 'candidate' | 'corrects' | 'evidence' | 'adoptingUnit'>;

/** A model in the spread ranking: the exemplar, its unit, and how far it spread. */
export interface SpreadRow {
  id: string;
  name: string;
  kind: SubjectKind;
  field: Field;
  year: number;
  state: CandidateState;
  unitId: string;
  unitName: string;
  /** Distinct units that studied or adopted it. */
  units: number;
  /** Distinct units that adopted it or reported an outcome. */
  adoptingUnits: number;
  records: number;
}

@Injectable()
export class ReplicationRepository {
  async addHonouring(em: EntityManager, record: NewRecord<HonouringRecord>): Promise<void> {
    await em.insert(HonouringRecord, record);
  }

  async addAdoption(em: EntityManager, record: NewRecord<AdoptionRecord>): Promise<void> {
    await em.insert(AdoptionRecord, record);
  }

  async addFollowUp(em: EntityManager, record: NewRecord<FollowUpRecord>): Promise<void> {
    await em.insert(FollowUpRecord, record);
  }

  /** A record of the candidate in the ledger, or null. */
  record<L extends Ledger>(em: EntityManager, ledger: L, candidateId: string, id: string): Promise<LedgerRecord<L> | null> {
    const target = LEDGERS[ledger] as unknown as EntityTarget<LedgerRecord<L>>;
    return em.findOne(target, { where: { id, candidateId } as never });
  }

  /** The id of the record that corrects `id` (at most one exists), or null while `id` is in force. */
  async correctionOf(em: EntityManager, ledger: Ledger, id: string): Promise<string | null> {
    const target = LEDGERS[ledger] as unknown as EntityTarget<{ id: string }>;
    const later = await em.findOne(target, { select: { id: true } as never, where: { correctsId: id } as never });
    return later?.id ?? null;
  }

  /** The follow-up in force for the year (not corrected since), if any. */
  async followUpInForce(em: EntityManager, candidateId: string, year: number): Promise<{ id: string } | undefined> {
    const rows = (await em.query(
      `SELECT f.id FROM follow_up_record f
        WHERE f.candidate_id = $1 AND f.year = $2 AND NOT EXISTS (SELECT 1 FROM follow_up_record n WHERE n.corrects_id = f.id)`,
      [candidateId, year],
    )) as { id: string }[];
    return rows[0];
  }

  honouringOf(db: EntityManager, candidateId: string): Promise<HonouringRecord[]> {
    return db.find(HonouringRecord, { where: { candidateId }, order: { honouredOn: 'ASC', recordedAt: 'ASC' } });
  }

  /** The candidate's adoption records, each with the adopting unit. */
  adoptionsOf(db: EntityManager, candidateId: string): Promise<(AdoptionRecord & { adoptingUnit?: Unit })[]> {
    return db.find(AdoptionRecord, { where: { candidateId }, relations: { adoptingUnit: true }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } });
  }

  followUpsOf(db: EntityManager, candidateId: string): Promise<FollowUpRecord[]> {
    return db.find(FollowUpRecord, { where: { candidateId }, order: { year: 'ASC', recordedAt: 'ASC' } });
  }

  /**
   * The exemplars in one of `states`, within `reach`, ranked by the distinct units that studied or adopted them
   * (records in force only). One query.
   */
  async spread(db: EntityManager, filter: { states: readonly CandidateState[]; reach: Reach; year?: number; field?: Field; limit: number }): Promise<SpreadRow[]> {
    const params: unknown[] = [[...filter.states]];
    const where = ['c.state = ANY($1::text[])'];
    const inScope = pathConditions(params).within('u.path', filter.reach);
    if (inScope) where.push(inScope);
    if (filter.year) where.push(`c.year = $${params.push(filter.year)}`);
    if (filter.field) where.push(`c.field = $${params.push(filter.field)}`);
    const limit = params.push(filter.limit);
    return (await db.query(
      `SELECT c.id, c.name, c.kind, c.field, c.year, c.state, u.id AS "unitId", u.name AS "unitName",
              count(DISTINCT a.adopting_unit_id)::int AS "units",
              count(DISTINCT a.adopting_unit_id) FILTER (WHERE a.stage IN ('ADOPTED', 'OUTCOME'))::int AS "adoptingUnits",
              count(a.id)::int AS "records"
         FROM candidate c
         JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id)
         JOIN adoption_record a ON a.candidate_id = c.id
        WHERE ${where.join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM adoption_record n WHERE n.corrects_id = a.id)
        GROUP BY c.id, u.id
        ORDER BY "units" DESC, "adoptingUnits" DESC, c.name, c.id
        LIMIT $${limit}`,
      params,
    )) as SpreadRow[];
  }
}
