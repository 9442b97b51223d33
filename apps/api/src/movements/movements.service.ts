/**
 * Owns emulation movements: launching one, its lifecycle (movement-lifecycle.ts), its reviews, corrections of
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
import { FIELDS, foldedPhrase, labelsOf, prefixQuery } from '#domain';
import { CANDIDATE_STATES, type CandidateState } from '#workflow';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { cleanFileName, EVIDENCE_TYPES, extensionOf } from '../evidence/evidence-policy.js';
import { UnitScope } from '../access/unit-scope.js';
import { Unit } from '../units/unit.entity.js';
import type { LaunchMovementDto, ListMovementsQuery, RecordReviewDto, ReviseMovementDto, StartMovementDto } from './dto/movement.dto.js';
import { MovementAccess, type MovementHead } from '../access/movement-access.js';
import { MOVEMENT_ACTIONS, allowedActions, nextStatus, PARTICIPATION_ACTIONS, type MovementAction } from './movement-lifecycle.js';
import { Movement, MovementDocument, MovementRegistration, MovementReview } from './movement.entities.js';
import { documentView, movementView, registrationView, reviewView, type MovementView } from './movement.views.js';
import { movementStream } from '../audit/streams.js';
import { andInLine, andWithin, pathConditions, reachOf } from '../access/unit-reach.js';
import { invalidField } from '../common/validation.js';

/** Launching documents: PDF, Word, or a scan. */
export const DOCUMENT_TYPES = ['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/jpeg', 'image/png'];

