/**
 * The bulk import of a unit tree: preview (read the file, compare it with the tree, say what would change and
 * every error by line and column; writes nothing) and apply (the same, again, inside one transaction: refused
 * when the plan differs from the one previewed or has any error; otherwise every unit created and every rename
 * written with its own audit record on the unit's stream, and the import itself, with its file, recorded and
 * audited on the imports' stream). A file whose every line is unchanged writes nothing.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { SECTORS, UNIT_LEVELS, labelsOf } from '#domain';
import type { PeopleNames, UnitImportItem, UnitImportPreview, UnitImportResult, UnitImportSummary } from '#contracts';
import { peopleNamed } from '../../audit/audit-names.js';
import { AuditWriter } from '../../audit/audit.writer.js';
import { UNIT_IMPORT_STREAM, unitStream } from '../../audit/streams.js';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { setUpCouncil } from '../../councils/council-setup.js';
import { cleanFileName } from '../../evidence/evidence-policy.js';
import { detectFormat, gridOf } from '../../statistics/import-parser.js';
import { Unit } from '../unit.entity.js';
import { UnitRepository } from '../unit.repository.js';
import { UnitImport, type UnitImportFormat } from './unit-import.entity.js';
import { planImport, readRows, type ExistingUnit, type ImportLineError, type Plan, type PlanItem } from './unit-import.plan.js';


export interface UploadedUnitList {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface ReadFile {
  fileName: string;
  format: UnitImportFormat;
  sha256: string;
  size: number;
  buffer: Buffer;
}

const labels = (list: readonly { code: string; vi: string; en: string }[], code: string) => labelsOf(list, code) ?? { vi: code, en: code };

function itemView(i: PlanItem): UnitImportItem {
  return {
    line: i.line,
    action: i.action,
    code: i.code,
    name: i.name,
    previousName: i.previousName,
    level: i.level,
    levelLabel: labels(UNIT_LEVELS, i.level),
    sector: i.sector,
    sectorLabel: labels(SECTORS, i.sector),
    parentCode: i.parentCode,
    unitId: i.unitId,
  };
}

const countsOf = (items: PlanItem[]) => ({
  create: items.filter((i) => i.action === 'CREATE').length,
  rename: items.filter((i) => i.action === 'RENAME').length,
  unchanged: items.filter((i) => i.action === 'UNCHANGED').length,
});

/** What the plan would do, with the versions it saw: equal digests mean the same changes on the same tree. */
function digestOf(file: ReadFile, plan: Plan): string {
  const shape = [...plan.items].sort((a, b) => a.line - b.line).map((i) => [i.action, i.code, i.name, i.previousName, i.level, i.sector, i.parentCode, i.unitId, i.version]);
  return createHash('sha256').update(JSON.stringify([file.sha256, shape, plan.errors.length])).digest('hex');
}

