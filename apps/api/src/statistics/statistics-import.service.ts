/**
 * Owns the historical import: a file in the report's layout becomes a batch identified by its SHA-256, with
 * its rows, in one transaction with its audit record (stream `statistics:import`, under an advisory lock on
 * that stream, which also serialises imports). The same file imported again changes nothing and says so.
 * What the import found is reported exactly: blank cells (unknown, never 0) and, per column, the difference
 * between the rows' sum and the totals the source states.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FIELDS, SUBJECT_KINDS, labelsOf } from '#domain';
import type { FigureColumn, ImportList, ImportReport, ImportResult } from '#contracts';
import { peopleNamed } from '../audit/audit-names.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { STATISTICS_IMPORT_STREAM } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import { vietnameseDateTime } from '../common/validation.js';
import { cleanFileName } from '../evidence/evidence-policy.js';
import { detectFormat, parseTable } from './import-parser.js';
import type { StatisticsImport } from './statistics.entities.js';
import { StatisticsRepository, type ImportBatch } from './statistics.repository.js';
import { vn } from './statistics.service.js';
import { StatisticsSeriesService } from './statistics-series.service.js';

export interface UploadedTable {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const COLUMN_LABELS: Record<FigureColumn, { vi: string; en: string }> = {
  COLLECTIVE: labelsOf(SUBJECT_KINDS, 'COLLECTIVE')!,
  INDIVIDUAL: labelsOf(SUBJECT_KINDS, 'INDIVIDUAL')!,
};

@Injectable()
export class StatisticsImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StatisticsRepository,
    private readonly audit: AuditWriter,
    private readonly series: StatisticsSeriesService,
  ) {}

  async import(file: UploadedTable | undefined, stated: { statedCollective?: number; statedIndividual?: number; jurisdiction?: string }, actor: Actor): Promise<ImportResult> {
    if (!file || file.size === 0) throw new DomainError('IMPORT_FILE_MISSING', { field: 'file' });
    const fileName = cleanFileName(file.originalname);
    const format = detectFormat(file.buffer, fileName, file.mimetype.toLowerCase().split(';')[0]!.trim());
    if (!format) throw new DomainError('IMPORT_FILE_TYPE_NOT_ALLOWED', { field: 'file', fileName });
    const parsed = await parseTable(format, file.buffer);
    if (!parsed.ok) throw new DomainError('IMPORT_FILE_INVALID', { field: 'file', errors: parsed.errors });
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const statedCollective = stated.statedCollective ?? null;
    const statedIndividual = stated.statedIndividual ?? null;
    const jurisdiction = stated.jurisdiction ?? null;

    return this.dataSource.transaction(async (em) => {
      // Serialises imports and the writers of their audit chain; a concurrent import of the same file waits here
      // and then finds it.
      await this.audit.lockStream(em, STATISTICS_IMPORT_STREAM);
      const existing = await this.statistics.importBySha256(em, sha256);
      if (existing) {
        const report = await this.reportOf(em, existing);
        const ignored =
          (statedCollective !== null && statedCollective !== existing.statedCollective) ||
          (statedIndividual !== null && statedIndividual !== existing.statedIndividual) ||
          (jurisdiction !== null && jurisdiction !== report.import.jurisdiction);
        // The person, by name: a login is not what the office calls its secretary.
        const [by] = (await em.query('SELECT display_name AS "displayName" FROM account WHERE username = $1', [existing.importedBy])) as { displayName: string }[];
        const importedBy = by?.displayName ?? existing.importedBy;
        return {
          created: false,
          ...report,
          statedTotalsIgnored: ignored,
          message: {
            vi: `Tệp này đã được nhập lúc ${vietnameseDateTime(existing.importedAt)} (giờ Việt Nam) bởi ${importedBy}; không có gì thay đổi.${ignored ? ' Tổng số hoặc địa bàn nêu kèm lần này khác lần trước và không được ghi (địa bàn của một lần nhập cũ được ghi riêng, một lần).' : ''}`,
            en: `This file was already imported at ${vietnameseDateTime(existing.importedAt)} (Vietnam time) by ${importedBy} (id ${existing.id}); nothing changed.${ignored ? ' The stated totals or jurisdiction sent this time differ and were not recorded (an earlier import’s jurisdiction is recorded apart, once).' : ''}`,
          },
        };
      }
      const now = new Date();
      const batch: StatisticsImport = {
        id: randomUUID(),
        sha256,
        fileName,
        format,
        sizeBytes: file.size,
        content: file.buffer,
        statedCollective,
        statedIndividual,
        importedBy: actor.username,
        importedAt: now,
      };
      await this.statistics.insertImport(em, batch, parsed.rows);
      if (jurisdiction !== null) await this.series.writeJurisdiction(em, batch.id, jurisdiction, actor, now);
      const report = await this.reportOf(em, batch);
      await this.audit.append(em, {
        stream: STATISTICS_IMPORT_STREAM,
        eventType: 'STATISTICS_IMPORTED',
        payload: {
          importId: batch.id,
          sha256,
          fileName,
          format,
          sizeBytes: file.size,
          rows: report.rows,
          years: report.years,
          statedTotals: report.import.statedTotals,
          jurisdiction,
          totals: report.totals.map(({ column, rowsSum, blankCells, stated: s, difference }) => ({ column, rowsSum, blankCells, stated: s, difference })),
          blankCells: report.blankCells.map(({ line, year, field, column }) => ({ line, year, field, column })),
          replacedYears: report.replacedYears,
          conflictingLiveYears: report.conflictingLiveYears,
        },
        actor: actor.username,
        occurredAt: now,
      });
      return { created: true, ...report, statedTotalsIgnored: false };
    });
  }

  async list(): Promise<ImportList> {
    const rows = await this.statistics.listImports();
    return {
      people: await peopleNamed(this.dataSource, rows.map((r) => r.importedBy)),
      items: rows.map(({ statedCollective, statedIndividual, importedAt, ...r }) => ({
        ...r,
        importedAt: importedAt.toISOString(),
        statedTotals: statedCollective === null && statedIndividual === null ? null : { collective: statedCollective, individual: statedIndividual },
      })),
    };
  }

  async get(id: string): Promise<ImportReport> {
    return this.dataSource.transaction(async (em) => {
      const batch = await this.statistics.importById(em, id);
      if (!batch) throw new DomainError('IMPORT_NOT_FOUND', { importId: id });
      return this.reportOf(em, batch);
    });
  }

  /** What a batch holds, computed from its stored rows (so a re-import reports exactly what the first did). */
  private async reportOf(em: EntityManager, batch: ImportBatch): Promise<ImportReport> {
    const sums = await this.statistics.sums(em, batch.id);
    const jurisdiction = await this.series.jurisdictionOf(em, batch.id);
    const blanks = await this.statistics.blankRows(em, batch.id);
    const others = await this.statistics.overlapping(em, batch, sums.years, jurisdiction);
    const conflictingLiveYears = await this.statistics.liveYears(em, sums.years);

    const blankCells = blanks.flatMap((b) =>
      (['COLLECTIVE', 'INDIVIDUAL'] as const)
        .filter((c) => (c === 'COLLECTIVE' ? b.collectiveBlank : b.individualBlank))
        .map((column) => ({
          line: b.line,
          year: b.year,
          field: b.field,
          fieldLabel: labelsOf(FIELDS, b.field),
          column,
          columnLabel: COLUMN_LABELS[column],
        })),
    );
    const totals = (
      [
        ['COLLECTIVE', sums.collective, sums.blankCollective, batch.statedCollective],
        ['INDIVIDUAL', sums.individual, sums.blankIndividual, batch.statedIndividual],
      ] as const
    ).map(([column, rowsSum, blankCount, stated]) => ({
      column,
      label: COLUMN_LABELS[column],
      rowsSum,
      blankCells: blankCount,
      stated,
      difference: stated === null ? null : stated - rowsSum,
    }));
    // Each year is in force from the newest batch that covers it.
    const newest = new Map<number, string>();
    for (const o of others) if (o.newer) newest.set(o.year, o.id);
    const supersededYears = [...newest].map(([year, byImportId]) => ({ year, byImportId }));
    const replacedYears = others.filter((o) => !o.newer).map((o) => ({ year: o.year, importId: o.id }));

    return {
      import: {
        id: batch.id,
        sha256: batch.sha256,
        fileName: batch.fileName,
        format: batch.format,
        sizeBytes: batch.sizeBytes,
        importedBy: batch.importedBy,
        importedAt: batch.importedAt.toISOString(),
        statedTotals: batch.statedCollective === null && batch.statedIndividual === null ? null : { collective: batch.statedCollective, individual: batch.statedIndividual },
        jurisdiction,
      },
      people: await peopleNamed(em, [batch.importedBy]),
      rows: sums.rows,
      years: sums.years,
      blankCells,
      totals,
      supersededYears,
      replacedYears,
      conflictingLiveYears,
      message: reportMessage(sums.rows, sums.years, blankCells, totals, conflictingLiveYears),
    };
  }
}

