/**
 * Emulation movements (phong trào thi đua): a movement with its lifecycle, reviews (sơ kết, tổng kết),
 * registrations of the units below, launching document files, the candidates that lead it, and a candidate's
 * links to the movements it leads.
 */
import {
  FieldCodes,
  MOVEMENT_ACTION_CODES,
  MOVEMENT_DOCUMENT_TYPES,
  MOVEMENT_STATUS_CODES,
  REGISTRATION_ACTION_CODES,
  REVIEW_KIND_CODES,
  StageCodes,
  SubjectKindCodes,
} from '#domain';
import { CANDIDATE_STATE_CODES } from '#workflow';
import { AuditPayload } from './audit.js';
import { CalendarDate, Code, Instant, Labels, Nullable, Type, UnitRef, Uuid, file, json, type EndpointTable, type Static } from './schema.js';

const Count = Type.Integer({ minimum: 0 });
/** A figure a review reports; null when not reported (never 0 for unknown). */
const Figure = Nullable(Type.Integer({ minimum: 0 }));

/** A movement as the API shows it: codes with their labels, and what can be done next. */
export const MovementView = Type.Object({
  id: Uuid,
  name: Type.String(),
  launchingUnitId: Uuid,
  launchingUnit: UnitRef,
  periodFrom: CalendarDate,
  periodTo: CalendarDate,
  fields: Type.Array(Type.Object({ code: Code(FieldCodes), label: Nullable(Labels) })),
  goals: Type.String(),
  /** The launching document (văn bản phát động). */
  document: Type.Object({ number: Type.String(), date: CalendarDate, title: Nullable(Type.String()) }),
  status: Code(MOVEMENT_STATUS_CODES),
  statusLabel: Nullable(Labels),
  version: Type.Integer({ minimum: 1 }),
  allowedActions: Type.Array(Type.Object({ type: Code(MOVEMENT_ACTION_CODES), label: Nullable(Labels) })),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type MovementView = Static<typeof MovementView>;

export const MovementReviewView = Type.Object({
  id: Uuid,
  kind: Code(REVIEW_KIND_CODES),
  kindLabel: Nullable(Labels),
  /** Interim reviews are numbered 1, 2, 3… in the order they were held (corrections keep the number). */
  number: Nullable(Type.Integer({ minimum: 1 })),
  heldOn: CalendarDate,
  results: Type.String(),
  figures: Type.Object({ participatingUnits: Figure, exemplarsFound: Figure, collectivesCommended: Figure, individualsCommended: Figure }),
  conference: Nullable(Type.Object({ heldOn: Nullable(CalendarDate), place: Nullable(Type.String()), note: Nullable(Type.String()) })),
  correctsId: Nullable(Uuid),
  supersededBy: Nullable(Uuid),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type MovementReviewView = Static<typeof MovementReviewView>;

export const RegistrationView = Type.Object({
  id: Uuid,
  movementId: Uuid,
  unitId: Uuid,
  action: Code(REGISTRATION_ACTION_CODES),
  actionLabel: Nullable(Labels),
  targets: Type.String(),
  targetExemplars: Nullable(Type.Integer({ minimum: 0 })),
  reason: Nullable(Type.String()),
  previousId: Nullable(Uuid),
  supersededBy: Nullable(Uuid),
  recordedBy: Type.String(),
  recordedAt: Instant,
});
export type RegistrationView = Static<typeof RegistrationView>;

export const MovementDocumentView = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Count,
  sha256: Type.String(),
  uploadedBy: Type.String(),
  uploadedAt: Instant,
});
export type MovementDocumentView = Static<typeof MovementDocumentView>;

/** The text a list or search was asked for, and how it was folded (diacritics dropped). */
export const SearchText = Type.Object({ text: Type.String(), folded: Type.String() });

export const MovementListItem = Type.Object({ ...MovementView.properties, registeredUnits: Count });
export type MovementListItem = Static<typeof MovementListItem>;

export const MovementList = Type.Object({
  total: Count,
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
  query: Nullable(SearchText),
  items: Type.Array(MovementListItem),
});
export type MovementList = Static<typeof MovementList>;

/** A candidate that leads the movement, as its page lists it. */
const LinkedCandidate = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Code(SubjectKindCodes),
  year: Type.Integer(),
  field: Code(FieldCodes),
  fieldLabel: Nullable(Labels),
  unit: UnitRef,
  linkedAt: Instant,
});

