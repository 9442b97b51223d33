import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { CLEARANCE_ANSWERS, type ClearanceAnswer } from '#workflow';
import { CodeField, DateField, TextField } from '../../common/fields.js';

export class RequestClearancesDto {
  @ApiProperty({ description: 'Mã các cơ quan được đề nghị hiệp y (theo hồ sơ pháp lý) / Codes of the agencies asked', type: [String], example: ['CONG_AN_TINH', 'THUE_TINH'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[A-Z][A-Z0-9_]*$/, { each: true })
  @MaxLength(60, { each: true })
  agencyCodes: string[];

  @TextField({ description: 'Số công văn đề nghị hiệp y / Number of the request letter', max: 100, optional: true, example: '125/SNV-TĐKT' })
  letterNumber?: string;
}

/** Multipart fields beside the optional `file` (the agency's document). */
export class RecordClearanceAnswerDto {
  @CodeField({ description: 'Ý kiến của cơ quan: đồng ý / không đồng ý / The agency’s answer', codes: CLEARANCE_ANSWERS, example: 'AGREES' })
  answer: ClearanceAnswer;

  @TextField({ description: 'Lý do (bắt buộc khi không đồng ý) / Reasons (required when disagreeing)', max: 4000, optional: true })
  reasons?: string;

  @TextField({ description: 'Số văn bản trả lời / Number of the answering document', max: 100, example: '88/CAT-PV01' })
  documentNumber: string;

  @DateField({ description: 'Ngày văn bản trả lời / Date of the answering document', example: '2026-12-08' })
  documentDate: string;
}

