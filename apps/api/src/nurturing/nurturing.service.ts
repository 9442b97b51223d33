/**
 * Owns the reading of nurturing: the plan in force, its earlier versions, the check-ins, the council's returns,
 * and when the next check-in is due. Plans and check-ins are written only as the statechart's effects
 * (nurturing.effects.ts), in the event's transaction.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NurturingPlanView, NurturingView } from '#contracts';
import type { CandidateState } from '#workflow';
import { AppConfig } from '../config/app-config.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { NurturingPlan } from './nurturing.entities.js';
import { NurturingRepository } from './nurturing.repository.js';
import { peopleNamed } from '../audit/audit-names.js';

const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) plus whole days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * When the next check-in is due and whether it is overdue, all in calendar dates of the province: the clock starts
 * at the last check-in, or at the day the plan in force was written when there is none since.
 */
export function checkInSchedule(input: {
  state: CandidateState;
  lastCheckInOn: string | null;
  planWrittenOn: string | null;
  intervalDays: number;
  today: string;
}): { nextCheckInDue: string | null; overdue: boolean } {
  const since = input.lastCheckInOn ?? input.planWrittenOn;
  const nextCheckInDue = input.state === 'nurturing' && since ? addDays(since, input.intervalDays) : null;
  return { nextCheckInDue, overdue: nextCheckInDue !== null && nextCheckInDue < input.today };
}

@Injectable()
export class NurturingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly candidates: CandidateRepository,
    private readonly nurturing: NurturingRepository,
  ) {}

  /** The plan in force, its earlier versions, the check-ins, and when the next check-in is due. */
  async forCandidate(candidateId: string): Promise<NurturingView> {
    const db = this.dataSource.manager;
    const state = await this.candidates.stateOf(db, candidateId);
    if (!state) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    const [plans, checkIns, returns] = await Promise.all([
      this.nurturing.plansOf(db, candidateId),
      this.nurturing.checkInsOf(db, candidateId),
      this.nurturing.councilReturns(db, candidateId),
    ]);
    const lastCheckInOn = checkIns[0]?.checkedOn ?? null;
    const { nextCheckInDue, overdue } = checkInSchedule({
      state,
      lastCheckInOn,
      planWrittenOn: plans[0] ? this.clock.dateOf(plans[0].writtenAt) : null,
      intervalDays: this.config.NURTURING_CHECK_IN_INTERVAL_DAYS,
      today: this.clock.today(),
    });
    return {
      candidateId,
      state,
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
      shortcomingsToAddress: returns[0]?.shortcomings ?? [],
      checkInIntervalDays: this.config.NURTURING_CHECK_IN_INTERVAL_DAYS,
      lastCheckInOn,
      nextCheckInDue,
      overdue,
      people: await peopleNamed(db, [...plans.map((p) => p.writtenBy), ...checkIns.map((c) => c.recordedBy), ...returns.map((r) => r.actor)]),
    };
  }
}

function planView(p: NurturingPlan): NurturingPlanView {
  return { id: p.id, revision: p.revision, goals: p.goals, supporter: p.supporter, writtenByEvent: p.writtenByEvent, writtenBy: p.writtenBy, writtenAt: p.writtenAt.toISOString() };
}
