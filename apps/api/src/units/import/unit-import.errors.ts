/** The bulk import of a unit tree. */
import type { ErrorTable } from '../../common/errors.js';

export const UNIT_IMPORT_ERRORS = {
  UNIT_IMPORT_FILE_MISSING: { status: 400, vi: 'Chưa chọn tệp danh sách đơn vị (trường file).', en: 'No unit list file was sent (field file).' },
  UNIT_IMPORT_FILE_TOO_LARGE: { status: 413, vi: 'Tệp danh sách đơn vị vượt quá dung lượng cho phép.', en: 'The unit list file is too large.' },
  UNIT_IMPORT_FILE_TYPE_NOT_ALLOWED: { status: 415, vi: 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).', en: 'Only CSV (UTF-8) or Excel (.xlsx) files are accepted.' },
  UNIT_IMPORT_INVALID: {
    status: 422,
    vi: 'Tệp danh sách đơn vị có lỗi; không có thay đổi nào được ghi. Xem danh sách lỗi theo từng dòng, cột.',
    en: 'The unit list has errors; nothing was written. See the errors by line and column.',
  },
  UNIT_IMPORT_PLAN_CHANGED: {
    status: 409,
    vi: 'Cây đơn vị hoặc tệp đã thay đổi từ lúc xem trước; hãy xem trước lại rồi mới áp dụng.',
    en: 'The unit tree or the file changed since the preview; preview again before applying.',
  },
} as const satisfies ErrorTable;
