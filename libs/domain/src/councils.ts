import type { Labelled } from './labelled.js';

/**
 * Positions in an emulation and commendation council (QĐ 86/2025/QĐ-UBND Điều 8: Chủ tịch, Phó Chủ tịch, Ủy viên
 * thư ký, Ủy viên). Every position is a member: each counts in the council's total membership and votes.
 */
export const COUNCIL_POSITIONS = [
  { code: 'CHAIR', vi: 'Chủ tịch Hội đồng', en: 'Chair' },
  { code: 'VICE_CHAIR', vi: 'Phó Chủ tịch Hội đồng', en: 'Vice-chair' },
  { code: 'MEMBER_SECRETARY', vi: 'Ủy viên thư ký', en: 'Member-secretary' },
  { code: 'MEMBER', vi: 'Ủy viên', en: 'Member' },
] as const satisfies readonly Labelled[];
export type CouncilPosition = (typeof COUNCIL_POSITIONS)[number]['code'];
export const CouncilPositionCodes = COUNCIL_POSITIONS.map((p) => p.code) as readonly CouncilPosition[];

/** Positions held by one person at most in a composition. */
export const SINGLE_SEAT_POSITIONS: readonly CouncilPosition[] = ['CHAIR', 'MEMBER_SECRETARY'];

/** The order in which minutes and screens list a council's members. */
export const positionRank = (position: CouncilPosition | null | undefined): number => (position ? CouncilPositionCodes.indexOf(position) : CouncilPositionCodes.length - 1);
