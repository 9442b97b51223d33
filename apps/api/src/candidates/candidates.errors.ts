/** Candidates (hồ sơ) and their nomination. */
import type { ErrorTable } from '../common/errors.js';

export const CANDIDATE_ERRORS = {
  CANDIDATE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy hồ sơ điển hình.', en: 'Candidate not found.' },
  REFERENCED_CANDIDATE_NOT_FOUND: { status: 422, vi: 'Hồ sơ được chọn không tồn tại.', en: 'The chosen candidate does not exist.' },
  DISCOVERY_CHANNEL_MISMATCH: {
    status: 422,
    vi: 'Chỉ hồ sơ phát hiện qua hội nghị sơ kết, tổng kết (REVIEW_CONFERENCE) mới ghi được nơi phát hiện là một phong trào.',
    en: 'Only a candidate discovered at a review conference (REVIEW_CONFERENCE) can name the movement it was discovered at.',
  },
  SAME_SUBJECT_INVALID: {
    status: 422,
    vi: 'Không thể coi là cùng một đối tượng: phải cùng loại (tập thể, cá nhân, hộ gia đình), và không chọn đồng thời "đối tượng mới".',
    en: 'Not the same subject: it must be of the same kind, and "new subject" cannot be chosen at the same time.',
  },
} as const satisfies ErrorTable;
