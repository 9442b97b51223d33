/**
 * Why a recognition is revoked, and what is taken back with it.
 *
 * The grounds are codes with their words; they belong to Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15),
 * Chương VII, as issue 18 names it. The law's own text is not among the project's sources (the domain's folder holds
 * only Bắc Ninh's QĐ 86/2025, which does not deal with revocation), so no article, clause or point is cited: an
 * earlier version printed "Điều 93 khoản 2 điểm a–d", read from a third-party copy, which nothing here supports.
 * When the official text is added, the article of each ground can be added to its citation from it. A revocation
 * decision names one or more of these codes; free text may add the facts, never replace the ground.
 */
import type { Labelled } from './labelled.js';

export interface RevocationGround extends Labelled {
  /** Where the ground comes from, as a screen shows it beside the ground: "Chương VII Luật Thi đua, khen thưởng 2022". */
  readonly article: string;
  /** The citation printed in the revocation decision. */
  readonly citation: string;
}

/** What the sources support: the law and its chapter, not an article number. */
const ARTICLE = 'Chương VII Luật Thi đua, khen thưởng 2022';
const CITATION = 'Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15';

export const REVOCATION_GROUNDS = [
  {
    code: 'FRAUDULENT_DECLARATION',
    vi: 'Gian dối trong việc kê khai công trạng, thành tích để được công nhận, khen thưởng',
    en: 'Deceit in declaring merits or achievements to obtain the recognition',
    article: ARTICLE,
    citation: CITATION,
  },
  {
    code: 'FALSE_INFORMATION_OR_FORGED_RECORDS',
    vi: 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị công nhận, khen thưởng',
    en: 'False information or forged records or papers supplied with the proposal',
    article: ARTICLE,
    citation: CITATION,
  },
  {
    code: 'UNLAWFUL_APPRAISAL',
    vi: 'Thẩm định, xét, duyệt, đề nghị công nhận, khen thưởng trái quy định của pháp luật',
    en: 'Appraised, reviewed, approved or proposed contrary to the law',
    article: ARTICLE,
    citation: CITATION,
  },
  {
    code: 'STANDARD_NOT_MET_BY_CONCLUSION',
    vi: 'Có kết luận, quyết định, bản án của cơ quan có thẩm quyền về vi phạm, khuyết điểm dẫn đến không bảo đảm tiêu chuẩn trong thời gian tính thành tích',
    en: 'A competent authority’s conclusion, decision or judgment finds violations or shortcomings that mean the standard was not met in the period the achievement covers',
    article: ARTICLE,
    citation: CITATION,
  },
] as const satisfies readonly RevocationGround[];

export type RevocationGroundCode = (typeof REVOCATION_GROUNDS)[number]['code'];
export const RevocationGroundCodes = REVOCATION_GROUNDS.map((g) => g.code) as readonly RevocationGroundCode[];

/** What is taken back after a revocation: the certificate, and the reward's objects and money. */
export const RECOVERY_ITEMS = [
  { code: 'CERTIFICATE', vi: 'Giấy chứng nhận', en: 'Certificate' },
  { code: 'REWARD_OBJECT', vi: 'Hiện vật khen thưởng', en: 'Reward object' },
  { code: 'REWARD_MONEY', vi: 'Tiền thưởng', en: 'Reward money' },
] as const satisfies readonly Labelled[];

export type RecoveryItem = (typeof RECOVERY_ITEMS)[number]['code'];
export const RecoveryItemCodes = RECOVERY_ITEMS.map((g) => g.code) as readonly RecoveryItem[];
