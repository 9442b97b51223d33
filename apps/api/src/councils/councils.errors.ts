/** Councils at every level, their compositions and upward proposals. */
import type { ErrorTable } from '../common/errors.js';

export const COUNCIL_ERRORS = {
  COUNCIL_NOT_FOUND: { status: 404, vi: 'Không tìm thấy Hội đồng.', en: 'Council not found.' },
  COUNCIL_RETIRED: {
    status: 409,
    vi: 'Đơn vị của Hội đồng đã ngừng hoạt động (sáp nhập vào đơn vị có Hội đồng riêng, hoặc giải thể): Hội đồng này chỉ còn là lịch sử, không ban hành thành phần mới.',
    en: 'The council’s unit has stopped (merged into a unit with its own council, or dissolved): the council is history and takes no new composition.',
  },
  COUNCIL_EXISTS: { status: 409, vi: 'Đơn vị này đã có Hội đồng Thi đua – Khen thưởng.', en: 'This unit already has a council.' },
  COUNCIL_UNIT_NOT_FOUND: { status: 422, vi: 'Đơn vị của Hội đồng không tồn tại.', en: 'The council’s unit does not exist.' },
  COUNCIL_NOT_SERVED: {
    status: 403,
    vi: 'Tài khoản không thuộc Hội đồng này: chỉ thường trực của Hội đồng mới mở đợt xét của Hội đồng.',
    en: 'This account does not serve that council: only its own secretariat opens its sessions.',
  },
  SESSION_OF_ANOTHER_COUNCIL: {
    status: 403,
    vi: 'Đợt xét thuộc Hội đồng khác: chỉ thường trực của Hội đồng đó mới thực hiện thao tác này.',
    en: 'The session belongs to another council: only that council’s secretariat may do this.',
  },
  COMPOSITION_SEAT_INVALID: {
    status: 422,
    vi: 'Thành phần Hội đồng không hợp lệ: mỗi thành viên là một tài khoản Thành viên Hội đồng đang hoạt động, không lặp lại; thường trực là tài khoản Thường trực Hội đồng.',
    en: 'Invalid composition: each member is an active council member account, listed once; the secretariat are council secretariat accounts.',
  },
  COMPOSITION_POSITION_REPEATED: { status: 422, vi: 'Hội đồng chỉ có một Chủ tịch và một Ủy viên thư ký.', en: 'A council has one chair and one member-secretary.' },
  COMPOSITION_SEATED_ELSEWHERE: {
    status: 409,
    vi: 'Tài khoản đang có tên trong thành phần của Hội đồng khác; cần ban hành lại thành phần Hội đồng đó trước.',
    en: 'The account is listed in another council’s composition in force; publish that council’s composition first.',
  },
  CANDIDATE_OF_ANOTHER_COUNCIL: {
    status: 422,
    vi: 'Hồ sơ thuộc thẩm quyền xét của Hội đồng khác (theo cấp công nhận), không đưa vào đợt xét của Hội đồng này.',
    en: 'The candidate is reviewed by another council (the level that recognises it), not this session’s council.',
  },
  UPWARD_NOT_RECOGNISED_HERE: {
    status: 422,
    vi: 'Chỉ đề nghị lên cấp trên điển hình đã được Hội đồng cấp dưới công nhận qua đợt xét đã kết thúc.',
    en: 'Only an exemplar recognised by a lower council in a closed session can be proposed upward.',
  },
  UPWARD_NO_PARENT_COUNCIL: { status: 422, vi: 'Không có Hội đồng cấp trên để đề nghị.', en: 'There is no parent level council to propose to.' },
  UPWARD_ALREADY_PROPOSED: { status: 409, vi: 'Điển hình này đã được đề nghị lên Hội đồng cấp trên.', en: 'This exemplar has already been proposed to the parent council.' },
} as const satisfies ErrorTable;
