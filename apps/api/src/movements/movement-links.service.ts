/**
 * Owns the links between candidates and the movements they lead, and where a candidate was discovered
 * (a movement's review conference). Links are only added: unlinking adds a row that ends the link. Each link
 * and unlink is audited on the movement's stream (`movement:<id>`, naming the candidate), under the movement's
 * row lock; the candidate's own stream is the statechart's and is left alone. A closed movement still takes
 * links: that a candidate led it is a fact that can be recorded after its final review.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CandidateMovements } from '#contracts';
import { CandidateAccess } from '../access/candidate-access.js';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { CandidateMovementLink } from './candidate-movement-link.entity.js';
import type { LinkMovementDto } from './dto/movement.dto.js';
import { MovementAccess, seesMovement } from '../access/movement-access.js';
import { MovementRepository, type MovementHead } from './movement.repository.js';
import { MOVEMENT_STATUSES } from '#domain';
import { movementStream } from '../audit/streams.js';
import { invalidField } from '../common/validation.js';

/** What a nomination says about movements, checked inside its transaction. */
export interface NominationMovements {
  movementIds?: string[];
  discoveryChannel: string;
  discoveredAtMovementId?: string;
  discoveredAtReviewId?: string;
}

export interface CheckedNomination {
  /** The movements to link, locked. */
  links: MovementHead[];
  discoveredAt: { movementId: string; reviewId: string | null } | null;
}

