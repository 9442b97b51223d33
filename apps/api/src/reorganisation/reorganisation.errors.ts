/** Reorganisations of the unit tree. */
import type { ErrorTable } from '../common/errors.js';

export const REORGANISATION_ERRORS = {
  REORGANISATION_INVALID: {
    status: 422,
    vi: 'Thao tác sắp xếp đơn vị không hợp lệ.',
    en: 'The reorganisation is invalid.',
  },
  UNIT_RETIRED: {
    status: 422,
    vi: 'Đơn vị đã giải thể, sáp nhập hoặc chia tách; không thể thực hiện thao tác trên đơn vị này.',
    en: 'The unit was dissolved, merged or split; nothing more can be done to it.',
  },
  REORGANISATION_BLOCKED: {
    status: 422,
    vi: 'Chưa thể thực hiện: còn hồ sơ, tài khoản, đơn vị hoặc phiên họp chưa có nơi tiếp nhận. Hãy bố trí các mục được liệt kê trước.',
    en: 'Not yet possible: some candidates, accounts, units or sessions would be left without a home. Place the listed items first.',
  },
} as const satisfies ErrorTable;
