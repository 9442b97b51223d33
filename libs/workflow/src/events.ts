/**
 * The events a candidate can receive, with the payload each carries.
 * The API validates payload shapes; the machine decides whether the event may happen now.
 */
import type { HonouringForm } from '#domain';
import type { AnyCouncilVerdict } from './council.js';

export interface NurturingPlanPayload {
  goals: string;
  supporter: string;
}

/**
 * Replication records (honouring acts, adoptions, follow-ups) are never overwritten: a correction is a new
 * record naming the one it corrects (`correctsId`); the newest of a chain is the one in force.
 */
export interface HonouringPayload {
  form: HonouringForm;
  /** When the exemplar was publicised (YYYY-MM-DD). */
  date: string;
  /** The newspaper, station, site, conference… */
  outlet: string;
  title: string;
  link?: string;
  /** An evidence file of the same candidate (a clipping, a photo). */
  evidenceId?: string;
  /** Readers, viewers or participants, where known. */
  reach?: number;
  correctsId?: string;
}

/** How far another unit has taken up a model: studied it, adopted it, or reported the outcome after a period. */
export const ADOPTION_STAGES = [
  { code: 'STUDY_VISIT', vi: 'Tham quan, học tập kinh nghiệm', en: 'Study visit' },
  { code: 'ADOPTED', vi: 'Áp dụng, nhân rộng mô hình', en: 'Adopted the model' },
  { code: 'OUTCOME', vi: 'Kết quả sau thời gian áp dụng', en: 'Outcome after a period' },
] as const;
export type AdoptionStage = (typeof ADOPTION_STAGES)[number]['code'];
export const AdoptionStageCodes = ADOPTION_STAGES.map((s) => s.code) as readonly AdoptionStage[];

export interface AdoptionPayload {
  /** The unit that studied or adopted the model: any unit, usually outside the exemplar's own. */
  adoptingUnitId: string;
  stage: AdoptionStage;
  date: string;
  description: string;
  correctsId?: string;
}

export interface FollowUpPayload {
  /** The year followed up; one follow-up in force per year. */
  year: number;
  date: string;
  /** Whether the exemplar still holds up; one that does not can be moved out with END_REPLICATION. */
  holdsUp: boolean;
  findings: string;
  correctsId?: string;
}

/**
 * Why a candidate is put on hold (NĐ 152/2025/NĐ-CP Điều 4.4): no award or proposal while the person or collective
 * is under discipline, inspection or investigation, or while a complaint or a press-reported issue about them is
 * being verified.
 */
export const HOLD_KINDS = [
  { code: 'DISCIPLINE', vi: 'Đang bị xem xét kỷ luật', en: 'Under disciplinary review' },
  { code: 'INSPECTION', vi: 'Đang bị thanh tra, kiểm tra', en: 'Under inspection' },
  { code: 'INVESTIGATION', vi: 'Đang bị điều tra', en: 'Under investigation' },
  { code: 'COMPLAINT', vi: 'Có đơn thư khiếu nại, tố cáo đang được xác minh', en: 'A complaint or denunciation is being verified' },
  { code: 'PRESS_REPORT', vi: 'Có vấn đề báo chí phản ánh đang được xác minh', en: 'An issue reported by the press is being verified' },
] as const;
export type HoldKind = (typeof HOLD_KINDS)[number]['code'];
export const HoldKindCodes = HOLD_KINDS.map((k) => k.code) as readonly HoldKind[];

/** The document a hold or its lifting rests on: number, date (YYYY-MM-DD) and issuer, and the stored file's facts when one was uploaded. */
export interface HoldDocument {
  documentNumber: string;
  documentDate: string;
  documentIssuer: string;
  fileName?: string;
  contentType?: string;
  sizeBytes?: number;
  sha256?: string;
}

export interface PlaceHoldPayload extends HoldDocument {
  /** Chosen by the API; the hold's row and its lifting refer to it. */
  holdId: string;
  kind: HoldKind;
  /** What the hold is about, in the words of its document. */
  grounds: string;
}

export interface LiftHoldPayload extends HoldDocument {
  /** The open hold this lifting ends. */
  holdId: string;
  /** The conclusion that ends it (discipline decided, inspection concluded, complaint answered…). */
  conclusion: string;
}

