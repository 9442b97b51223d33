/**
 * Owns the units' yearly plans for building and replicating exemplars, with the yearly inspection result.
 * Per unit and year, not per candidate. A revision adds a row (the whole plan as of then) and an audit record
 * in the stream `unit-plan:<unit>:<year>`, under an advisory lock on that stream.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UNIT_LEVELS, labelsOf } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { WriteUnitPlanDto } from './dto/unit-plan.dto.js';
import type { UnitPlan } from './replication.entities.js';
import { UnitPlanRepository } from './unit-plan.repository.js';
import { UnitScope } from '../access/unit-scope.js';
import { unitPlanStream } from '../audit/streams.js';
import { fieldName, invalidField } from '../common/validation.js';
import type { UnitPlanRevisions, UnitPlansOverview, UnitPlanView, WrittenUnitPlan } from '#contracts';

function planView(p: Omit<UnitPlan, 'unit'>): UnitPlanView {
  return {
    id: p.id,
    unitId: p.unitId,
    year: p.year,
    revision: p.revision,
    buildingPlan: p.buildingPlan,
    replicationPlan: p.replicationPlan,
    documentNumber: p.documentNumber,
    issuedOn: p.issuedOn,
    // The date and the result are written together (see write), so a plan has both or neither.
    inspection: p.inspectionResult === null || p.inspectedOn === null ? null : { inspectedOn: p.inspectedOn, result: p.inspectionResult },
    writtenBy: p.writtenBy,
    writtenAt: p.writtenAt.toISOString(),
  };
}

@Injectable()
export class UnitPlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly scope: UnitScope,
    private readonly plans: UnitPlanRepository,
    private readonly clock: Clock,
  ) {}

  async write(unitId: string, year: number, dto: WriteUnitPlanDto, actor: Actor): Promise<WrittenUnitPlan> {
    if ((dto.inspectedOn === undefined) !== (dto.inspectionResult === undefined)) {
      const field = dto.inspectedOn === undefined ? 'inspectedOn' : 'inspectionResult';
      throw invalidField(field, 'isDefined', { vi: `Thiếu ${fieldName(field).vi}: ngày kiểm tra và kết quả kiểm tra đi cùng nhau.`, en: `${fieldName(field).en} is required: the inspection date and result go together.` });
    }
    const unit = await this.scope.reachable(actor, unitId);
    return this.dataSource.transaction(async (em) => {
      const stream = unitPlanStream(unit.id, year);
      // Serialises the revisions of this unit's plan for this year, and the writers of its audit chain.
      await this.plans.lockPlan(em, stream);
      const currentRevision = await this.plans.currentRevision(em, unit.id, year);
      if (dto.expectedRevision !== currentRevision) throw new DomainError('STALE_VERSION', { expectedRevision: dto.expectedRevision, currentRevision });
      const now = this.clock.now();
      const plan: Omit<UnitPlan, 'unit'> = {
        id: randomUUID(),
        unitId: unit.id,
        year,
        revision: currentRevision + 1,
        buildingPlan: dto.buildingPlan,
        replicationPlan: dto.replicationPlan,
        documentNumber: dto.documentNumber ?? null,
        issuedOn: dto.issuedOn ?? null,
        inspectedOn: dto.inspectedOn ?? null,
        inspectionResult: dto.inspectionResult ?? null,
        writtenBy: actor.username,
        writtenAt: now,
      };
      await this.plans.add(em, plan);
      await this.audit.append(em, {
        stream,
        eventType: 'UNIT_PLAN_WRITTEN',
        payload: { planId: plan.id, unitId: unit.id, year, revision: plan.revision, ...dto },
        actor: actor.username,
        occurredAt: now,
      });
      return { unit: { id: unit.id, name: unit.name }, ...planView(plan) };
    });
  }

  /** The plan in force and its earlier revisions, newest first. */
  async get(unitId: string, year: number, actor: Actor): Promise<UnitPlanRevisions> {
    const unit = await this.scope.reachable(actor, unitId);
    const plans = await this.plans.revisionsOf(this.dataSource.manager, unit.id, year);
    if (plans.length === 0) throw new DomainError('UNIT_PLAN_NOT_FOUND', { unitId: unit.id, year });
    return { unit: { id: unit.id, name: unit.name }, year, current: planView(plans[0]!), earlierRevisions: plans.slice(1).map(planView) };
  }

  /**
   * Every unit within the actor's reach with its plan in force for the year, if any, and the units without one
   * (the report's "100 % of units have a plan" is `withPlan / units`).
   */
  async overview(year: number, actor: Actor, unitId?: string): Promise<UnitPlansOverview> {
    const scope = await this.scope.of(actor, unitId);
    const rows = await this.plans.overview(this.dataSource.manager, year, scope.reach);
    const units = rows.map((r) => ({
      unit: { id: r.id, name: r.name, level: r.level, levelLabel: labelsOf(UNIT_LEVELS, r.level), parentId: r.parentId },
      plan: r.planId ? { id: r.planId, revision: r.revision!, documentNumber: r.documentNumber, writtenAt: r.writtenAt!.toISOString(), inspected: r.inspected! } : null,
    }));
    const withPlan = units.filter((u) => u.plan).length;
    return {
      year,
      counts: {
        units: units.length,
        withPlan,
        withoutPlan: units.length - withPlan,
        inspected: units.filter((u) => u.plan?.inspected).length,
        percentWithPlan: units.length ? Math.round((withPlan / units.length) * 1000) / 10 : null,
      },
      withoutPlan: units.filter((u) => !u.plan).map((u) => u.unit),
      units,
    };
  }
}
