/**
 * Owns emulation movements: launching one, its lifecycle (movement.lifecycle.ts in libs/workflow), its reviews, corrections of
 * its details and the files of its launching document, and the movement's page.
 *
 * Every change runs in one transaction that locks the movement row, checks the version the client saw
 * (409 STALE_VERSION otherwise) and the state table, writes, and appends the audit record to the stream
 * `movement:<id>`. The movement row is the only row that changes; its earlier details stay in that stream.
 * Never writes candidates.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentAttached, MovementList, MovementPage, MovementView, ReviewRecorded } from '#contracts';
import { FIELDS, MOVEMENT_ACTIONS, MOVEMENT_DOCUMENT_TYPES, foldedPhrase, labelsOf, prefixQuery, type MovementAction } from '#domain';
import { AuditEventRepository } from '../audit/audit-event.repository.js';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { cleanFileName, EVIDENCE_TYPES, extensionOf } from '../evidence/evidence-policy.js';
import { UnitScope } from '../access/unit-scope.js';
import type { LaunchMovementDto, ListMovementsQuery, RecordReviewDto, ReviseMovementDto, StartMovementDto } from './dto/movement.dto.js';
import { MovementAccess } from '../access/movement-access.js';
import { CANDIDATE_STATES, movementActionsIn, movementStatusAfter, MOVEMENT_PARTICIPATION_ACTIONS } from '#workflow';
import { Movement, MovementDocument, MovementReview, type MovementRegistration } from './movement.entities.js';
import { MovementRepository, type MovementHead, type RegistrationWithUnit } from './movement.repository.js';
import { documentView, movementView, registrationView, reviewView } from './movement.views.js';
import { movementStream } from '../audit/streams.js';
import { reachOf } from '../access/unit-reach.js';
import { invalidField } from '../common/validation.js';

/** Candidates shown per state on a movement's page; the lookup lists them all, page by page. */
const CANDIDATES_PER_STATE = 50;
/** Candidates discovered at the movement's conferences listed on its page. */
const DISCOVERED_LISTED = 200;

export interface IncomingDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface ChangeContext {
  em: EntityManager;
  head: MovementHead;
  now: Date;
}

