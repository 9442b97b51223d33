import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { BALLOT_KINDS, VOTE_CHOICES, type BallotKind, type VoteChoice } from '#contracts';
import { REVIEW_SESSION_STATUS_CODES } from '#workflow';
import { CodeField, DateField, IntField, TextField, UuidField } from '../../common/fields.js';

const trimAll = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v)) : value);
const notBlank = ValidateBy({ name: 'isNotBlank', validator: { validate: (v: unknown) => typeof v === 'string' && /\S/.test(v) } }, { each: true });

export class CriterionDto {
  @ApiProperty({ description: 'Mã tiêu chí (chữ in hoa, số, gạch dưới) / Criterion code', example: 'C6_DIGITAL_TRANSFORMATION' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/)
  code: string;

  @TextField({ description: 'Nội dung tiêu chí (tiếng Việt) / Wording in Vietnamese', max: 2000 })
  vi: string;

  @TextField({ description: 'Wording in English', max: 2000 })
  en: string;
}

export class PublishCriteriaSetDto {
  @ApiProperty({ description: 'Các tiêu chí của phiên bản mới (đầy đủ) / The criteria of the new version, all of them', type: [CriterionDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];

  @TextField({ description: 'Lý do ban hành phiên bản mới / Why this version', max: 2000, optional: true })
  note?: string;
}

export class OpenSessionDto {
  @TextField({ description: 'Tên đợt xét / Session title', max: 300, example: 'Tổng kết năm 2025' })
  title: string;

  @IntField({ description: 'Năm xét thành tích / Year reviewed', min: 2000, max: 2100, example: 2025 })
  year: number;

  @TextField({
    description: 'Chủ tọa phiên họp; mặc định: Chủ tịch Hội đồng theo thành phần đang có hiệu lực / Chair of the meeting; by default the chair of the composition in force',
    max: 200,
    example: 'Nguyễn Văn Mạnh, Phó Chủ tịch UBND tỉnh',
    optional: true,
  })
  chairName?: string;

  @UuidField({ description: 'Hội đồng họp (mặc định: Hội đồng mà thường trực phục vụ) / The council meeting (by default the one the secretariat serves)', optional: true })
  councilId?: string;

  @TextField({ description: 'Địa điểm họp / Venue', max: 300, optional: true })
  venue?: string;

  @DateField({ description: 'Hạn nộp phiếu đánh giá (YYYY-MM-DD); người chưa nộp được nhắc trước hạn / Checklists due by', optional: true, example: '2026-12-15' })
  checklistsDueOn?: string;

  @DateField({ description: 'Hạn biểu quyết (YYYY-MM-DD), không trước hạn nộp phiếu; người chưa biểu quyết được nhắc trước hạn / Voting closes on', optional: true, example: '2026-12-20' })
  votingClosesOn?: string;

  @CodeField({ description: 'Hình thức biểu quyết: công khai hoặc bỏ phiếu kín / Open or secret ballot', codes: BALLOT_KINDS, example: 'SECRET' })
  ballot: BallotKind;

  @ApiPropertyOptional({ description: 'Mã bộ quy tắc Hội đồng áp dụng (mặc định: bộ ban hành sau cùng); phiên bản mới nhất của mã được ghim vào đợt xét / Council rule set code', example: 'QUY_DINH_2025' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]*$/)
  @MaxLength(60)
  ruleSetCode?: string;

  @ApiPropertyOptional({ description: 'Đợt xét có xét khen thưởng (áp dụng tỷ lệ tham dự phiên xét khen thưởng; mặc định có) / The session considers awards', example: true })
  @IsOptional()
  @IsBoolean()
  considersAwards?: boolean;

  @IntField({ description: 'Số ngày làm việc công khai lấy ý kiến (mặc định 10) / Public notice, working days', min: 1, max: 60, optional: true })
  noticeWorkingDays?: number;

  @ApiPropertyOptional({ description: 'Thành viên Hội đồng của phiên (mặc định: tất cả thành viên đang hoạt động) / Members', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class AddCandidateDto {
  @UuidField({ description: 'Hồ sơ đã được đề nghị xét / A candidate proposed for review' })
  candidateId: string;
}

export class AssignReviewersDto {
  @ApiProperty({ description: 'Thành viên được phân công đánh giá / Reviewers', type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  reviewerIds: string[];
}

export class AutoAssignDto {
  @IntField({ description: 'Số thành viên đánh giá mỗi hồ sơ / Reviewers per candidate', min: 1, max: 20, example: 2 })
  perCandidate: number;
}

export class OpenVotingDto {
  @ApiProperty({ description: 'Thành viên có mặt tại phiên họp / Members present', type: [String] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  presentMemberIds: string[];

  @ApiPropertyOptional({ description: 'Thành viên vắng mặt có ý kiến bằng văn bản (phiếu có chữ ký nộp sau) / Absent members giving a written opinion', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  writtenOpinionMemberIds?: string[];
}

/** The form fields that come with a signed written-opinion form (multipart: text). */
export class WrittenOpinionForm {
  @UuidField({ description: 'Thành viên có ý kiến bằng văn bản / The member' })
  memberId: string;

  @ApiProperty({ description: 'Ý kiến theo từng hồ sơ, JSON {"<itemId>": "IN_FAVOUR" | "AGAINST" | "ABSTAIN"} / Choice per candidate, as JSON', example: '{}' })
  @IsString()
  @MaxLength(20000)
  choices: string;
}

export class CastingVoteDto {
  @CodeField({ description: 'Phiếu quyết định của Chủ tịch Hội đồng khi số phiếu ngang nhau / The chair’s casting vote', codes: ['FOR', 'AGAINST'], example: 'FOR' })
  choice: 'FOR' | 'AGAINST';
}

export class CriterionMarkDto {
  @ApiProperty({ description: 'Mã tiêu chí / Criterion code' })
  @IsString()
  @MaxLength(60)
  criterionCode: string;

  @ApiProperty({ description: 'Đạt / Met', type: Boolean })
  @IsBoolean()
  met: boolean;

  @TextField({ description: 'Nhận xét / Comment', max: 4000 })
  comment: string;

  @ApiPropertyOptional({ description: 'Minh chứng của hồ sơ được viện dẫn / Evidence files pointed at', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
}

export class SubmitChecklistDto {
  @ApiProperty({ description: 'Đánh giá từng tiêu chí / One mark per criterion', type: [CriterionMarkDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => CriterionMarkDto)
  marks: CriterionMarkDto[];

  @UuidField({ description: 'Phiếu được đính chính (phiếu đang có hiệu lực của chính mình) / The checklist this corrects', optional: true })
  correctsId?: string;
}

export class CastVoteDto {
  @CodeField({ description: 'Tán thành / không tán thành / không biểu quyết / In favour, against, abstain', codes: VOTE_CHOICES, example: 'IN_FAVOUR' })
  choice: VoteChoice;

  @TextField({ description: 'Ý kiến bằng văn bản (chỉ với biểu quyết công khai) / Written opinion (open ballot only)', max: 4000, optional: true })
  opinion?: string;
}

export class VerifyReceiptDto {
  /** Read by readReceipt (libs/domain): a mistyped receipt is a 422 of its own, not a format error here. */
  @TextField({ description: 'Mã biên nhận phiếu bầu / Ballot receipt', max: 60 })
  receipt: string;
}

export class ConfirmDecisionDto {
  @CodeField({ description: 'Kết luận được xác nhận / The outcome confirmed', codes: ['RECOGNISE', 'RETURN_TO_NURTURING', 'REJECT'] })
  outcome: 'RECOGNISE' | 'RETURN_TO_NURTURING' | 'REJECT';

  @TextField({ description: 'Lý do (không công nhận) / Reasons (reject)', max: 4000, optional: true })
  reasons?: string;

  @ApiPropertyOptional({ description: 'Hạn chế bổ sung (trả về bồi dưỡng) / Extra shortcomings (return)', type: [String] })
  @IsOptional()
  @Transform(trimAll)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @notBlank
  @MaxLength(1000, { each: true })
  shortcomings?: string[];

  @TextField({ description: 'Ghi chú / Note', max: 2000, optional: true })
  note?: string;
}

export class PublishNoticeDto {
  @DateField({ description: 'Ngày niêm yết (mặc định hôm nay) / Published on (default today)', optional: true })
  publishedOn?: string;

  @TextField({ description: 'Hình thức, nơi công khai / Where it is published', max: 1000, example: 'Cổng thông tin điện tử tỉnh; trụ sở Ban Thi đua - Khen thưởng' })
  channels: string;
}

export class RecordCommentDto {
  @UuidField({ description: 'Hồ sơ được góp ý (bỏ trống nếu góp ý chung) / The candidate commented on', optional: true })
  itemId?: string;

  @TextField({ description: 'Người, đơn vị gửi ý kiến / Who sent it', max: 300 })
  author: string;

  @TextField({ description: 'Nội dung ý kiến / The comment', max: 10_000 })
  body: string;

  @DateField({ description: 'Ngày nhận (mặc định hôm nay) / Received on', optional: true })
  receivedOn?: string;
}

export class AnswerCommentDto {
  @TextField({ description: 'Nội dung trả lời / The answer', max: 10_000 })
  body: string;

  @ApiProperty({ description: 'Ý kiến phản ánh được chấp nhận / Objection upheld', type: Boolean })
  @IsBoolean()
  upheld: boolean;
}

export class DropOnObjectionDto {
  @TextField({ description: 'Lý do loại khỏi danh sách / Reasons', max: 4000 })
  reasons: string;

  @ApiProperty({ description: 'Các ý kiến phản ánh được chấp nhận / Upheld comments', type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  commentIds: string[];
}

export class SessionListQuery {
  @CodeField({ description: 'Giai đoạn / Stage', codes: REVIEW_SESSION_STATUS_CODES, optional: true })
  status?: string;

  @IntField({ description: 'Năm / Year', min: 2000, max: 2100, optional: true, query: true })
  year?: number;
}