@Injectable()
export class MovementLinks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly movements: MovementRepository,
    private readonly audit: AuditWriter,
    private readonly access: MovementAccess,
    private readonly candidates: CandidateAccess,
    private readonly clock: Clock,
  ) {}

  /**
   * Inside a nomination's transaction: every movement named must exist, be seen by the actor and have been
   * launched by the candidate's unit or a unit above it; a discovery at a movement needs the REVIEW_CONFERENCE
   * channel, and a review named must be one of that movement's. Locks the movements to link (in id order).
   */
  async checkNomination(em: EntityManager, actor: Actor, unitPath: string, n: NominationMovements): Promise<CheckedNomination> {
    const links: MovementHead[] = [];
    for (const id of [...new Set(n.movementIds ?? [])].sort()) {
      const movement = await this.access.lock(em, id).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'MOVEMENT_NOT_FOUND') throw new DomainError('REFERENCED_MOVEMENT_NOT_FOUND', { field: 'movementIds', movementId: id });
        throw e;
      });
      if (!seesMovement(actor, movement.launchingPath)) throw new DomainError('REFERENCED_MOVEMENT_NOT_FOUND', { field: 'movementIds', movementId: id });
      if (!unitPath.startsWith(movement.launchingPath)) throw new DomainError('MOVEMENT_NOT_FOR_UNIT', { field: 'movementIds', movementId: id });
      links.push(movement);
    }
    let discoveredAt: CheckedNomination['discoveredAt'] = null;
    if (n.discoveredAtMovementId || n.discoveredAtReviewId) {
      const field = n.discoveredAtMovementId ? 'discoveredAtMovementId' : 'discoveredAtReviewId';
      if (n.discoveryChannel !== 'REVIEW_CONFERENCE') throw new DomainError('DISCOVERY_CHANNEL_MISMATCH', { field: 'discoveryChannel', discoveryChannel: n.discoveryChannel });
      let movementId = n.discoveredAtMovementId;
      if (n.discoveredAtReviewId) {
        const reviewed = await this.movements.movementOfReview(em, n.discoveredAtReviewId);
        // A review of another movement is as good as none: the pair must agree.
        if (!reviewed || (movementId && reviewed !== movementId)) {
          throw new DomainError('REFERENCED_REVIEW_NOT_FOUND', { field: 'discoveredAtReviewId', reviewId: n.discoveredAtReviewId });
        }
        movementId = reviewed;
      }
      const movement = await this.access.referenced(actor, movementId!, field, em);
      if (!unitPath.startsWith(movement.launchingPath)) throw new DomainError('MOVEMENT_NOT_FOR_UNIT', { field, movementId });
      discoveredAt = { movementId: movement.id, reviewId: n.discoveredAtReviewId ?? null };
    }
    return { links, discoveredAt };
  }

  /** Inside the nomination's transaction, after the candidate row exists: the links, each audited. */
  async linkAtNomination(em: EntityManager, actor: Actor, candidateId: string, movements: MovementHead[], now: Date): Promise<void> {
    for (const movement of movements) await this.insert(em, actor, { candidateId, movementId: movement.id, action: 'LINK', endsId: null, reason: null }, now, 'NOMINATION');
  }

  /** Links a candidate to a movement, or ends a link, later than its nomination. */
  async change(candidateId: string, dto: LinkMovementDto, actor: Actor): Promise<CandidateMovements> {
    await this.candidates.assertReadable(actor, candidateId);
    const action = dto.action ?? 'LINK';
    if (action === 'UNLINK' && !dto.reason) {
      throw invalidField('reason', 'isDefined', { vi: 'Thiếu lý do bỏ gắn hồ sơ khỏi phong trào.', en: 'A reason is required to unlink.' });
    }
    const movement = await this.access.referenced(actor, dto.movementId, 'movementId');
    const candidatePath = await this.movements.candidateUnitPath(candidateId);
    if (!candidatePath!.startsWith(movement.launchingPath)) throw new DomainError('MOVEMENT_NOT_FOR_UNIT', { field: 'movementId', movementId: movement.id });
    await this.dataSource.transaction(async (em) => {
      await this.access.lock(em, movement.id);
      const current = await this.movements.linkInForce(em, candidateId, movement.id);
      if (action === 'LINK' && current) throw new DomainError('MOVEMENT_LINK_EXISTS', { movementId: movement.id, linkId: current });
      if (action === 'UNLINK' && !current) throw new DomainError('MOVEMENT_LINK_NOT_FOUND', { movementId: movement.id });
      await this.insert(em, actor, { candidateId, movementId: movement.id, action, endsId: action === 'UNLINK' ? current! : null, reason: dto.reason ?? null }, this.clock.now(), 'LATER');
    });
    return this.forCandidate(candidateId);
  }

  /** 404 for a candidate the actor does not reach, as everywhere. */
  assertReadable(actor: Actor, candidateId: string): Promise<void> {
    return this.candidates.assertReadable(actor, candidateId);
  }

  /** The movements a candidate leads now, and every link and unlink ever recorded. */
  async forCandidate(candidateId: string): Promise<CandidateMovements> {
    const rows = await this.movements.linksOfCandidate(candidateId);
    const statusLabel = (code: string) => {
      const s = MOVEMENT_STATUSES.find((x) => x.code === code);
      return s ? { vi: s.vi, en: s.en } : null;
    };
    return {
      candidateId,
      movements: rows
        .filter((r) => r.action === 'LINK' && !r.ended)
        .map((r) => ({ id: r.movementId, name: r.movementName, status: r.status, statusLabel: statusLabel(r.status), linkId: r.id, linkedAt: new Date(r.recordedAt).toISOString() })),
      history: rows.map((r) => ({
        id: r.id,
        movementId: r.movementId,
        movementName: r.movementName,
        action: r.action,
        endsId: r.endsId,
        reason: r.reason,
        recordedBy: r.recordedBy,
        recordedAt: new Date(r.recordedAt).toISOString(),
      })),
    };
  }

  private async insert(
    em: EntityManager,
    actor: Actor,
    link: Pick<CandidateMovementLink, 'candidateId' | 'movementId' | 'action' | 'endsId' | 'reason'>,
    now: Date,
    when: 'NOMINATION' | 'LATER',
  ): Promise<void> {
    const row: CandidateMovementLink = { id: randomUUID(), ...link, recordedBy: actor.username, recordedAt: now };
    await this.movements.insertLink(em, row);
    await this.audit.append(em, {
      stream: movementStream(link.movementId),
      candidateId: link.candidateId,
      eventType: link.action === 'LINK' ? 'CANDIDATE_LINKED' : 'CANDIDATE_UNLINKED',
      payload: { linkId: row.id, candidateId: link.candidateId, endsId: link.endsId, reason: link.reason, when },
      actor: actor.username,
      occurredAt: now,
    });
  }
}
