/**
 * The kinds of notification (thông báo) a person may receive, what mail they get by default, and how mail goes.
 * Issue 19: each kind links to the place to act; each person chooses per kind: no mail, at once, or a daily digest.
 */
import type { Labelled } from './labelled.js';

export const NOTIFICATION_KINDS = [
  { code: 'SESSION_ASSIGNED', vi: 'Được phân công thẩm định hồ sơ', en: 'Assigned to review in a session', mail: 'IMMEDIATE' },
  { code: 'CHECKLIST_DUE', vi: 'Phiếu đánh giá chưa nộp', en: 'Checklist due', mail: 'IMMEDIATE' },
  { code: 'VOTING_OPENED', vi: 'Mở biểu quyết', en: 'Voting opened', mail: 'IMMEDIATE' },
  { code: 'VOTING_CLOSING', vi: 'Biểu quyết sắp đóng, chưa bỏ phiếu', en: 'Voting closing, not yet voted', mail: 'IMMEDIATE' },
  { code: 'CHECK_IN_OVERDUE', vi: 'Quá hạn ghi nhận bồi dưỡng', en: 'Nurturing check-in overdue', mail: 'DIGEST' },
  { code: 'PROPOSAL_RECEIVED', vi: 'Nhận đề nghị từ cấp dưới', en: 'Proposal received from a lower level', mail: 'IMMEDIATE' },
  { code: 'NOTICE_STARTED', vi: 'Bắt đầu công khai lấy ý kiến', en: 'Public notice started', mail: 'IMMEDIATE' },
  { code: 'NOTICE_ENDED', vi: 'Kết thúc thời hạn công khai', en: 'Public notice ended', mail: 'IMMEDIATE' },
  { code: 'PUBLIC_COMMENT_RECEIVED', vi: 'Có ý kiến góp ý của nhân dân', en: 'Public comment received', mail: 'IMMEDIATE' },
  { code: 'HOLD_CHANGED', vi: 'Tạm dừng xét hoặc bỏ tạm dừng', en: 'Hold placed or lifted', mail: 'IMMEDIATE' },
  { code: 'DECISION_ISSUED', vi: 'Quyết định công nhận hồ sơ của đơn vị', en: "Decision naming my unit's candidate", mail: 'IMMEDIATE' },
  { code: 'DEADLINE_APPROACHING', vi: 'Sắp đến hạn nộp hồ sơ hằng năm', en: 'Yearly dossier deadline approaching', mail: 'IMMEDIATE' },
  { code: 'ACCOUNT_CHANGED', vi: 'Thay đổi tài khoản', en: 'Account change', mail: 'IMMEDIATE' },
  { code: 'BACKUP_FAILED', vi: 'Sao lưu tự động không thành công', en: 'Scheduled backup failed', mail: 'IMMEDIATE' },
] as const satisfies readonly (Labelled & { mail: 'OFF' | 'IMMEDIATE' | 'DIGEST' })[];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['code'];
export const NotificationKindCodes = NOTIFICATION_KINDS.map((k) => k.code) as readonly NotificationKind[];

export const MAIL_MODES = [
  { code: 'OFF', vi: 'Không gửi thư', en: 'No mail' },
  { code: 'IMMEDIATE', vi: 'Gửi thư ngay', en: 'Mail at once' },
  { code: 'DIGEST', vi: 'Gộp vào thư tổng hợp hằng ngày', en: 'Daily digest' },
] as const satisfies readonly Labelled[];
export type MailMode = (typeof MAIL_MODES)[number]['code'];
export const MailModeCodes = MAIL_MODES.map((m) => m.code) as readonly MailMode[];

/**
 * A message of the outbox: PENDING (queued), SENT (the mail server accepted it), KEPT (no mail server is
 * configured: kept in the outbox, readable in the app), FAILED (refused for good, or out of attempts).
 */
export const MAIL_STATUSES = [
  { code: 'PENDING', vi: 'Đang chờ gửi', en: 'Queued' },
  { code: 'SENT', vi: 'Đã gửi', en: 'Sent' },
  { code: 'KEPT', vi: 'Lưu trong hộp thư đi (chưa cấu hình máy chủ thư)', en: 'Kept in the outbox (no mail server configured)' },
  { code: 'FAILED', vi: 'Không gửi được', en: 'Undeliverable' },
] as const satisfies readonly Labelled[];
export type MailStatus = (typeof MAIL_STATUSES)[number]['code'];
export const MailStatusCodes = MAIL_STATUSES.map((m) => m.code) as readonly MailStatus[];

export function defaultMailMode(kind: NotificationKind): MailMode {
  return NOTIFICATION_KINDS.find((k) => k.code === kind)!.mail;
}
