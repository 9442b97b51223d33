/**
 * Owns units' registrations to take part in a movement. A unit below the launching unit registers (by its
 * head, a head above it, or the secretariat) with its own targets; the registration is amended by a new row
 * pointing at the one it replaces, or withdrawn by a row that marks it so; nothing is overwritten or deleted.
 * Writes under the movement's row lock (the audit stream is the movement's); does not change the movement's
 * version, which counts changes of the movement's own record.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrationView } from '#contracts';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { UnitScope } from '../access/unit-scope.js';
import type { AmendRegistrationDto, RegisterDto, WithdrawRegistrationDto } from './dto/movement.dto.js';
import { MovementAccess } from '../access/movement-access.js';
import type { MovementAction, RegistrationAction } from '#domain';
import type { MovementRegistration } from './movement.entities.js';
import { MovementRepository } from './movement.repository.js';
import { registrationView } from './movement.views.js';
import { assertAllowed } from './movements.service.js';
import { movementStream } from '../audit/streams.js';

@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly movements: MovementRepository,
    private readonly audit: AuditWriter,
    private readonly access: MovementAccess,
    private readonly units: UnitScope,
    private readonly clock: Clock,
  ) {}

  async register(movementId: string, dto: RegisterDto, actor: Actor): Promise<RegistrationView> {
    const movement = await this.access.readable(actor, movementId);
    const unit = await this.units.reachable(actor, dto.unitId, 'unitId');
    if (unit.id === movement.launchingUnitId || !unit.path.startsWith(movement.launchingPath)) {
      throw new DomainError('MOVEMENT_UNIT_NOT_BELOW', { field: 'unitId', unitId: unit.id, launchingUnitId: movement.launchingUnitId });
    }
    return this.write(actor, movementId, 'REGISTER', async (em) => {
      const head = await this.movements.registrationChainHead(em, movementId, unit.id);
      if (head && head.action !== 'WITHDRAW') throw new DomainError('MOVEMENT_ALREADY_REGISTERED', { field: 'unitId', registrationId: head.id });
      // After a withdrawal the unit registers again on the same chain: its whole history stays one story.
      return { unitId: unit.id, action: 'REGISTER', targets: dto.targets, targetExemplars: dto.targetExemplars ?? null, reason: null, previousId: head?.id ?? null };
    });
  }

  async amend(movementId: string, registrationId: string, dto: AmendRegistrationDto, actor: Actor): Promise<RegistrationView> {
    const previous = await this.reachableRegistration(actor, movementId, registrationId);
    return this.write(actor, movementId, 'AMEND_REGISTRATION', async (em) => {
      await this.assertHead(em, previous);
      return { unitId: previous.unitId, action: 'AMEND', targets: dto.targets, targetExemplars: dto.targetExemplars ?? null, reason: dto.reason ?? null, previousId: previous.id };
    });
  }

  async withdraw(movementId: string, registrationId: string, dto: WithdrawRegistrationDto, actor: Actor): Promise<RegistrationView> {
    const previous = await this.reachableRegistration(actor, movementId, registrationId);
    return this.write(actor, movementId, 'WITHDRAW_REGISTRATION', async (em) => {
      await this.assertHead(em, previous);
      return { unitId: previous.unitId, action: 'WITHDRAW', targets: previous.targets, targetExemplars: previous.targetExemplars, reason: dto.reason, previousId: previous.id };
    });
  }

  /** The registration, when it belongs to a movement the actor sees and to a unit the actor reaches. */
  private async reachableRegistration(actor: Actor, movementId: string, registrationId: string): Promise<MovementRegistration> {
    await this.access.readable(actor, movementId);
    const registration = await this.movements.registration(registrationId, movementId);
    if (!registration) throw new DomainError('REGISTRATION_NOT_FOUND', { movementId, registrationId });
    await this.units.reachable(actor, registration.unitId, 'unitId');
    return registration;
  }

  /** Only the newest row of a chain is amended or withdrawn; a stale one answers with the current row's id. */
  private async assertHead(em: EntityManager, registration: MovementRegistration): Promise<void> {
    const head = await this.movements.registrationChainHead(em, registration.movementId, registration.unitId);
    if (head && head.id !== registration.id) throw new DomainError('REGISTRATION_SUPERSEDED', { registrationId: registration.id, currentId: head.id });
    if (registration.action === 'WITHDRAW') throw new DomainError('REGISTRATION_WITHDRAWN', { registrationId: registration.id });
  }

  private write(
    actor: Actor,
    movementId: string,
    action: MovementAction,
    build: (em: EntityManager) => Promise<Pick<MovementRegistration, 'unitId' | 'targets' | 'targetExemplars' | 'reason' | 'previousId'> & { action: RegistrationAction }>,
  ) {
    return this.dataSource.transaction(async (em) => {
      // Serialises every writer of the movement's stream, and keeps the movement from closing meanwhile.
      const movement = await this.access.lock(em, movementId);
      assertAllowed(movement, action);
      const now = this.clock.now();
      const row: MovementRegistration = { id: randomUUID(), movementId, ...(await build(em)), recordedBy: actor.username, recordedAt: now };
      await this.movements.insertRegistration(em, row);
      const eventType = row.action === 'REGISTER' ? 'MOVEMENT_REGISTERED' : row.action === 'AMEND' ? 'MOVEMENT_REGISTRATION_AMENDED' : 'MOVEMENT_REGISTRATION_WITHDRAWN';
      await this.audit.append(em, {
        stream: movementStream(movementId),
        eventType,
        payload: { registrationId: row.id, unitId: row.unitId, targets: row.targets, targetExemplars: row.targetExemplars, reason: row.reason, previousId: row.previousId },
        actor: actor.username,
        occurredAt: now,
      });
      return registrationView(row, null);
    });
  }
}
