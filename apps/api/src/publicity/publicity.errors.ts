/** The public side: comments sent by the public, their moderation, and the published answers. */
import type { ErrorTable } from '../common/errors.js';

export const PUBLICITY_ERRORS = {
  PUBLIC_NOTICE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo công khai đang lấy ý kiến.', en: 'No public notice taking comments was found.' },
  PUBLIC_NOTICE_CLOSED: { status: 409, vi: 'Thời gian lấy ý kiến của thông báo này đã kết thúc.', en: 'This notice no longer takes comments.' },
  PUBLIC_COMMENT_FIELD_INVALID: { status: 400, vi: 'Thông tin góp ý chưa hợp lệ.', en: 'The comment is not valid.' },
  PUBLIC_COMMENT_PROOF_INVALID: {
    status: 400,
    vi: 'Mã chống thư rác không hợp lệ hoặc đã hết hạn (trường proof). Vui lòng tải lại trang và gửi lại.',
    en: 'The anti-spam proof is invalid or has expired (field proof). Reload the page and send again.',
  },
  PUBLIC_COMMENT_TOO_MANY: { status: 429, vi: 'Địa chỉ của bạn đã gửi quá nhiều ý kiến.', en: 'Too many comments were sent from your address.' },
  PUBLIC_COMMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy ý kiến của người dân.', en: 'Public comment not found.' },
  PUBLIC_COMMENT_ALREADY_MODERATED: { status: 409, vi: 'Ý kiến này đã được xử lý (tiếp nhận hoặc không tiếp nhận).', en: 'This public comment was already moderated.' },
  PUBLIC_COMMENT_NO_ATTACHMENT: { status: 404, vi: 'Ý kiến này không có tệp đính kèm.', en: 'This public comment has no attachment.' },
  NOTICE_ANSWER_NOT_FOUND: { status: 404, vi: 'Ý kiến này chưa được trả lời.', en: 'This comment has not been answered.' },
  NOTICE_ANSWER_ALREADY_PUBLISHED: { status: 409, vi: 'Câu trả lời này đã được công bố.', en: 'This answer is already published.' },
  EXEMPLAR_NOT_FOUND: { status: 404, vi: 'Không tìm thấy điển hình tiên tiến.', en: 'Exemplar not found.' },
} as const satisfies ErrorTable;
