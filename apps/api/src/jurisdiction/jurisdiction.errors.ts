/** The jurisdiction profile: its versions, and documents that need one. */
import type { ErrorTable } from '../common/errors.js';

export const JURISDICTION_ERRORS = {
  PROFILE_NOT_IN_FORCE: {
    status: 409,
    vi: 'Chưa có hồ sơ pháp lý có hiệu lực vào ngày này (cơ quan ban hành, địa danh, căn cứ pháp lý): quản trị hệ thống cần ban hành hồ sơ pháp lý trước.',
    en: 'No jurisdiction profile is in force on that date (issuing body, place, legal bases): an administrator must publish one first.',
  },
  PROFILE_VERSION_NOT_FOUND: { status: 404, vi: 'Không tìm thấy phiên bản hồ sơ pháp lý.', en: 'Jurisdiction profile version not found.' },
  PROFILE_AUTHORITY_MISSING: {
    status: 422,
    vi: 'Hồ sơ pháp lý đang có hiệu lực không có cơ quan ban hành này.',
    en: 'The jurisdiction profile in force does not define this issuing authority.',
  },
  PROFILE_EFFECTIVE_IN_PAST: {
    status: 422,
    vi: 'Ngày có hiệu lực không được trước hôm nay: văn bản đã ban hành phải in lại đúng như cũ.',
    en: 'The effective date cannot be before today: documents already issued must regenerate as they were.',
  },
  PROFILE_AUTHORITY_REPEATED: { status: 422, vi: 'Một cơ quan ban hành được khai báo hai lần.', en: 'An issuing authority is declared twice.' },
  PROFILE_AGENCY_REPEATED: { status: 422, vi: 'Một cơ quan hiệp y được khai báo hai lần (trùng mã).', en: 'A clearance agency is declared twice (same code).' },
} as const satisfies ErrorTable;
