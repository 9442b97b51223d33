/** Notifications and the mail outbox. */
import type { ErrorTable } from '../common/errors.js';

export const NOTIFICATION_ERRORS = {
  NOTIFICATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thông báo.', en: 'Notification not found.' },
  MAIL_MESSAGE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy thư trong hộp thư đi.', en: 'Mail message not found in the outbox.' },
  MAIL_NOT_RETRYABLE: { status: 409, vi: 'Chỉ gửi lại được thư không gửi được (FAILED) hoặc đang lưu (KEPT) khi đã cấu hình máy chủ thư.', en: 'Only an undeliverable (FAILED) message, or a KEPT one once a mail server is configured, can be sent again.' },
  PREFERENCE_KIND_REPEATED: { status: 400, vi: 'Một loại thông báo được chọn hai lần.', en: 'A kind of notification is given twice.' },
} as const satisfies ErrorTable;
