/** The replicate stage: honouring, adoptions, follow-ups, unit plans. */
import type { ErrorTable } from '../common/errors.js';

export const REPLICATION_ERRORS = {
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
} as const satisfies ErrorTable;