@Injectable()
export class UnitImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly units: UnitRepository,
  ) {}

  async preview(upload: UploadedUnitList | undefined): Promise<UnitImportPreview> {
    const file = this.fileOf(upload);
    const read = await this.read(file);
    const planned = 'rows' in read ? planImport(read.rows, await this.existing(this.dataSource.manager)) : { items: [], errors: [] };
    const plan: Plan = { items: planned.items, errors: [...read.errors, ...planned.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
    const counts = countsOf(plan.items);
    const canApply = plan.errors.length === 0 && counts.create + counts.rename > 0;
    return {
      fileName: file.fileName,
      format: file.format,
      sha256: file.sha256,
      lines: 'rows' in read ? read.lines : 0,
      counts,
      items: [...plan.items].sort((a, b) => a.line - b.line).map(itemView),
      errors: plan.errors,
      canApply,
      planDigest: digestOf(file, plan),
      message: previewMessage(counts, plan.errors.length),
    };
  }

  async apply(upload: UploadedUnitList | undefined, planDigest: string, actor: Actor): Promise<UnitImportResult> {
    const file = this.fileOf(upload);
    const read = await this.read(file);
    if (!('rows' in read)) throw new DomainError('UNIT_IMPORT_INVALID', { field: 'file', errors: read.errors });
    if (read.errors.length > 0) {
      // Every error at once, as the preview lists them.
      const planned = planImport(read.rows, await this.existing(this.dataSource.manager));
      throw new DomainError('UNIT_IMPORT_INVALID', { field: 'file', errors: [...read.errors, ...planned.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) });
    }
    return this.dataSource.transaction(async (em) => {
      // Serialises imports (and the writers of their chain); the tree is then read inside the transaction.
      await this.audit.lockStream(em, UNIT_IMPORT_STREAM);
      const plan = planImport(read.rows, await this.existing(em));
      if (plan.errors.length > 0) throw new DomainError('UNIT_IMPORT_INVALID', { field: 'file', errors: plan.errors });
      if (digestOf(file, plan) !== planDigest) throw new DomainError('UNIT_IMPORT_PLAN_CHANGED', { field: 'planDigest' });
      const counts = countsOf(plan.items);
      if (counts.create + counts.rename === 0) {
        return {
          applied: false,
          import: null,
          counts,
          items: plan.items.map(itemView),
          message: { vi: `Cây đơn vị đã khớp với tệp (${counts.unchanged} đơn vị không đổi); không có gì thay đổi.`, en: `The unit tree already matches the file (${counts.unchanged} units unchanged); nothing changed.` },
        };
      }
      const importId = randomUUID();
      const now = this.clock.now();
      const idByCode = new Map<string, { id: string; path: string }>();
      const pathOf = async (code: string): Promise<{ id: string; path: string }> => {
        const known = idByCode.get(code);
        if (known) return known;
        const unit = await em.createQueryBuilder(Unit, 'u').setLock('pessimistic_read').where('u.code = :code', { code }).getOne();
        if (!unit) throw new DomainError('UNIT_IMPORT_PLAN_CHANGED', { field: 'planDigest', unitCode: code });
        idByCode.set(code, { id: unit.id, path: unit.path });
        return idByCode.get(code)!;
      };
      for (const item of plan.items) {
        if (item.action === 'CREATE') {
          const parent = item.parentCode ? await pathOf(item.parentCode) : null;
          const id = randomUUID();
          const unit = em.create(Unit, {
            id,
            code: item.code,
            name: item.name,
            level: item.level,
            sector: item.sector,
            parentId: parent?.id ?? null,
            path: `${parent?.path ?? '/'}${id}/`,
            version: 1,
            createdAt: now,
            updatedAt: now,
          });
          await this.units.insert(em, unit);
          idByCode.set(item.code, { id, path: unit.path });
          item.unitId = id;
          await this.audit.append(em, {
            stream: unitStream(id),
            eventType: 'UNIT_CREATED',
            payload: { name: item.name, level: item.level, sector: item.sector, code: item.code, parentId: parent?.id, importId, line: item.line },
            actor: actor.username,
            occurredAt: now,
          });
          // The province comes with its council, as when created one by one (units.service.ts).
          if (!parent) await setUpCouncil(em, this.audit, { unitId: id, unitName: item.name }, actor, now);
        } else if (item.action === 'RENAME') {
          const unit = await this.units.lockForUpdate(em, item.unitId!);
          if (!unit || unit.version !== item.version || unit.name !== item.previousName) throw new DomainError('UNIT_IMPORT_PLAN_CHANGED', { field: 'planDigest', unitCode: item.code });
          await this.units.rename(em, unit.id, { name: item.name, version: unit.version + 1, updatedAt: now });
          // The old name stays in the unit's audit trail, as with a rename by hand, and the import is named.
          await this.audit.append(em, { stream: unitStream(unit.id), eventType: 'UNIT_RENAMED', payload: { from: unit.name, to: item.name, importId, line: item.line }, actor: actor.username, occurredAt: now });
        }
      }
      const record: UnitImport = {
        id: importId,
        sha256: file.sha256,
        fileName: file.fileName,
        format: file.format,
        sizeBytes: file.size,
        content: file.buffer,
        createdCount: counts.create,
        renamedCount: counts.rename,
        unchangedCount: counts.unchanged,
        importedBy: actor.username,
        importedAt: now,
      };
      await em.insert(UnitImport, record);
      await this.audit.append(em, {
        stream: UNIT_IMPORT_STREAM,
        eventType: 'UNITS_IMPORTED',
        payload: {
          importId,
          sha256: file.sha256,
          fileName: file.fileName,
          format: file.format,
          counts,
          created: plan.items.filter((i) => i.action === 'CREATE').map((i) => ({ line: i.line, code: i.code, unitId: i.unitId })),
          renamed: plan.items.filter((i) => i.action === 'RENAME').map((i) => ({ line: i.line, code: i.code, unitId: i.unitId, from: i.previousName, to: i.name })),
        },
        actor: actor.username,
        occurredAt: now,
      });
      return {
        applied: true,
        import: summaryOf(record),
        counts,
        items: [...plan.items].sort((a, b) => a.line - b.line).map(itemView),
        message: {
          vi: `Đã nhập: tạo mới ${counts.create}, đổi tên ${counts.rename}, không đổi ${counts.unchanged} đơn vị.`,
          en: `Imported: ${counts.create} created, ${counts.rename} renamed, ${counts.unchanged} unchanged.`,
        },
      };
    });
  }

  async list(): Promise<{ items: UnitImportSummary[]; people: PeopleNames }> {
    const rows = await this.dataSource.manager.find(UnitImport, { order: { importedAt: 'DESC', id: 'DESC' } });
    return { items: rows.map(summaryOf), people: await peopleNamed(this.dataSource, rows.map((r) => r.importedBy)) };
  }

  private fileOf(upload: UploadedUnitList | undefined): ReadFile {
    if (!upload || upload.size === 0) throw new DomainError('UNIT_IMPORT_FILE_MISSING', { field: 'file' });
    const fileName = cleanFileName(upload.originalname);
    const format = detectFormat(upload.buffer, fileName, upload.mimetype.toLowerCase().split(';')[0]!.trim());
    if (!format) throw new DomainError('UNIT_IMPORT_FILE_TYPE_NOT_ALLOWED', { field: 'file', fileName });
    return { fileName, format, sha256: createHash('sha256').update(upload.buffer).digest('hex'), size: upload.size, buffer: upload.buffer };
  }

  /** The file's rows and its errors by line and column; only errors when the file cannot be read at all. */
  private async read(file: ReadFile): Promise<{ rows: ReturnType<typeof readRows>['rows']; errors: ImportLineError[]; lines: number } | { errors: ImportLineError[] }> {
    const grid = await gridOf(file.format, file.buffer);
    if ('error' in grid) return { errors: [grid.error] };
    const { rows, errors } = readRows(grid.lines);
    return { rows, errors, lines: grid.lines.slice(1).filter((l) => l.some((c) => c.trim() !== '')).length };
  }

  private async existing(em: EntityManager): Promise<ExistingUnit[]> {
    const units = await this.units.all(em);
    return units.map((u) => ({ id: u.id, code: u.code, name: u.name, level: u.level, sector: u.sector, parentId: u.parentId, version: u.version }));
  }
}

function summaryOf(r: UnitImport): UnitImportSummary {
  return {
    id: r.id,
    sha256: r.sha256,
    fileName: r.fileName,
    format: r.format,
    sizeBytes: r.sizeBytes,
    counts: { create: r.createdCount, rename: r.renamedCount, unchanged: r.unchangedCount },
    importedBy: r.importedBy,
    importedAt: r.importedAt.toISOString(),
  };
}

function previewMessage(c: { create: number; rename: number; unchanged: number }, errors: number) {
  if (errors > 0) {
    return {
      vi: `Tệp có ${errors} lỗi; hãy sửa rồi tải lên lại (chưa có gì được ghi).`,
      en: `The file has ${errors} errors; correct them and upload again (nothing has been written).`,
    };
  }
  if (c.create + c.rename === 0) return { vi: `Cây đơn vị đã khớp với tệp: ${c.unchanged} đơn vị không đổi.`, en: `The unit tree already matches the file: ${c.unchanged} units unchanged.` };
  return {
    vi: `Nếu áp dụng: tạo mới ${c.create}, đổi tên ${c.rename}, không đổi ${c.unchanged} đơn vị.`,
    en: `If applied: ${c.create} created, ${c.rename} renamed, ${c.unchanged} unchanged.`,
  };
}
