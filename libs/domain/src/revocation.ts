/**
 * Why a recognition is revoked, and what is taken back with it.
 *
 * The grounds are the cases in which Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15), Chương VII "Xử lý vi phạm",
 * says a decision conferring an emulation title or a form of commendation is annulled and the reward's objects and
 * money are recovered: Điều 93 "Xử lý vi phạm về thi đua, khen thưởng", khoản 2, điểm a–d (the chapter's only
 * article). The law's text is not among the project's sources (docs of the domain hold only Bắc Ninh's QĐ 86/2025):
 * the article's number and wording were read from the law as published (06/2022/QH15, Chương VII, Điều 93) and
 * should be checked against the official gazette copy when it is added. A revocation decision names one or more of
 * these codes; free text may add the facts, never replace the ground.
 */
import type { Labelled } from './labelled.js';

export interface RevocationGround extends Labelled {
  /** The point of clause 2 of Điều 93 (Chương VII). */
  readonly point: 'a' | 'b' | 'c' | 'd';
  /** "Điều 93 khoản 2 điểm a": the article, clause and point, as a screen shows it beside the ground. */
  readonly article: string;
  /** The citation printed in the revocation decision. */
  readonly citation: string;
}

/** The article of Chương VII "Xử lý vi phạm" whose clause 2 lists the grounds. */
export const REVOCATION_ARTICLE = 93;

const cite = (point: string) => `điểm ${point} khoản 2 Điều ${REVOCATION_ARTICLE} (Chương VII "Xử lý vi phạm") Luật Thi đua, khen thưởng số 06/2022/QH15`;
const article = (point: string) => `Điều ${REVOCATION_ARTICLE} khoản 2 điểm ${point}`;

export const REVOCATION_GROUNDS = [
  {
    code: 'FRAUDULENT_DECLARATION',
    point: 'a',
    vi: 'Gian dối trong việc kê khai công trạng, thành tích để được công nhận, khen thưởng',
    en: 'Deceit in declaring merits or achievements to obtain the recognition',
    article: article('a'),
    citation: cite('a'),
  },
  {
    code: 'FALSE_INFORMATION_OR_FORGED_RECORDS',
    point: 'b',
    vi: 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị công nhận, khen thưởng',
    en: 'False information or forged records or papers supplied with the proposal',
    article: article('b'),
    citation: cite('b'),
  },
  {
    code: 'UNLAWFUL_APPRAISAL',
    point: 'c',
    vi: 'Thẩm định, xét, duyệt, đề nghị công nhận, khen thưởng trái quy định của pháp luật',
    en: 'Appraised, reviewed, approved or proposed contrary to the law',
    article: article('c'),
    citation: cite('c'),
  },
  {
    code: 'STANDARD_NOT_MET_BY_CONCLUSION',
    point: 'd',
    vi: 'Có kết luận, quyết định, bản án của cơ quan có thẩm quyền về vi phạm, khuyết điểm dẫn đến không bảo đảm tiêu chuẩn trong thời gian tính thành tích',
    en: 'A competent authority’s conclusion, decision or judgment finds violations or shortcomings that mean the standard was not met in the period the achievement covers',
    article: article('d'),
    citation: cite('d'),
  },
] as const satisfies readonly RevocationGround[];

export type RevocationGroundCode = (typeof REVOCATION_GROUNDS)[number]['code'];
export const RevocationGroundCodes = REVOCATION_GROUNDS.map((g) => g.code) as readonly RevocationGroundCode[];

/** What is taken back after a revocation (the same clause: the reward's objects and money are recovered). */
export const RECOVERY_ITEMS = [
  { code: 'CERTIFICATE', vi: 'Giấy chứng nhận', en: 'Certificate' },
  { code: 'REWARD_OBJECT', vi: 'Hiện vật khen thưởng', en: 'Reward object' },
  { code: 'REWARD_MONEY', vi: 'Tiền thưởng', en: 'Reward money' },
] as const satisfies readonly Labelled[];

export type RecoveryItem = (typeof RECOVERY_ITEMS)[number]['code'];
export const RecoveryItemCodes = RECOVERY_ITEMS.map((g) => g.code) as readonly RecoveryItem[];
