/**
 * Object-level access to candidates. A candidate outside the actor's reach answers exactly as a missing one
 * (404), so its existence does not leak; the refusal is audited all the same.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_ROLES, type CandidateEventType } from '#workflow';
import { reaches } from './unit-reach.js';
import { AccessRefusals } from './access-refusals.js';
import { CandidateRepository } from '../candidates/candidate.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { OutOfReach } from './out-of-reach.js';
import type { Role } from '#domain';

const eventIsForRole = (eventType: CandidateEventType, actor: Actor) => (EVENT_ROLES[eventType] as readonly Role[]).includes(actor.role);

@Injectable()
export class CandidateAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly units: UnitRepository,
    private readonly refusals: AccessRefusals,
  ) {}

  async assertReadable(actor: Actor, candidateId: string): Promise<void> {
    const path = await this.candidates.unitPathOf(this.dataSource.manager, candidateId);
    if (path === undefined) throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    if (!reaches(actor, path)) {
      await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { candidateId });
      throw new DomainError('CANDIDATE_NOT_FOUND', { candidateId });
    }
  }

  async assertMaySend(actor: Actor, candidateId: string, eventType: CandidateEventType): Promise<void> {
    await this.assertReadable(actor, candidateId);
    if (!eventIsForRole(eventType, actor)) {
      await this.refusals.record(actor, 'EVENT_NOT_FOR_ROLE', { candidateId, event: eventType });
      throw new DomainError('FORBIDDEN', { event: eventType, role: actor.role });
    }
  }

  /**
   * Sends an event whose transition checks the actor's reach under its row lock (`TransitionCommand.checkReach`),
   * which saves the statement `assertMaySend` reads the unit with. Answers as `assertMaySend` would: a role the event
   * is not for is refused after the reach (404 first), and a candidate out of reach is recorded as refused once the
   * transaction has rolled back, so the refusal is kept.
   */
  async sendingWithinReach<T>(actor: Actor, candidateId: string, eventType: CandidateEventType, send: () => Promise<T>): Promise<T> {
    if (!eventIsForRole(eventType, actor)) await this.assertMaySend(actor, candidateId, eventType);
    try {
      return await send();
    } catch (error) {
      if (error instanceof OutOfReach) await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { candidateId });
      throw error;
    }
  }

  /** For a new candidate: the unit must exist (422 otherwise) and be within the actor's reach (403). */
  async assertMayNominateIn(actor: Actor, unitId: string): Promise<void> {
    const path = await this.units.pathOf(this.dataSource.manager, unitId);
    if (path === null) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId });
    if (!reaches(actor, path)) {
      await this.refusals.record(actor, 'OUT_OF_UNIT_SCOPE', { unitId });
      throw new DomainError('FORBIDDEN', { field: 'unitId' });
    }
  }
}
