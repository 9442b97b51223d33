/** Evidence files. */
import type { ErrorTable } from '../common/errors.js';

export const EVIDENCE_ERRORS = {
  EVIDENCE_NOT_FOUND: { status: 404, vi: 'Không tìm thấy tệp minh chứng.', en: 'Evidence file not found.' },
  EVIDENCE_FILE_MISSING: { status: 400, vi: 'Chưa chọn tệp minh chứng (trường file).', en: 'No evidence file was sent (field file).' },
  EVIDENCE_TOO_LARGE: { status: 413, vi: 'Tệp minh chứng vượt quá dung lượng cho phép.', en: 'The evidence file is too large.' },
  EVIDENCE_TYPE_NOT_ALLOWED: {
    status: 415,
    vi: 'Loại tệp minh chứng không được chấp nhận.',
    en: 'This type of evidence file is not accepted.',
  },
  REFERENCED_EVIDENCE_NOT_FOUND: {
    status: 422,
    vi: 'Tệp minh chứng được chọn không thuộc hồ sơ này.',
    en: 'The chosen evidence file does not belong to this candidate.',
  },
} as const satisfies ErrorTable;
