import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { DomainError } from '../common/domain-error.js';
import { EventEffects, type EffectContext } from '../transitions/event-effects.js';
import { NurturingCheckIn, NurturingPlan } from './nurturing.entities.js';
import type { CandidateEvent } from '#workflow';
import { candidateStream } from '../audit/streams.js';

type PlanEvent = Extract<CandidateEvent, { type: 'START_NURTURING' | 'REVISE_PLAN' | 'RESUME_NURTURING' }>;

const DAY_MS = 86_400_000;

/** Owns nurturing plans and check-ins: written as effects of the statechart's events, read by the unit. */
@Injectable()
export class NurturingService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly effects: EventEffects,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const writePlan = async ({ em, candidate, event, next, actor, now }: EffectContext<PlanEvent>) => {
      const plan = em.create(NurturingPlan, {
        id: randomUUID(),
        candidateId: candidate.id,
        revision: next.context.planVersions,
        goals: event.goals,
        supporter: event.supporter,
        writtenByEvent: event.type,
        writtenBy: actor.username,
        writtenAt: now,
      });
      await em.insert(NurturingPlan, plan);
      return { planId: plan.id, planRevision: plan.revision };
    };
    this.effects.register('START_NURTURING', writePlan);
    this.effects.register('REVISE_PLAN', writePlan);
    this.effects.register('RESUME_NURTURING', writePlan);
    this.effects.register('RECORD_CHECK_IN', async ({ em, candidate, event, actor, now }) => {
      const checkInId = randomUUID();
      await em.query(
        'INSERT INTO nurturing_check_in (id, candidate_id, checked_on, strengths, shortcomings, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [checkInId, candidate.id, event.date, event.strengths, event.shortcomings, actor.username, now],
      );
      return { checkInId };
    });
  }

  /** The plan in force, its earlier versions, the check-ins, and when the next check-in is due. */
  async forCandidate(candidateId: string, today = new Date()) {
    const candidate = await this.dataSource.getRepository(Candidate).findOneBy({ id: candidateId });
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const [plans, checkIns, returns] = await Promise.all([
      this.dataSource.getRepository(NurturingPlan).find({ where: { candidateId }, order: { revision: 'DESC' } }),
      this.dataSource.getRepository(NurturingCheckIn).find({ where: { candidateId }, order: { checkedOn: 'DESC', recordedAt: 'DESC' } }),
      // The council's returns, as recorded by the statechart: the shortcomings the plan must now address.
      this.dataSource.query(
        `SELECT payload->'shortcomings' AS shortcomings, payload->'verdict'->>'sessionId' AS "sessionId", occurred_at AS "returnedAt", actor
           FROM audit_event WHERE stream = $1 AND event_type = 'RETURN_TO_NURTURING' ORDER BY seq DESC`,
        [candidateStream(candidateId)],
      ) as Promise<{ shortcomings: string[]; sessionId: string | null; returnedAt: Date; actor: string }[]>,
    ]);
    const beingNurtured = candidate.state === 'nurturing';
    const lastCheckInOn = checkIns[0]?.checkedOn ?? null;
    // The clock starts at the last check-in, or at the plan in force when there is none since it was written.
    const since = lastCheckInOn ?? plans[0]?.writtenAt.toISOString().slice(0, 10) ?? null;
    const nextCheckInDue =
      beingNurtured && since ? new Date(Date.parse(`${since}T00:00:00Z`) + this.config.NURTURING_CHECK_IN_INTERVAL_DAYS * DAY_MS).toISOString().slice(0, 10) : null;
    return {
      candidateId,
      state: candidate.state,
      currentPlan: plans[0] ? planView(plans[0]) : null,
      planHistory: plans.slice(1).map(planView),
      checkIns: checkIns.map((c) => ({
        id: c.id,
        date: c.checkedOn,
        strengths: c.strengths,
        shortcomings: c.shortcomings,
        recordedBy: c.recordedBy,
        recordedAt: c.recordedAt.toISOString(),
      })),
      councilReturns: returns.map((r) => ({ sessionId: r.sessionId, shortcomings: r.shortcomings, returnedAt: new Date(r.returnedAt).toISOString(), returnedBy: r.actor })),
      /** The shortcomings of the latest return, to be worked on in this round of nurturing. */
      shortcomingsToAddress: returns[0]?.shortcomings ?? [],
      checkInIntervalDays: this.config.NURTURING_CHECK_IN_INTERVAL_DAYS,
      lastCheckInOn,
      nextCheckInDue,
      overdue: nextCheckInDue !== null && nextCheckInDue < today.toISOString().slice(0, 10),
    };
  }
}

function planView(p: NurturingPlan) {
  return { id: p.id, revision: p.revision, goals: p.goals, supporter: p.supporter, writtenByEvent: p.writtenByEvent, writtenBy: p.writtenBy, writtenAt: p.writtenAt.toISOString() };
}