export type CandidateEvent =
  | { type: 'ATTACH_EVIDENCE'; evidenceId: string; fileName: string; contentType: string; sizeBytes: number; sha256: string }
  | ({ type: 'START_NURTURING' } & NurturingPlanPayload)
  | ({ type: 'REVISE_PLAN' } & NurturingPlanPayload)
  | { type: 'RECORD_CHECK_IN'; date: string; strengths: string; shortcomings: string }
  /**
   * `repeatJustification`: the unit head's reasons for proposing a subject already recognised for the same year or
   * the same achievement (Luật Thi đua, khen thưởng 2022 Điều 5); the API refuses such a proposal without it.
   */
  | { type: 'PROPOSE_FOR_REVIEW'; note?: string; repeatJustification?: string }
  | ({ type: 'PLACE_HOLD' } & PlaceHoldPayload)
  | ({ type: 'LIFT_HOLD' } & LiftHoldPayload)
  | { type: 'RECOGNISE'; verdict: AnyCouncilVerdict; note?: string }
  | { type: 'RETURN_TO_NURTURING'; verdict: AnyCouncilVerdict; shortcomings: string[] }
  /** By the council's verdict (under review), or on an upheld objection during the public notice. */
  | { type: 'REJECT'; reasons: string; verdict?: AnyCouncilVerdict; upheldCommentIds?: string[] }
  /** The final recognition, after the public notice ends (dates are YYYY-MM-DD, in the province's time zone). */
  | { type: 'CONFIRM_RECOGNITION'; sessionId: string; noticeEndsOn: string; confirmedOn: string; note?: string }
  /** By a revocation decision that refers to the recognition decision (decisions module). */
  | { type: 'REVOKE_RECOGNITION'; decisionId: string; reasons: string }
  /**
   * By a correction decision (đính chính) that corrects the recognition decision naming the exemplar: the facts it
   * corrects become the candidate's own (its name, its achievement), so every later document quotes the corrected
   * text. The candidate stays where it is.
   */
  | { type: 'CORRECT_RECOGNITION'; decisionId: string; correctsDecisionId: string; reasons: string; name?: string; achievement?: string }
  | ({ type: 'RESUME_NURTURING' } & NurturingPlanPayload)
  | { type: 'START_REPLICATION'; note?: string }
  | { type: 'END_REPLICATION'; reasons: string }
  | ({ type: 'RECORD_HONOURING' } & HonouringPayload)
  | ({ type: 'RECORD_ADOPTION' } & AdoptionPayload)
  | ({ type: 'RECORD_FOLLOW_UP' } & FollowUpPayload)
  | { type: 'WITHDRAW'; reason: string }
  /**
   * Liên thông: a recognised exemplar is proposed to the parent level's council. Recorded on the lower-level
   * candidate (it stays recognised); the upward proposal names the new candidacy at the parent level.
   */
  | {
      type: 'PROPOSE_UPWARD';
      proposalId: string;
      fromCouncilId: string;
      toCouncilId: string;
      upperCandidateId: string;
      /** The lower council's session that recognised it (its minutes) and, when issued, its recognition decision. */
      lowerSessionId: string;
      lowerDecisionId?: string;
      reasons: string;
    }
  /**
   * The parent level's candidacy created by an upward proposal enters its council's review at once: the lower
   * level's recognition (its session's minutes and, when issued, its decision) is the evidence it is reviewed on.
   */
  | { type: 'ENTER_UPWARD_REVIEW'; proposalId: string; lowerCandidateId: string; lowerSessionId: string; lowerDecisionId?: string };

export type CandidateEventType = CandidateEvent['type'];

/** What an event of type `T` carries besides its type: the body the API validates before the machine sees it. */
export type EventPayload<T extends CandidateEventType> = Omit<Extract<CandidateEvent, { type: T }>, 'type'>;

/** Labels of each event as an action a person takes (buttons, history lines). */
export const CANDIDATE_EVENTS = [
  { code: 'ATTACH_EVIDENCE', vi: 'Bổ sung minh chứng', en: 'Attach evidence' },
  { code: 'START_NURTURING', vi: 'Bắt đầu bồi dưỡng', en: 'Start nurturing' },
  { code: 'REVISE_PLAN', vi: 'Điều chỉnh kế hoạch bồi dưỡng', en: 'Revise the nurturing plan' },
  { code: 'RECORD_CHECK_IN', vi: 'Ghi nhận kiểm tra, đánh giá', en: 'Record a check-in' },
  { code: 'PROPOSE_FOR_REVIEW', vi: 'Đề nghị Hội đồng xét', en: 'Propose for council review' },
  { code: 'RECOGNISE', vi: 'Hội đồng đề nghị công nhận (công khai lấy ý kiến)', en: 'Council proposes recognition (public notice)' },
  { code: 'CONFIRM_RECOGNITION', vi: 'Công nhận chính thức điển hình tiên tiến', en: 'Recognition made final' },
  { code: 'RETURN_TO_NURTURING', vi: 'Trả về bồi dưỡng thêm', en: 'Return to nurturing' },
  { code: 'REJECT', vi: 'Không công nhận', en: 'Reject' },
  { code: 'RESUME_NURTURING', vi: 'Tiếp tục bồi dưỡng', en: 'Resume nurturing' },
  { code: 'START_REPLICATION', vi: 'Bắt đầu nhân rộng', en: 'Start replication' },
  { code: 'END_REPLICATION', vi: 'Dừng nhân rộng', en: 'End replication' },
  { code: 'RECORD_HONOURING', vi: 'Ghi nhận tuyên truyền, tôn vinh', en: 'Record an honouring act' },
  { code: 'RECORD_ADOPTION', vi: 'Ghi nhận đơn vị học tập, áp dụng mô hình', en: 'Record an adoption by another unit' },
  { code: 'RECORD_FOLLOW_UP', vi: 'Ghi nhận theo dõi hằng năm', en: 'Record a yearly follow-up' },
  { code: 'WITHDRAW', vi: 'Rút khỏi danh sách', en: 'Withdraw' },
  { code: 'REVOKE_RECOGNITION', vi: 'Thu hồi quyết định công nhận', en: 'Recognition revoked' },
  { code: 'CORRECT_RECOGNITION', vi: 'Đính chính quyết định công nhận', en: 'Recognition corrected' },
  { code: 'PROPOSE_UPWARD', vi: 'Đề nghị Hội đồng cấp trên xét (liên thông)', en: 'Proposed to the parent level council' },
  { code: 'ENTER_UPWARD_REVIEW', vi: 'Tiếp nhận đề nghị của cấp dưới, đưa vào xét', en: 'Received from the lower level for review' },
  { code: 'PLACE_HOLD', vi: 'Tạm dừng xét', en: 'Place on hold' },
  { code: 'LIFT_HOLD', vi: 'Chấm dứt tạm dừng xét', en: 'Lift a hold' },
] as const satisfies readonly { code: CandidateEventType; vi: string; en: string }[];

export const CANDIDATE_EVENT_TYPES = CANDIDATE_EVENTS.map((e) => e.code) as readonly CandidateEventType[];
