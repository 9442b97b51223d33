/**
 * What an accepted event writes besides the candidate's row and its audit record, in the same transaction: the
 * effects the statechart names as actions (`EFFECT_EVENTS` in libs/workflow), each resolved here from one static
 * table to the function of the feature that owns the write. Nothing registers at boot: the table is complete by
 * its type (every effect the machine can name has its function), so no event can reach a missing effect.
 */
import type { EntityManager } from 'typeorm';
import type { CandidateEffect, EffectEvent, PersistedCandidateSnapshot } from '#workflow';
import type { Actor } from '../common/actor.js';
import type { CandidateForTransition } from '../candidates/candidate.repository.js';
import { storeEvidence } from '../evidence/evidence.effects.js';
import { recordCheckIn, writePlanVersion } from '../nurturing/nurturing.effects.js';
import { recordAdoption, recordFollowUp, recordHonouring } from '../replication/replication.effects.js';
import { recordUpwardProposal } from '../councils/upward.effects.js';
import { recordHold, recordHoldLift } from '../holds/hold.effects.js';
import { noteEarlierRecognitions } from '../lookup/repeat-recognition.js';
import { recordCorrection } from '../decisions/correction.effects.js';

export interface EffectContext<E> {
  /** The event's transaction: every write of an effect goes through it. */
  em: EntityManager;
  /** The candidate as locked for the event. */
  candidate: CandidateForTransition;
  event: E;
  /** The snapshot the event leads to. */
  next: PersistedCandidateSnapshot;
  actor: Actor;
  now: Date;
  /** The bytes of the file the event attaches (ATTACH_EVIDENCE, a hold's document): too large for the event and its audit record. */
  fileContent?: Buffer;
}

/** Returns facts to add to the audit record's payload (e.g. the id of the row it wrote), or nothing. */
export type Effect<N extends CandidateEffect> = (ctx: EffectContext<EffectEvent<N>>) => Promise<Record<string, unknown> | void>;

export const EFFECTS: { readonly [N in CandidateEffect]: Effect<N> } = {
  storeEvidence,
  startPlan: writePlanVersion,
  revisePlan: writePlanVersion,
  recordCheckIn,
  recordHonouring,
  recordAdoption,
  recordFollowUp,
  recordUpwardProposal,
  recordHold,
  recordHoldLift,
  noteEarlierRecognitions,
  recordCorrection,
};

/** Carries out the effects an event's transition named, in order; returns the facts they add to its audit record. */
export async function carryOut(actions: readonly CandidateEffect[], ctx: EffectContext<EffectEvent<CandidateEffect>>): Promise<Record<string, unknown>> {
  let facts: Record<string, unknown> = {};
  for (const action of actions) {
    // The machine declares which events name which effect (EFFECT_EVENTS) and applyEvent checks it, so the event
    // is the one this effect is written for.
    const effect = EFFECTS[action] as Effect<CandidateEffect>;
    facts = { ...facts, ...((await effect(ctx)) ?? {}) };
  }
  return facts;
}
