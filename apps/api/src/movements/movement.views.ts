import { FIELDS, MOVEMENT_ACTIONS, MOVEMENT_STATUSES, REGISTRATION_ACTIONS, REVIEW_KINDS, labelsOf } from '#domain';
import type { MovementDocumentView, MovementReviewView, MovementView, RegistrationView } from '#contracts';
import { movementActionsIn } from '#workflow';
import type { Movement, MovementDocument, MovementRegistration, MovementReview } from './movement.entities.js';

const words = (item: { vi: string; en: string } | undefined) => (item ? { vi: item.vi, en: item.en } : null);

/** A movement as the API shows it: codes with their labels, and what can be done next. */
export function movementView(m: Movement, unit: { id: string; name: string }): MovementView {
  return {
    id: m.id,
    name: m.name,
    launchingUnitId: m.launchingUnitId,
    launchingUnit: { id: unit.id, name: unit.name },
    periodFrom: m.periodFrom,
    periodTo: m.periodTo,
    fields: m.fields.map((code) => ({ code, label: labelsOf(FIELDS, code) })),
    goals: m.goals,
    document: { number: m.documentNumber, date: m.documentDate, title: m.documentTitle },
    status: m.status,
    statusLabel: words(MOVEMENT_STATUSES.find((s) => s.code === m.status)),
    version: m.version,
    allowedActions: movementActionsIn(m.status).map((type) => ({ type, label: words(MOVEMENT_ACTIONS.find((a) => a.code === type)) })),
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function reviewView(r: MovementReview, extra: { number: number | null; supersededBy: string | null }): MovementReviewView {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: words(REVIEW_KINDS.find((k) => k.code === r.kind)),
    /** Interim reviews are numbered 1, 2, 3… in the order they were held (corrections keep the number). */
    number: extra.number,
    heldOn: r.heldOn,
    results: r.results,
    figures: {
      participatingUnits: r.participatingUnits,
      exemplarsFound: r.exemplarsFound,
      collectivesCommended: r.collectivesCommended,
      individualsCommended: r.individualsCommended,
    },
    conference: r.conferenceHeldOn || r.conferencePlace || r.conferenceNote ? { heldOn: r.conferenceHeldOn, place: r.conferencePlace, note: r.conferenceNote } : null,
    correctsId: r.correctsId,
    supersededBy: extra.supersededBy,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  };
}

export function registrationView(r: MovementRegistration, supersededBy: string | null): RegistrationView {
  return {
    id: r.id,
    movementId: r.movementId,
    unitId: r.unitId,
    action: r.action,
    actionLabel: words(REGISTRATION_ACTIONS.find((a) => a.code === r.action)),
    targets: r.targets,
    targetExemplars: r.targetExemplars,
    reason: r.reason,
    previousId: r.previousId,
    supersededBy,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  };
}

export function documentView(d: MovementDocument): MovementDocumentView {
  return {
    id: d.id,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}
