/**
 * The writes of the statechart's PLACE_HOLD and LIFT_HOLD (effects recordHold, recordHoldLift), inside the event's
 * transaction under the candidate's row lock. The document's facts travel in the event (and so in its audit record);
 * the file's bytes beside it, as for evidence.
 */
import { randomUUID } from 'node:crypto';
import type { EffectEvent, HoldDocument } from '#workflow';
import { DomainError } from '../common/domain-error.js';
import type { EffectContext } from '../transitions/effects.js';
import { HoldRepository } from './hold.repository.js';

const holds = new HoldRepository();

function documentColumns(event: HoldDocument, fileContent: Buffer | undefined) {
  if (event.sha256 && !fileContent) throw new Error(`A hold document ${event.sha256} came without the file's bytes`);
  return {
    documentNumber: event.documentNumber,
    documentDate: event.documentDate,
    documentIssuer: event.documentIssuer,
    fileName: event.fileName ?? null,
    contentType: event.contentType ?? null,
    sizeBytes: event.sizeBytes ?? null,
    sha256: event.sha256 ?? null,
    content: event.sha256 ? fileContent! : null,
  };
}

export async function recordHold({ em, candidate, event, actor, now, fileContent }: EffectContext<EffectEvent<'recordHold'>>): Promise<void> {
  await holds.addHold(em, {
    id: event.holdId,
    candidateId: candidate.id,
    kind: event.kind,
    grounds: event.grounds,
    ...documentColumns(event, fileContent),
    placedBy: actor.username,
    placedAt: now,
  });
}

export async function recordHoldLift({ em, candidate, event, actor, now, fileContent }: EffectContext<EffectEvent<'recordHoldLift'>>) {
  const hold = await holds.find(em, candidate.id, event.holdId);
  if (!hold) throw new DomainError('HOLD_NOT_FOUND', { field: 'holdId', holdId: event.holdId });
  if (hold.lifted) throw new DomainError('HOLD_ALREADY_LIFTED', { holdId: event.holdId, liftedAt: hold.lifted.liftedAt.toISOString() });
  const liftId = randomUUID();
  await holds.addLift(em, {
    id: liftId,
    holdId: hold.id,
    candidateId: candidate.id,
    conclusion: event.conclusion,
    ...documentColumns(event, fileContent),
    liftedBy: actor.username,
    liftedAt: now,
  });
  return { liftId, holdKind: hold.kind };
}
