import type { Stage } from '#domain';

/** Every state of the candidate statechart, in the order of the programme, with its stage and labels. */
export const CANDIDATE_STATES = [
  { code: 'discovered', stage: 'DISCOVER', final: false, vi: 'Đã phát hiện', en: 'Discovered' },
  { code: 'nurturing', stage: 'NURTURE', final: false, vi: 'Đang bồi dưỡng', en: 'Being nurtured' },
  { code: 'underReview', stage: 'SUMMARIZE', final: false, vi: 'Đang xét (tổng kết)', en: 'Under council review' },
  { code: 'publicNotice', stage: 'SUMMARIZE', final: false, vi: 'Đề nghị công nhận, đang công khai lấy ý kiến', en: 'Proposed for recognition, on public notice' },
  { code: 'returned', stage: 'NURTURE', final: false, vi: 'Trả về bồi dưỡng thêm', en: 'Returned to nurturing' },
  { code: 'recognised', stage: 'SUMMARIZE', final: false, vi: 'Được công nhận', en: 'Recognised' },
  { code: 'replicating', stage: 'REPLICATE', final: false, vi: 'Đang nhân rộng', en: 'Being replicated' },
  { code: 'replicationEnded', stage: 'REPLICATE', final: true, vi: 'Dừng nhân rộng', en: 'Replication ended' },
  { code: 'rejected', stage: 'SUMMARIZE', final: true, vi: 'Không được công nhận', en: 'Rejected' },
  { code: 'revoked', stage: 'SUMMARIZE', final: true, vi: 'Bị thu hồi công nhận', en: 'Recognition revoked' },
  { code: 'withdrawn', stage: null, final: true, vi: 'Đã rút khỏi danh sách', en: 'Withdrawn' },
] as const satisfies readonly { code: string; stage: Stage | null; final: boolean; vi: string; en: string }[];

export type CandidateState = (typeof CANDIDATE_STATES)[number]['code'];
export const CANDIDATE_STATE_CODES = CANDIDATE_STATES.map((s) => s.code) as readonly CandidateState[];

/** The programme stage a state belongs to; null for a withdrawn candidate, which left the programme. */
export function stageOf(state: CandidateState): Stage | null {
  return CANDIDATE_STATES.find((s) => s.code === state)?.stage ?? null;
}
