/**
 * The one way a candidate changes: an event, decided by the statechart, persisted with its audit record
 * in a single transaction.
 *
 * Inside the transaction: lock the candidate row, compute the next snapshot with xstate's pure transition,
 * refuse what the machine refuses, carry out the effects the transition names (a plan revision, a check-in, a
 * stored file: `effects.ts`), store snapshot + state + machine version, append the audit record, commit. The row
 * lock serialises events of one candidate and guards its audit chain; different candidates never wait for each
 * other.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { applyEvent, CANDIDATE_MACHINE_VERSION, type CandidateEffect, type CandidateEvent, type EffectEvent } from '#workflow';
import type { TransitionResult } from '#contracts';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { carryOut } from './effects.js';
import { candidateStream } from '../audit/streams.js';
import { reaches } from '../access/unit-reach.js';
import { OutOfReach } from '../access/out-of-reach.js';

export type { TransitionResult };

export interface TransitionCommand {
  candidateId: string;
  event: CandidateEvent;
  /** The version the client last saw; when given and not current, the event is refused as stale. */
  expectedVersion?: number;
  actor: Actor;
  /** The bytes of the file an ATTACH_EVIDENCE event attaches (or a hold's document), for its effect. */
  fileContent?: Buffer;
  /**
   * Check the actor's reach on the candidate's unit under the row lock instead of before the transaction (one
   * statement fewer). A candidate out of reach is refused as `OutOfReach`, which answers exactly as a missing one;
   * the caller records the refusal once the transaction has rolled back (`CandidateAccess.sendWithinReach`).
   */
  checkReach?: boolean;
}


@Injectable()
export class CandidateTransitions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  send(command: TransitionCommand): Promise<TransitionResult> {
    return this.dataSource.transaction((em) => this.sendWithin(em, command));
  }

  /** For callers that already hold a transaction (e.g. a decision covering several candidates). */
  async sendWithin(em: EntityManager, command: TransitionCommand): Promise<TransitionResult> {
    const { candidateId, event, expectedVersion, actor } = command;
    const candidate = await this.candidates.lockForTransition(em, candidateId);
    if (!candidate) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    if (command.checkReach && !reaches(actor, candidate.unitPath)) throw new OutOfReach(candidateId);
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
    // applyEvent returns only effects declared for this event, so the event is the one each effect is written for.
    const facts = await carryOut(outcome.actions, {
      em,
      candidate,
      event: event as EffectEvent<CandidateEffect>,
      next: outcome.snapshot,
      actor,
      now,
      fileContent: command.fileContent,
    });

    const version = candidate.version + 1;
    await this.candidates.recordTransition(em, candidate.id, { state: outcome.to, snapshot: outcome.snapshot, machineVersion: CANDIDATE_MACHINE_VERSION, version, at: now });
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
