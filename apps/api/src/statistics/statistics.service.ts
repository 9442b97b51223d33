/**
 * Owns the report's statistics table: runs the one aggregate query (statistics-table.query.ts, through
 * StatisticsRepository) within the actor's reach and shapes its rows (year × field, per-year subtotals, grand
 * total) with Vietnamese-first labels. Never counts candidates in Node: the rows it shapes are already aggregates.
 */
import { Injectable } from '@nestjs/common';
import { FIELDS, HONOURING_FORMS, SECTORS, SUBJECT_KINDS, labelOf, labelsOf } from '#domain';
import type { RecognitionsByLevel, StatisticsFigures, StatisticsRow, StatisticsTable, StatisticsYear } from '#contracts';
import { UNIT_LEVELS, type UnitLevel } from '#domain';
import { reachOf } from '../access/unit-reach.js';
import type { Actor } from '../common/actor.js';
import { MovementAccess } from '../access/movement-access.js';
import { UnitScope } from '../access/unit-scope.js';
import { EVERYTHING } from '../access/unit-reach.js';
import type { StatisticsQuery } from './dto/statistics.dto.js';
import type { TableQueryRow } from './statistics-table.query.js';
import { StatisticsRepository } from './statistics.repository.js';
import { fieldName, invalidField } from '../common/validation.js';
import { StatisticsSeriesService } from './statistics-series.service.js';

export const EARLIEST_YEAR = 1945;
export const LATEST_YEAR = 2100;

export const COUNTING_RULE = {
  vi:
    'Một điển hình được tính khi đã được công nhận (đang được công nhận, đang nhân rộng hoặc đã dừng nhân rộng), vào năm của hồ sơ (năm phong trào, năm xét), ' +
    'không theo ngày ra quyết định. Hộ gia đình được tính vào cột Cá nhân, trừ khi chọn tách riêng. Năm có cả số liệu nhập và số liệu trong hệ thống là xung đột: ' +
    'không cộng dồn, hiển thị số liệu nhập. Ô trống của tệp nhập là chưa rõ số liệu, không phải 0.',
  en:
    'An exemplar counts once recognised (recognised, replicating or replication ended), in the candidate’s year (the movement and review year), ' +
    'not the date of the decision. Households are counted with individuals unless shown apart. A year with both imported and live figures is a ' +
    'conflict: never summed, the imported figures are shown. A blank imported cell is unknown, not 0.',
};

const formsOf = (codes: readonly string[] | null) =>
  HONOURING_FORMS.filter((f) => codes?.includes(f.code)).map((f) => ({ code: f.code, vi: f.vi, en: f.en }));

const formsText = (forms: { vi: string; en: string }[]) => ({ vi: forms.map((f) => f.vi).join('; '), en: forms.map((f) => f.en).join('; ') });

