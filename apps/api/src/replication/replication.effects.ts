/**
 * The ledger writes of the statechart's RECORD_HONOURING, RECORD_ADOPTION and RECORD_FOLLOW_UP (its
 * recordHonouring, recordAdoption and recordFollowUp effects), carried out inside the event's transaction, under the
 * candidate's row lock. Records are only ever added: a correction is a new record naming the one it corrects, which
 * must be the candidate's and still in force.
 */
import { refuseFutureDate } from '../common/validation.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EffectEvent } from '#workflow';
import { DomainError } from '../common/domain-error.js';
import { EvidenceRepository } from '../evidence/evidence.repository.js';
import type { EffectContext } from '../transitions/effects.js';
import { UnitRepository } from '../units/unit.repository.js';
import { ReplicationRepository, type Ledger } from './replication.repository.js';

const ledger = new ReplicationRepository();
const evidence = new EvidenceRepository();
const units = new UnitRepository();

export async function recordHonouring({ em, candidate, event, actor, now }: EffectContext<EffectEvent<'recordHonouring'>>) {
  refuseFutureDate('payload.date', event.date, now, { vi: 'Ngày tuyên truyền, tôn vinh', en: 'The honouring date' });
  if (event.correctsId) await correctable(em, 'honouring', candidate.id, event.correctsId);
  if (event.evidenceId && !(await evidence.belongsTo(em, candidate.id, event.evidenceId))) {
    throw new DomainError('REFERENCED_EVIDENCE_NOT_FOUND', { field: 'payload.evidenceId', evidenceId: event.evidenceId });
  }
  const id = randomUUID();
  await ledger.addHonouring(em, {
    id,
    candidateId: candidate.id,
    form: event.form,
    honouredOn: event.date,
    outlet: event.outlet,
    title: event.title,
    link: event.link ?? null,
    evidenceId: event.evidenceId ?? null,
    reach: event.reach ?? null,
    correctsId: event.correctsId ?? null,
    recordedBy: actor.username,
    recordedAt: now,
  });
  return { honouringId: id };
}

export async function recordAdoption({ em, candidate, event, actor, now }: EffectContext<EffectEvent<'recordAdoption'>>) {
  if (event.correctsId) await correctable(em, 'adoption', candidate.id, event.correctsId);
  // A shared lock keeps the named unit as it is until the record commits.
  const unit = await units.lockShared(em, event.adoptingUnitId);
  if (!unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'payload.adoptingUnitId', unitId: event.adoptingUnitId });
  if (unit.id === candidate.unitId) throw new DomainError('ADOPTING_UNIT_IS_OWN', { field: 'payload.adoptingUnitId' });
  const id = randomUUID();
  await ledger.addAdoption(em, {
    id,
    candidateId: candidate.id,
    adoptingUnitId: unit.id,
    stage: event.stage,
    occurredOn: event.date,
    description: event.description,
    correctsId: event.correctsId ?? null,
    recordedBy: actor.username,
    recordedAt: now,
  });
  return { adoptionId: id, adoptingUnitName: unit.name };
}

export async function recordFollowUp({ em, candidate, event, actor, now }: EffectContext<EffectEvent<'recordFollowUp'>>) {
  if (event.year < candidate.year) throw new DomainError('FOLLOW_UP_YEAR_INVALID', { field: 'payload.year', year: event.year, exemplarYear: candidate.year });
  if (event.correctsId) {
    const corrected = await correctable(em, 'followUp', candidate.id, event.correctsId);
    if (corrected.year !== event.year) throw new DomainError('FOLLOW_UP_YEAR_INVALID', { field: 'payload.year', year: event.year, correctedYear: corrected.year });
  } else {
    const existing = await ledger.followUpInForce(em, candidate.id, event.year);
    if (existing) throw new DomainError('FOLLOW_UP_ALREADY_RECORDED', { field: 'payload.year', year: event.year, inForceId: existing.id });
  }
  const id = randomUUID();
  await ledger.addFollowUp(em, {
    id,
    candidateId: candidate.id,
    year: event.year,
    followedOn: event.date,
    holdsUp: event.holdsUp,
    findings: event.findings,
    correctsId: event.correctsId ?? null,
    recordedBy: actor.username,
    recordedAt: now,
  });
  return { followUpId: id };
}

/** The record `id` of this candidate that a new record corrects: it must exist and nothing may have corrected it yet. */
async function correctable<L extends Ledger>(em: EntityManager, kind: L, candidateId: string, id: string) {
  const corrected = await ledger.record(em, kind, candidateId, id);
  if (!corrected) throw new DomainError('CORRECTED_RECORD_NOT_FOUND', { field: 'payload.correctsId', correctsId: id });
  const correctedBy = await ledger.correctionOf(em, kind, id);
  if (correctedBy) throw new DomainError('RECORD_ALREADY_CORRECTED', { field: 'payload.correctsId', correctsId: id, correctedBy });
  return corrected;
}
