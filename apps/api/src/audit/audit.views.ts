import { CANDIDATE_EVENTS, type CandidateState } from '#workflow';
import type { HistoryRecord, TrailRecord } from '#contracts';
import type { AuditRow } from './audit-event.repository.js';

/** A record of a candidate's stream as its page shows it (the states of a candidate's stream are the statechart's). */
export function historyView(r: AuditRow): HistoryRecord {
  return {
    seq: r.seq,
    eventType: r.event_type,
    fromState: r.from_state as CandidateState | null,
    toState: r.to_state as CandidateState | null,
    payload: r.payload,
    actor: r.actor,
    occurredAt: r.occurred_at.toISOString(),
    machineVersion: r.machine_version,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Words for the record types that are not statechart events. Other features may add theirs. */
const OTHER_EVENT_LABELS: Record<string, { vi: string; en: string }> = {
  DISCOVER: { vi: 'Ghi nhận phát hiện điển hình', en: 'Candidate discovered' },
  UNIT_CREATED: { vi: 'Tạo đơn vị', en: 'Unit created' },
  UNIT_RENAMED: { vi: 'Đổi tên đơn vị', en: 'Unit renamed' },
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
  CLEARANCES_REQUESTED: { vi: 'Đề nghị cơ quan hiệp y', en: 'Clearances requested' },
  CLEARANCE_ANSWERED: { vi: 'Ghi nhận ý kiến hiệp y', en: 'Clearance answer recorded' },
  NOTICE_COMMENT_ANSWERED: { vi: 'Trả lời ý kiến góp ý', en: 'Comment answered' },
  DROPPED_ON_OBJECTION: { vi: 'Loại khỏi danh sách do phản ánh được chấp nhận', en: 'Dropped on an upheld objection' },
  SESSION_CLOSED: { vi: 'Kết thúc đợt xét, quyết định chính thức', en: 'Session closed, final decision' },
  // Councils at every level (council:<id> streams; upward proposals are events of the candidates)
  COUNCIL_SET_UP: { vi: 'Thành lập Hội đồng Thi đua – Khen thưởng', en: 'Council set up' },
  COUNCIL_COMPOSITION_PUBLISHED: { vi: 'Ban hành thành phần Hội đồng', en: 'Council composition published' },
  COUNCILS_ADOPTED: { vi: 'Gắn đợt xét và tài khoản Hội đồng hiện có vào Hội đồng cấp tỉnh', en: 'Existing sessions and council accounts tied to the province council' },
};

export function eventLabel(eventType: string): { vi: string; en: string } | null {
  const event = CANDIDATE_EVENTS.find((e) => e.code === eventType);
  return event ? { vi: event.vi, en: event.en } : (OTHER_EVENT_LABELS[eventType] ?? null);
}

/** Decisions on a candidate, which the auditors' views show with the evidence they rested on. */
export const DECISION_EVENTS: ReadonlySet<string> = new Set(['PROPOSE_FOR_REVIEW', 'RECOGNISE', 'RETURN_TO_NURTURING', 'REJECT', 'CONFIRM_RECOGNITION']);

export function trailView(r: AuditRow, leafIndex: string | null): TrailRecord {
  return {
    id: String(r.id),
    stream: r.stream,
    seq: r.seq,
    candidateId: r.candidate_id,
    eventType: r.event_type,
    eventLabel: eventLabel(r.event_type),
    fromState: r.from_state,
    toState: r.to_state,
    payload: r.payload,
    actor: r.actor,
    occurredAt: r.occurred_at.toISOString(),
    machineVersion: r.machine_version,
    prevHash: r.prev_hash,
    ...(r.attests !== null ? { attests: r.attests } : {}),
    hash: r.hash,
    leafIndex: leafIndex === null ? null : Number(leafIndex),
  };
}
