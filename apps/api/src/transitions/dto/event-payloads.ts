/**
 * The payload each event carries, as validated at the API's edge before the statechart sees it. Each class
 * `implements` the payload of its events as libs/workflow types them, and carries no field they lack (checked
 * below), so the validated body and the event the machine receives cannot drift apart.
 * ATTACH_EVIDENCE is absent: it happens only through the evidence upload, which supplies its payload; PLACE_HOLD and
 * LIFT_HOLD likewise only through the holds routes (apps/api/src/holds), which may carry the document's file.
 */
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUrl, MaxLength } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';
import { HonouringFormCodes, type HonouringForm } from '#domain';
import { AdoptionStageCodes, type AdoptionStage, type CandidateEventType, type EventPayload } from '#workflow';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

export class PlanPayload implements EventPayload<'START_NURTURING'>, EventPayload<'REVISE_PLAN'>, EventPayload<'RESUME_NURTURING'> {
  @TextField({ description: 'Mục tiêu bồi dưỡng / Nurturing goals', max: 4000, example: 'Hoàn thiện mô hình, nhân rộng ra 3 xã' })
  goals: string;

  @TextField({ description: 'Người hoặc đơn vị hỗ trợ / Supporter', max: 500, example: 'Phòng Nội vụ huyện' })
  supporter: string;
}

export class CheckInPayload implements EventPayload<'RECORD_CHECK_IN'> {
  @DateField({ description: 'Ngày kiểm tra (YYYY-MM-DD) / Check-in date', example: '2025-03-15' })
  date: string;

  @TextField({ description: 'Ưu điểm cần phát huy / Strengths to spread', max: 4000 })
  strengths: string;

  @TextField({ description: 'Hạn chế, thiếu sót cần khắc phục / Shortcomings to fix', max: 4000 })
  shortcomings: string;
}

export class NotePayload implements EventPayload<'START_REPLICATION'> {
  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;
}

export class ProposePayload implements EventPayload<'PROPOSE_FOR_REVIEW'> {
  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;

  @TextField({
    description:
      'Lý do vẫn đề nghị khi đối tượng đã được công nhận cùng năm hoặc cùng thành tích (Luật 2022 Điều 5) / Why the subject is proposed though already recognised for the same year or achievement',
    max: 4000,
    optional: true,
  })
  repeatJustification?: string;
}

export class ReasonsPayload implements EventPayload<'END_REPLICATION'> {
  @TextField({ description: 'Lý do / Reasons', max: 4000 })
  reasons: string;
}

export class WithdrawPayload implements EventPayload<'WITHDRAW'> {
  @TextField({ description: 'Lý do rút / Reason for withdrawal', max: 2000 })
  reason: string;
}

const CorrectsField = () =>
  UuidField({ description: 'Bản ghi được đính chính (bản ghi cũ được giữ nguyên) / The record this one corrects (the old one is kept)', optional: true });

export class HonouringPayload implements EventPayload<'RECORD_HONOURING'> {
  @CodeField({ description: 'Hình thức tôn vinh / Honouring form', codes: HonouringFormCodes, example: 'PROVINCIAL_NEWSPAPER' })
  form: HonouringForm;

  @DateField({ description: 'Ngày đăng, phát sóng, tổ chức (YYYY-MM-DD) / Date', example: '2025-06-15' })
  date: string;

  @TextField({ description: 'Cơ quan, kênh, nơi tuyên truyền / Outlet', max: 500, example: 'Báo Bắc Ninh' })
  outlet: string;

  @TextField({ description: 'Tiêu đề bài viết, phóng sự, sự kiện / Title', max: 1000, example: 'Hợp tác xã Tân Thịnh: làm giàu từ chuỗi giá trị' })
  title: string;

  @ApiProperty({ description: 'Đường dẫn (http/https) / Link', required: false, example: 'https://baobacgiang.vn/bai-viet' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  link?: string;

  @UuidField({ description: 'Tệp minh chứng của hồ sơ này / An evidence file of this candidate', optional: true })
  evidenceId?: string;

  @IntField({ description: 'Số người tiếp cận, nếu biết / Reach, where known', min: 0, max: 2_000_000_000, optional: true })
  reach?: number;

  @CorrectsField()
  correctsId?: string;
}

export class AdoptionPayload implements EventPayload<'RECORD_ADOPTION'> {
  @UuidField({ description: 'Đơn vị học tập, áp dụng mô hình / The adopting unit' })
  adoptingUnitId: string;

  @CodeField({ description: 'Mức độ: tham quan học tập, áp dụng, kết quả / Stage', codes: AdoptionStageCodes, example: 'ADOPTED' })
  stage: AdoptionStage;

  @DateField({ description: 'Ngày (YYYY-MM-DD) / Date', example: '2025-08-20' })
  date: string;

  @TextField({ description: 'Nội dung, kết quả / What was done, with what result', max: 4000 })
  description: string;

  @CorrectsField()
  correctsId?: string;
}

export class FollowUpPayload implements EventPayload<'RECORD_FOLLOW_UP'> {
  @IntField({ description: 'Năm theo dõi / Year followed up', min: 2000, max: 2100, example: 2025 })
  year: number;

  @DateField({ description: 'Ngày kiểm tra (YYYY-MM-DD) / Date', example: '2025-12-10' })
  date: string;

  @ApiProperty({ description: 'Điển hình còn giữ vững / Still holds up', type: Boolean })
  @IsBoolean()
  holdsUp: boolean;

  @TextField({ description: 'Nhận xét, đánh giá / Findings', max: 4000 })
  findings: string;

  @CorrectsField()
  correctsId?: string;
}

export const EVENT_PAYLOADS = {
  START_NURTURING: PlanPayload,
  REVISE_PLAN: PlanPayload,
  RESUME_NURTURING: PlanPayload,
  RECORD_CHECK_IN: CheckInPayload,
  PROPOSE_FOR_REVIEW: ProposePayload,
  START_REPLICATION: NotePayload,
  END_REPLICATION: ReasonsPayload,
  WITHDRAW: WithdrawPayload,
  RECORD_HONOURING: HonouringPayload,
  RECORD_ADOPTION: AdoptionPayload,
  RECORD_FOLLOW_UP: FollowUpPayload,
} as const satisfies { [T in CandidateEventType]?: ClassConstructor<EventPayload<T>> };

/** Events a person sends through the generic event endpoint; the council's decisions go through review sessions. */
export type ApiEventType = keyof typeof EVENT_PAYLOADS;
export const API_EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as ApiEventType[];

/** The fields a payload class has that its event lacks (`implements` checks only the other way). */
type ExtraFields<T extends ApiEventType> = Exclude<keyof InstanceType<(typeof EVENT_PAYLOADS)[T]>, keyof EventPayload<T>>;
/** Compiles only while no payload class carries a field its event does not have. */
export const PAYLOADS_MATCH_EVENTS: { [T in ApiEventType]: [ExtraFields<T>] extends [never] ? true : ExtraFields<T> } = {
  START_NURTURING: true,
  REVISE_PLAN: true,
  RESUME_NURTURING: true,
  RECORD_CHECK_IN: true,
  PROPOSE_FOR_REVIEW: true,
  START_REPLICATION: true,
  END_REPLICATION: true,
  WITHDRAW: true,
  RECORD_HONOURING: true,
  RECORD_ADOPTION: true,
  RECORD_FOLLOW_UP: true,
};
