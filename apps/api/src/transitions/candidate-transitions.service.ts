/**
 * The one way a candidate changes: an event, decided by the statechart, persisted with its audit record
 * in a single transaction.
 *
 * Inside the transaction: lock the candidate row, compute the next snapshot with xstate's pure transition,
 * refuse what the machine refuses, run the event's effect, store snapshot + state + machine version,
 * append the audit record, commit. The row lock serialises events of one candidate and guards its audit
 * chain; different candidates never wait for each other.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { applyEvent, CANDIDATE_MACHINE_VERSION, type CandidateEvent, type CandidateEventType, type CandidateState } from '#workflow';
import { Candidate } from '../candidates/candidate.entity.js';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { EventEffects, type EventEffect } from './event-effects.js';
import { candidateStream } from '../audit/streams.js';

export interface TransitionCommand {
  candidateId: string;
  event: CandidateEvent;
  /** The version the client last saw; when given and not current, the event is refused as stale. */
  expectedVersion?: number;
  actor: Actor;
  /** An effect for this one call (e.g. storing the uploaded file), run before the registered one. */
  effect?: EventEffect;
}

export interface TransitionResult {
  candidateId: string;
  event: CandidateEventType;
  previousState: CandidateState;
  state: CandidateState;
  version: number;
  allowedEvents: CandidateEventType[];
}

@Injectable()
export class CandidateTransitions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly effects: EventEffects,
    private readonly clock: Clock,
  ) {}

  send(command: TransitionCommand): Promise<TransitionResult> {
    return this.dataSource.transaction((em) => this.sendWithin(em, command));
  }

  /** For callers that already hold a transaction (e.g. a decision covering several candidates). */
  async sendWithin(em: EntityManager, command: TransitionCommand): Promise<TransitionResult> {
    const { candidateId, event, expectedVersion, actor } = command;
    // Plain SQL on the hot path: the query builder cost more CPU than the statement itself (docs/performance.md).
    const rows = (await em.query(
      `SELECT id, kind, name, unit_id AS "unitId", field, year, discovery_channel AS "discoveryChannel", achievement, state, snapshot,
              machine_version AS "machineVersion", version, created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM candidate WHERE id = $1 FOR UPDATE`,
      [candidateId],
    )) as Candidate[];
    const candidate = rows[0];
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    if (expectedVersion !== undefined && expectedVersion !== candidate.version) {
      throw new DomainError('STALE_VERSION', { expectedVersion, currentVersion: candidate.version });
    }

    const outcome = applyEvent(candidate.snapshot, event);
    if (!outcome.accepted && outcome.reason === 'NOT_IN_THIS_STATE') {
      throw new DomainError('EVENT_NOT_ALLOWED', { state: outcome.state, event: event.type, allowedEvents: outcome.allowedEvents });
    }
    if (!outcome.accepted) {
      throw new DomainError(
        'GUARD_REFUSED',
        {
          state: outcome.state,
          event: event.type,
          refusals: outcome.refusals.map((r) => ({ code: r.code, message: r.vi, messageEn: r.en })),
          allowedEvents: outcome.allowedEvents,
        },
        { vi: outcome.refusals.map((r) => r.vi).join(' '), en: outcome.refusals.map((r) => r.en).join(' ') },
      );
    }

    const now = this.clock.now();
    const ctx = { em, candidate, event, next: outcome.snapshot, actor, now };
    const facts = {
      ...((await command.effect?.(ctx)) ?? {}),
      ...((await this.effects.get(event.type)?.(ctx)) ?? {}),
    };

    const version = candidate.version + 1;
    await em.query('UPDATE candidate SET state = $2, snapshot = $3, machine_version = $4, version = $5, updated_at = $6 WHERE id = $1', [
      candidate.id,
      outcome.to,
      outcome.snapshot,
      CANDIDATE_MACHINE_VERSION,
      version,
      now,
    ]);
    const { type, ...payload } = event;
    const record = await this.audit.append(em, {
      stream: candidateStream(candidate.id),
      candidateId: candidate.id,
      eventType: type,
      payload: { ...payload, ...facts },
      fromState: outcome.from,
      toState: outcome.to,
      actor: actor.username,
      occurredAt: now,
      machineVersion: CANDIDATE_MACHINE_VERSION,
    });
    if (record.seq !== version) {
      // The candidate's version and its audit sequence move together; anything else means a corrupt stream.
      throw new Error(`Audit sequence ${record.seq} does not match candidate version ${version} for ${candidate.id}`);
    }
    return { candidateId: candidate.id, event: type, previousState: outcome.from, state: outcome.to, version, allowedEvents: outcome.allowedEvents };
  }
}
