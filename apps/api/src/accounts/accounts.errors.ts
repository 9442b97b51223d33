/** Sign-in, sessions and accounts. */
import type { ErrorTable } from '../common/errors.js';

export const ACCOUNT_ERRORS = {
  SESSION_REQUIRED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  SESSION_EXPIRED: { status: 401, vi: 'Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.', en: 'Your session has expired; please sign in again.' },
  SIGN_IN_FAILED: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.', en: 'This account is disabled. Please contact an administrator.' },
  TOO_MANY_SIGN_IN_ATTEMPTS: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.',
    en: 'Too many failed sign-ins; please try again later.',
  },
  TOO_MANY_PASSWORD_ATTEMPTS: {
    status: 429,
    vi: 'Nhập sai mật khẩu hiện tại quá nhiều lần; vui lòng thử lại sau.',
    en: 'Too many wrong current passwords; please try again later.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng.', en: 'The username is already taken.' },
  ACCOUNT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản.', en: 'Account not found.' },
  ACCOUNT_UNIT_REQUIRED: {
    status: 422,
    vi: 'Thủ trưởng đơn vị và thành viên Hội đồng phải thuộc một đơn vị.',
    en: 'Unit heads and council members must belong to a unit.',
  },
  LAST_ADMINISTRATOR: {
    status: 409,
    vi: 'Không thể đổi vai trò của quản trị hệ thống cuối cùng còn hoạt động: hãy giao vai trò quản trị cho một tài khoản khác trước.',
    en: 'The last enabled administrator cannot be given another role: make another account an administrator first.',
  },
} as const satisfies ErrorTable;
