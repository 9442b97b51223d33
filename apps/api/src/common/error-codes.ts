/**
 * One table maps every error code to its HTTP status and its words, Vietnamese first.
 * Codes are stable identifiers for programs; the words are for people.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request data is invalid.' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung yêu cầu không phải JSON hợp lệ.', en: 'The request body is not valid JSON.' },
  JSON_TOO_DEEP: { status: 400, vi: 'Nội dung JSON lồng nhau quá sâu.', en: 'The JSON body is nested too deeply.' },
  UNSUPPORTED_ENCODING: { status: 415, vi: 'Bảng mã của nội dung không được hỗ trợ.', en: 'The body’s encoding is not supported.' },
  SESSION_REQUIRED: { status: 401, vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  SESSION_EXPIRED: { status: 401, vi: 'Phiên làm việc đã hết hạn; vui lòng đăng nhập lại.', en: 'Your session has expired; please sign in again.' },
  SIGN_IN_FAILED: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
  ACCOUNT_DISABLED: { status: 403, vi: 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên.', en: 'This account is disabled. Please contact an administrator.' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (X-CSRF-Token).',
    en: 'The anti-forgery token (X-CSRF-Token) is missing or wrong.',
  },
  TOO_MANY_SIGN_IN_ATTEMPTS: {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.',
    en: 'Too many sign-in attempts; please try again later.',
  },
  FORBIDDEN: { status: 403, vi: 'Không có quyền thực hiện thao tác này.', en: 'You may not do this.' },
  REQUEST_REFUSED: { status: 400, vi: 'Yêu cầu không được chấp nhận.', en: 'The request was refused.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Kiểu nội dung không được hỗ trợ.', en: 'Unsupported content type.' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'No such route.' },
  UNIT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đơn vị.', en: 'Unit not found.' },
  CANDIDATE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ điển hình.', en: 'Candidate not found.' },
  EVIDENCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp minh chứng.', en: 'Evidence file not found.' },
  EVENT_NOT_ALLOWED: {
    status: 409,
    vi: 'Thao tác này không thực hiện được ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the candidate’s current state.',
  },
  STALE_VERSION: {
    status: 409,
    vi: 'Hồ sơ đã được người khác thay đổi; vui lòng tải lại và thử lại.',
    en: 'The record was changed by someone else; reload and try again.',
  },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng.', en: 'The username is already taken.' },
  ACCOUNT_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tài khoản.', en: 'Account not found.' },
  ACCOUNT_UNIT_REQUIRED: {
    status: 422,
    vi: 'Thủ trưởng đơn vị và thành viên Hội đồng phải thuộc một đơn vị.',
    en: 'Unit heads and council members must belong to a unit.',
  },
  UNIT_CODE_TAKEN: { status: 409, vi: 'Mã đơn vị đã được sử dụng.', en: 'The unit code is already in use.' },
  CONCURRENT_CHANGE: {
    status: 409,
    vi: 'Có thay đổi đồng thời trên cùng hồ sơ; vui lòng thử lại.',
    en: 'A concurrent change touched the same record; try again.',
  },
  GUARD_REFUSED: {
    status: 422,
    vi: 'Hồ sơ chưa đủ điều kiện cho thao tác này.',
    en: 'The candidate does not yet meet the conditions for this action.',
  },
  REFERENCED_UNIT_NOT_FOUND: {
    status: 422,
    vi: 'Đơn vị được chọn không tồn tại.',
    en: 'The chosen unit does not exist.',
  },
  UNIT_PARENT_INVALID: {
    status: 422,
    vi: 'Đơn vị cấp trên không hợp lệ.',
    en: 'The parent unit is invalid.',
  },
  EVENT_NEEDS_ITS_OWN_ENDPOINT: {
    status: 422,
    vi: 'Thao tác này được thực hiện qua chức năng riêng (ví dụ: tải lên minh chứng).',
    en: 'This action has its own endpoint (e.g. evidence upload).',
  },
  EVIDENCE_FILE_MISSING: { status: 400, vi: 'Chưa chọn tệp minh chứng (trường file).', en: 'No evidence file was sent (field file).' },
  EVIDENCE_TOO_LARGE: { status: 413, vi: 'Tệp minh chứng vượt quá dung lượng cho phép.', en: 'The evidence file is too large.' },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Nội dung yêu cầu quá lớn.', en: 'The request body is too large.' },
  EVIDENCE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Loại tệp minh chứng không được chấp nhận.',
    en: 'This type of evidence file is not accepted.',
  },
  CORRECTED_RECORD_NOT_FOUND: {
    status: 422,
    vi: 'Không tìm thấy bản ghi cần đính chính của điển hình này.',
    en: 'The record to correct was not found for this exemplar.',
  },
  RECORD_ALREADY_CORRECTED: {
    status: 409,
    vi: 'Bản ghi này đã được đính chính; hãy đính chính bản ghi mới nhất.',
    en: 'This record has already been corrected; correct the newest one.',
  },
  REFERENCED_EVIDENCE_NOT_FOUND: {
    status: 422,
    vi: 'Tệp minh chứng được chọn không thuộc hồ sơ này.',
    en: 'The chosen evidence file does not belong to this candidate.',
  },
  ADOPTING_UNIT_IS_OWN: {
    status: 422,
    vi: 'Đơn vị học tập, áp dụng phải khác đơn vị của điển hình.',
    en: 'The adopting unit must be another unit than the exemplar’s own.',
  },
  FOLLOW_UP_ALREADY_RECORDED: {
    status: 409,
    vi: 'Năm này đã có kết quả theo dõi; muốn sửa thì gửi bản đính chính (correctsId).',
    en: 'A follow-up is already recorded for this year; send a correction (correctsId) instead.',
  },
  FOLLOW_UP_YEAR_INVALID: {
    status: 422,
    vi: 'Năm theo dõi không hợp lệ: không được trước năm của điển hình và bản đính chính phải giữ nguyên năm.',
    en: 'Invalid follow-up year: not before the exemplar’s year, and a correction keeps the year it corrects.',
  },
  UNIT_PLAN_NOT_FOUND: { status: 404, vi: 'Đơn vị chưa có kế hoạch cho năm này.', en: 'The unit has no plan for this year.' },
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
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