@Injectable()
export class StatisticsService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly units: UnitScope,
    private readonly movements: MovementAccess,
    private readonly series: StatisticsSeriesService,
  ) {}

  /** Recognised exemplars cut by the level of recognition (the recognising council's unit level); unit heads: their subtree. */
  async recognitionsByLevel(actor: Actor, year?: number): Promise<RecognitionsByLevel> {
    const reach = reachOf(actor);
    const rows = reach.kind === 'nothing' ? [] : await this.statistics.recognitionsByLevel({ year, unitPath: reach.kind === 'subtree' ? reach.path : null });
    const count = (level: string, kind: string) => rows.find((r) => r.level === level && r.kind === kind)?.count ?? 0;
    return {
      year: year ?? null,
      rows: UNIT_LEVELS.filter((l) => rows.some((r) => r.level === l.code)).map((l) => {
        const collective = count(l.code, 'COLLECTIVE');
        const individual = count(l.code, 'INDIVIDUAL');
        const household = count(l.code, 'HOUSEHOLD');
        return { level: l.code as UnitLevel, levelLabel: labelsOf(UNIT_LEVELS, l.code), collective, individual, household, total: collective + individual + household };
      }),
    };
  }

  async table(actor: Actor, query: StatisticsQuery): Promise<StatisticsTable> {
    const yearFrom = query.yearFrom ?? EARLIEST_YEAR;
    const yearTo = query.yearTo ?? LATEST_YEAR;
    if (yearFrom > yearTo) {
      throw invalidField('yearTo', 'min', { vi: `${fieldName('yearTo').vi} phải lớn hơn hoặc bằng ${yearFrom}.`, en: `${fieldName('yearTo').en} must be at least ${yearFrom}.` });
    }
    const scope = await this.units.of(actor, query.unitId);
    // 422 for a movement that does not exist or that a unit head does not see.
    const movement = query.movementId ? await this.movements.referenced(actor, query.movementId, 'movementId') : null;
    const separateHouseholds = query.separateHouseholds === 'true';
    // Imported history has no movements either: it is left out when one is chosen.
    const includeHistory = scope.wholeProvince && !query.sector && !movement;
    const rows = await this.statistics.table({
      field: query.field ?? null,
      yearFrom,
      yearTo,
      // The whole province needs no unit filter at all (every candidate's unit is in it).
      reach: scope.wholeProvince ? EVERYTHING : scope.reach,
      sector: query.sector ?? null,
      movementId: movement?.id ?? null,
      includeHistory,
      separateHouseholds,
    });

    const figures = (r: TableQueryRow): StatisticsFigures => ({
      collective: r.collective,
      individual: r.individual,
      ...(separateHouseholds ? { household: r.household } : {}),
    });
    const years: StatisticsYear[] = [];
    const conflicts: StatisticsTable['conflicts'] = [];
    const unknownCells: StatisticsTable['unknownCells'] = [];
    let total: StatisticsTable['total'] = { collective: 0, individual: 0, ...(separateHouseholds ? { household: 0 } : {}), unknownCells: 0, honouringForms: [] };
    for (const r of rows) {
      if (r.level === 3) {
        const forms = formsOf(r.forms);
        // An empty range still has a grand total row, with nothing summed.
        if (years.length > 0) total = { ...figures(r), unknownCells: r.unknown_collective + r.unknown_individual, honouringForms: forms };
        continue;
      }
      if (r.level === 1) {
        const year = years.at(-1)!;
        year.subtotal = { ...figures(r), unknownCells: r.unknown_collective + r.unknown_individual };
        year.honouringForms = formsOf(r.forms);
        year.honouringFormsText = formsText(year.honouringForms);
        if (r.source === 'CONFLICT') {
          const live: StatisticsFigures = {
            collective: r.live_collective,
            individual: (r.live_individual ?? 0) + (separateHouseholds ? 0 : (r.live_household ?? 0)),
            ...(separateHouseholds ? { household: r.live_household } : {}),
          };
          conflicts.push({
            year: r.year!,
            shown: 'IMPORT',
            importId: r.import_id,
            imported: { collective: r.collective, individual: r.individual },
            live,
            message: {
              vi: `Năm ${r.year} có cả số liệu nhập (${vn(r.collective)} tập thể, ${vn(r.individual)} cá nhân) và số liệu trong hệ thống (${vn(live.collective)} tập thể, ${vn(live.individual)} cá nhân); không cộng dồn, bảng hiển thị số liệu nhập.`,
              en: `Year ${r.year} has both imported figures (${r.collective} collectives, ${r.individual} individuals) and live figures (${live.collective} collectives, ${live.individual} individuals); not summed, the table shows the imported figures.`,
            },
          });
        }
        continue;
      }
      let year = years.at(-1);
      if (year?.year !== r.year) {
        year = {
          tt: years.length + 1,
          year: r.year!,
          source: r.source!,
          importId: r.import_id,
          rows: [],
          subtotal: { collective: 0, individual: 0, unknownCells: 0 },
          honouringForms: [],
          honouringFormsText: { vi: '', en: '' },
        };
        years.push(year);
      }
      const unknown: StatisticsRow['unknown'] = [];
      if (r.collective === null) unknown.push('COLLECTIVE');
      if (r.individual === null) unknown.push('INDIVIDUAL');
      for (const column of unknown) unknownCells.push({ year: r.year!, field: r.field!, column, reason: r.missing_rows > 0 ? 'MISSING_ROW' : 'BLANK_CELL' });
      year.rows.push({ field: r.field!, fieldLabel: labelsOf(FIELDS, r.field!)!, ...figures(r), unknown });
    }

    const unit = scope.unit ? { id: scope.unit.id, name: scope.unit.name } : null;
    // Every year of the range has its row, a year without figures included (marked, never dropped): from the year
    // asked for, else the first year with figures, to the last asked for, else the last with figures.
    const first = query.yearFrom ?? years[0]?.year;
    const last = query.yearTo ?? years.at(-1)?.year;
    const shown = first === undefined || last === undefined ? years : withEmptyYears(years, first, last);
    const span = spanWords(shown);
    const importIds = [...new Set(shown.filter((y) => y.source === 'IMPORT' || y.source === 'CONFLICT').map((y) => y.importId).filter((id): id is string => id !== null))];
    return {
      title: {
        vi: `BẢNG THỐNG KÊ điển hình tiên tiến trong các phong trào thi đua yêu nước, ${span.vi}`,
        en: `Statistics of advanced exemplars in the patriotic emulation movements, ${span.en}`,
      },
      scope: withMovement(scopeWords(unit, query.sector ?? null, actor), movement),
      filters: {
        unit,
        sector: query.sector ?? null,
        sectorLabel: query.sector ? labelsOf(SECTORS, query.sector) : null,
        field: query.field ?? null,
        yearFrom,
        yearTo,
        separateHouseholds,
        movement: movement ? { id: movement.id, name: movement.name } : null,
      },
      countingRule: COUNTING_RULE,
      historical: includeHistory
        ? { included: true, note: null }
        : {
            included: false,
            note: {
              vi: 'Số liệu nhập (lịch sử) là số liệu toàn tỉnh, không chia theo đơn vị, khối hay phong trào, nên không được tính khi lọc theo đơn vị, khối hoặc phong trào.',
              en: 'Imported (historical) figures cover the whole province without units, sectors or movements, so they are left out when filtering by unit, sector or movement.',
            },
          },
      columns: SUBJECT_KINDS.filter((k) => separateHouseholds || k.code !== 'HOUSEHOLD').map((k) => ({ code: k.code, vi: k.vi, en: k.en })),
      years: shown,
      total,
      conflicts,
      unknownCells,
      // The merger is a fact of the province's series whatever the filter: marked whenever its year is in range.
      seriesEvents: await this.series.events({ yearFrom, yearTo }),
      sourceTotals: (await this.statistics.sourceTotals(importIds)).map((b) => ({
        importId: b.importId,
        fileName: b.fileName,
        yearFrom: b.yearFrom,
        yearTo: b.yearTo,
        columns: (
          [
            ['COLLECTIVE', b.statedCollective, b.collective, b.blankCollective],
            ['INDIVIDUAL', b.statedIndividual, b.individual, b.blankIndividual],
          ] as const
        ).map(([column, stated, computed, blankCells]) => ({
          column,
          label: labelsOf(SUBJECT_KINDS, column)!,
          stated,
          computed,
          blankCells,
          difference: stated === null ? null : stated - computed,
        })),
      })),
    };
  }
}

