/**
 * The words of the audit trail and of request fields: what every recorded event is called, what every field of a
 * record (and of a request) is called, and who the product's own non-person actors are. One list, read by the API
 * (event labels in its views, field labels in its validation messages) and by the web app (history, audit trail,
 * forms), so that a person never reads an internal key.
 *
 * The candidate statechart's own events are labelled in libs/workflow (CANDIDATE_EVENTS); this list holds every
 * other record type.
 */
import type { Labelled } from './labelled.js';
import { REGISTER_MODES } from './catalog.js';
import { COUNCIL_POSITIONS } from './councils.js';

type Words = { readonly vi: string; readonly en: string };

/** Record types that are not statechart events, with their words. */
export const AUDIT_EVENT_LABELS: Readonly<Record<string, Words>> = {
  DISCOVER: { vi: 'Ghi nhận phát hiện điển hình', en: 'Candidate discovered' },
  // Units and accounts
  UNIT_CREATED: { vi: 'Tạo đơn vị', en: 'Unit created' },
  UNIT_RENAMED: { vi: 'Đổi tên đơn vị', en: 'Unit renamed' },
  ACCOUNT_CREATED: { vi: 'Tạo tài khoản', en: 'Account created' },
  ACCOUNT_CHANGED: { vi: 'Đổi vai trò, đơn vị của tài khoản', en: 'Account role or unit changed' },
  ACCOUNT_DISABLED: { vi: 'Khóa tài khoản', en: 'Account disabled' },
  ACCOUNT_ENABLED: { vi: 'Mở khóa tài khoản', en: 'Account re-enabled' },
  PASSWORD_CHANGED: { vi: 'Đổi mật khẩu', en: 'Password changed' },
  PASSWORD_RESET: { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  PASSWORD_CHANGE_FAILED: { vi: 'Đổi mật khẩu không thành công', en: 'Password change failed' },
  PASSWORD_CHANGE_RATE_LIMITED: { vi: 'Tạm chặn đổi mật khẩu do thử sai nhiều lần', en: 'Password change held back' },
  EMAIL_CHANGED: { vi: 'Đặt địa chỉ thư nhận thông báo', en: 'Notification address set' },
  SIGNED_IN: { vi: 'Đăng nhập', en: 'Signed in' },
  SIGNED_OUT: { vi: 'Đăng xuất', en: 'Signed out' },
  SIGN_IN_FAILED: { vi: 'Đăng nhập không thành công', en: 'Sign-in failed' },
  SIGN_IN_RATE_LIMITED: { vi: 'Tạm chặn đăng nhập do thử sai nhiều lần', en: 'Sign-in held back' },
  SIGN_IN_THROTTLE_CLEARED: { vi: 'Gỡ hạn chế đăng nhập', en: 'Sign-in throttle cleared' },
  ACCESS_REFUSED: { vi: 'Truy cập bị từ chối', en: 'Access refused' },
  SECURITY_RECORDS_OVERFLOW: { vi: 'Gộp các bản ghi an ninh lặp lại', en: 'Repeated security records counted together' },
  SECURITY_RECORDS_OVERFLOW_COUNT: { vi: 'Số bản ghi an ninh lặp lại đã gộp', en: 'Count of repeated security records' },
  // Council review (review-session:<id> and criteria-set:<code> streams)
  CRITERIA_SET_PUBLISHED: { vi: 'Ban hành phiên bản bộ tiêu chí', en: 'Criteria set version published' },
  SESSION_OPENED: { vi: 'Mở đợt xét', en: 'Review session opened' },
  CANDIDATE_ADDED: { vi: 'Đưa hồ sơ vào đợt xét', en: 'Candidate added to the session' },
  REVIEWERS_ASSIGNED: { vi: 'Phân công thành viên đánh giá', en: 'Reviewers assigned' },
  CHECKLIST_SUBMITTED: { vi: 'Nộp phiếu đánh giá tiêu chí', en: 'Checklist submitted' },
  CHECKLIST_CORRECTED: { vi: 'Đính chính phiếu đánh giá', en: 'Checklist corrected' },
  VOTING_OPENED: { vi: 'Điểm danh, mở biểu quyết', en: 'Attendance taken, voting opened' },
  VOTE_CAST: { vi: 'Thành viên đã biểu quyết', en: 'Member voted' },
  VOTING_CLOSED: { vi: 'Kết thúc biểu quyết, tính kết quả', en: 'Voting closed, outcomes computed' },
  DECISION_CONFIRMED: { vi: 'Xác nhận kết luận của Hội đồng', en: 'Council outcome confirmed' },
  NOTICE_PUBLISHED: { vi: 'Công khai danh sách đề nghị công nhận', en: 'Provisional list published' },
  NOTICE_COMMENT_RECORDED: { vi: 'Ghi nhận ý kiến góp ý', en: 'Comment recorded' },
  NOTICE_COMMENT_ANSWERED: { vi: 'Trả lời ý kiến góp ý', en: 'Comment answered' },
  NOTICE_ANSWER_PUBLISHED: { vi: 'Công khai câu trả lời ý kiến góp ý', en: 'Answer to a comment published' },
  CLEARANCES_REQUESTED: { vi: 'Đề nghị cơ quan hiệp y', en: 'Clearances requested' },
  CLEARANCE_ANSWERED: { vi: 'Ghi nhận ý kiến hiệp y', en: 'Clearance answer recorded' },
  DROPPED_ON_OBJECTION: { vi: 'Loại khỏi danh sách do phản ánh được chấp nhận', en: 'Dropped on an upheld objection' },
  SESSION_CLOSED: { vi: 'Kết thúc đợt xét, quyết định chính thức', en: 'Session closed, final decision' },
  // Councils at every level
  COUNCIL_SET_UP: { vi: 'Thành lập Hội đồng Thi đua – Khen thưởng', en: 'Council set up' },
  COUNCIL_COMPOSITION_PUBLISHED: { vi: 'Ban hành thành phần Hội đồng', en: 'Council composition published' },
  COUNCILS_ADOPTED: { vi: 'Gắn đợt xét và tài khoản Hội đồng hiện có vào Hội đồng cấp tỉnh', en: 'Existing sessions and council accounts tied to the province council' },
  COUNCIL_RULE_SET_PUBLISHED: { vi: 'Ban hành bộ quy tắc Hội đồng', en: 'Council rule set published' },
  // Decisions
  DECISION_RECOGNITION: { vi: 'Ban hành quyết định công nhận', en: 'Recognition decision issued' },
  DECISION_CORRECTION: { vi: 'Ban hành quyết định đính chính', en: 'Correcting decision issued' },
  DECISION_REVOCATION: { vi: 'Ban hành quyết định thu hồi', en: 'Revoking decision issued' },
  // Emulation movements
  MOVEMENT_LAUNCHED: { vi: 'Phát động phong trào', en: 'Movement launched' },
  MOVEMENT_STARTED: { vi: 'Bắt đầu triển khai phong trào', en: 'Movement started' },
  MOVEMENT_REVISED: { vi: 'Đính chính thông tin phong trào', en: 'Movement details corrected' },
  MOVEMENT_DOCUMENT_ATTACHED: { vi: 'Đính kèm văn bản phát động', en: 'Launching document attached' },
  MOVEMENT_INTERIM_REVIEW: { vi: 'Sơ kết phong trào', en: 'Interim review of the movement' },
  MOVEMENT_FINAL_REVIEW: { vi: 'Tổng kết phong trào', en: 'Final review of the movement' },
  MOVEMENT_REVIEW_CORRECTED: { vi: 'Đính chính kết quả sơ kết, tổng kết', en: 'Review record corrected' },
  MOVEMENT_REGISTERED: { vi: 'Đơn vị đăng ký tham gia phong trào', en: 'Unit registered for the movement' },
  MOVEMENT_REGISTRATION_AMENDED: { vi: 'Điều chỉnh đăng ký tham gia', en: 'Registration amended' },
  MOVEMENT_REGISTRATION_WITHDRAWN: { vi: 'Rút đăng ký tham gia', en: 'Registration withdrawn' },
  CANDIDATE_LINKED: { vi: 'Gắn hồ sơ với phong trào', en: 'Candidate linked to the movement' },
  CANDIDATE_UNLINKED: { vi: 'Bỏ gắn hồ sơ khỏi phong trào', en: 'Candidate unlinked from the movement' },
  // Replication, statistics, settings, operations
  UNIT_PLAN_WRITTEN: { vi: 'Ghi kế hoạch nhân rộng của đơn vị', en: 'Unit plan written' },
  STATISTICS_IMPORTED: { vi: 'Nhập số liệu thống kê các năm trước', en: 'Historical statistics imported' },
  JURISDICTION_PROFILE_PUBLISHED: { vi: 'Ban hành hồ sơ thẩm quyền', en: 'Jurisdiction profile published' },
  REHEARSAL_CLOCK_SET: { vi: 'Đặt đồng hồ diễn tập', en: 'Rehearsal clock set' },
  REHEARSAL_CLOCK_CLEARED: { vi: 'Tắt đồng hồ diễn tập', en: 'Rehearsal clock cleared' },
  // Official documents: registers, drafts, issued copies, signatures, revocations' recoveries, the dossier
  DOCUMENT_REGISTER_OPENED: { vi: 'Mở sổ đăng ký văn bản', en: 'Document register opened' },
  DOCUMENT_REGISTER_MODE_CHANGED: { vi: 'Đổi cách lấy số của sổ đăng ký văn bản', en: 'Document register mode changed' },
  DECISION_DRAFTED: { vi: 'Lập dự thảo quyết định', en: 'Decision drafted' },
  DECISION_NUMBERED: { vi: 'Văn thư cho số, ngày quyết định', en: 'Decision numbered by the clerk' },
  DECISION_DRAFT_ISSUED: { vi: 'Ban hành quyết định từ dự thảo', en: 'Decision issued from its draft' },
  DECISION_DRAFT_ABANDONED: { vi: 'Hủy dự thảo quyết định', en: 'Decision draft abandoned' },
  DOCUMENT_ISSUED_COPY: { vi: 'Lưu bản phát hành của văn bản', en: 'Issued copy of a document kept' },
  DOCUMENT_SIGNED: { vi: 'Ký số văn bản', en: 'Document signed digitally' },
  REVOCATION_RECOVERY: { vi: 'Ghi nhận thu hồi giấy chứng nhận, hiện vật, tiền thưởng', en: 'Recovery of a certificate or reward recorded' },
  ACHIEVEMENT_REPORT_VERSION: { vi: 'Lưu báo cáo thành tích', en: 'Achievement report saved' },
  WRITTEN_OPINION_RECORDED: { vi: 'Ghi nhận phiếu ý kiến bằng văn bản', en: 'Written opinion recorded' },
  PUBLIC_COMMENT_RECEIVED: { vi: 'Nhận ý kiến của nhân dân', en: 'Public comment received' },
  // The unit tree: imports and reorganisations
  UNITS_IMPORTED: { vi: 'Nhập danh sách đơn vị', en: 'Unit list imported' },
  UNIT_RENAME: { vi: 'Đổi tên đơn vị (sắp xếp)', en: 'Unit renamed (reorganisation)' },
  UNIT_MOVE: { vi: 'Chuyển đơn vị sang đơn vị cấp trên khác', en: 'Unit moved under another parent' },
  UNIT_MERGE: { vi: 'Hợp nhất, sáp nhập đơn vị', en: 'Units merged' },
  UNIT_SPLIT: { vi: 'Chia tách đơn vị', en: 'Unit split' },
  UNIT_DISSOLVE: { vi: 'Giải thể đơn vị', en: 'Unit dissolved' },
  STATISTICS_IMPORT_JURISDICTION_RECORDED: { vi: 'Ghi nhận địa phương của số liệu đã nhập', en: 'Jurisdiction of an import recorded' },
  STATISTICS_SERIES_EVENT_RECORDED: { vi: 'Ghi nhận sự kiện của chuỗi số liệu (hợp nhất tỉnh)', en: 'Statistics series event recorded (merger)' },
  BACKUP_MADE: { vi: 'Sao lưu dữ liệu', en: 'Backup made' },
  BACKUP_FAILED: { vi: 'Sao lưu không thành công', en: 'Backup failed' },
  BACKUP_RESTORED: { vi: 'Khôi phục từ bản sao lưu', en: 'Restored from a backup' },
  BACKUP_DOWNLOADED: { vi: 'Tải bản sao lưu xuống', en: 'Backup downloaded' },
};

/** Repeated security records are one record type per repeated event ("…_REPEATED"). */
export function auditEventWords(eventType: string): Words | null {
  const direct = AUDIT_EVENT_LABELS[eventType];
  if (direct) return direct;
  const repeated = /^(.+)_REPEATED$/.exec(eventType);
  const base = repeated ? AUDIT_EVENT_LABELS[repeated[1]!] : undefined;
  return base ? { vi: `${base.vi} (lặp lại)`, en: `${base.en} (repeated)` } : null;
}

/**
 * What each field is called, wherever a person meets it: a record's content in the history and the audit trail,
 * and a request's field in a validation message. Keyed by the field's name (the last part of a path such as
 * `payload.goals`).
 */
export const FIELD_LABELS: Readonly<Record<string, Words>> = {
  // Candidates and subjects
  name: { vi: 'Tên', en: 'Name' },
  kind: { vi: 'Loại', en: 'Kind' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  fields: { vi: 'Lĩnh vực', en: 'Fields' },
  year: { vi: 'Năm', en: 'Year' },
  discoveryChannel: { vi: 'Hình thức phát hiện', en: 'Discovery channel' },
  achievement: { vi: 'Thành tích', en: 'Achievement' },
  subjectMatchedBy: { vi: 'Cách xác định đối tượng', en: 'How the subject was matched' },
  newSubject: { vi: 'Đối tượng mới', en: 'New subject' },
  subjectId: { vi: 'Đối tượng', en: 'Subject' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  candidateId: { vi: 'Hồ sơ', en: 'Candidate' },
  candidateIds: { vi: 'Các hồ sơ', en: 'Candidates' },
  movementId: { vi: 'Phong trào', en: 'Movement' },
  movementIds: { vi: 'Phong trào', en: 'Movements' },
  sessionId: { vi: 'Đợt xét', en: 'Review session' },
  councilId: { vi: 'Hội đồng', en: 'Council' },
  launchingUnitId: { vi: 'Đơn vị phát động', en: 'Launching unit' },
  parentId: { vi: 'Đơn vị cấp trên', en: 'Parent unit' },
  reviewerIds: { vi: 'Thành viên đánh giá', en: 'Reviewers' },
  discoveredAtReviewId: { vi: 'Phát hiện qua sơ kết, tổng kết', en: 'Found at the movement review' },
  version: { vi: 'Phiên bản', en: 'Version' },
  expectedVersion: { vi: 'Phiên bản đang xem', en: 'Version last seen' },
  type: { vi: 'Sự kiện', en: 'Event' },
  payload: { vi: 'Nội dung', en: 'Content' },
  q: { vi: 'Từ khóa tìm kiếm', en: 'Search words' },
  page: { vi: 'Trang', en: 'Page' },
  pageSize: { vi: 'Số dòng mỗi trang', en: 'Rows per page' },
  stage: { vi: 'Giai đoạn', en: 'Stage' },
  state: { vi: 'Trạng thái', en: 'State' },
  sector: { vi: 'Khối', en: 'Sector' },
  level: { vi: 'Cấp', en: 'Level' },
  code: { vi: 'Mã', en: 'Code' },
  // Nurturing
  goals: { vi: 'Mục tiêu bồi dưỡng', en: 'Nurturing goals' },
  supporter: { vi: 'Người, đơn vị hỗ trợ', en: 'Supporter' },
  planRevision: { vi: 'Phiên bản kế hoạch', en: 'Plan revision' },
  date: { vi: 'Ngày', en: 'Date' },
  strengths: { vi: 'Ưu điểm', en: 'Strengths' },
  shortcomings: { vi: 'Hạn chế cần khắc phục', en: 'Shortcomings' },
  note: { vi: 'Ghi chú', en: 'Note' },
  reasons: { vi: 'Lý do', en: 'Reasons' },
  reason: { vi: 'Lý do', en: 'Reason' },
  // Evidence and documents
  fileName: { vi: 'Tệp', en: 'File' },
  sizeBytes: { vi: 'Dung lượng', en: 'Size' },
  sha256: { vi: 'Mã băm SHA-256', en: 'SHA-256' },
  contentType: { vi: 'Loại tệp', en: 'File type' },
  documentNumber: { vi: 'Số văn bản', en: 'Document number' },
  documentDate: { vi: 'Ngày văn bản', en: 'Document date' },
  documentIssuer: { vi: 'Cơ quan ban hành', en: 'Issued by' },
  documentTitle: { vi: 'Trích yếu văn bản', en: 'Document title' },
  // Council review
  verdict: { vi: 'Kết quả biểu quyết', en: 'Vote result' },
  outcome: { vi: 'Kết luận', en: 'Outcome' },
  noticeEndsOn: { vi: 'Hết thời hạn công khai', en: 'Notice ends on' },
  confirmedOn: { vi: 'Ngày công nhận chính thức', en: 'Confirmed on' },
  title: { vi: 'Tên đợt xét', en: 'Title' },
  chairName: { vi: 'Chủ tọa', en: 'Chair' },
  ballot: { vi: 'Hình thức biểu quyết', en: 'Ballot' },
  members: { vi: 'Thành viên', en: 'Members' },
  noticeWorkingDays: { vi: 'Số ngày làm việc công khai', en: 'Notice, working days' },
  rules: { vi: 'Quy tắc áp dụng', en: 'Rules applied' },
  criteriaSets: { vi: 'Bộ tiêu chí', en: 'Criteria sets' },
  mode: { vi: 'Cách thức', en: 'Mode' },
  perCandidate: { vi: 'Số thành viên mỗi hồ sơ', en: 'Reviewers per candidate' },
  short: { vi: 'Thiếu người đánh giá', en: 'Short of reviewers' },
  assignments: { vi: 'Phân công', en: 'Assignments' },
  marks: { vi: 'Đánh giá từng tiêu chí', en: 'Marks' },
  secret: { vi: 'Bỏ phiếu kín', en: 'Secret ballot' },
  present: { vi: 'Có mặt', en: 'Present' },
  absent: { vi: 'Vắng mặt', en: 'Absent' },
  results: { vi: 'Kết quả', en: 'Results' },
  recognised: { vi: 'Được công nhận', en: 'Recognised' },
  channels: { vi: 'Hình thức công khai', en: 'Channels' },
  endsOn: { vi: 'Ngày kết thúc', en: 'Ends on' },
  publishedOn: { vi: 'Ngày công khai', en: 'Published on' },
  workingDays: { vi: 'Số ngày làm việc', en: 'Working days' },
  holidaysInPeriod: { vi: 'Ngày nghỉ trong thời hạn', en: 'Holidays in the period' },
  author: { vi: 'Người góp ý', en: 'Author' },
  body: { vi: 'Nội dung', en: 'Text' },
  late: { vi: 'Gửi sau thời hạn', en: 'Late' },
  receivedOn: { vi: 'Ngày nhận', en: 'Received on' },
  upheld: { vi: 'Được chấp nhận', en: 'Upheld' },
  candidateVersion: { vi: 'Phiên bản hồ sơ', en: 'Candidate version' },
  repeatJustification: { vi: 'Lý do vẫn đề nghị (đã được công nhận trước)', en: 'Why proposed again' },
  earlierRecognitions: { vi: 'Đã được công nhận', en: 'Recognised before' },
  // Holds
  holdKind: { vi: 'Lý do tạm dừng', en: 'Hold kind' },
  grounds: { vi: 'Nội dung, căn cứ tạm dừng', en: 'Grounds' },
  conclusion: { vi: 'Kết luận', en: 'Conclusion' },
  // Decisions
  number: { vi: 'Số quyết định', en: 'Decision number' },
  issuedOn: { vi: 'Ngày ban hành', en: 'Issued on' },
  signer: { vi: 'Người ký', en: 'Signer' },
  recipients: { vi: 'Nơi nhận', en: 'Recipients' },
  profileVersion: { vi: 'Phiên bản hồ sơ thẩm quyền', en: 'Jurisdiction profile version' },
  // Movements
  periodFrom: { vi: 'Từ ngày', en: 'From' },
  periodTo: { vi: 'Đến ngày', en: 'To' },
  heldOn: { vi: 'Ngày sơ kết, tổng kết', en: 'Held on' },
  conferenceHeldOn: { vi: 'Ngày hội nghị', en: 'Conference date' },
  conferencePlace: { vi: 'Địa điểm hội nghị', en: 'Conference place' },
  conferenceNote: { vi: 'Ghi chú hội nghị', en: 'Conference note' },
  participatingUnits: { vi: 'Số đơn vị tham gia', en: 'Participating units' },
  exemplarsFound: { vi: 'Số điển hình phát hiện', en: 'Exemplars found' },
  collectivesCommended: { vi: 'Số tập thể được khen thưởng', en: 'Collectives commended' },
  individualsCommended: { vi: 'Số cá nhân được khen thưởng', en: 'Individuals commended' },
  targets: { vi: 'Chỉ tiêu đăng ký', en: 'Targets' },
  targetExemplars: { vi: 'Số điển hình đăng ký', en: 'Exemplars targeted' },
  when: { vi: 'Thời điểm', en: 'When' },
  // Units and accounts
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  displayName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  roleBefore: { vi: 'Vai trò trước đó', en: 'Role before' },
  unitIdBefore: { vi: 'Đơn vị trước đó', en: 'Unit before' },
  sessionsEnded: { vi: 'Số phiên đăng nhập đã kết thúc', en: 'Sign-in sessions ended' },
  unchanged: { vi: 'Không có thay đổi', en: 'Nothing changed' },
  email: { vi: 'Địa chỉ thư', en: 'E-mail address' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  // Statistics
  yearFrom: { vi: 'Từ năm', en: 'From year' },
  yearTo: { vi: 'Đến năm', en: 'To year' },
  statedCollective: { vi: 'Tổng số tập thể nêu trong nguồn', en: 'Collectives stated by the source' },
  statedIndividual: { vi: 'Tổng số cá nhân nêu trong nguồn', en: 'Individuals stated by the source' },
  source: { vi: 'Nguồn số liệu', en: 'Source' },
  rows: { vi: 'Các dòng số liệu', en: 'Rows' },
  count: { vi: 'Số lượng', en: 'Count' },
  collective: { vi: 'Tập thể', en: 'Collectives' },
  individual: { vi: 'Cá nhân', en: 'Individuals' },
  household: { vi: 'Hộ gia đình', en: 'Households' },
  content: { vi: 'Nội dung', en: 'Content' },
  effectiveFrom: { vi: 'Có hiệu lực từ', en: 'Effective from' },
  // Audit filter
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  actor: { vi: 'Người thực hiện', en: 'Actor' },
  id: { vi: 'Mã định danh', en: 'Identifier' },
  itemId: { vi: 'Hồ sơ trong đợt xét', en: 'Session item' },
  form: { vi: 'Hình thức tôn vinh', en: 'Honouring form' },
  met: { vi: 'Đạt', en: 'Met' },
  comment: { vi: 'Nhận xét', en: 'Comment' },
  criterionCode: { vi: 'Tiêu chí', en: 'Criterion' },
  quorum: { vi: 'Tỷ lệ tham dự tối thiểu', en: 'Quorum' },
  recognitionPercent: { vi: 'Tỷ lệ tán thành để công nhận (%)', en: 'Percent in favour to recognise' },
  rejectionPercent: { vi: 'Tỷ lệ để không công nhận (%)', en: 'Percent to reject' },
  criteria: { vi: 'Tiêu chí', en: 'Criteria' },
  organiser: { vi: 'Đơn vị tổ chức', en: 'Organiser' },
  place: { vi: 'Địa điểm', en: 'Place' },
  adopter: { vi: 'Đơn vị học tập, áp dụng', en: 'Adopting unit' },
  result: { vi: 'Kết quả', en: 'Result' },
  expiresAt: { vi: 'Hết hạn lúc', en: 'Expires at' },
  clientAddress: { vi: 'Địa chỉ máy truy cập', en: 'Client address' },
  userAgent: { vi: 'Trình duyệt', en: 'Browser' },
  position: { vi: 'Chức vụ trong Hội đồng', en: 'Council position' },
  ruleSet: { vi: 'Bộ quy tắc Hội đồng', en: 'Council rule set' },
  tally: { vi: 'Kết quả kiểm phiếu', en: 'Tally' },
  inFavour: { vi: 'Tán thành', en: 'In favour' },
  against: { vi: 'Không tán thành', en: 'Against' },
  abstain: { vi: 'Không biểu quyết', en: 'Abstaining' },
  recused: { vi: 'Không tham gia do xung đột lợi ích', en: 'Recused' },
  writtenOpinions: { vi: 'Ý kiến bằng văn bản', en: 'Written opinions' },
  considersAwards: { vi: 'Có xét khen thưởng', en: 'Considers awards' },
  jurisdictionName: { vi: 'Tên địa phương', en: 'Jurisdiction' },
  parentName: { vi: 'Cơ quan chủ quản', en: 'Parent body' },
  minutesSymbol: { vi: 'Ký hiệu biên bản', en: 'Minutes symbol' },
};

/** The words of a field by its name or path ("payload.goals", "rows.3.count"); null when the list has none. */
export function fieldWords(path: string): Words | null {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts[parts.length - 1] ?? path;
  return FIELD_LABELS[last] ?? null;
}

/** How a new candidate's subject was matched to an earlier one (candidates.subjectMatchedBy). */
export const SUBJECT_MATCHES = [
  { code: 'NEW', vi: 'Đối tượng mới (chưa từng có hồ sơ)', en: 'A new subject' },
  { code: 'NAMED', vi: 'Người đề nghị chỉ rõ hồ sơ trước', en: 'The nominator named the earlier candidate' },
  { code: 'SAME_NAME_KIND_UNIT', vi: 'Trùng tên, loại và đơn vị với hồ sơ trước', en: 'Same name, kind and unit as an earlier candidate' },
] as const satisfies readonly Labelled[];

/**
 * People the product names that are not accounts: records written by the product itself or its demo data. Shown
 * by these words, never by the internal name.
 */
export const SYSTEM_ACTORS: Readonly<Record<string, Words>> = {
  'he-thong': { vi: 'Hệ thống (tự động)', en: 'The system (automatic)' },
  'du-lieu-mau': { vi: 'Dữ liệu mẫu (nạp khi cài đặt)', en: 'Demo data (loaded at installation)' },
};

/** Why a request was refused (the `reason` of an ACCESS_REFUSED record, apps/api/src/access). */
export const ACCESS_REFUSAL_REASONS = [
  { code: 'ROLE_NOT_ALLOWED', vi: 'Vai trò không được phép dùng chức năng này', en: 'The role may not use this function' },
  { code: 'OUT_OF_UNIT_SCOPE', vi: 'Hồ sơ hoặc đơn vị ngoài phạm vi đơn vị của người dùng', en: 'A candidate or unit outside the person’s units' },
  { code: 'EVENT_NOT_FOR_ROLE', vi: 'Bước xử lý không thuộc quyền của vai trò', en: 'A step the role may not take' },
  { code: 'MOVEMENT_NOT_RUN_BY_UNIT', vi: 'Phong trào không do đơn vị của người dùng phát động', en: 'A movement the person’s unit does not run' },
  { code: 'CSRF_TOKEN_INVALID', vi: 'Yêu cầu thiếu mã chống giả mạo hợp lệ', en: 'The request lacked a valid anti-forgery token' },
] as const satisfies readonly Labelled[];

/**
 * Codes that records carry under a key and that no catalogue list holds: their words, by key. The catalogue lists
 * (kinds, fields, channels, roles, levels, sectors…) are looked up by the readers themselves.
 */
export const RECORD_CODE_LABELS: Readonly<Record<string, readonly Labelled[]>> = {
  subjectMatchedBy: SUBJECT_MATCHES,
  reason: ACCESS_REFUSAL_REASONS,
  position: COUNCIL_POSITIONS,
  ballot: [
    { code: 'OPEN', vi: 'Biểu quyết công khai', en: 'Open vote' },
    { code: 'SECRET', vi: 'Bỏ phiếu kín', en: 'Secret ballot' },
  ],
  mode: [
    { code: 'AUTOMATIC', vi: 'Tự động', en: 'Automatic' },
    { code: 'MANUAL', vi: 'Thủ công', en: 'By hand' },
    { code: 'IN_PERSON', vi: 'Trực tiếp tại phiên họp', en: 'In person' },
    { code: 'WRITTEN_OPINION', vi: 'Bằng ý kiến bằng văn bản', en: 'By written opinion' },
    { code: 'OFFSET', vi: 'Dịch chuyển số ngày', en: 'Offset' },
    { code: 'FIXED_DATE', vi: 'Cố định một ngày', en: 'Fixed date' },
    { code: 'OFF', vi: 'Tắt', en: 'Off' },
    ...REGISTER_MODES,
  ],
  outcome: [
    { code: 'RECOGNISE', vi: 'Đề nghị công nhận', en: 'Recognise' },
    { code: 'RETURN_TO_NURTURING', vi: 'Trả về bồi dưỡng thêm', en: 'Return to nurturing' },
    { code: 'REJECT', vi: 'Không công nhận', en: 'Reject' },
  ],
  when: [
    { code: 'NOMINATION', vi: 'Khi đề nghị hồ sơ', en: 'At nomination' },
    { code: 'LATER', vi: 'Sau khi đề nghị', en: 'Later' },
  ],
  source: [
    { code: 'CONFIGURATION', vi: 'Cấu hình khi khởi động', en: 'Configuration at start' },
    { code: 'ADMIN', vi: 'Quản trị hệ thống', en: 'Administrator' },
    ...REGISTER_MODES,
  ],
};

/** Which kind of thing the ids under each content key of a record name (the API resolves them to names). */
export type RecordRefKind = 'unit' | 'candidate' | 'movement' | 'session' | 'account' | 'council';
export const RECORD_REF_KINDS: Readonly<Record<string, RecordRefKind>> = {
  unitId: 'unit',
  unitIdBefore: 'unit',
  launchingUnitId: 'unit',
  parentId: 'unit',
  candidateId: 'candidate',
  candidateIds: 'candidate',
  matchedCandidateId: 'candidate',
  movementId: 'movement',
  movementIds: 'movement',
  sessionId: 'session',
  reviewerIds: 'account',
  accountId: 'account',
  reviewerId: 'account',
  present: 'account',
  absent: 'account',
  recognised: 'candidate',
  councilId: 'council',
};