@Injectable()
export class MovementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly movements: MovementRepository,
    private readonly trail: AuditEventRepository,
    private readonly audit: AuditWriter,
    private readonly access: MovementAccess,
    private readonly units: UnitScope,
    private readonly clock: Clock,
  ) {}

  async launch(dto: LaunchMovementDto, actor: Actor): Promise<MovementView> {
    if (dto.periodTo < dto.periodFrom) throw new DomainError('MOVEMENT_PERIOD_INVALID', { field: 'periodTo', periodFrom: dto.periodFrom, periodTo: dto.periodTo });
    // 422 when the unit does not exist, 403 (audited) when a unit head reaches outside their subtree.
    await this.units.reachable(actor, dto.launchingUnitId, 'launchingUnitId');
    return this.dataSource.transaction(async (em) => {
      // A shared lock keeps the unit from changing under the new movement.
      const unit = await this.movements.lockLaunchingUnit(em, dto.launchingUnitId);
      if (!unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'launchingUnitId', unitId: dto.launchingUnitId });
      const now = this.clock.now();
      const movement = em.create(Movement, {
        id: randomUUID(),
        name: dto.name,
        launchingUnitId: unit.id,
        periodFrom: dto.periodFrom,
        periodTo: dto.periodTo,
        fields: dto.fields,
        goals: dto.goals,
        documentNumber: dto.documentNumber,
        documentDate: dto.documentDate,
        documentTitle: dto.documentTitle ?? null,
        status: 'LAUNCHED',
        version: 1,
        createdBy: actor.username,
        createdAt: now,
        updatedAt: now,
      });
      await this.movements.insert(em, movement);
      await this.audit.append(em, {
        stream: movementStream(movement.id),
        eventType: 'MOVEMENT_LAUNCHED',
        payload: { ...dto },
        fromState: null,
        toState: movement.status,
        actor: actor.username,
        occurredAt: now,
      });
      return movementView(movement, unit);
    });
  }

  start(id: string, dto: StartMovementDto, actor: Actor): Promise<MovementView> {
    return this.change(actor, id, dto.expectedVersion, 'START', async () => ({ eventType: 'MOVEMENT_STARTED', payload: { note: dto.note } }));
  }

  /** An interim review, the final review (which closes the movement), or the correction of a review's record. */
  review(id: string, dto: RecordReviewDto, actor: Actor): Promise<ReviewRecorded> {
    const action: MovementAction = dto.correctsId ? 'CORRECT_REVIEW' : dto.kind === 'FINAL' ? 'FINAL_REVIEW' : 'INTERIM_REVIEW';
    let recorded: MovementReview | undefined;
    return this.change(actor, id, dto.expectedVersion, action, async ({ em, head, now }) => {
      const periodFrom = await this.movements.periodFrom(em, head.id);
      for (const field of ['heldOn', 'conferenceHeldOn'] as const) {
        const date = dto[field];
        if (date && date < periodFrom) throw new DomainError('MOVEMENT_PERIOD_INVALID', { field, periodFrom, [field]: date });
      }
      if (dto.correctsId) {
        const corrected = await this.movements.reviewOf(em, dto.correctsId, head.id);
        if (!corrected) {
          throw new DomainError(
            'CORRECTED_RECORD_NOT_FOUND',
            { field: 'correctsId', correctsId: dto.correctsId },
            { vi: 'Không tìm thấy bản ghi sơ kết, tổng kết cần đính chính của phong trào này.', en: 'The review record to correct was not found for this movement.' },
          );
        }
        const correctedBy = await this.movements.correctionOf(em, dto.correctsId);
        if (correctedBy) throw new DomainError('RECORD_ALREADY_CORRECTED', { field: 'correctsId', correctedBy });
        if (corrected.kind !== dto.kind) {
          throw invalidField('kind', 'sameKindAsCorrected', { vi: `Bản đính chính phải cùng loại với bản ghi được đính chính (${corrected.kind}).`, en: `A correction keeps the kind of the record it corrects (${corrected.kind}).` });
        }
      }
      recorded = em.create(MovementReview, {
        id: randomUUID(),
        movementId: head.id,
        kind: dto.kind,
        heldOn: dto.heldOn,
        results: dto.results,
        participatingUnits: dto.participatingUnits ?? null,
        exemplarsFound: dto.exemplarsFound ?? null,
        collectivesCommended: dto.collectivesCommended ?? null,
        individualsCommended: dto.individualsCommended ?? null,
        conferenceHeldOn: dto.conferenceHeldOn ?? null,
        conferencePlace: dto.conferencePlace ?? null,
        conferenceNote: dto.conferenceNote ?? null,
        correctsId: dto.correctsId ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      });
      await this.movements.insertReview(em, recorded);
      const { expectedVersion: _version, ...fields } = dto;
      return {
        eventType: action === 'CORRECT_REVIEW' ? 'MOVEMENT_REVIEW_CORRECTED' : action === 'FINAL_REVIEW' ? 'MOVEMENT_FINAL_REVIEW' : 'MOVEMENT_INTERIM_REVIEW',
        payload: { ...fields, reviewId: recorded.id },
      };
    }).then((movement) => ({ movement, review: reviewView(recorded!, { number: null, supersededBy: null }) }));
  }

  /** Corrects the movement's details; the values replaced stay in the audit record. */
  revise(id: string, dto: ReviseMovementDto, actor: Actor): Promise<MovementView> {
    return this.change(actor, id, dto.expectedVersion, 'REVISE', async ({ em, head }) => {
      const current = await this.movements.byId(em, head.id);
      const from: Record<string, unknown> = {};
      const to: Record<string, unknown> = {};
      const keys = ['name', 'periodFrom', 'periodTo', 'fields', 'goals', 'documentNumber', 'documentDate', 'documentTitle'] as const;
      for (const key of keys) {
        const value = dto[key];
        if (value === undefined || JSON.stringify(value) === JSON.stringify(current[key])) continue;
        from[key] = current[key];
        to[key] = value;
      }
      if (Object.keys(to).length === 0) {
        throw invalidField('reason', 'nothingChanged', { vi: 'Không có thông tin nào thay đổi so với hiện tại.', en: 'Nothing differs from the current details.' });
      }
      const next = { ...current, ...to } as Movement;
      if (next.periodTo < next.periodFrom) throw new DomainError('MOVEMENT_PERIOD_INVALID', { field: to.periodTo ? 'periodTo' : 'periodFrom', periodFrom: next.periodFrom, periodTo: next.periodTo });
      await this.movements.updateDetails(em, head.id, to as Partial<Movement>);
      return { eventType: 'MOVEMENT_REVISED', payload: { reason: dto.reason, from, to } };
    });
  }

  /** Stores a file of the launching document (a later one adds a row; the earlier stay). */
  async attachDocument(id: string, file: IncomingDocument | undefined, expectedVersion: number, actor: Actor): Promise<DocumentAttached> {
    if (!file || file.size === 0) throw new DomainError('MOVEMENT_DOCUMENT_MISSING', { field: 'file' });
    const fileName = cleanFileName(file.originalname);
    const contentType = file.mimetype.toLowerCase().split(';')[0]!.trim();
    const policy = (MOVEMENT_DOCUMENT_TYPES as readonly string[]).includes(contentType) ? EVIDENCE_TYPES[contentType] : undefined;
    if (!policy || !policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
      throw new DomainError('MOVEMENT_DOCUMENT_TYPE_NOT_ALLOWED', { field: 'file', contentType, allowed: MOVEMENT_DOCUMENT_TYPES });
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    let stored: MovementDocument | undefined;
    const movement = await this.change(actor, id, expectedVersion, 'ATTACH_DOCUMENT', async ({ em, head, now }) => {
      stored = em.create(MovementDocument, {
        id: randomUUID(),
        movementId: head.id,
        fileName,
        contentType,
        sizeBytes: file.size,
        sha256,
        content: file.buffer,
        uploadedBy: actor.username,
        uploadedAt: now,
      });
      await this.movements.insertDocument(em, stored);
      return { eventType: 'MOVEMENT_DOCUMENT_ATTACHED', payload: { documentId: stored.id, fileName, contentType, sizeBytes: file.size, sha256 } };
    });
    return { movement, document: documentView(stored!) };
  }

  async documentContent(actor: Actor, id: string, documentId: string): Promise<MovementDocument & { content: Buffer }> {
    await this.access.readable(actor, id);
    const file = await this.movements.documentWithContent(id, documentId);
    if (!file) throw new DomainError('MOVEMENT_DOCUMENT_NOT_FOUND', { movementId: id, documentId });
    return file;
  }

  /**
   * The one way the movement row changes: under its lock, at the version the client saw, if the state table
   * allows the action; the effect writes its own rows and says what to audit.
   */
  private async change(
    actor: Actor,
    id: string,
    expectedVersion: number,
    action: MovementAction,
    effect: (ctx: ChangeContext) => Promise<{ eventType: string; payload: Record<string, unknown> }>,
  ): Promise<MovementView> {
    await this.access.runnable(actor, id);
    return this.dataSource.transaction(async (em) => {
      const head = await this.access.lock(em, id);
      if (head.version !== expectedVersion) throw new DomainError('STALE_VERSION', { expectedVersion, currentVersion: head.version });
      const to = assertAllowed(head, action);
      const now = this.clock.now();
      const { eventType, payload } = await effect({ em, head, now });
      await this.movements.advance(em, id, to, head.version + 1, now);
      await this.audit.append(em, { stream: movementStream(id), eventType, payload, fromState: head.status, toState: to, actor: actor.username, occurredAt: now });
      const movement = await this.movements.withLaunchingUnit(id, em);
      return movementView(movement, movement.launchingUnit);
    });
  }

  async list(query: ListMovementsQuery, actor: Actor): Promise<MovementList> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.movements.unitPath(query.unitId);
      if (path === null) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId: query.unitId });
      unitPath = path;
    }
    const [rows, total] = await this.movements.list(
      {
        reach: reachOf(actor),
        status: query.status,
        unitPath,
        field: query.field,
        year: query.year,
        ...(query.q ? { tsquery: prefixQuery(query.q) } : {}),
      },
      page,
      pageSize,
    );
    const counts = await this.movements.registeredUnitCounts(rows.map((m) => m.id));
    return {
      total,
      page,
      pageSize,
      query: query.q ? { text: query.q, folded: foldedPhrase(query.q) } : null,
      items: rows.map((m) => ({ ...movementView(m, m.launchingUnit), registeredUnits: counts.get(m.id) ?? 0 })),
    };
  }

  /** The movement's page: details, registrations by unit, reviews, documents, and its candidates by state. */
  async page(actor: Actor, id: string): Promise<MovementPage> {
    await this.access.readable(actor, id);
    const movement = await this.movements.withLaunchingUnit(id);
    const [reviews, registrations, documents, revisions] = await Promise.all([
      this.movements.reviews(id),
      this.movements.registrations(id),
      this.movements.documents(id),
      // Its details as launched and as each revision left them: the audit records say what changed.
      this.trail.ofStreamOfTypes(movementStream(id), ['MOVEMENT_LAUNCHED', 'MOVEMENT_REVISED']),
    ]);
    return {
      ...movementView(movement, movement.launchingUnit),
      documents: documents.map(documentView),
      details: revisions.map((r) => ({ eventType: r.event_type, actor: r.actor, occurredAt: r.occurred_at.toISOString(), payload: r.payload })),
      reviews: reviewsWithNumbers(reviews),
      registrations: registrationsByUnit(registrations),
      candidates: await this.candidatesOf(actor, id),
      discoveredHere: await this.discoveredAt(actor, id),
    };
  }

  /** The candidates that lead the movement (links in force), by state; a unit head sees those of their subtree. */
  private async candidatesOf(actor: Actor, id: string) {
    const { counts, rows } = await this.movements.linkedCandidates(id, reachOf(actor), CANDIDATES_PER_STATE);
    const countOf = new Map(counts.map((c) => [c.state, c.n]));
    const byState = CANDIDATE_STATES.filter((s) => countOf.has(s.code)).map((s) => {
      const items = rows.filter((r) => r.state === s.code);
      return {
        state: s.code,
        stateLabel: { vi: s.vi, en: s.en },
        stage: s.stage,
        count: countOf.get(s.code)!,
        truncated: countOf.get(s.code)! > items.length,
        items: items.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind,
          year: r.year,
          field: r.field,
          fieldLabel: labelsOf(FIELDS, r.field),
          unit: { id: r.unitId, name: r.unitName },
          linkedAt: new Date(r.linkedAt).toISOString(),
        })),
      };
    });
    return { total: counts.reduce((sum, c) => sum + c.n, 0), byState };
  }

  /** Candidates discovered at the movement's review conferences (discovery channel REVIEW_CONFERENCE). */
  private async discoveredAt(actor: Actor, id: string) {
    const { total, rows } = await this.movements.discoveredAt(id, reachOf(actor), DISCOVERED_LISTED);
    return {
      total,
      items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, year: r.year, state: r.state, reviewId: r.reviewId, unit: { id: r.unitId, name: r.unitName } })),
    };
  }
}

