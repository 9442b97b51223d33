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

/**
 * Levels that no longer exist: no district level since 01/7/2025 (Luật Tổ chức chính quyền địa phương 72/2025/QH15,
 * two tiers of local government, province and commune). A unit of such a level stays in history (a former district,
 * retired by the reorganisation, with its timeline) and an import of a former tree may still name it; views of today
 * neither offer it for a new unit nor show it as a column of their own unless some figure still falls there.
 */
export const ABOLISHED_UNIT_LEVELS: readonly UnitLevel[] = ['DISTRICT'];
export const isAbolishedLevel = (level: string): boolean => (ABOLISHED_UNIT_LEVELS as readonly string[]).includes(level);
