/** The rehearsal clock: only a rehearsal instance may move the product's date. */
import type { ErrorTable } from '../common/errors.js';

export const REHEARSAL_ERRORS = {
  REHEARSAL_CLOCK_IN_PRODUCTION: {
    status: 409,
    vi: 'Đây là hệ thống chính thức (INSTANCE_KIND=production): không được đặt đồng hồ diễn tập. Chỉ bản sao dùng để diễn tập, tập huấn mới được đổi ngày của hệ thống.',
    en: 'This is the production instance (INSTANCE_KIND=production): the rehearsal clock cannot be set. Only a rehearsal copy may move the product’s date.',
  },
  REHEARSAL_CLOCK_OFFSET_ZERO: {
    status: 400,
    vi: 'Số ngày dịch chuyển phải khác 0 (để trở về ngày thật, hãy tắt đồng hồ diễn tập).',
    en: 'The offset must not be zero (to return to the real date, turn the rehearsal clock off).',
  },
  REHEARSAL_CLOCK_STORED_IN_PRODUCTION: {
    status: 500,
    vi: 'Cơ sở dữ liệu của hệ thống chính thức đang ghi một đồng hồ diễn tập đang bật: hệ thống không khởi động.',
    en: 'The production instance’s database holds a rehearsal clock that is on: the application does not start.',
  },
} as const satisfies ErrorTable;
