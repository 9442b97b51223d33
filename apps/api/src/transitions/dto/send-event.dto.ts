import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { CodeField, IntField } from '../../common/fields.js';
import { COUNCIL_DECISION_EVENTS, type CandidateEventType } from '#workflow';
import { API_EVENT_TYPES, type ApiEventType } from './event-payloads.js';

/** The council's decisions are named here so that sending one gets its own explanation rather than "unknown type". */
const SENDABLE_OR_EXPLAINED: readonly string[] = [...API_EVENT_TYPES, ...COUNCIL_DECISION_EVENTS];

export class SendEventDto {
  @CodeField({ description: 'Sự kiện / Event type', codes: SENDABLE_OR_EXPLAINED, example: 'START_NURTURING' })
  type: ApiEventType | CandidateEventType;

  @IntField({ description: 'Phiên bản hồ sơ mà người dùng đang xem / The candidate version the client last saw', min: 1, max: 2_147_483_647, example: 1 })
  expectedVersion: number;

  @ApiPropertyOptional({ description: 'Nội dung của sự kiện (xem từng loại) / The event payload', type: Object, example: { goals: 'Mục tiêu', supporter: 'Phòng Nội vụ' } })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;
}
