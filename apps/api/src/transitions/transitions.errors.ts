/** What the statechart and the transition use case refuse. */
import type { ErrorTable } from '../common/errors.js';

export const TRANSITION_ERRORS = {
  EVENT_NOT_ALLOWED: {
    status: 409,
    vi: 'Thao tác này không thực hiện được ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the candidate’s current state.',
  },
  DECISION_ONLY_IN_REVIEW_SESSION: {
    status: 409,
    vi: 'Quyết định của Hội đồng (công nhận, trả về, không công nhận) chỉ được ghi nhận qua phiên xét, từ kết quả biểu quyết và phiếu đánh giá.',
    en: "The council's decisions (recognise, return, reject) can only be recorded through a review session, from its votes and checklists.",
  },
  STALE_VERSION: {
    status: 409,
    vi: 'Hồ sơ đã được người khác thay đổi; vui lòng tải lại và thử lại.',
    en: 'The record was changed by someone else; reload and try again.',
  },
  GUARD_REFUSED: {
    status: 422,
    vi: 'Hồ sơ chưa đủ điều kiện cho thao tác này.',
    en: 'The candidate does not yet meet the conditions for this action.',
  },
} as const satisfies ErrorTable;
