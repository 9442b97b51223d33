/** Retries with an Idempotency-Key. */
import type { ErrorTable } from '../common/errors.js';

export const IDEMPOTENCY_ERRORS = {
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    vi: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới.',
    en: 'This Idempotency-Key was used for a different request; use a new key for each new request.',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    vi: 'Yêu cầu mang khóa Idempotency-Key này đang được xử lý; vui lòng thử lại sau giây lát.',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
  },
  IDEMPOTENCY_KEY_ALREADY_APPLIED: {
    status: 409,
    vi: 'Yêu cầu mang khóa Idempotency-Key này đã được thực hiện nhưng kết quả chưa kịp lưu (dịch vụ dừng trước khi trả lời). Vui lòng tải lại dữ liệu để xem kết quả; không gửi lại bằng khóa mới.',
    en: 'The request with this Idempotency-Key was carried out, but its response was not kept (the service stopped before answering). Reload to see the result; do not resend it with a new key.',
  },
} as const satisfies ErrorTable;
