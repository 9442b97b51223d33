/**
 * What verification of the audit trail can find wrong, with the words shown to a person (Vietnamese first).
 * Codes are stable identifiers for programs; a verification report carries both.
 */
export const AUDIT_PROBLEMS = {
  // One stream's hash chain.
  CONTENT_CHANGED: {
    vi: 'Nội dung bản ghi đã bị sửa: không còn khớp với mã băm của chính nó.',
    en: 'The record’s content was changed: it no longer matches its own hash.',
  },
  FORGED_HASH: {
    vi: 'Mã băm của bản ghi đã bị thay: bản ghi kế tiếp vẫn trỏ tới mã băm ban đầu.',
    en: 'The record’s hash was replaced: the next record still links to the original hash.',
  },
  RECORD_MISSING: { vi: 'Thiếu bản ghi: chuỗi bị đứt tại số thứ tự này.', en: 'A record is missing: the chain has a gap at this sequence number.' },
  RECORDS_MISSING_AT_END: {
    vi: 'Thiếu các bản ghi cuối chuỗi: hồ sơ/đơn vị đã thay đổi nhiều lần hơn số bản ghi còn lại.',
    en: 'Records are missing at the end of the chain: the candidate or unit changed more often than the records left show.',
  },
  REORDERED: { vi: 'Bản ghi bị đảo thứ tự: bản ghi này trỏ tới một bản ghi đứng sau nó.', en: 'Records were reordered: this record links to one that comes after it.' },
  LINK_BROKEN: { vi: 'Liên kết với bản ghi trước đã bị sửa.', en: 'The link to the previous record was altered.' },
  // Checkpoints (stored or supplied) against the leaves.
  RECORD_CHANGED_SINCE_CHECKPOINT: {
    vi: 'Bản ghi đã bị sửa sau khi được đưa vào điểm kiểm (kể cả khi cả chuỗi được tính lại).',
    en: 'The record was changed after a checkpoint covered it (even if the whole chain was recomputed).',
  },
  COVERED_RECORD_MISSING: { vi: 'Bản ghi đã được đưa vào điểm kiểm nhưng không còn tồn tại.', en: 'A record that a checkpoint covers no longer exists.' },
  LEAF_MISSING: { vi: 'Thiếu lá của cây Merkle.', en: 'A Merkle tree leaf is missing.' },
  ROOT_MISMATCH: {
    vi: 'Gốc cây Merkle tính lại không khớp với điểm kiểm đã ký: lịch sử đã bị viết lại.',
    en: 'The recomputed Merkle root does not match the signed checkpoint: history was rewritten.',
  },
  TREE_SHORTER_THAN_CHECKPOINT: {
    vi: 'Nhật ký hiện có ít bản ghi hơn điểm kiểm: bản ghi đã bị xóa.',
    en: 'The log now holds fewer records than the checkpoint: records were removed.',
  },
  INCONSISTENT_WITH_LATEST: {
    vi: 'Không chứng minh được điểm kiểm này là tiền thân của điểm kiểm mới nhất.',
    en: 'This checkpoint cannot be proven to be a prefix of the latest checkpoint.',
  },
  SIGNATURE_INVALID: { vi: 'Chữ ký của điểm kiểm không hợp lệ.', en: 'The checkpoint’s signature is invalid.' },
  KEY_NOT_TRUSTED: {
    vi: 'Điểm kiểm được ký bằng một khóa không được tin cậy.',
    en: 'The checkpoint was signed with a key that is not trusted.',
  },
  KEY_ID_MISMATCH: { vi: 'Mã khóa của điểm kiểm không khớp với khóa công khai kèm theo.', en: 'The checkpoint’s key id does not match its public key.' },
  CHECKPOINT_MALFORMED: { vi: 'Tệp điểm kiểm không đúng định dạng.', en: 'The checkpoint file is malformed.' },
  // The checkpoint history: its timeliness, and the witness kept outside the database.
  CHECKPOINTS_MISSING: {
    vi: 'Có bản ghi cũ hơn chu kỳ lập điểm kiểm mà không điểm kiểm nào phủ: điểm kiểm đã bị xóa hoặc không được lập.',
    en: 'Records older than the checkpoint interval are covered by no checkpoint: checkpoints were deleted or never made.',
  },
  ROLLBACK: {
    vi: 'Lịch sử điểm kiểm bị quay lui: nơi chứng thực đã ghi một cây lớn hơn cây hiện có trong cơ sở dữ liệu.',
    en: 'The checkpoint history was rolled back: the witness recorded a larger tree than the database now holds.',
  },
  FORK: {
    vi: 'Lịch sử điểm kiểm bị rẽ nhánh: cùng số lá nhưng gốc khác với điểm kiểm nơi chứng thực đã ghi.',
    en: 'The checkpoint history forked: the same tree size has another root than the checkpoint the witness recorded.',
  },
  WITNESS_MISSING_ENTRY: {
    vi: 'Điểm kiểm trong cơ sở dữ liệu chưa có ở nơi chứng thực (chưa ghi được, hoặc được thêm sau).',
    en: 'A checkpoint in the database is missing from the witness (not yet written there, or added later).',
  },
  CHECKPOINT_REMOVED: {
    vi: 'Điểm kiểm nơi chứng thực đã ghi không còn trong cơ sở dữ liệu (các lá vẫn khớp).',
    en: 'A checkpoint the witness recorded is gone from the database (the leaves still agree with it).',
  },
  WITNESS_MALFORMED: { vi: 'Một dòng của tệp chứng thực không đúng định dạng.', en: 'A line of the witness file is malformed.' },
  WITNESS_UNREACHABLE: { vi: 'Không đọc được nơi chứng thực.', en: 'The witness cannot be read.' },
  // Replaying candidates through the statechart.
  CANDIDATE_WITHOUT_HISTORY: { vi: 'Hồ sơ không có bản ghi nhật ký nào.', en: 'The candidate has no audit records.' },
  FIRST_RECORD_NOT_DISCOVERY: { vi: 'Bản ghi đầu tiên của hồ sơ không phải là ghi nhận phát hiện.', en: 'The candidate’s first record is not its discovery.' },
  EVENT_REFUSED: { vi: 'Máy trạng thái không chấp nhận sự kiện này khi phát lại.', en: 'The statechart refuses this event on replay.' },
  STATE_DIFFERS: {
    vi: 'Trạng thái ghi trong bản ghi khác với trạng thái khi phát lại.',
    en: 'The state written in the record differs from the state on replay.',
  },
  FINAL_STATE_DIFFERS: { vi: 'Trạng thái của hồ sơ khác với kết quả phát lại nhật ký.', en: 'The candidate’s state differs from the replay of its log.' },
  SNAPSHOT_DIFFERS: {
    vi: 'Dữ liệu trạng thái (ảnh chụp) của hồ sơ khác với kết quả phát lại nhật ký.',
    en: 'The candidate’s stored snapshot differs from the replay of its log.',
  },
  VERSION_DIFFERS: {
    vi: 'Phiên bản của hồ sơ/đơn vị không khớp với số bản ghi trong nhật ký.',
    en: 'The candidate’s or unit’s version does not match the number of its records.',
  },
  // Records only the application can write (a MAC with a key kept outside the database).
  RECORD_NOT_AUTHENTICATED: {
    vi: 'Bản ghi không có mã xác thực (MAC) của ứng dụng: không do ứng dụng ghi (có thể bị chèn trực tiếp vào cơ sở dữ liệu).',
    en: 'The record carries no MAC of the application: the application did not write it (it may have been inserted straight into the database).',
  },
  RECORD_FORGED: {
    vi: 'Mã xác thực (MAC) của bản ghi không khớp: bản ghi đã bị sửa hoặc bị tạo giả, kể cả khi chuỗi băm được tính lại.',
    en: 'The record’s MAC does not match: the record was altered or forged, even if its hash chain was recomputed.',
  },
  RECORD_KEY_UNKNOWN: {
    vi: 'Bản ghi được xác thực bằng một khóa không có trong chùm khóa của ứng dụng.',
    en: 'The record was authenticated with a key that is not in the application’s keyring.',
  },
  // Rows of covered tables against the records that vouch for them (coverage.ts).
  ROW_CHANGED: {
    vi: 'Dữ liệu của dòng đã bị sửa ngoài ứng dụng: không khớp với bản ghi nhật ký cuối cùng xác nhận nó.',
    en: 'The row was changed outside the application: it does not match the last audit record that vouches for it.',
  },
  ROW_NOT_ATTESTED: {
    vi: 'Dòng dữ liệu không được bản ghi nhật ký nào xác nhận: được thêm ngoài ứng dụng.',
    en: 'No audit record vouches for this row: it was added outside the application.',
  },
  ROW_MISSING: {
    vi: 'Dòng dữ liệu đã được nhật ký xác nhận nay không còn: đã bị xóa ngoài ứng dụng.',
    en: 'A row the audit trail vouches for is gone: it was deleted outside the application.',
  },
  EVIDENCE_CONTENT_CHANGED: {
    vi: 'Nội dung tệp đã bị thay: mã SHA-256 tính lại không khớp với mã đã lưu.',
    en: 'The file’s content was replaced: its recomputed SHA-256 does not match the stored one.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type AuditProblemKind = keyof typeof AUDIT_PROBLEMS;
export const AUDIT_PROBLEM_KINDS = Object.keys(AUDIT_PROBLEMS) as AuditProblemKind[];