/** Candidates shown per state on a movement's page; the lookup lists them all, page by page. */
const CANDIDATES_PER_STATE = 50;

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
      const unit = await em.createQueryBuilder(Unit, 'u').setLock('pessimistic_read').where('u.id = :id', { id: dto.launchingUnitId }).getOne();
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
      await em.insert(Movement, movement);
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

  start(id: string, dto: StartMovementDto, actor: Actor) {
    return this.change(actor, id, dto.expectedVersion, 'START', async () => ({ eventType: 'MOVEMENT_STARTED', payload: { note: dto.note } }));
  }

  /** An interim review, the final review (which closes the movement), or the correction of a review's record. */
  review(id: string, dto: RecordReviewDto, actor: Actor) {
    const action: MovementAction = dto.correctsId ? 'CORRECT_REVIEW' : dto.kind === 'FINAL' ? 'FINAL_REVIEW' : 'INTERIM_REVIEW';
    let recorded: MovementReview | undefined;
    return this.change(actor, id, dto.expectedVersion, action, async ({ em, head, now }) => {
      const [movement] = (await em.query('SELECT period_from::text AS "periodFrom" FROM movement WHERE id = $1', [head.id])) as { periodFrom: string }[];
      for (const field of ['heldOn', 'conferenceHeldOn'] as const) {
        const date = dto[field];
        if (date && date < movement!.periodFrom) throw new DomainError('MOVEMENT_PERIOD_INVALID', { field, periodFrom: movement!.periodFrom, [field]: date });
      }
      if (dto.correctsId) {
        const [corrected] = (await em.query('SELECT id, kind FROM movement_review WHERE id = $1 AND movement_id = $2', [dto.correctsId, head.id])) as { id: string; kind: string }[];
        if (!corrected) {
          throw new DomainError(
            'CORRECTED_RECORD_NOT_FOUND',
            { field: 'correctsId', correctsId: dto.correctsId },
            { vi: 'Không tìm thấy bản ghi sơ kết, tổng kết cần đính chính của phong trào này.', en: 'The review record to correct was not found for this movement.' },
          );
        }
        const [by] = (await em.query('SELECT id FROM movement_review WHERE corrects_id = $1', [dto.correctsId])) as { id: string }[];
        if (by) throw new DomainError('RECORD_ALREADY_CORRECTED', { field: 'correctsId', correctedBy: by.id });
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
      await em.insert(MovementReview, recorded);
      const { expectedVersion: _version, ...fields } = dto;
      return {
        eventType: action === 'CORRECT_REVIEW' ? 'MOVEMENT_REVIEW_CORRECTED' : action === 'FINAL_REVIEW' ? 'MOVEMENT_FINAL_REVIEW' : 'MOVEMENT_INTERIM_REVIEW',
        payload: { ...fields, reviewId: recorded.id },
      };
    }).then((movement) => ({ movement, review: reviewView(recorded!, { number: null, supersededBy: null }) }));
  }

  /** Corrects the movement's details; the values replaced stay in the audit record. */
  revise(id: string, dto: ReviseMovementDto, actor: Actor) {
    return this.change(actor, id, dto.expectedVersion, 'REVISE', async ({ em, head }) => {
      const current = await em.getRepository(Movement).findOneByOrFail({ id: head.id });
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
      await em.update(Movement, { id: head.id }, to as Partial<Movement>);
      return { eventType: 'MOVEMENT_REVISED', payload: { reason: dto.reason, from, to } };
    });
  }

  /** Stores a file of the launching document (a later one adds a row; the earlier stay). */
  async attachDocument(id: string, file: IncomingDocument | undefined, expectedVersion: number, actor: Actor) {
    if (!file || file.size === 0) throw new DomainError('MOVEMENT_DOCUMENT_MISSING', { field: 'file' });
    const fileName = cleanFileName(file.originalname);
    const contentType = file.mimetype.toLowerCase().split(';')[0]!.trim();
    const policy = DOCUMENT_TYPES.includes(contentType) ? EVIDENCE_TYPES[contentType] : undefined;
    if (!policy || !policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
      throw new DomainError('MOVEMENT_DOCUMENT_TYPE_NOT_ALLOWED', { field: 'file', contentType, allowed: DOCUMENT_TYPES });
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
      await em.insert(MovementDocument, stored);
      return { eventType: 'MOVEMENT_DOCUMENT_ATTACHED', payload: { documentId: stored.id, fileName, contentType, sizeBytes: file.size, sha256 } };
    });
    return { movement, document: documentView(stored!) };
  }

  async documentContent(actor: Actor, id: string, documentId: string): Promise<MovementDocument & { content: Buffer }> {
    await this.access.readable(actor, id);
    const file = await this.dataSource
      .getRepository(MovementDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.movementId = :id', { documentId, id })
      .getOne();
    if (!file?.content) throw new DomainError('MOVEMENT_DOCUMENT_NOT_FOUND', { movementId: id, documentId });
    return file as MovementDocument & { content: Buffer };
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
      await em.query('UPDATE movement SET status = $1, version = $2, updated_at = $3 WHERE id = $4', [to, head.version + 1, now, id]);
      await this.audit.append(em, { stream: movementStream(id), eventType, payload, fromState: head.status, toState: to, actor: actor.username, occurredAt: now });
      const movement = await em.getRepository(Movement).findOneOrFail({ where: { id }, relations: { launchingUnit: true } });
      return movementView(movement, movement.launchingUnit);
    });
  }

  async list(query: ListMovementsQuery, actor: Actor) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Movement).createQueryBuilder('m').innerJoinAndSelect('m.launchingUnit', 'u');
    // A unit head sees the movements launched by their unit, a unit above it, or a unit below it.
    andInLine(qb, 'u.path', reachOf(actor));
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.unitId) {
      const [unit] = (await this.dataSource.query('SELECT path FROM unit WHERE id = $1', [query.unitId])) as { path: string }[];
      if (!unit) throw new DomainError('REFERENCED_UNIT_NOT_FOUND', { field: 'unitId', unitId: query.unitId });
      andWithin(qb, 'u.path', { kind: 'subtree', path: unit.path }, 'subtree');
    }
    if (query.field) qb.andWhere(':field = ANY(m.fields)', { field: query.field });
    if (query.year) qb.andWhere('m.periodFrom <= :yearEnd AND m.periodTo >= :yearStart', { yearStart: `${query.year}-01-01`, yearEnd: `${query.year}-12-31` });
    const tsquery = query.q ? prefixQuery(query.q) : null;
    if (query.q && !tsquery) qb.andWhere('false');
    if (tsquery) qb.andWhere(`to_tsvector('simple'::regconfig, fold_vietnamese(m.name)) @@ to_tsquery('simple'::regconfig, :tsquery)`, { tsquery });
    const [rows, total] = await qb
      .orderBy('m.periodFrom', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const registered = rows.length
      ? ((await this.dataSource.query(
          `SELECT r.movement_id AS "movementId", count(*)::int AS n
             FROM movement_registration r
            WHERE r.movement_id = ANY($1::uuid[]) AND r.action <> 'WITHDRAW'
              AND NOT EXISTS (SELECT 1 FROM movement_registration s WHERE s.previous_id = r.id)
            GROUP BY r.movement_id`,
          [rows.map((m) => m.id)],
        )) as { movementId: string; n: number }[])
      : [];
    const counts = new Map(registered.map((r) => [r.movementId, r.n]));
    return {
      total,
      page,
      pageSize,
      query: query.q ? { text: query.q, folded: foldedPhrase(query.q) } : null,
      items: rows.map((m) => ({ ...movementView(m, m.launchingUnit), registeredUnits: counts.get(m.id) ?? 0 })),
    };
  }

  /** The movement's page: details, registrations by unit, reviews, documents, and its candidates by state. */
  async page(actor: Actor, id: string) {
    await this.access.readable(actor, id);
    const movement = await this.dataSource.getRepository(Movement).findOneOrFail({ where: { id }, relations: { launchingUnit: true } });
    const [reviews, registrations, documents, revisions] = await Promise.all([
      this.dataSource.getRepository(MovementReview).find({ where: { movementId: id }, order: { heldOn: 'ASC', recordedAt: 'ASC' } }),
      this.dataSource.getRepository(MovementRegistration).find({ where: { movementId: id }, relations: { unit: true }, order: { recordedAt: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(MovementDocument).find({ where: { movementId: id }, order: { uploadedAt: 'ASC' } }),
      this.dataSource.query(
        `SELECT seq, event_type AS "eventType", payload, actor, occurred_at AS "occurredAt" FROM audit_event
          WHERE stream = $1 AND event_type IN ('MOVEMENT_LAUNCHED', 'MOVEMENT_REVISED') ORDER BY seq`,
        [movementStream(id)],
      ) as Promise<{ seq: number; eventType: string; payload: Record<string, unknown>; actor: string; occurredAt: Date }[]>,
    ]);
    return {
      ...movementView(movement, movement.launchingUnit),
      documents: documents.map(documentView),
      details: revisions.map((r) => ({ eventType: r.eventType, actor: r.actor, occurredAt: new Date(r.occurredAt).toISOString(), payload: r.payload })),
      reviews: reviewsWithNumbers(reviews),
      registrations: registrationsByUnit(registrations),
      candidates: await this.candidatesOf(actor, id),
      discoveredHere: await this.discoveredAt(actor, id),
    };
  }

  /** The candidates that lead the movement (links in force), by state; a unit head sees those of their subtree. */
  private async candidatesOf(actor: Actor, id: string) {
    const params: unknown[] = [id];
    const reach = pathConditions(params).within('u.path', reachOf(actor));
    const scope = reach ? `AND ${reach}` : '';
    const linked = `FROM candidate_movement_link l
      JOIN candidate c ON c.id = l.candidate_id
      JOIN unit u ON u.id = c.unit_id
     WHERE l.movement_id = $1 AND l.action = 'LINK'
       AND NOT EXISTS (SELECT 1 FROM candidate_movement_link e WHERE e.ends_id = l.id) ${scope}`;
    const [counts, rows] = await Promise.all([
      this.dataSource.query(`SELECT c.state, count(*)::int AS n ${linked} GROUP BY c.state`, params) as Promise<{ state: CandidateState; n: number }[]>,
      this.dataSource.query(
        `SELECT * FROM (
           SELECT c.id, c.name, c.kind, c.year, c.field, c.state, c.unit_id AS "unitId", u.name AS "unitName", l.recorded_at AS "linkedAt",
                  row_number() OVER (PARTITION BY c.state ORDER BY c.name, c.id) AS n
           ${linked}) s
         WHERE s.n <= ${CANDIDATES_PER_STATE} ORDER BY s.name, s.id`,
        params,
      ) as Promise<{ id: string; name: string; kind: string; year: number; field: string; state: CandidateState; unitId: string; unitName: string; linkedAt: Date }[]>,
    ]);
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
    const params: unknown[] = [id];
    const reach = pathConditions(params).within('u.path', reachOf(actor));
    const scope = reach ? `AND ${reach}` : '';
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.name, c.kind, c.year, c.state, c.discovered_at_review_id AS "reviewId", u.id AS "unitId", u.name AS "unitName", count(*) OVER () AS total
         FROM candidate c JOIN unit u ON u.id = c.unit_id
        WHERE c.discovered_at_movement_id = $1 ${scope}
        ORDER BY c.created_at, c.id LIMIT 200`,
      params,
    )) as { id: string; name: string; kind: string; year: number; state: CandidateState; reviewId: string | null; unitId: string; unitName: string; total: string }[];
    return {
      total: rows.length ? Number(rows[0]!.total) : 0,
      items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, year: r.year, state: r.state, reviewId: r.reviewId, unit: { id: r.unitId, name: r.unitName } })),
    };
  }
}

/** Refuses what the state table refuses: a closed movement takes no more registrations (its own code). */
export function assertAllowed(head: Pick<MovementHead, 'status'>, action: MovementAction) {
  const to = nextStatus(head.status, action);
  if (to) return to;
  if (head.status === 'CLOSED' && PARTICIPATION_ACTIONS.includes(action)) throw new DomainError('MOVEMENT_CLOSED', { status: head.status, action });
  throw new DomainError(
    'MOVEMENT_ACTION_NOT_ALLOWED',
    { status: head.status, action, allowedActions: allowedActions(head.status) },
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

function registrationsByUnit(rows: MovementRegistration[]) {
  const supersededBy = new Map(rows.filter((r) => r.previousId).map((r) => [r.previousId!, r.id]));
  const units = new Map<string, { unit: { id: string; name: string }; rows: MovementRegistration[] }>();
  for (const r of rows) {
    const entry = units.get(r.unitId) ?? { unit: { id: r.unitId, name: r.unit!.name }, rows: [] };
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

