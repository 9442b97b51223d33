/**
 * The province's statistics series across a merger of provinces, as data: the jurisdiction an imported batch is
 * the history of (recorded with the file or once afterwards), and the series' events (a merger, its effective
 * date and document). The table query (statistics-table.query.ts) reads both to decide which batches count for
 * which years; this service records them (each in one transaction with its audit record) and words the events
 * for the chart, the table and the exports.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { PeopleNames, SeriesEvent } from '#contracts';
import { peopleNamed } from '../audit/audit-names.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { STATISTICS_IMPORT_STREAM, STATISTICS_SERIES_STREAM } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { DomainError } from '../common/domain-error.js';
import type { SeriesEventDto } from './dto/statistics.dto.js';
import { StatisticsImport } from './statistics.entities.js';
import { StatisticsImportJurisdiction, StatisticsSeriesEvent } from './statistics-series.entities.js';


/** 2025-07-01 → 01/7/2025, as Vietnamese documents write dates. */
export const viDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${Number(m)}/${y}`;
};

const list = (names: string[]) => names.join(', ');

@Injectable()
export class StatisticsSeriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /** Writes the jurisdiction of a batch inside the caller's transaction (the caller appends the audit record). */
  async writeJurisdiction(em: EntityManager, importId: string, jurisdiction: string, actor: Actor, now: Date): Promise<void> {
    await em.insert(StatisticsImportJurisdiction, { importId, jurisdiction, recordedBy: actor.username, recordedAt: now });
  }

  jurisdictionOf(em: EntityManager, importId: string): Promise<string | null> {
    return em.findOneBy(StatisticsImportJurisdiction, { importId }).then((j) => j?.jurisdiction ?? null);
  }

  /** Records, once, the jurisdiction of a batch imported before (e.g. the former Bắc Giang's table). */
  async recordJurisdiction(importId: string, jurisdiction: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, STATISTICS_IMPORT_STREAM);
      const batch = await em.findOneBy(StatisticsImport, { id: importId });
      if (!batch) throw new DomainError('IMPORT_NOT_FOUND', { importId });
      const recorded = await this.jurisdictionOf(em, importId);
      if (recorded !== null) throw new DomainError('IMPORT_JURISDICTION_RECORDED', { field: 'jurisdiction', importId, jurisdiction: recorded });
      const now = new Date();
      await this.writeJurisdiction(em, importId, jurisdiction, actor, now);
      await this.audit.append(em, {
        stream: STATISTICS_IMPORT_STREAM,
        eventType: 'STATISTICS_IMPORT_JURISDICTION_RECORDED',
        payload: { importId, sha256: batch.sha256, jurisdiction },
        actor: actor.username,
        occurredAt: now,
      });
    });
  }

  async recordEvent(dto: SeriesEventDto, actor: Actor): Promise<SeriesEvent> {
    const predecessors = dto.predecessors.map((p) => p.normalize('NFC').trim());
    if (predecessors.includes(dto.successor)) {
      // The merged province may keep a predecessor's name: the former one is then named apart ("… (trước 01/7/2025)").
      throw new DomainError('SERIES_EVENT_INVALID', { field: 'successor' }, {
        vi: 'Địa bàn sau hợp nhất phải khác tên các địa bàn trước hợp nhất (ví dụ ghi "Tỉnh Bắc Ninh (trước 01/7/2025)" cho tỉnh cũ).',
        en: 'The jurisdiction after the merger must be named apart from those before it (e.g. "Tỉnh Bắc Ninh (trước 01/7/2025)" for the former one).',
      });
    }
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, STATISTICS_SERIES_STREAM);
      const now = new Date();
      const row: StatisticsSeriesEvent = {
        id: randomUUID(),
        kind: dto.kind,
        effectiveDate: dto.effectiveDate,
        predecessors,
        successor: dto.successor,
        documentNumber: dto.documentNumber,
        documentDate: dto.documentDate,
        documentAuthority: dto.documentAuthority,
        note: dto.note ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      };
      await em.insert(StatisticsSeriesEvent, row);
      await this.audit.append(em, {
        stream: STATISTICS_SERIES_STREAM,
        eventType: 'STATISTICS_SERIES_EVENT_RECORDED',
        payload: { ...row, recordedAt: undefined },
        actor: actor.username,
        occurredAt: now,
      });
      return (await this.events({ yearFrom: null, yearTo: null }, em)).find((e) => e.id === row.id)!;
    });
  }

  /** The events whose year lies in the range, oldest first, each with the histories the series holds for its predecessors. */
  /** Every event of the series, with the people who recorded them by name. */
  async listed(): Promise<{ items: SeriesEvent[]; people: PeopleNames }> {
    const items = await this.events({ yearFrom: null, yearTo: null });
    return { items, people: await peopleNamed(this.dataSource, items.map((e) => e.recordedBy)) };
  }

  async events(range: { yearFrom: number | null; yearTo: number | null }, db: EntityManager = this.dataSource.manager): Promise<SeriesEvent[]> {
    const rows = await db.find(StatisticsSeriesEvent, { order: { effectiveDate: 'ASC', recordedAt: 'ASC' } });
    const chosen = rows.filter((r) => {
      const year = Number(r.effectiveDate.slice(0, 4));
      return (range.yearFrom === null || year >= range.yearFrom) && (range.yearTo === null || year <= range.yearTo);
    });
    if (chosen.length === 0) return [];
    const spans = (await db.query(
      `SELECT j.jurisdiction, array_agg(DISTINCT r.year ORDER BY r.year) AS years
         FROM statistics_import_jurisdiction j JOIN statistics_import_row r ON r.import_id = j.import_id
        GROUP BY j.jurisdiction`,
    )) as { jurisdiction: string; years: number[] }[];
    return chosen.map((r) => {
      const year = Number(r.effectiveDate.slice(0, 4));
      const histories = r.predecessors.map((p) => {
        // Only the years up to the merger count (statistics-table.query.ts).
        const years = (spans.find((x) => x.jurisdiction === p)?.years ?? []).filter((y) => y <= year);
        return { jurisdiction: p, yearFrom: years[0] ?? null, yearTo: years.at(-1) ?? null };
      });
      const held = histories.filter((h) => h.yearFrom !== null);
      const missing = histories.filter((h) => !held.includes(h));
      const span = (h: { yearFrom: number | null; yearTo: number | null }) => (h.yearFrom === h.yearTo ? `${h.yearFrom}` : `${h.yearFrom}–${h.yearTo}`);
      const document = { vi: `${r.documentNumber} ngày ${viDate(r.documentDate)} của ${r.documentAuthority}`, en: `${r.documentNumber} of ${r.documentDate}, ${r.documentAuthority}` };
      const vi = [
        `Từ ngày ${viDate(r.effectiveDate)}, ${list(r.predecessors)} hợp nhất thành ${r.successor} (${document.vi}).`,
        held.length ? `Số liệu trước khi hợp nhất là số liệu của ${held.map((h) => `${h.jurisdiction} (${span(h)})`).join(', ')}.` : '',
        missing.length ? `Chưa có số liệu nhập của ${list(missing.map((h) => h.jurisdiction))}.` : '',
        'Mỗi địa bàn, mỗi năm chỉ tính một lần (lần nhập mới nhất); không cộng trùng với số liệu trong hệ thống.',
        r.note ?? '',
      ];
      const en = [
        `From ${r.effectiveDate}, ${list(r.predecessors)} merged into ${r.successor} (${document.en}).`,
        held.length ? `Figures before the merger are those of ${held.map((h) => `${h.jurisdiction} (${span(h)})`).join(', ')}.` : '',
        missing.length ? `No figures imported for ${list(missing.map((h) => h.jurisdiction))}.` : '',
        'Each jurisdiction counts once per year (its newest import), never summed with the figures in the system.',
      ];
      return {
        id: r.id,
        kind: r.kind,
        effectiveDate: r.effectiveDate,
        year,
        predecessors: r.predecessors,
        successor: r.successor,
        document: { number: r.documentNumber, date: r.documentDate, authority: r.documentAuthority },
        note: r.note,
        histories,
        label: { vi: `Hợp nhất ${viDate(r.effectiveDate)} (${r.documentNumber})`, en: `Merger ${r.effectiveDate} (${r.documentNumber})` },
        message: { vi: vi.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') },
        recordedBy: r.recordedBy,
        recordedAt: r.recordedAt.toISOString(),
      };
    });
  }
}
