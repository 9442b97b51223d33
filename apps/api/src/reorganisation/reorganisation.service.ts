/**
 * Reorganisations of the unit tree as use cases: the preview computes an operation's effect without writing; the
 * operation applies it as ONE audited change in ONE transaction (the record of stream `unit-tree` attests every
 * row it wrote), or refuses it, writing nothing, with the list of what must be placed first.
 *
 * Serialisation: every operation first takes the `unit-tree` stream's transaction lock (operations on the tree go
 * one at a time, whatever part of it they touch), then locks the units it touches (FOR UPDATE, in id order: a
 * nomination into one of them waits, and then sees it retired), then the candidates living there (FOR UPDATE, in
 * id order: a transition in flight finishes first and the checks see its outcome). A transition locks only its
 * candidate, never a unit, so no cycle of waits can form.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit.writer.js';
import { UNIT_TREE_STREAM, unitStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { councilNameSql, councilUnitSql } from '../councils/council-setup.js';
import { SessionLookups } from '../accounts/session-lookups.js';
import type { ReorganisationDto } from './dto/reorganisation.dto.js';
import { computePlan, todayUnitOf, type Facts, type Plan, type TreeUnit } from './reorganisation.plan.js';
import type { ReorganisationEffect, UnitOperationView, UnitTimeline } from '#contracts';

const UNIT_COLUMNS = `id, name, code, level, sector, parent_id AS "parentId", path, status`;

interface OperationRow {
  id: string;
  kind: UnitOperationView['kind'];
  effectiveOn: string;
  documentNumber: string;
  documentDate: string;
  documentAuthority: string;
  note: string | null;
  effect: ReorganisationEffect;
  recordedBy: string;
  recordedAt: Date;
}
const OPERATION_COLUMNS = `o.id, o.kind, o.effective_on::text AS "effectiveOn", o.document_number AS "documentNumber", o.document_date::text AS "documentDate",
  o.document_authority AS "documentAuthority", o.note, o.effect, o.recorded_by AS "recordedBy", o.recorded_at AS "recordedAt"`;

const operationView = (o: OperationRow): UnitOperationView => ({ ...o, recordedAt: new Date(o.recordedAt).toISOString() });

@Injectable()
export class ReorganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lookups: SessionLookups,
  ) {}

  /** The operation's effect, computed on the tree as it is now; nothing is written or locked. */
  async preview(dto: ReorganisationDto): Promise<ReorganisationEffect> {
    const facts = await this.facts(this.dataSource.manager, dto, false);
    return this.effectView(computePlan(dto, facts, this.today()), facts);
  }

  async apply(dto: ReorganisationDto, actor: Actor): Promise<UnitOperationView> {
    try {
      return await this.applyWithin(dto, actor);
    } finally {
      // Accounts moved to successor units and unit paths changed: the kept session lookups (unit and path) go.
      this.lookups.forgetAll();
    }
  }

  private applyWithin(dto: ReorganisationDto, actor: Actor): Promise<UnitOperationView> {
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, UNIT_TREE_STREAM);
      const facts = await this.facts(em, dto, true);
      const plan = computePlan(dto, facts, this.today());
      const effect = this.effectView(plan, facts);
      if (plan.blockers.length > 0) throw new DomainError('REORGANISATION_BLOCKED', { field: 'placements', fieldLabel: { vi: 'Nơi tiếp nhận', en: 'Placements' }, blockers: plan.blockers });
      const now = this.clock.now();
      await em.query(
        `INSERT INTO unit_operation (id, kind, effective_on, document_number, document_date, document_authority, note, effect, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [plan.operationId, plan.kind, plan.effectiveOn, dto.documentNumber, dto.documentDate, dto.documentAuthority, dto.note ?? null, JSON.stringify(effect), actor.username, now],
      );
      for (const u of plan.creates) {
        await em.query(
          `INSERT INTO unit (id, code, name, level, sector, parent_id, path, status, version, created_at, updated_at) VALUES ($1, NULL, $2, $3, $4, $5, $6, 'ACTIVE', 1, $7, $7)`,
          [u.id, u.name, u.level, u.sector, u.parentId, u.path, now],
        );
      }
      for (const r of plan.relocations) {
        await em.query(`UPDATE unit SET path = $2 || substr(path, length($1) + 1), updated_at = $3 WHERE path LIKE $1 || '%'`, [r.from, r.to, now]);
      }
      for (const c of plan.changes) {
        if (c.change !== 'CREATED') {
          await em.query(`UPDATE unit SET name = $2, parent_id = $3, status = $4, retired_on = CASE WHEN $4 = 'RETIRED' THEN $5::date ELSE retired_on END, updated_at = $6 WHERE id = $1`, [
            c.unitId,
            c.nameAfter,
            c.parentAfter,
            c.statusAfter,
            plan.effectiveOn,
            now,
          ]);
        }
        await em.query(
          `INSERT INTO unit_change (id, operation_id, unit_id, effective_on, change, name_before, name_after, parent_before, parent_after, status_before, status_after)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [plan.operationId, c.unitId, plan.effectiveOn, c.change, c.nameBefore, c.nameAfter, c.parentBefore, c.parentAfter, c.statusBefore, c.statusAfter],
        );
      }
      for (const s of plan.successions) {
        await em.query(`INSERT INTO unit_succession (id, operation_id, predecessor_id, successor_id, kind, "primary", effective_on) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`, [
          plan.operationId,
          s.predecessorId,
          s.successorId,
          s.kind,
          s.primary,
          plan.effectiveOn,
        ]);
      }
      if (plan.placements.length > 0) {
        // One statement each for every placement of a split (thousands of candidates in a large unit).
        const candidates = plan.placements.map((p) => p.candidateId);
        const from = plan.placements.map((p) => p.fromUnitId);
        const to = plan.placements.map((p) => p.toUnitId);
        await em.query(
          `INSERT INTO candidate_placement (id, operation_id, candidate_id, from_unit_id, to_unit_id, effective_on)
           SELECT gen_random_uuid(), $1::uuid, x.c, x.f, x.t, $2::date FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS x(c, f, t)`,
          [plan.operationId, plan.effectiveOn, candidates, from, to],
        );
        await em.query(`UPDATE candidate c SET home_unit_id = x.t FROM unnest($1::uuid[], $2::uuid[]) AS x(c, t) WHERE c.id = x.c`, [candidates, to]);
      }
      for (const k of plan.councilTransfers) {
        await em.query(
          `INSERT INTO council_transfer (id, council_id, operation_id, from_unit_id, to_unit_id, effective_on, recorded_at, council_name) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
          [k.councilId, plan.operationId, k.fromUnitId, k.toUnitId, plan.effectiveOn, now, k.councilName],
        );
      }
      for (const a of plan.accountMoves) {
        await em.query(`UPDATE account SET unit_id = $2, updated_at = $3 WHERE id = $1`, [a.accountId, a.toUnitId, now]);
      }
      const document = { number: dto.documentNumber, date: dto.documentDate, authority: dto.documentAuthority };
      await this.audit.append(em, {
        stream: UNIT_TREE_STREAM,
        eventType: `UNIT_${plan.kind}`,
        payload: { operationId: plan.operationId, kind: plan.kind, effectiveOn: plan.effectiveOn, document, note: dto.note ?? null, request: { ...dto }, effect: { ...effect, candidates: undefined } },
        actor: actor.username,
        occurredAt: now,
      });
      // A unit the operation formed starts its own chain, as a unit created by hand does (its row is attested above).
      for (const u of plan.creates) {
        await this.audit.append(em, {
          stream: unitStream(u.id),
          eventType: 'UNIT_CREATED',
          payload: { name: u.name, level: u.level, sector: u.sector, parentId: u.parentId, byOperation: plan.operationId },
          actor: actor.username,
          occurredAt: now,
        });
      }
      const [row] = (await em.query(`SELECT ${OPERATION_COLUMNS} FROM unit_operation o WHERE o.id = $1`, [plan.operationId])) as OperationRow[];
      return operationView(row!);
    });
  }

  /** Every operation, newest effective date first. */
  async list(): Promise<UnitOperationView[]> {
    const rows = (await this.dataSource.query(`SELECT ${OPERATION_COLUMNS} FROM unit_operation o ORDER BY o.effective_on DESC, o.recorded_at DESC, o.id`)) as OperationRow[];
    return rows.map(operationView);
  }

  /** What a unit was and became: its changes, the units it came from and the units that carry it on. */
  async timeline(unitId: string): Promise<UnitTimeline> {
    const db = this.dataSource.manager;
    const [unit] = (await db.query(`SELECT ${UNIT_COLUMNS}, retired_on::text AS "retiredOn" FROM unit WHERE id = $1`, [unitId])) as (TreeUnit & { retiredOn: string | null })[];
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { unitId });
    const changes = (await db.query(
      `SELECT ch.change, ch.name_before AS "nameBefore", ch.name_after AS "nameAfter", ch.status_after AS "statusAfter",
              pb.id AS "pbId", pb.name AS "pbName", pa.id AS "paId", pa.name AS "paName", ${OPERATION_COLUMNS}
         FROM unit_change ch JOIN unit_operation o ON o.id = ch.operation_id
         LEFT JOIN unit pb ON pb.id = ch.parent_before LEFT JOIN unit pa ON pa.id = ch.parent_after
        WHERE ch.unit_id = $1 ORDER BY o.effective_on, o.recorded_at, o.id`,
      [unitId],
    )) as (OperationRow & { change: string; nameBefore: string | null; nameAfter: string; statusAfter: string; pbId: string | null; pbName: string | null; paId: string | null; paName: string | null })[];
    const links = (await db.query(
      `SELECT s.kind, s."primary", s.effective_on::text AS "effectiveOn", s.predecessor_id AS "predecessorId", p.name AS "predecessorName", s.successor_id AS "successorId", q.name AS "successorName",
              o.document_number AS "documentNumber", o.document_date::text AS "documentDate", o.document_authority AS "documentAuthority", o.id AS "operationId"
         FROM unit_succession s JOIN unit p ON p.id = s.predecessor_id JOIN unit q ON q.id = s.successor_id JOIN unit_operation o ON o.id = s.operation_id
        WHERE s.predecessor_id = $1 OR s.successor_id = $1 ORDER BY s.effective_on, o.recorded_at, p.name`,
      [unitId],
    )) as { kind: string; primary: boolean; effectiveOn: string; predecessorId: string; predecessorName: string; successorId: string; successorName: string; documentNumber: string; documentDate: string; documentAuthority: string; operationId: string }[];
    const link = (l: (typeof links)[number], other: 'predecessor' | 'successor') => ({
      unit: { id: other === 'predecessor' ? l.predecessorId : l.successorId, name: other === 'predecessor' ? l.predecessorName : l.successorName },
      kind: l.kind,
      primary: l.primary,
      effectiveOn: l.effectiveOn,
      operationId: l.operationId,
      document: { number: l.documentNumber, date: l.documentDate, authority: l.documentAuthority },
    });
    const tree = new Map(((await db.query(`SELECT ${UNIT_COLUMNS} FROM unit`)) as TreeUnit[]).map((u) => [u.id, u]));
    const today = todayUnitOf(tree, unitId);
    return {
      unit: { id: unit.id, name: unit.name, status: unit.status, retiredOn: unit.retiredOn },
      today: today ? { id: today.id, name: today.name } : null,
      changes: changes.map((c) => ({
        change: c.change,
        nameBefore: c.nameBefore,
        nameAfter: c.nameAfter,
        statusAfter: c.statusAfter,
        parentBefore: c.pbId ? { id: c.pbId, name: c.pbName! } : null,
        parentAfter: c.paId ? { id: c.paId, name: c.paName! } : null,
        operation: operationView(c),
      })),
      predecessors: links.filter((l) => l.successorId === unitId).map((l) => link(l, 'predecessor')),
      successors: links.filter((l) => l.predecessorId === unitId).map((l) => link(l, 'successor')),
    };
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** The units an operation names (operands and targets). */
  private named(dto: ReorganisationDto): string[] {
    const ids = [dto.unitId, dto.parentId, dto.intoUnitId, dto.newUnit?.parentId, ...(dto.unitIds ?? []), ...(dto.parts ?? []).flatMap((p) => [p.unitId, p.newUnit?.parentId])];
    return [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  }

  /** The units whose subtrees the operation changes (their candidates, accounts and sessions are looked at). */
  private operands(dto: ReorganisationDto): string[] {
    const ids = dto.kind === 'MERGE' ? (dto.unitIds ?? []) : dto.kind === 'RENAME' ? [] : dto.unitId ? [dto.unitId] : [];
    return [...new Set(ids)];
  }

  /** What the plan needs, read inside the caller's transaction; `lock`: the touched units and candidates are locked first. */
  private async facts(em: EntityManager, dto: ReorganisationDto, lock: boolean): Promise<Facts> {
    const named = this.named(dto).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const operands = this.operands(dto).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (lock && named.length > 0) {
      // The named units and everything below the operands, in one order for every operation.
      await em.query(
        `SELECT u.id FROM unit u
          WHERE u.id = ANY($1::uuid[]) OR EXISTS (SELECT 1 FROM unit o WHERE o.id = ANY($2::uuid[]) AND u.path LIKE o.path || '%')
          ORDER BY u.id FOR UPDATE`,
        [named, operands],
      );
    }
    const units = (await em.query(`SELECT ${UNIT_COLUMNS} FROM unit`)) as TreeUnit[];
    const byId = new Map(units.map((u) => [u.id, u]));
    const roots = operands.map((id) => byId.get(id)?.path).filter((p): p is string => !!p);
    if (roots.length === 0) return { units, candidates: [], accounts: [], openSessions: [], councilUnits: [] };
    const inRoots = `EXISTS (SELECT 1 FROM unnest($1::text[]) AS r(p) WHERE u.path LIKE r.p || '%')`;
    if (lock) {
      await em.query(`SELECT c.id FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE ${inRoots} ORDER BY c.id FOR UPDATE OF c`, [roots]);
    }
    const candidates = (await em.query(
      `SELECT c.id, c.name, c.state, c.unit_id AS "unitId", coalesce(c.home_unit_id, c.unit_id) AS "effectiveUnitId"
         FROM candidate c JOIN unit u ON u.id = coalesce(c.home_unit_id, c.unit_id) WHERE ${inRoots} ORDER BY c.name, c.id`,
      [roots],
    )) as Facts['candidates'];
    const accounts = (await em.query(
      `SELECT a.id, a.username, a.display_name AS "displayName", a.unit_id AS "unitId" FROM account a WHERE a.unit_id = ANY($1::uuid[]) AND a.disabled_at IS NULL ORDER BY a.username`,
      [operands],
    )) as Facts['accounts'];
    const openSessions = (await em.query(
      `SELECT s.id, s.title, ${councilUnitSql('k')} AS "councilUnitId" FROM review_session s JOIN council k ON k.id = s.council_id WHERE ${councilUnitSql('k')} = ANY($1::uuid[]) AND s.status <> 'CLOSED' ORDER BY s.title`,
      [operands],
    )) as Facts['openSessions'];
    // A merge into one of its units: that unit's council (if any) is the one that carries on.
    const councilUnits = (await em.query(`SELECT ${councilUnitSql('k')} AS "unitId", k.id AS "councilId", ${councilNameSql('k')} AS name FROM council k WHERE ${councilUnitSql('k')} = ANY($1::uuid[]) ORDER BY k.created_at, k.id`, [
      operands,
    ])) as Facts['councilUnits'];
    return { units, candidates, accounts, openSessions, councilUnits };
  }

  /** The plan in words a person checks before applying: units, successions, candidates and accounts that move. */
  private effectView(plan: Plan, facts: Facts): ReorganisationEffect {
    const ref = (m: Map<string, TreeUnit>, id: string | null) => {
      const u = id ? (m.get(id) ?? plan.after.get(id)) : undefined;
      return u ? { id: u.id, name: u.name } : null;
    };
    const placedTo = new Map(plan.placements.map((p) => [p.candidateId, p.toUnitId]));
    const candidates = facts.candidates
      .map((c) => {
        const placed = placedTo.has(c.id) ? { toUnitId: placedTo.get(c.id)! } : undefined;
        const beforeUnit = todayUnitOf(plan.before, c.effectiveUnitId);
        const afterUnit = todayUnitOf(plan.after, placed ? placed.toUnitId : c.effectiveUnitId);
        return {
          id: c.id,
          name: c.name,
          state: c.state,
          nominatedIn: ref(plan.before, c.unitId)!,
          before: beforeUnit ? { id: beforeUnit.id, name: beforeUnit.name } : null,
          after: afterUnit ? { id: afterUnit.id, name: afterUnit.name } : null,
        };
      })
      .filter((c) => c.before?.id !== c.after?.id);
    return {
      kind: plan.kind,
      effectiveOn: plan.effectiveOn,
      units: plan.changes.map((c) => ({
        id: c.unitId,
        name: c.nameAfter,
        change: c.change,
        nameBefore: c.nameBefore,
        nameAfter: c.nameAfter,
        parentBefore: ref(plan.before, c.parentBefore),
        parentAfter: ref(plan.after, c.parentAfter),
        statusAfter: c.statusAfter,
      })),
      successions: plan.successions.map((s) => ({ predecessor: ref(plan.before, s.predecessorId)!, successor: ref(plan.after, s.successorId)!, kind: s.kind, primary: s.primary })),
      candidateCount: candidates.length,
      candidates: candidates.slice(0, 500),
      accounts: plan.accountMoves.map((a) => {
        const acc = facts.accounts.find((x) => x.id === a.accountId)!;
        return { id: a.accountId, username: acc.username, displayName: acc.displayName, from: ref(plan.before, a.fromUnitId)!, to: ref(plan.after, a.toUnitId)! };
      }),
      councils: facts.councilUnits.map((k) => {
        const moved = plan.councilTransfers.find((x) => x.councilId === k.councilId);
        return { id: k.councilId, name: k.name, unit: ref(plan.before, k.unitId)!, continuesUnder: moved ? ref(plan.after, moved.toUnitId) : null, ...(moved?.councilName ? { nameAfter: moved.councilName } : {}) };
      }),
      blockers: plan.blockers,
    };
  }
}