/** The years with figures, and an empty, marked year for each year of first..last that has none, numbered again. */
export function withEmptyYears(years: StatisticsYear[], first: number, last: number): StatisticsYear[] {
  const byYear = new Map(years.map((y) => [y.year, y]));
  const out: StatisticsYear[] = [];
  for (let year = Math.min(first, years[0]?.year ?? first); year <= Math.max(last, years.at(-1)?.year ?? last); year++) {
    const found = byYear.get(year);
    out.push(
      found
        ? { ...found, tt: out.length + 1 }
        : {
            tt: out.length + 1,
            year,
            source: 'NONE',
            importId: null,
            rows: [],
            subtotal: { collective: null, individual: null, unknownCells: 0 },
            honouringForms: [],
            honouringFormsText: { vi: '', en: '' },
          },
    );
  }
  return out;
}

/** "giai đoạn 2014-2025", "năm 2025", or no figures at all. */
function spanWords(years: StatisticsYear[]): { vi: string; en: string } {
  if (years.length === 0) return { vi: 'chưa có số liệu', en: 'no figures yet' };
  const [a, b] = [years[0]!.year, years.at(-1)!.year];
  return a === b ? { vi: `năm ${a}`, en: a.toString() } : { vi: `giai đoạn ${a}-${b}`, en: `${a}-${b}` };
}

/** Vietnamese thousands separators (10.984); "chưa rõ" for an unknown figure. */
export function vn(n: number | null | undefined): string {
  return n === null || n === undefined ? 'chưa rõ' : new Intl.NumberFormat('vi-VN').format(n);
}

function withMovement(words: { vi: string; en: string }, movement: { name: string } | null) {
  return movement ? { vi: `${words.vi}; phong trào "${movement.name}"`, en: `${words.en}; movement "${movement.name}"` } : words;
}

function scopeWords(unit: { name: string } | null, sector: string | null, actor: Actor) {
  const sectorLabel = sector ? labelOf(SECTORS, sector) : undefined;
  const where = unit
    ? { vi: `${unit.name} và các đơn vị trực thuộc`, en: `${unit.name} and the units below it` }
    : actor.role === 'UNIT_HEAD'
      ? { vi: 'Đơn vị của người dùng và các đơn vị trực thuộc', en: 'The user’s unit and the units below it' }
      : { vi: 'Toàn tỉnh', en: 'The whole province' };
  return sectorLabel ? { vi: `${where.vi}; ${sectorLabel.vi}`, en: `${where.en}; ${sectorLabel.en}` } : where;
}
