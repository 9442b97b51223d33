/**
 * Why a recognition is revoked, and what is taken back with it.
 *
 * The grounds are the cases in which Luật Thi đua, khen thưởng 2022 (số 06/2022/QH15), Chương VII "Xử lý vi phạm",
 * says a decision conferring an emulation title or a form of commendation is annulled and the reward's objects and
 * money are recovered (khoản 2, điểm a–d of the chapter's article on handling violations). The article's number is
 * deliberately not printed here: it was not verified against the official text when these codes were written, so
 * the citation names the chapter, clause and point only. A revocation decision names one or more of these codes;
 * free text may add the facts, never replace the ground.
 */
import type { Labelled } from './labelled.js';

export interface RevocationGround extends Labelled {
  /** The point of clause 2 in Chương VII's article on handling violations. */
  readonly point: 'a' | 'b' | 'c' | 'd';
  /** The citation printed in the revocation decision. */
  readonly citation: string;
}

const cite = (point: string) => `điểm ${point} khoản 2 (Chương VII "Xử lý vi phạm") Luật Thi đua, khen thưởng số 06/2022/QH15`;

export const REVOCATION_GROUNDS = [
  {
    code: 'FRAUDULENT_DECLARATION',
    point: 'a',
    vi: 'Gian dối trong việc kê khai công trạng, thành tích để được công nhận, khen thưởng',
    en: 'Deceit in declaring merits or achievements to obtain the recognition',
    citation: cite('a'),
  },
  {
    code: 'FALSE_INFORMATION_OR_FORGED_RECORDS',
    point: 'b',
    vi: 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị công nhận, khen thưởng',
    en: 'False information or forged records or papers supplied with the proposal',
    citation: cite('b'),
  },
  {
    code: 'UNLAWFUL_APPRAISAL',
    point: 'c',
    vi: 'Thẩm định, xét, duyệt, đề nghị công nhận, khen thưởng trái quy định của pháp luật',
    en: 'Appraised, reviewed, approved or proposed contrary to the law',
    citation: cite('c'),
  },
  {
    code: 'STANDARD_NOT_MET_BY_CONCLUSION',
    point: 'd',
    vi: 'Có kết luận, quyết định, bản án của cơ quan có thẩm quyền về vi phạm, khuyết điểm dẫn đến không bảo đảm tiêu chuẩn trong thời gian tính thành tích',
    en: 'A competent authority’s conclusion, decision or judgment finds violations or shortcomings that mean the standard was not met in the period the achievement covers',
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
