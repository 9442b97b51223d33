import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SECTORS, UNIT_LEVELS, labelsOf } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import type { CreateUnitDto, RenameUnitDto } from './dto/unit.dto.js';
import { Unit } from './unit.entity.js';
import { UnitRepository } from './unit.repository.js';
import { unitStream } from '../audit/streams.js';
import { setUpCouncil } from '../councils/council-setup.js';
import type { UnitNode as UnitTreeNode, UnitView } from '#contracts';

export function unitView(u: Unit): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    levelLabel: labelsOf(UNIT_LEVELS, u.level),
    sector: u.sector,
    sectorLabel: labelsOf(SECTORS, u.sector),
    parentId: u.parentId,
    status: u.status,
    retiredOn: u.retiredOn,
    version: u.version,
  };
}

@Injectable()
export class UnitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly units: UnitRepository,
  ) {}

  async create(dto: CreateUnitDto, actor: Actor): Promise<UnitView> {
    // The province is the only root; every other unit hangs below an existing one.
    if (!dto.parentId && dto.level !== 'PROVINCE') {
      throw new DomainError('UNIT_PARENT_INVALID', { field: 'parentId' }, { vi: 'Chỉ đơn vị cấp tỉnh mới không có đơn vị cấp trên.', en: 'Only the province has no parent unit.' });
    }
    if (dto.parentId && dto.level === 'PROVINCE') {
      throw new DomainError('UNIT_PARENT_INVALID', { field: 'parentId' }, { vi: 'Đơn vị cấp tỉnh không có đơn vị cấp trên.', en: 'The province has no parent unit.' });
    }
    return this.dataSource.transaction(async (em) => {
      let parentPath = '/';
      if (dto.parentId) {
        const parent = await this.units.lockShared(em, dto.parentId);
        if (!parent) throw new DomainError('UNIT_PARENT_INVALID', { field: 'parentId' }, { vi: 'Đơn vị cấp trên không tồn tại.', en: 'The parent unit does not exist.' });
        if (parent.status === 'RETIRED') throw new DomainError('UNIT_RETIRED', { field: 'parentId', unitId: parent.id, unitName: parent.name });
        parentPath = parent.path;
      }
      const id = randomUUID();
      const now = this.clock.now();
      const unit = em.create(Unit, {
        id,
        code: dto.code ?? null,
        name: dto.name,
        level: dto.level,
        sector: dto.sector,
        parentId: dto.parentId ?? null,
        status: 'ACTIVE',
        retiredOn: null,
        path: `${parentPath}${id}/`,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await this.units.insert(em, unit);
      await this.audit.append(em, { stream: unitStream(id), eventType: 'UNIT_CREATED', payload: { ...dto }, actor: actor.username, occurredAt: now });
      // The province comes with its council (QĐ 86/2025 Điều 8); lower levels' councils are set up by administrators.
      if (!unit.parentId) await setUpCouncil(em, this.audit, { unitId: unit.id, unitName: unit.name }, actor, now);
      return unitView(unit);
    });
  }

  async rename(id: string, dto: RenameUnitDto, actor: Actor): Promise<UnitView> {
    return this.dataSource.transaction(async (em) => {
      const unit = await this.units.lockForUpdate(em, id);
      if (!unit) throw new DomainError('UNIT_NOT_FOUND', { unitId: id });
      if (unit.status === 'RETIRED') throw new DomainError('UNIT_RETIRED', { unitId: id, unitName: unit.name });
      if (unit.version !== dto.expectedVersion) throw new DomainError('STALE_VERSION', { expectedVersion: dto.expectedVersion, currentVersion: unit.version });
      const now = this.clock.now();
      const previousName = unit.name;
      unit.name = dto.name;
      unit.version += 1;
      unit.updatedAt = now;
      await this.units.rename(em, id, { name: unit.name, version: unit.version, updatedAt: now });
      // The old name stays in the audit trail: a rename never silently overwrites history.
      await this.audit.append(em, { stream: unitStream(id), eventType: 'UNIT_RENAMED', payload: { from: previousName, to: dto.name }, actor: actor.username, occurredAt: now });
      return unitView(unit);
    });
  }

  async get(id: string): Promise<UnitView> {
    const unit = await this.units.find(this.dataSource.manager, id);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { unitId: id });
    return unitView(unit);
  }

  /** The whole hierarchy as nested nodes, each level sorted by name (Vietnamese collation is left to the client). */
  async tree(): Promise<UnitTreeNode[]> {
    const units = await this.units.all(this.dataSource.manager);
    const nodes = new Map<string, UnitTreeNode>(units.map((u) => [u.id, { ...unitView(u), children: [] }]));
    const roots: UnitTreeNode[] = [];
    for (const u of units) {
      const node = nodes.get(u.id)!;
      const parent = u.parentId ? nodes.get(u.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    const sort = (list: UnitTreeNode[]) => {
      list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      list.forEach((n) => sort(n.children));
    };
    sort(roots);
    return roots;
  }
}
