/** Council rule sets: their versions, and the sessions that pin one. */
import type { ErrorTable } from '../common/errors.js';

export const COUNCIL_RULE_ERRORS = {
  RULE_SET_INVALID: { status: 422, vi: 'Bộ quy tắc Hội đồng không hợp lệ.', en: 'Invalid council rule set.' },
  RULE_SET_NOT_FOUND: { status: 404, vi: 'Không tìm thấy bộ quy tắc Hội đồng.', en: 'Council rule set not found.' },
  RULE_SET_NOT_IN_FORCE: {
    status: 409,
    vi: 'Chưa có bộ quy tắc Hội đồng nào được ban hành: quản trị hệ thống cần ban hành trước khi mở đợt xét.',
    en: 'No council rule set is published: an administrator must publish one before a session opens.',
  },
} as const satisfies ErrorTable;
