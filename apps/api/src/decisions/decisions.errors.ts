/** Recognition decisions, their corrections and revocations. */
import type { ErrorTable } from '../common/errors.js';

export const DECISION_ERRORS = {
  DECISION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy quyết định.', en: 'Decision not found.' },
  SESSION_NOT_CLOSED: { status: 409, vi: 'Đợt xét chưa kết thúc (chưa có quyết định chính thức sau thời gian công khai).', en: 'The review session is not closed yet.' },
  DECISION_ALREADY_ISSUED: { status: 409, vi: 'Đợt xét này đã có quyết định công nhận; muốn sửa hãy ban hành quyết định đính chính.', en: 'This session already has its decision; issue a correction instead.' },
  NOTHING_TO_DECIDE: { status: 409, vi: 'Đợt xét không có hồ sơ nào được công nhận chính thức.', en: 'The session recognised no one.' },
  DECISION_NOT_AMENDABLE: { status: 409, vi: 'Quyết định thu hồi không được đính chính hay thu hồi tiếp; không cấp giấy chứng nhận theo quyết định thu hồi.', en: 'A revocation cannot be amended, and carries no certificates.' },
  DECISION_REVOKED: { status: 409, vi: 'Quyết định (hoặc phần liên quan) đã bị thu hồi.', en: 'The decision (or this part of it) has been revoked.' },
  CERTIFICATE_REVOKED: {
    status: 409,
    vi: 'Giấy chứng nhận này không còn giá trị: công nhận đã bị thu hồi bằng một quyết định thu hồi trong cùng chuỗi quyết định.',
    en: 'This certificate is no longer valid: a revocation in its chain of decisions revoked the recognition.',
  },
  CERTIFICATE_NOT_REVOKED: { status: 422, vi: 'Chỉ có bản lưu đóng dấu "ĐÃ THU HỒI" cho giấy chứng nhận đã bị thu hồi; giấy này vẫn còn giá trị.', en: 'The stamped archive copy exists only for a revoked certificate; this one is in force.' },
  RECOVERY_NOT_IN_REVOCATION: { status: 422, vi: 'Hồ sơ được nêu không có trong quyết định thu hồi này.', en: 'The candidate named is not in this revocation decision.' },
  NOT_A_REVOCATION: { status: 422, vi: 'Chỉ ghi nhận thu hồi hiện vật, tiền thưởng theo một quyết định thu hồi.', en: 'Recoveries are recorded against a revocation decision only.' },
  RECOVERY_AMOUNT_REQUIRED: { status: 422, vi: 'Thu hồi tiền thưởng phải ghi số tiền (đồng); thu hồi giấy chứng nhận, hiện vật phải ghi số lượng.', en: 'Reward money needs the amount; certificates and objects need the quantity.' },
  RECOVERED_ON_OUT_OF_RANGE: { status: 422, vi: 'Ngày thu hồi không được trước ngày của quyết định thu hồi và không sau hôm nay.', en: 'The recovery date must be between the revocation’s date and today.' },
  RECIPIENT_NOT_IN_DECISION: { status: 422, vi: 'Hồ sơ được nêu không có trong quyết định.', en: 'The candidate named is not in the decision.' },
  ISSUED_ON_OUT_OF_RANGE: { status: 422, vi: 'Ngày ban hành không được trước ngày kết thúc đợt xét (hoặc ngày của quyết định được sửa) và không sau hôm nay.', en: 'The issue date must be between the session’s close (or the amended decision’s date) and today.' },
  SIGNER_NAME_REQUIRED: {
    status: 422,
    vi: 'Cần ghi họ tên người ký: hồ sơ pháp lý không có người ký thường xuyên của cơ quan này.',
    en: 'Name the signer: the jurisdiction profile has no usual signer for this authority.',
  },
  DECISION_DRAFT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy dự thảo quyết định.', en: 'Decision draft not found.' },
  DECISION_DRAFT_EXISTS: { status: 409, vi: 'Đợt xét này đã có dự thảo quyết định; hãy mở dự thảo đó.', en: 'This session already has a draft decision.' },
  AMENDMENT_DRAFT_CONFLICT: {
    status: 409,
    vi: 'Đã có dự thảo đính chính hoặc thu hồi chưa ban hành của cùng quyết định, nêu cùng điển hình: hãy để văn thư ban hành dự thảo đó trước khi lập dự thảo mới.',
    en: 'An unissued correction or revocation draft of the same decision already names the same exemplar: have the clerk issue it first.',
  },
  DECISION_DRAFT_ISSUED: { status: 409, vi: 'Dự thảo đã được ban hành thành quyết định; không sửa số, ngày được nữa.', en: 'The draft has been issued; its number and date no longer change.' },
  DECISION_DRAFT_ABANDONED: { status: 409, vi: 'Dự thảo này đã bị hủy: không ghi số, ban hành hay hủy lại được; hãy lập dự thảo mới.', en: 'This draft was abandoned: it is no longer numbered, issued or abandoned; draft anew.' },
  ISSUED_DRAFT_NOT_ABANDONED: {
    status: 409,
    vi: 'Dự thảo đã được ban hành thành quyết định nên không hủy được; muốn sửa hoặc bỏ quyết định, hãy lập quyết định đính chính hoặc thu hồi.',
    en: 'The draft has been issued and cannot be abandoned; correct or revoke the decision instead.',
  },
  RECOGNITION_DRAFT_NOT_ABANDONED: {
    status: 409,
    vi: 'Dự thảo quyết định công nhận của đợt xét không hủy được: văn thư ghi lại số, ngày nếu sai rồi ban hành.',
    en: 'A session’s recognition draft is not abandoned: the clerk renumbers it if needed and issues it.',
  },
  DECISION_NOT_NUMBERED: { status: 409, vi: 'Chưa có số, ngày đăng ký văn bản: văn thư phải ghi số trước khi ban hành.', en: 'No register number yet: the clerk numbers the decision before it is issued.' },
  REGISTER_NUMBER_REQUIRED: { status: 422, vi: 'Cần ghi số văn bản theo sổ đăng ký văn bản của cơ quan.', en: 'Enter the number the office’s document register gave.' },
  REGISTER_NUMBER_FROM_COUNTER: {
    status: 422,
    vi: 'Sổ đăng ký này do hệ thống cấp số: không ghi số tay, số tiếp theo sẽ được lấy tự động.',
    en: 'This register is kept here: its next number is reserved, not entered.',
  },
  REGISTER_NUMBER_TAKEN: { status: 409, vi: 'Số văn bản này đã được dùng trong sổ đăng ký (cùng ký hiệu, cùng năm).', en: 'This number is already used in the register (same symbol and year).' },
  REGISTER_RENUMBER_REFUSED: { status: 409, vi: 'Số đã lấy từ sổ đăng ký của hệ thống không được đổi.', en: 'A number reserved from this product’s register is not changed.' },
  DOCUMENT_REGISTER_NOT_FOUND: { status: 404, vi: 'Không tìm thấy sổ đăng ký văn bản.', en: 'Document register not found.' },
  DOCUMENT_REGISTER_EXISTS: { status: 409, vi: 'Cơ quan này đã có sổ đăng ký văn bản với ký hiệu này.', en: 'This authority already has a register for this symbol.' },
  DOCUMENT_REGISTER_VERSION_CONFLICT: { status: 409, vi: 'Sổ đăng ký đã được người khác thay đổi; hãy tải lại.', en: 'The register was changed by someone else; reload it.' },
} as const satisfies ErrorTable;
