/**
 * Emulation movements (phong trào thi đua): the words of their lifecycle (statuses and actions), of their reviews
 * (sơ kết, tổng kết) and of units' registrations. Which action leads where is the API's state table
 * (libs/workflow/src/movement.lifecycle.ts).
 */
import type { Labelled } from './labelled.js';

export const MOVEMENT_STATUSES = [
  { code: 'LAUNCHED', vi: 'Đã phát động', en: 'Launched' },
  { code: 'RUNNING', vi: 'Đang triển khai', en: 'Running' },
  { code: 'CLOSED', vi: 'Đã tổng kết, kết thúc', en: 'Closed by its final review' },
] as const satisfies readonly Labelled[];
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
] as const satisfies readonly Labelled[];
export type MovementAction = (typeof MOVEMENT_ACTIONS)[number]['code'];
export const MOVEMENT_ACTION_CODES = MOVEMENT_ACTIONS.map((a) => a.code) as readonly MovementAction[];

export const REVIEW_KINDS = [
  { code: 'INTERIM', vi: 'Sơ kết', en: 'Interim review' },
  { code: 'FINAL', vi: 'Tổng kết', en: 'Final review' },
] as const satisfies readonly Labelled[];
export type ReviewKind = (typeof REVIEW_KINDS)[number]['code'];
export const REVIEW_KIND_CODES = REVIEW_KINDS.map((k) => k.code) as readonly ReviewKind[];

export const REGISTRATION_ACTIONS = [
  { code: 'REGISTER', vi: 'Đăng ký', en: 'Registered' },
  { code: 'AMEND', vi: 'Điều chỉnh', en: 'Amended' },
  { code: 'WITHDRAW', vi: 'Rút đăng ký', en: 'Withdrawn' },
] as const satisfies readonly Labelled[];
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number]['code'];
export const REGISTRATION_ACTION_CODES = REGISTRATION_ACTIONS.map((a) => a.code) as readonly RegistrationAction[];

/** The files a launching document may be: PDF, Word, or a scan. */
export const MOVEMENT_DOCUMENT_TYPES = ['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/jpeg', 'image/png'] as const;
