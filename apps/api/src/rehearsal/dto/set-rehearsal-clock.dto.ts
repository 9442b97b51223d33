import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { CodeField, TextField, isRealDate } from '../../common/fields.js';
import { MAX_OFFSET_DAYS, type RehearsalClockMode } from '../rehearsal-clock.js';

export const REHEARSAL_CLOCK_MODES = ['OFFSET', 'FIXED_DATE', 'OFF'] as const satisfies readonly RehearsalClockMode[];

/** offsetDays is required with OFFSET and date with FIXED_DATE (ValidateIf, so a missing one is named). */
export class SetRehearsalClockDto {
  @CodeField({ description: 'OFFSET: dịch chuyển số ngày; FIXED_DATE: cố định một ngày; OFF: tắt / Offset, fixed date or off', codes: REHEARSAL_CLOCK_MODES, example: 'OFFSET' })
  mode: RehearsalClockMode;

  @ApiPropertyOptional({ description: 'Số ngày dịch chuyển (âm: lùi lại), bắt buộc khi mode = OFFSET / Days to shift (negative: back), with OFFSET', type: Number, minimum: -MAX_OFFSET_DAYS, maximum: MAX_OFFSET_DAYS, example: 30 })
  @ValidateIf((o: SetRehearsalClockDto) => o.mode === 'OFFSET')
  @IsInt()
  @Min(-MAX_OFFSET_DAYS)
  @Max(MAX_OFFSET_DAYS)
  offsetDays?: number;

  @ApiPropertyOptional({ description: 'Ngày giả lập YYYY-MM-DD, bắt buộc khi mode = FIXED_DATE / The rehearsal date, with FIXED_DATE', type: String, format: 'date', example: '2027-01-15' })
  @ValidateIf((o: SetRehearsalClockDto) => o.mode === 'FIXED_DATE')
  @ValidateBy({ name: 'isIsoDate', validator: { validate: (v: unknown) => typeof v === 'string' && isRealDate(v), defaultMessage: () => '$property must be a real date written YYYY-MM-DD' } })
  date?: string;

  @TextField({ description: 'Lý do (buổi tập huấn, nghiệm thu phiên bản) / Why', max: 500, optional: true })
  reason?: string;
}