/** The movement's page: details, registrations by unit, reviews, documents, and its candidates by state. */
export const MovementPage = Type.Object({
  ...MovementView.properties,
  documents: Type.Array(MovementDocumentView),
  /** Its details as launched and as each correction left them (from its audit stream). */
  details: Type.Array(Type.Object({ eventType: Type.String(), actor: Type.String(), occurredAt: Instant, payload: AuditPayload })),
  reviews: Type.Array(MovementReviewView),
  registrations: Type.Array(Type.Object({ unit: UnitRef, registered: Type.Boolean(), current: RegistrationView, history: Type.Array(RegistrationView) })),
  candidates: Type.Object({
    total: Count,
    byState: Type.Array(
      Type.Object({
        state: Code(CANDIDATE_STATE_CODES),
        stateLabel: Labels,
        stage: Nullable(Code(StageCodes)),
        count: Count,
        /** More candidates are in this state than listed. */
        truncated: Type.Boolean(),
        items: Type.Array(LinkedCandidate),
      }),
    ),
  }),
  /** Candidates discovered at the movement's review conferences. */
  discoveredHere: Type.Object({
    total: Count,
    items: Type.Array(
      Type.Object({ id: Uuid, name: Type.String(), kind: Code(SubjectKindCodes), year: Type.Integer(), state: Code(CANDIDATE_STATE_CODES), reviewId: Nullable(Uuid), unit: UnitRef }),
    ),
  }),
});
export type MovementPage = Static<typeof MovementPage>;

export const ReviewRecorded = Type.Object({ movement: MovementView, review: MovementReviewView });
export type ReviewRecorded = Static<typeof ReviewRecorded>;

export const DocumentAttached = Type.Object({ movement: MovementView, document: MovementDocumentView });
export type DocumentAttached = Static<typeof DocumentAttached>;

/** The movements a candidate leads now, and every link and unlink ever recorded. */
export const CandidateMovements = Type.Object({
  candidateId: Uuid,
  movements: Type.Array(
    Type.Object({ id: Uuid, name: Type.String(), status: Code(MOVEMENT_STATUS_CODES), statusLabel: Nullable(Labels), linkId: Uuid, linkedAt: Instant }),
  ),
  history: Type.Array(
    Type.Object({
      id: Uuid,
      movementId: Uuid,
      movementName: Type.String(),
      action: Type.Union([Type.Literal('LINK'), Type.Literal('UNLINK')]),
      endsId: Nullable(Uuid),
      reason: Nullable(Type.String()),
      recordedBy: Type.String(),
      recordedAt: Instant,
    }),
  ),
});
export type CandidateMovements = Static<typeof CandidateMovements>;

export const MOVEMENT_ENDPOINTS = {
  'POST /api/movements': json(MovementView, 201),
  'GET /api/movements': json(MovementList),
  'GET /api/movements/{id}': json(MovementPage),
  'POST /api/movements/{id}/start': json(MovementView),
  'POST /api/movements/{id}/reviews': json(ReviewRecorded, 201),
  'POST /api/movements/{id}/revisions': json(MovementView),
  'POST /api/movements/{id}/documents': json(DocumentAttached, 201),
  'GET /api/movements/{id}/documents/{documentId}': file(...MOVEMENT_DOCUMENT_TYPES),
  'POST /api/movements/{id}/registrations': json(RegistrationView, 201),
  'POST /api/movements/{id}/registrations/{registrationId}/amend': json(RegistrationView, 201),
  'POST /api/movements/{id}/registrations/{registrationId}/withdraw': json(RegistrationView, 201),
  'POST /api/candidates/{id}/movements': json(CandidateMovements),
  'GET /api/candidates/{id}/movements': json(CandidateMovements),
} satisfies EndpointTable;
