/**
 * The nurturing writes of the statechart's events, carried out inside the event's transaction (the static table
 * of transitions/effects.ts maps the machine's startPlan, revisePlan and recordCheckIn to them).
 */
import { refuseFutureDate } from '../common/validation.js';
import { randomUUID } from 'node:crypto';
import type { EffectEvent } from '#workflow';
import type { EffectContext } from '../transitions/effects.js';
import { NurturingRepository } from './nurturing.repository.js';

const nurturing = new NurturingRepository();

/** A new version of the plan (version 1 when nurturing starts); the machine has already counted it. */
export async function writePlanVersion({ em, candidate, event, next, actor, now }: EffectContext<EffectEvent<'startPlan' | 'revisePlan'>>) {
  const plan = {
    id: randomUUID(),
    candidateId: candidate.id,
    revision: next.context.planVersions,
    goals: event.goals,
    supporter: event.supporter,
    writtenByEvent: event.type,
    writtenBy: actor.username,
    writtenAt: now,
  };
  await nurturing.addPlanVersion(em, plan);
  return { planId: plan.id, planRevision: plan.revision };
}

export async function recordCheckIn({ em, candidate, event, actor, now }: EffectContext<EffectEvent<'recordCheckIn'>>) {
  // A check-in dated ahead would hide overdue nurturing: only what has happened is recorded.
  refuseFutureDate('payload.date', event.date, now, { vi: 'Ngày kiểm tra', en: 'The check-in date' });
  const checkInId = randomUUID();
  await nurturing.addCheckIn(em, {
    id: checkInId,
    candidateId: candidate.id,
    checkedOn: event.date,
    strengths: event.strengths,
    shortcomings: event.shortcomings,
    recordedBy: actor.username,
    recordedAt: now,
  });
  return { checkInId };
}
