/**
 * Pure operations over persisted candidate snapshots: what the API calls inside its transaction.
 * Built on xstate's pure `initialTransition` / `transition`; nothing here runs actions with effects: an accepted
 * event comes back with the effects its transition names, for the API to carry out.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import {
  CANDIDATE_MACHINE_VERSION,
  EFFECT_EVENTS,
  GUARD_REQUIREMENTS,
  candidateMachine,
  type CandidateEffect,
  type CandidateContext,
  type CandidateInput,
  type GuardName,
  type Requirement,
} from './candidate.machine.js';
import type { CandidateEvent, CandidateEventType } from './events.js';
import { CANDIDATE_EVENT_TYPES } from './events.js';
import type { CandidateState } from './states.js';

type Snapshot = SnapshotFrom<typeof candidateMachine>;

/** The JSON form stored in the database (jsonb); restore it with `restore`. */
export interface PersistedCandidateSnapshot {
  value: CandidateState;
  context: CandidateContext;
  status: string;
  historyValue?: object;
  children?: object;
}

export interface Refusal {
  code: string;
  vi: string;
  en: string;
}

export type EventOutcome =
  | {
      accepted: true;
      from: CandidateState;
      to: CandidateState;
      snapshot: PersistedCandidateSnapshot;
      allowedEvents: CandidateEventType[];
      /** The effects the transition names, in the machine's order: what the API writes with the event. */
      actions: CandidateEffect[];
    }
  | { accepted: false; reason: 'NOT_IN_THIS_STATE'; state: CandidateState; allowedEvents: CandidateEventType[] }
  | { accepted: false; reason: 'GUARD_REFUSED'; state: CandidateState; refusals: Refusal[]; allowedEvents: CandidateEventType[] };

function persist(snapshot: Snapshot): PersistedCandidateSnapshot {
  return candidateMachine.getPersistedSnapshot(snapshot) as unknown as PersistedCandidateSnapshot;
}

export function restore(persisted: PersistedCandidateSnapshot): Snapshot {
  return candidateMachine.resolveState({ value: persisted.value, context: persisted.context });
}

export function stateOf(snapshot: Snapshot): CandidateState {
  return snapshot.value as CandidateState;
}

/** The snapshot of a newly discovered candidate. */
export function startCandidate(input: CandidateInput): { state: CandidateState; snapshot: PersistedCandidateSnapshot; machineVersion: number } {
  const [snapshot] = initialTransition(candidateMachine, input);
  return { state: stateOf(snapshot), snapshot: persist(snapshot), machineVersion: CANDIDATE_MACHINE_VERSION };
}

function transitionsFor(state: CandidateState, type: CandidateEventType) {
  return candidateMachine.states[state]?.on[type] ?? [];
}

/** Event types the candidate can take now: its state has a transition for them and their guard passes. */
export function allowedEvents(persisted: PersistedCandidateSnapshot | Snapshot): CandidateEventType[] {
  const snapshot = 'can' in persisted ? (persisted as Snapshot) : restore(persisted as PersistedCandidateSnapshot);
  // Guards read only the context, so a payload-less event answers the question exactly.
  return CANDIDATE_EVENT_TYPES.filter((type) => snapshot.can({ type } as CandidateEvent));
}

function refusalsFor(state: CandidateState, event: CandidateEvent, context: CandidateContext): Refusal[] {
  const refusals: Refusal[] = [];
  for (const t of transitionsFor(state, event.type)) {
    const name = typeof t.guard === 'string' ? (t.guard as GuardName) : undefined;
    for (const requirement of (name ? GUARD_REQUIREMENTS[name] ?? [] : []) as readonly Requirement[]) {
      if (!requirement.met(context, event)) refusals.push({ code: requirement.code, ...(requirement.explain?.(event) ?? { vi: requirement.vi, en: requirement.en }) });
    }
  }
  return refusals;
}

/** Computes what an event does to a candidate, or why it cannot happen now. Pure. */
export function applyEvent(persisted: PersistedCandidateSnapshot, event: CandidateEvent): EventOutcome {
  const snapshot = restore(persisted);
  const from = stateOf(snapshot);
  if (!snapshot.can(event)) {
    const allowed = allowedEvents(snapshot);
    if (transitionsFor(from, event.type).length === 0) {
      return { accepted: false, reason: 'NOT_IN_THIS_STATE', state: from, allowedEvents: allowed };
    }
    return { accepted: false, reason: 'GUARD_REFUSED', state: from, refusals: refusalsFor(from, event, snapshot.context), allowedEvents: allowed };
  }
  const [next, actions] = transition(candidateMachine, snapshot, event);
  return { accepted: true, from, to: stateOf(next), snapshot: persist(next), allowedEvents: allowedEvents(next), actions: actions.map((a) => effectNamed(a.type, event.type)) };
}

/**
 * The actions `transition` returns are the machine's effects (its context updates are applied, not returned).
 * Anything else would be an action nobody carries out: refused loudly rather than skipped.
 */
function effectNamed(type: string, eventType: CandidateEventType): CandidateEffect {
  if (!(type in EFFECT_EVENTS)) throw new Error(`The candidate machine returned the action ${type}, which is not one of its effects`);
  const effect = type as CandidateEffect;
  if (!(EFFECT_EVENTS[effect] as readonly CandidateEventType[]).includes(eventType)) throw new Error(`The effect ${effect} is not declared for ${eventType}`);
  return effect;
}

/**
 * Replays a candidate's recorded events from its discovery and returns the snapshot they lead to.
 * Throws if any event is refused: a recorded history the machine would not have accepted is corrupt.
 */
export function replay(input: CandidateInput, events: readonly CandidateEvent[]): PersistedCandidateSnapshot {
  let current = startCandidate(input).snapshot;
  events.forEach((event, index) => {
    const outcome = applyEvent(current, event);
    if (!outcome.accepted) throw new Error(`Replay refused event #${index + 1} (${event.type}) in state ${outcome.state}`);
    current = outcome.snapshot;
  });
  return current;
}
