/** Units and the unit tree. */
import type { ErrorTable } from '../common/errors.js';

export const UNIT_ERRORS = {
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  REFERENCED_UNIT_NOT_FOUND: {
    status: 422,
    vi: 'Đơn vị được chọn không tồn tại.',
    en: 'The chosen unit does not exist.',
  },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị đã được sử dụng.', en: 'The unit code is already in use.' },
  UNIT_PARENT_INVALID: {
    status: 422,
    vi: 'Đơn vị cấp trên không hợp lệ.',
    en: 'The parent unit is invalid.',
  },
} as const satisfies ErrorTable;