function reportMessage(rows: number, years: number[], blanks: ImportReport['blankCells'], totals: ImportReport['totals'], conflicts: number[]) {
  const span = years.length ? (years.length === 1 ? `${years[0]}` : `${years[0]}–${years.at(-1)}`) : '';
  const vi = [`Đã nhập ${vn(rows)} dòng, năm ${span}.`];
  const en = [`Imported ${rows} lines, years ${span}.`];
  if (blanks.length) {
    vi.push(`Có ${blanks.length} ô trống (chưa rõ số liệu, không tính là 0): ${blanks.map((b) => `dòng ${b.line} (${b.year}, ${b.fieldLabel?.vi ?? b.field}) – ${b.columnLabel.vi}`).join('; ')}.`);
    en.push(`${blanks.length} blank cells (unknown, not counted as 0): ${blanks.map((b) => `line ${b.line} (${b.year}, ${b.field}) – ${b.columnLabel.en}`).join('; ')}.`);
  }
  const differing = totals.filter((t) => t.difference !== null && t.difference !== 0);
  if (differing.length) {
    vi.push(`Tổng các dòng khác tổng nêu trong nguồn: ${differing.map((t) => `${t.label.vi} ${vn(t.rowsSum)} so với ${vn(t.stated)} (chênh ${vn(t.difference)})`).join('; ')}.`);
    en.push(`The rows do not add up to the stated totals: ${differing.map((t) => `${t.label.en} ${t.rowsSum} against ${t.stated} (difference ${t.difference})`).join('; ')}.`);
  } else if (totals.some((t) => t.stated !== null)) {
    vi.push('Tổng các dòng khớp với tổng nêu trong nguồn.');
    en.push('The rows add up to the stated totals.');
  }
  if (conflicts.length) {
    vi.push(`Các năm ${conflicts.join(', ')} đã có điển hình trong hệ thống: bảng thống kê báo xung đột, không cộng dồn.`);
    en.push(`Years ${conflicts.join(', ')} also have exemplars in the system: the table reports them as conflicts, never summed.`);
  }
  return { vi: vi.join(' '), en: en.join(' ') };
}
