/**
 * Rule sets shipped as presets: an office starts from one, edits it as a new version, and each session pins the
 * version it opened with. Data, not logic: `decideUnderRuleSet` treats every rule set alike.
 */
import type { CouncilRuleSet } from './council-rules.js';

export interface CouncilRulePreset {
  ruleSet: CouncilRuleSet;
  name: { vi: string; en: string };
  /** Where its figures come from. */
  source: { vi: string; en: string };
}

/**
 * The provincial regulation on emulation and commendation in force (2025): the council meets with at least 2/3 of
 * all its members; a session considering awards needs at least 80 % of all members, absent members giving a written
 * opinion; decisions by majority, disagreements settled by the chair. "Điển hình tiên tiến" is not a statutory title,
 * so the recognition threshold is practice's: at least 70 % of ALL members in favour, a recused member counting as
 * not in favour; rejected when more than half of all members are against.
 */
export const REGULATION_2025_PRESET: CouncilRulePreset = {
  ruleSet: {
    code: 'QUY_DINH_2025',
    version: 1,
    quorum: { numerator: 2, denominator: 3 },
    awardSessionAttendance: { numerator: 4, denominator: 5 },
    writtenOpinionsCount: true,
    recognition: { fraction: { numerator: 7, denominator: 10 }, of: 'ALL_MEMBERS', strict: false },
    rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'ALL_MEMBERS', strict: true },
    recusal: 'COUNTS_AS_NOT_IN_FAVOUR',
    chairBreaksTies: true,
    quota: null,
    // Điều 10.2: the police, tax, social insurance, inspectorate… confirm each case proposed: without them, or against them, no recognition.
    clearances: 'MISSING_OR_NEGATIVE_BLOCKS',
  },
  name: { vi: 'Theo quy định thi đua, khen thưởng của tỉnh (2025)', en: "The province's emulation and commendation regulation (2025)" },
  source: {
    vi: 'Quy định kèm theo Quyết định 86/2025/QĐ-UBND, Điều 8 và 9: họp khi có ít nhất 2/3 tổng số Ủy viên; phiên xét khen thưởng cần ít nhất 80% tổng số Ủy viên (vắng mặt thì lấy ý kiến bằng văn bản); ngưỡng công nhận 70% tổng số thành viên theo thực tiễn.',
    en: 'Regulation of Decision 86/2025/QĐ-UBND, Articles 8 and 9: quorum 2/3 of all members; award sessions need 80% of all members (written opinions from the absent); 70% of all members to recognise, from practice.',
  },
};

/** The seed's historical practice (2014–2023): 2/3 taking part and 70 % in favour, counted over the members without a conflict. */
export const HISTORICAL_PRESET: CouncilRulePreset = {
  ruleSet: {
    code: 'THUC_TIEN_2014_2023',
    version: 1,
    quorum: { numerator: 2, denominator: 3 },
    awardSessionAttendance: null,
    writtenOpinionsCount: true,
    recognition: { fraction: { numerator: 7, denominator: 10 }, of: 'ALL_MEMBERS', strict: false },
    rejection: { fraction: { numerator: 1, denominator: 2 }, of: 'ALL_MEMBERS', strict: true },
    recusal: 'LEFT_OUT_OF_BASE',
    chairBreaksTies: false,
    quota: null,
    clearances: 'ADVISORY',
  },
  name: { vi: 'Thực tiễn 2014–2023 (2/3 và 70%)', en: 'Practice of 2014–2023 (2/3 and 70%)' },
  source: {
    vi: 'Báo cáo tổng kết công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến 2014–2023: tham dự 2/3, tán thành 70% số thành viên được biểu quyết.',
    en: 'The 2014–2023 report on exemplars: 2/3 taking part, 70% in favour of the members entitled to vote.',
  },
};

export const COUNCIL_RULE_PRESETS: readonly CouncilRulePreset[] = [REGULATION_2025_PRESET, HISTORICAL_PRESET];
