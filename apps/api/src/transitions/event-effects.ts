/**
 * What else an accepted event writes, in the same transaction: a nurturing plan revision, a check-in…
 * Feature modules register the effect of the events they own; the transition use case runs it.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CandidateEvent, CandidateEventType, PersistedCandidateSnapshot } from '#workflow';
import type { Actor } from '../common/actor.js';
import type { Candidate } from '../candidates/candidate.entity.js';

export interface EffectContext<E extends CandidateEvent = CandidateEvent> {
  em: EntityManager;
  candidate: Candidate;
  event: E;
  /** The snapshot the event leads to. */
  next: PersistedCandidateSnapshot;
  actor: Actor;
  now: Date;
}

/** Returns facts to add to the audit record's payload (e.g. the id of a row it wrote), or nothing. */
export type EventEffect<E extends CandidateEvent = CandidateEvent> = (ctx: EffectContext<E>) => Promise<Record<string, unknown> | void>;

@Injectable()
export class EventEffects {
  private readonly effects = new Map<CandidateEventType, EventEffect>();

  register<T extends CandidateEventType>(type: T, effect: EventEffect<Extract<CandidateEvent, { type: T }>>): void {
    if (this.effects.has(type)) throw new Error(`An effect for ${type} is already registered`);
    this.effects.set(type, effect as EventEffect);
  }

  get(type: CandidateEventType): EventEffect | undefined {
    return this.effects.get(type);
  }
}
