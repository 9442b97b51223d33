/** Holds (tạm dừng xét, NĐ 152/2025 Điều 4.4) and the repeat-recognition rule (Luật 2022 Điều 5). */
import type { ErrorTable } from '../common/errors.js';

export const HOLD_ERRORS = {
  CANDIDATE_ON_HOLD: {
    status: 409,
    vi: 'Hồ sơ đang tạm dừng xét (đang bị xem xét kỷ luật, thanh tra, điều tra, hoặc có khiếu nại, phản ánh đang được xác minh): chưa được biểu quyết cho đến khi có kết luận chấm dứt tạm dừng (Nghị định 152/2025/NĐ-CP, Điều 4 khoản 4).',
    en: 'The candidate is on hold (discipline, inspection, investigation, or a complaint or press report being verified): no vote until a conclusion lifts the hold (Decree 152/2025, Article 4.4).',
  },
  HOLD_NOT_FOUND: { status: 404, vi: 'Không tìm thấy trường hợp tạm dừng xét này của hồ sơ.', en: 'This hold was not found for the candidate.' },
  HOLD_ALREADY_LIFTED: { status: 409, vi: 'Trường hợp tạm dừng xét này đã được chấm dứt.', en: 'This hold has already been lifted.' },
  HOLD_AFTER_RECOGNITION: {
    status: 409,
    vi: 'Hồ sơ đã được công nhận: tạm dừng xét không áp dụng và không làm mất hiệu lực quyết định đã ban hành. Nếu thành tích không còn xứng đáng, thu hồi bằng một quyết định thu hồi.',
    en: 'The candidate is already recognised: a hold does not apply and does not undo the decision issued. If the achievement no longer stands, revoke it by a revocation decision.',
  },
  REPEAT_RECOGNITION_JUSTIFICATION_REQUIRED: {
    status: 422,
    vi: 'Đối tượng này đã được công nhận cho cùng năm hoặc cùng thành tích (một thành tích chỉ khen thưởng một lần, Luật Thi đua, khen thưởng 2022, Điều 5). Thủ trưởng đơn vị phải nêu lý do (repeatJustification) nếu vẫn đề nghị.',
    en: 'This subject was already recognised for the same year or the same achievement (one achievement, one recognition: Emulation and Commendation Law 2022, Article 5). The unit head must give a justification (repeatJustification) to go ahead.',
  },
} as const satisfies ErrorTable;
