/**
 * The payload each event carries, as validated at the API's edge before the statechart sees it.
 * ATTACH_EVIDENCE is absent: it happens only through the evidence upload, which supplies its payload.
 */
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsString, MaxLength, ValidateBy } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';
import { Transform } from 'class-transformer';
import type { CandidateEventType } from '#workflow';
import { DateField, TextField } from '../../common/fields.js';

export class PlanPayload {
  @TextField({ description: 'Mục tiêu bồi dưỡng / Nurturing goals', max: 4000, example: 'Hoàn thiện mô hình, nhân rộng ra 3 xã' })
  goals: string;

  @TextField({ description: 'Người hoặc đơn vị hỗ trợ / Supporter', max: 500, example: 'Phòng Nội vụ huyện' })
  supporter: string;
}

export class CheckInPayload {
  @DateField({ description: 'Ngày kiểm tra (YYYY-MM-DD) / Check-in date', example: '2025-03-15' })
  date: string;

  @TextField({ description: 'Ưu điểm cần phát huy / Strengths to spread', max: 4000 })
  strengths: string;

  @TextField({ description: 'Hạn chế, thiếu sót cần khắc phục / Shortcomings to fix', max: 4000 })
  shortcomings: string;
}

export class NotePayload {
  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;
}

export class ReturnPayload {
  @ApiProperty({ description: 'Các hạn chế cần khắc phục / Shortcomings to work on', type: [String] })
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v)) : value))
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @ValidateBy({ name: 'isNotBlank', validator: { validate: (v: unknown) => typeof v === 'string' && /\S/.test(v) } }, { each: true })
  @MaxLength(1000, { each: true })
  shortcomings: string[];
}

export class ReasonsPayload {
  @TextField({ description: 'Lý do / Reasons', max: 4000 })
  reasons: string;
}

export class WithdrawPayload {
  @TextField({ description: 'Lý do rút / Reason for withdrawal', max: 2000 })
  reason: string;
}

export const EVENT_PAYLOADS = {
  START_NURTURING: PlanPayload,
  REVISE_PLAN: PlanPayload,
  RESUME_NURTURING: PlanPayload,
  RECORD_CHECK_IN: CheckInPayload,
  PROPOSE_FOR_REVIEW: NotePayload,
  RECOGNISE: NotePayload,
  RETURN_TO_NURTURING: ReturnPayload,
  REJECT: ReasonsPayload,
  START_REPLICATION: NotePayload,
  END_REPLICATION: ReasonsPayload,
  WITHDRAW: WithdrawPayload,
} as const satisfies Partial<Record<CandidateEventType, ClassConstructor<object>>>;

export type ApiEventType = keyof typeof EVENT_PAYLOADS;
export const API_EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as ApiEventType[];
