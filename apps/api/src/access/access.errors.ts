/** Refusals of the access layer. */
import type { ErrorTable } from '../common/errors.js';

export const ACCESS_ERRORS = {
  FORBIDDEN: { status: 403, vi: 'Không có quyền thực hiện thao tác này.', en: 'You may not do this.' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).',
    en: 'The anti-forgery token (X-CSRF-Token) is missing or wrong.',
  },
} as const satisfies ErrorTable;
