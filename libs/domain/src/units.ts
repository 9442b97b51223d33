import type { Labelled } from './labelled.js';

/**
 * Levels of the unit hierarchy (province → departments, districts, enterprises → grassroots units).
 * Not in the report's catalogue, which names the levels only in prose (section II.3).
 */
export const UNIT_LEVELS = [
  { code: 'PROVINCE', vi: 'Tỉnh', en: 'Province' },
  { code: 'DEPARTMENT', vi: 'Sở, ban, ngành', en: 'Department or agency' },
  { code: 'DISTRICT', vi: 'Huyện, thành phố', en: 'District or city' },
  { code: 'ENTERPRISE', vi: 'Doanh nghiệp', en: 'Enterprise' },
  { code: 'GRASSROOTS', vi: 'Cơ sở (xã, trường, công ty…)', en: 'Grassroots unit (commune, school, company…)' },
] as const satisfies readonly Labelled[];
export type UnitLevel = (typeof UNIT_LEVELS)[number]['code'];
export const UnitLevelCodes = UNIT_LEVELS.map((x) => x.code) as readonly UnitLevel[];
