/** Errors any request can meet: malformed input, missing routes, the database, the unexpected. */
import type { ErrorTable } from './errors.js';

export const COMMON_ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung yêu cầu không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  JSON_TOO_DEEP: { status: 400, vi: 'Nội dung JSON lồng nhau quá sâu.', en: 'The JSON body is nested too deeply.' },
  UNSUPPORTED_ENCODING: { status: 415, vi: 'Bảng mã của nội dung không được hỗ trợ.', en: 'The body’s encoding is not supported.' },
  REQUEST_REFUSED: { status: 400, vi: 'Yêu cầu không được chấp nhận.', en: 'The request was refused.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Kiểu nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'No such route.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung yêu cầu quá lớn.', en: 'The request body is too large.' },
  REQUEST_HEADERS_TOO_LARGE: {
    status: 431,
    vi: 'Địa chỉ hoặc phần đầu của yêu cầu quá dài (ví dụ chuỗi tìm kiếm quá dài).',
    en: 'The request line or headers are too long (for example an overlong search text).',
  },
  MALFORMED_REQUEST: { status: 400, vi: 'Yêu cầu HTTP không đúng định dạng.', en: 'The HTTP request is malformed.' },
  UNSUPPORTED_CHARACTER: {
    status: 400,
    vi: 'Dữ liệu gửi lên có ký tự không lưu được (ký tự NUL \\u0000, hoặc nửa cặp ký tự thay thế UTF-16 như \\ud800).',
    en: 'The request contains a character that cannot be stored (NUL, \\u0000, or half of a UTF-16 surrogate pair such as \\ud800).',
  },
  CONCURRENT_CHANGE: {
    status: 409,
    vi: 'Có thay đổi đồng thời trên cùng hồ sơ; vui lòng thử lại.',
    en: 'A concurrent change touched the same record; try again.',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    vi: 'Cơ sở dữ liệu tạm thời không sẵn sàng; vui lòng thử lại sau.',
    en: 'The database is temporarily unavailable; try again later.',
  },
  INTERNAL: {
    status: 500,
    vi: 'Đã xảy ra lỗi hệ thống. Vui lòng báo mã tra cứu cho quản trị viên.',
    en: 'An internal error occurred. Please give the reference to an administrator.',
  },
  RESPONSE_CONTRACT_BROKEN: {
    status: 500,
    vi: 'Phản hồi của hệ thống không đúng đặc tả (chỉ kiểm tra khi chạy thử nghiệm).',
    en: 'The response does not match its contract (checked in tests only).',
  },
} as const satisfies ErrorTable;
