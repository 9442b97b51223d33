/**
 * The SQL of nurturing: plan versions and check-ins (written as the statechart's effects, inside the event's
 * transaction) and their reads. Every method takes the EntityManager it runs on: the transaction's inside one,
 * `dataSource.manager` outside. Holds no state, so the effects, which run outside Nest's injection, use an
 * instance of their own.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { candidateStream } from '../audit/streams.js';
import { NurturingCheckIn, NurturingPlan } from './nurturing.entities.js';

/** A council's return to nurturing, as its audit record tells it. */
export interface CouncilReturnRecord {
  shortcomings: string[];
  sessionId: string | null;
  returnedAt: Date;
  actor: string;
}

export type NewCheckIn = Omit<NurturingCheckIn, 'candidate'>;

@Injectable()
export class NurturingRepository {
  async addPlanVersion(em: EntityManager, plan: Omit<NurturingPlan, 'candidate'>): Promise<void> {
    await em.insert(NurturingPlan, plan);
  }

  /** Plain SQL: a check-in is the transition of the hot path (docs/performance.md). */
  async addCheckIn(em: EntityManager, c: NewCheckIn): Promise<void> {
    await em.query(
      'INSERT INTO nurturing_check_in (id, candidate_id, checked_on, strengths, shortcomings, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [c.id, c.candidateId, c.checkedOn, c.strengths, c.shortcomings, c.recordedBy, c.recordedAt],
    );
  }

  /** Every version of the candidate's plan, the one in force first. */
  plansOf(db: EntityManager, candidateId: string): Promise<NurturingPlan[]> {
    return db.find(NurturingPlan, { where: { candidateId }, order: { revision: 'DESC' } });
  }

  /** The candidate's check-ins, the latest first. */
  checkInsOf(db: EntityManager, candidateId: string): Promise<NurturingCheckIn[]> {
    return db.find(NurturingCheckIn, { where: { candidateId }, order: { checkedOn: 'DESC', recordedAt: 'DESC' } });
  }

  /**
   * The council's returns of the candidate, the latest first, as the statechart recorded them: the shortcomings
   * the plan must now address live in the RETURN_TO_NURTURING audit records, not in a table of their own.
   */
  councilReturns(db: EntityManager, candidateId: string): Promise<CouncilReturnRecord[]> {
    return db.query(
      `SELECT payload->'shortcomings' AS shortcomings, payload->'verdict'->>'sessionId' AS "sessionId", occurred_at AS "returnedAt", actor
         FROM audit_event WHERE stream = $1 AND event_type = 'RETURN_TO_NURTURING' ORDER BY seq DESC`,
      [candidateStream(candidateId)],
    ) as Promise<CouncilReturnRecord[]>;
  }
}
