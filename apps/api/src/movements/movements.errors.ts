/** Emulation movements. */
import type { ErrorTable } from '../common/errors.js';

export const MOVEMENT_ERRORS = {
  MOVEMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phong trào thi đua.', en: 'Movement not found.' },
  REFERENCED_MOVEMENT_NOT_FOUND: { status: 422, vi: 'Phong trào thi đua được chọn không tồn tại.', en: 'The chosen movement does not exist.' },
  MOVEMENT_ACTION_NOT_ALLOWED: {
    status: 409,
    vi: 'Thao tác này không thực hiện được ở trạng thái hiện tại của phong trào.',
    en: 'This action is not possible in the movement’s current status.',
  },
  MOVEMENT_CLOSED: {
    status: 409,
    vi: 'Phong trào đã tổng kết, kết thúc: không nhận đăng ký hay thay đổi đăng ký tham gia.',
    en: 'The movement is closed by its final review: registrations can no longer be made or changed.',
  },
  MOVEMENT_PERIOD_INVALID: {
    status: 422,
    vi: 'Thời gian không hợp lệ: ngày kết thúc không được trước ngày bắt đầu, ngày sơ kết, tổng kết không được trước ngày bắt đầu phong trào.',
    en: 'Invalid dates: the end may not precede the start, and a review may not precede the movement’s start.',
  },
  MOVEMENT_UNIT_NOT_BELOW: {
    status: 422,
    vi: 'Chỉ các đơn vị trực thuộc đơn vị phát động mới đăng ký tham gia phong trào.',
    en: 'Only units below the launching unit can register for the movement.',
  },
  MOVEMENT_NOT_FOR_UNIT: {
    status: 422,
    vi: 'Phong trào này do đơn vị khác phát động: đơn vị của hồ sơ không thuộc phạm vi phong trào.',
    en: 'The candidate’s unit is outside the movement’s launching unit.',
  },
  MOVEMENT_ALREADY_REGISTERED: {
    status: 409,
    vi: 'Đơn vị đã đăng ký tham gia phong trào; muốn thay đổi thì điều chỉnh đăng ký.',
    en: 'The unit has already registered; amend the registration instead.',
  },
  REGISTRATION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đăng ký tham gia phong trào.', en: 'Registration not found.' },
  REGISTRATION_SUPERSEDED: {
    status: 409,
    vi: 'Đăng ký này đã được điều chỉnh hoặc rút; vui lòng tải lại và thao tác trên đăng ký mới nhất.',
    en: 'This registration has been amended or withdrawn; reload and act on the newest one.',
  },
  REGISTRATION_WITHDRAWN: {
    status: 409,
    vi: 'Đơn vị đã rút đăng ký; muốn tham gia lại thì đăng ký mới.',
    en: 'The unit has withdrawn; register again to take part.',
  },
  MOVEMENT_DOCUMENT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp văn bản phát động.', en: 'Launching document file not found.' },
  MOVEMENT_DOCUMENT_MISSING: { status: 400, vi: 'Chưa chọn tệp văn bản (trường file).', en: 'No document file was sent (field file).' },
  MOVEMENT_DOCUMENT_TOO_LARGE: { status: 413, vi: 'Tệp văn bản vượt quá dung lượng cho phép.', en: 'The document file is too large.' },
  MOVEMENT_DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Tệp văn bản phải là PDF, Word hoặc ảnh chụp (JPEG, PNG), đúng với phần mở rộng và nội dung tệp.',
    en: 'The document must be a PDF, Word file or scan (JPEG, PNG) whose extension and content match.',
  },
  MOVEMENT_LINK_EXISTS: { status: 409, vi: 'Hồ sơ đã được gắn với phong trào này.', en: 'The candidate is already linked to this movement.' },
  MOVEMENT_LINK_NOT_FOUND: { status: 409, vi: 'Hồ sơ hiện không gắn với phong trào này.', en: 'The candidate is not linked to this movement.' },
  REFERENCED_REVIEW_NOT_FOUND: {
    status: 422,
    vi: 'Đợt sơ kết, tổng kết được chọn không thuộc phong trào này.',
    en: 'The chosen review does not belong to this movement.',
  },
} as const satisfies ErrorTable;
