/**
 * The events a candidate can receive, with the payload each carries.
 * The API validates payload shapes; the machine decides whether the event may happen now.
 */
export interface NurturingPlanPayload {
  goals: string;
  supporter: string;
}

export type CandidateEvent =
  | { type: 'ATTACH_EVIDENCE'; evidenceId: string; fileName: string; contentType: string; sizeBytes: number; sha256: string }
  | ({ type: 'START_NURTURING' } & NurturingPlanPayload)
  | ({ type: 'REVISE_PLAN' } & NurturingPlanPayload)
  | { type: 'RECORD_CHECK_IN'; date: string; strengths: string; shortcomings: string }
  | { type: 'PROPOSE_FOR_REVIEW'; note?: string }
  | { type: 'RECOGNISE'; note?: string }
  | { type: 'RETURN_TO_NURTURING'; shortcomings: string[] }
  | { type: 'REJECT'; reasons: string }
  | ({ type: 'RESUME_NURTURING' } & NurturingPlanPayload)
  | { type: 'START_REPLICATION'; note?: string }
  | { type: 'END_REPLICATION'; reasons: string }
  | { type: 'WITHDRAW'; reason: string };

export type CandidateEventType = CandidateEvent['type'];

/** Labels of each event as an action a person takes (buttons, history lines). */
export const CANDIDATE_EVENTS = [
  { code: 'ATTACH_EVIDENCE', vi: 'Bổ sung minh chứng', en: 'Attach evidence' },
  { code: 'START_NURTURING', vi: 'Bắt đầu bồi dưỡng', en: 'Start nurturing' },
  { code: 'REVISE_PLAN', vi: 'Điều chỉnh kế hoạch bồi dưỡng', en: 'Revise the nurturing plan' },
  { code: 'RECORD_CHECK_IN', vi: 'Ghi nhận kiểm tra, đánh giá', en: 'Record a check-in' },
  { code: 'PROPOSE_FOR_REVIEW', vi: 'Đề nghị Hội đồng xét', en: 'Propose for council review' },
  { code: 'RECOGNISE', vi: 'Công nhận điển hình tiên tiến', en: 'Recognise as an exemplar' },
  { code: 'RETURN_TO_NURTURING', vi: 'Trả về bồi dưỡng thêm', en: 'Return to nurturing' },
  { code: 'REJECT', vi: 'Không công nhận', en: 'Reject' },
  { code: 'RESUME_NURTURING', vi: 'Tiếp tục bồi dưỡng', en: 'Resume nurturing' },
  { code: 'START_REPLICATION', vi: 'Bắt đầu nhân rộng', en: 'Start replication' },
  { code: 'END_REPLICATION', vi: 'Dừng nhân rộng', en: 'End replication' },
  { code: 'WITHDRAW', vi: 'Rút khỏi danh sách', en: 'Withdraw' },
] as const satisfies readonly { code: CandidateEventType; vi: string; en: string }[];

export const CANDIDATE_EVENT_TYPES = CANDIDATE_EVENTS.map((e) => e.code) as readonly CandidateEventType[];
