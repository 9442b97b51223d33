/**
 * The life of an emulation movement (phong trào thi đua) as one small, pure state table: launched (phát động),
 * running (triển khai, with any number of interim reviews, sơ kết), closed by its final review (tổng kết).
 * Corrections (details, the launching document, a review's record) stay possible after closing: a record
 * must always be correctable; nothing new happens in a closed movement. This is NOT the candidate statechart.
 */
export const MOVEMENT_STATUSES = [
  { code: 'LAUNCHED', vi: 'Đã phát động', en: 'Launched' },
  { code: 'RUNNING', vi: 'Đang triển khai', en: 'Running' },
  { code: 'CLOSED', vi: 'Đã tổng kết, kết thúc', en: 'Closed by its final review' },
] as const;
export type MovementStatus = (typeof MOVEMENT_STATUSES)[number]['code'];
export const MOVEMENT_STATUS_CODES = MOVEMENT_STATUSES.map((s) => s.code) as readonly MovementStatus[];

export const MOVEMENT_ACTIONS = [
  { code: 'START', vi: 'Bắt đầu triển khai', en: 'Start running' },
  { code: 'INTERIM_REVIEW', vi: 'Sơ kết', en: 'Interim review' },
  { code: 'FINAL_REVIEW', vi: 'Tổng kết (kết thúc phong trào)', en: 'Final review (closes the movement)' },
  { code: 'CORRECT_REVIEW', vi: 'Đính chính kết quả sơ kết, tổng kết', en: 'Correct a review’s record' },
  { code: 'REVISE', vi: 'Đính chính thông tin phong trào', en: 'Correct the movement’s details' },
  { code: 'ATTACH_DOCUMENT', vi: 'Đính kèm tệp văn bản phát động', en: 'Attach the launching document’s file' },
  { code: 'REGISTER', vi: 'Đăng ký tham gia', en: 'Register to take part' },
  { code: 'AMEND_REGISTRATION', vi: 'Điều chỉnh đăng ký', en: 'Amend a registration' },
  { code: 'WITHDRAW_REGISTRATION', vi: 'Rút đăng ký', en: 'Withdraw a registration' },
] as const;
export type MovementAction = (typeof MOVEMENT_ACTIONS)[number]['code'];

/** Where each action leads from each status; an action missing from a status is refused there. */
const TABLE: Record<MovementStatus, Partial<Record<MovementAction, MovementStatus>>> = {
  LAUNCHED: {
    START: 'RUNNING',
    REVISE: 'LAUNCHED',
    ATTACH_DOCUMENT: 'LAUNCHED',
    REGISTER: 'LAUNCHED',
    AMEND_REGISTRATION: 'LAUNCHED',
    WITHDRAW_REGISTRATION: 'LAUNCHED',
  },
  RUNNING: {
    INTERIM_REVIEW: 'RUNNING',
    FINAL_REVIEW: 'CLOSED',
    CORRECT_REVIEW: 'RUNNING',
    REVISE: 'RUNNING',
    ATTACH_DOCUMENT: 'RUNNING',
    REGISTER: 'RUNNING',
    AMEND_REGISTRATION: 'RUNNING',
    WITHDRAW_REGISTRATION: 'RUNNING',
  },
  CLOSED: {
    CORRECT_REVIEW: 'CLOSED',
    REVISE: 'CLOSED',
    ATTACH_DOCUMENT: 'CLOSED',
  },
};

/** The status an action leads to, or null when the status does not take it. */
export function nextStatus(status: MovementStatus, action: MovementAction): MovementStatus | null {
  return TABLE[status]?.[action] ?? null;
}

/** The actions a status takes, in the catalogue's order. */
export function allowedActions(status: MovementStatus): MovementAction[] {
  return MOVEMENT_ACTIONS.map((a) => a.code).filter((a) => nextStatus(status, a) !== null);
}

/** Actions by which units take part; refused with their own code (MOVEMENT_CLOSED) once the movement is over. */
export const PARTICIPATION_ACTIONS: readonly MovementAction[] = ['REGISTER', 'AMEND_REGISTRATION', 'WITHDRAW_REGISTRATION'];

export const REVIEW_KINDS = [
  { code: 'INTERIM', vi: 'Sơ kết', en: 'Interim review' },
  { code: 'FINAL', vi: 'Tổng kết', en: 'Final review' },
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number]['code'];
export const REVIEW_KIND_CODES = REVIEW_KINDS.map((k) => k.code) as readonly ReviewKind[];

export const REGISTRATION_ACTIONS = [
  { code: 'REGISTER', vi: 'Đăng ký', en: 'Registered' },
  { code: 'AMEND', vi: 'Điều chỉnh', en: 'Amended' },
  { code: 'WITHDRAW', vi: 'Rút đăng ký', en: 'Withdrawn' },
] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number]['code'];
