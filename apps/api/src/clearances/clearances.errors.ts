/** Clearances (hiệp y): requests to other agencies about a candidate of a session, and their answers. */
import type { ErrorTable } from '../common/errors.js';

export const CLEARANCE_ERRORS = {
  CLEARANCE_AGENCY_UNKNOWN: {
    status: 422,
    vi: 'Cơ quan hiệp y không có trong danh mục của hồ sơ pháp lý đang có hiệu lực.',
    en: 'The clearance agency is not listed by the jurisdiction profile in force.',
  },
  CLEARANCE_ALREADY_REQUESTED: {
    status: 409,
    vi: 'Đã đề nghị cơ quan này hiệp y cho hồ sơ trong đợt xét; một đề nghị không được lặp lại hay thay thế.',
    en: 'This agency was already asked for clearance on this candidate in this session; a request is neither repeated nor replaced.',
  },
  CLEARANCE_DEADLINE_UNDEFINED: {
    status: 422,
    vi: 'Hồ sơ pháp lý đang có hiệu lực không cho biết thời hạn hiệp y (hạn hằng năm còn phía trước hoặc số ngày làm việc để trả lời): quản trị hệ thống cần bổ sung.',
    en: 'The jurisdiction profile in force gives no clearance deadline (a yearly deadline still ahead, or working days to answer): an administrator must add one.',
  },
  CLEARANCE_STAGE_FORBIDS: {
    status: 409,
    vi: 'Chỉ đề nghị hiệp y hoặc ghi nhận ý kiến hiệp y khi hồ sơ còn đang được xét (trước khi kết thúc biểu quyết).',
    en: 'Clearances are requested and answered only while the candidate is still under review (before voting closes).',
  },
  CLEARANCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy đề nghị hiệp y.', en: 'Clearance request not found.' },
  CLEARANCE_ALREADY_ANSWERED: {
    status: 409,
    vi: 'Đề nghị hiệp y này đã có ý kiến trả lời; ý kiến đã ghi nhận không được thay thế.',
    en: 'This clearance request already has its answer; a recorded answer is never replaced.',
  },
  CLEARANCE_DOCUMENT_NOT_FOUND: { status: 404, vi: 'Ý kiến hiệp y này không kèm tệp văn bản.', en: 'This clearance answer has no file.' },
  CLEARANCE_DOCUMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Tệp văn bản hiệp y phải là PDF, ảnh (JPEG, PNG) hoặc Word, đúng với phần mở rộng và nội dung tệp.',
    en: 'A clearance document must be a PDF, an image (JPEG, PNG) or Word, matching its extension and content.',
  },
  CLEARANCE_DOCUMENT_TOO_LARGE: { status: 413, vi: 'Tệp văn bản hiệp y quá lớn.', en: 'The clearance document file is too large.' },
} as const satisfies ErrorTable;
