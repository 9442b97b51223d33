/**
 * The words of the review session's lifecycle (review-session.lifecycle.ts): its stages, its operations and the
 * statuses of its candidates. A file of their own, without XState, so that a screen that only names a stage (the
 * web app's labels, in its first screen) does not bring the statechart along.
 */
/** The stages of a session, in order, with their words and the short name of each stage as a step of the process. */
export const REVIEW_SESSION_STATUSES = [
  {
    code: 'PREPARING',
    vi: 'Chuẩn bị (thêm hồ sơ, phân công, đánh giá)',
    en: 'Preparing (candidates, assignments, checklists)',
    step: { vi: 'Chuẩn bị, đánh giá', en: 'Preparation, checklists' },
    final: false,
  },
  { code: 'VOTING', vi: 'Đang biểu quyết', en: 'Voting', step: { vi: 'Biểu quyết', en: 'Voting' }, final: false },
  { code: 'VOTING_CLOSED', vi: 'Đã kết thúc biểu quyết', en: 'Voting closed', step: { vi: 'Xác nhận kết luận', en: 'Outcomes confirmed' }, final: false },
  { code: 'NOTICE', vi: 'Đang công khai lấy ý kiến', en: 'On public notice', step: { vi: 'Công khai lấy ý kiến', en: 'Public notice' }, final: false },
  { code: 'CLOSED', vi: 'Đã kết thúc', en: 'Closed', step: { vi: 'Quyết định chính thức', en: 'Final decision' }, final: true },
] as const satisfies readonly { code: string; vi: string; en: string; step: { vi: string; en: string }; final: boolean }[];

export type ReviewSessionStatus = (typeof REVIEW_SESSION_STATUSES)[number]['code'];
export const REVIEW_SESSION_STATUS_CODES = REVIEW_SESSION_STATUSES.map((s) => s.code) as readonly ReviewSessionStatus[];

/**
 * What can be done to a session. `vi` is the action as the refusal names it ("không thể thực hiện thao tác này
 * (mở biểu quyết)"); `reads` marks what only shows the session's records.
 */
export const REVIEW_SESSION_OPERATIONS = [
  { code: 'ADD_CANDIDATE', vi: 'thêm hồ sơ', en: 'add a candidate', reads: false },
  { code: 'ASSIGN_REVIEWERS', vi: 'phân công thành viên đánh giá', en: 'assign reviewers', reads: false },
  { code: 'ASSIGN_AUTOMATICALLY', vi: 'phân công tự động', en: 'assign reviewers automatically', reads: false },
  { code: 'SUBMIT_CHECKLIST', vi: 'nộp phiếu đánh giá', en: 'submit a checklist', reads: false },
  { code: 'REQUEST_CLEARANCES', vi: 'đề nghị hiệp y', en: 'request clearances', reads: false },
  { code: 'RECORD_CLEARANCE_ANSWER', vi: 'ghi nhận ý kiến hiệp y', en: 'record a clearance answer', reads: false },
  { code: 'OPEN_VOTING', vi: 'mở biểu quyết', en: 'open the vote', reads: false },
  { code: 'CAST_VOTE', vi: 'biểu quyết', en: 'vote', reads: false },
  { code: 'CLOSE_VOTING', vi: 'kết thúc biểu quyết', en: 'close the vote', reads: false },
  { code: 'CONFIRM_DECISION', vi: 'xác nhận quyết định', en: 'confirm an outcome', reads: false },
  { code: 'PUBLISH_NOTICE', vi: 'công khai danh sách', en: 'publish the provisional list', reads: false },
  { code: 'RECORD_COMMENT', vi: 'ghi nhận ý kiến', en: 'record a comment', reads: false },
  { code: 'ANSWER_COMMENT', vi: 'trả lời ý kiến', en: 'answer a comment', reads: false },
  { code: 'DROP_ON_OBJECTION', vi: 'loại khỏi danh sách công nhận', en: 'drop a candidate on an objection', reads: false },
  { code: 'FINALISE', vi: 'kết thúc phiên xét', en: 'make the final decision', reads: false },
  { code: 'SEE_BALLOTS', vi: 'xem phiếu', en: 'see the ballots', reads: true },
  { code: 'DRAW_UP_MINUTES', vi: 'lập biên bản', en: 'draw up the minutes', reads: true },
] as const satisfies readonly { code: string; vi: string; en: string; reads: boolean }[];

export type ReviewSessionOperation = (typeof REVIEW_SESSION_OPERATIONS)[number]['code'];
export const REVIEW_SESSION_OPERATION_CODES = REVIEW_SESSION_OPERATIONS.map((o) => o.code) as readonly ReviewSessionOperation[];

export type ReviewSessionEvent = { type: ReviewSessionOperation };

/** Each candidate's status within its session, with its words. */
export const REVIEW_ITEM_STATUSES = [
  { code: 'PENDING', vi: 'Đang xét', en: 'Under review' },
  { code: 'DECIDABLE', vi: 'Chờ xác nhận kết luận', en: 'Outcome to confirm' },
  { code: 'DECIDED', vi: 'Đã xác nhận kết luận', en: 'Outcome confirmed' },
  { code: 'NO_DECISION', vi: 'Chưa đủ điều kiện kết luận', en: 'No decision possible' },
  { code: 'WITHDRAWN', vi: 'Đơn vị đã rút hồ sơ', en: 'Withdrawn by its unit' },
  { code: 'DROPPED', vi: 'Bị loại do ý kiến phản ánh', en: 'Dropped on an objection' },
] as const satisfies readonly { code: string; vi: string; en: string }[];

export type ReviewItemStatus = (typeof REVIEW_ITEM_STATUSES)[number]['code'];
export const REVIEW_ITEM_STATUS_CODES = REVIEW_ITEM_STATUSES.map((s) => s.code) as readonly ReviewItemStatus[];
