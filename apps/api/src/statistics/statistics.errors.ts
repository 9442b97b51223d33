/** Statistics and the import of historical tables. */
import type { ErrorTable } from '../common/errors.js';

export const STATISTICS_ERRORS = {
  IMPORT_FILE_MISSING: { status: 400, vi: 'Chưa chọn tệp số liệu (trường file).', en: 'No data file was sent (field file).' },
  IMPORT_FILE_TOO_LARGE: { status: 413, vi: 'Tệp số liệu vượt quá dung lượng cho phép.', en: 'The data file is too large.' },
  IMPORT_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Chỉ nhận tệp CSV (UTF-8) hoặc Excel (.xlsx).',
    en: 'Only CSV (UTF-8) or Excel (.xlsx) files are accepted.',
  },
  IMPORT_FILE_INVALID: {
    status: 422,
    vi: 'Tệp số liệu không đúng mẫu; xem danh sách lỗi theo từng dòng, cột.',
    en: 'The data file does not follow the layout; see the errors by line and column.',
  },
  IMPORT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy lần nhập số liệu.', en: 'Import not found.' },
  IMPORT_JURISDICTION_RECORDED: {
    status: 409,
    vi: 'Lần nhập này đã được ghi địa bàn; địa bàn đã ghi không sửa được (hãy nhập lại tệp đúng nếu cần).',
    en: 'This import already has its jurisdiction recorded; it cannot be changed (import the right file again if needed).',
  },
  SERIES_EVENT_INVALID: { status: 422, vi: 'Sự kiện của chuỗi số liệu không hợp lệ.', en: 'The series event is invalid.' },
} as const satisfies ErrorTable;