/** Refuses what the state table refuses: a closed movement takes no more registrations (its own code). */
export function assertAllowed(head: Pick<MovementHead, 'status'>, action: MovementAction) {
  const to = movementStatusAfter(head.status, action);
  if (to) return to;
  if (head.status === 'CLOSED' && MOVEMENT_PARTICIPATION_ACTIONS.includes(action)) throw new DomainError('MOVEMENT_CLOSED', { status: head.status, action });
  throw new DomainError(
    'MOVEMENT_ACTION_NOT_ALLOWED',
    { status: head.status, action, allowedActions: movementActionsIn(head.status) },
    {
      vi: `Không thể "${MOVEMENT_ACTIONS.find((a) => a.code === action)!.vi.toLowerCase()}" khi phong trào đang ở trạng thái hiện tại.`,
      en: `"${MOVEMENT_ACTIONS.find((a) => a.code === action)!.en}" is not possible in the movement’s current status.`,
    },
  );
}

function reviewsWithNumbers(reviews: MovementReview[]) {
  const supersededBy = new Map(reviews.filter((r) => r.correctsId).map((r) => [r.correctsId!, r.id]));
  const numberOf = new Map<string, number>();
  let interim = 0;
  for (const r of reviews) {
    if (r.kind !== 'INTERIM') continue;
    // A correction keeps the number of the record it corrects.
    numberOf.set(r.id, r.correctsId ? (numberOf.get(r.correctsId) ?? ++interim) : ++interim);
  }
  return reviews.map((r) => reviewView(r, { number: numberOf.get(r.id) ?? null, supersededBy: supersededBy.get(r.id) ?? null }));
}

function registrationsByUnit(rows: RegistrationWithUnit[]) {
  const supersededBy = new Map(rows.filter((r) => r.previousId).map((r) => [r.previousId!, r.id]));
  const units = new Map<string, { unit: { id: string; name: string }; rows: MovementRegistration[] }>();
  for (const r of rows) {
    const entry = units.get(r.unitId) ?? { unit: { id: r.unitId, name: r.unit.name }, rows: [] };
    entry.rows.push(r);
    units.set(r.unitId, entry);
  }
  return [...units.values()]
    .map(({ unit, rows: chain }) => {
      const current = chain.find((r) => !supersededBy.has(r.id))!;
      return {
        unit,
        registered: current.action !== 'WITHDRAW',
        current: registrationView(current, null),
        history: chain.map((r) => registrationView(r, supersededBy.get(r.id) ?? null)),
      };
    })
    .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
}

