/**
 * The minutes of an emulation council session (biên bản họp Hội đồng Thi đua - Khen thưởng): when and where, the
 * rules applied, who took part, the vote on each candidate with the quorum and threshold checks, each candidate's
 * criteria summary with its shortcomings or reasons, the conclusion, and the chair's and secretary's signatures.
 * Only lays out the facts it is given; the council module computes them.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { CouncilMinutesData, MinutesCandidate, MinutesMember } from './document-data.js';
import {
  administrativeHeader,
  closingColumns,
  documentTitle,
  gridLayout,
  headerCell,
  paragraph,
  portraitDocument,
  sectionHeading,
  signatureBlock,
} from './layout.js';
import type { PdfRenderer, RenderedPdf } from './pdf-renderer.js';
import { composedText, formatDateLongVi, formatNumberVi } from './vietnamese-format.js';

export const MINUTES_TITLE = 'BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG';

const OUTCOME_SUMMARY: Record<MinutesCandidate['outcome'], string> = {
  RECOGNISE: 'đề nghị công nhận điển hình tiên tiến',
  RETURN_TO_NURTURING: 'trả lại để tiếp tục bồi dưỡng',
  REJECT: 'không công nhận',
  NO_DECISION: 'chưa đủ điều kiện để quyết định',
};

const NOTES_HEADING: Record<MinutesCandidate['outcome'], string> = {
  RECOGNISE: 'Ghi chú',
  RETURN_TO_NURTURING: 'Hạn chế, thiếu sót cần khắc phục',
  REJECT: 'Lý do không công nhận',
  NO_DECISION: 'Lý do chưa quyết định',
};

const yesNo = (b: boolean) => (b ? 'Đạt' : 'Không đạt');
const n = (x: number) => formatNumberVi(x);

function membersTable(members: MinutesMember[]): Content {
  const mark = (m: MinutesMember, a: MinutesMember['attendance']): TableCell => ({ text: m.attendance === a ? 'x' : '', alignment: 'center' });
  return {
    fontSize: 11,
    table: {
      headerRows: 1,
      // A header alone at the foot of a page moves to the next one with the first row.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [24, '*', '*', 38, 58, 34],
      body: [
        [headerCell('STT'), headerCell('Họ và tên'), headerCell('Đơn vị'), headerCell('Có mặt'), headerCell('Ý kiến bằng văn bản'), headerCell('Vắng')],
        ...members.map((m, i): TableCell[] => [
          { text: n(i + 1), alignment: 'center' },
          m.position ? { text: [m.displayName, { text: `\n${m.position}`, italics: true }] } : m.displayName,
          m.unitName,
          mark(m, 'PRESENT'),
          mark(m, 'WRITTEN_OPINION'),
          mark(m, 'ABSENT'),
        ]),
      ],
    },
    layout: gridLayout(),
    margin: [0, 0, 0, 6],
  };
}

function resultsTable(candidates: MinutesCandidate[], underRuleSet: boolean): Content {
  const num = (x: number): TableCell => ({ text: n(x), alignment: 'center' });
  const figureLines = (c: MinutesCandidate) => [
    ...(c.figures
      ? [{ text: `Cơ sở tính: ${n(c.figures.base)}; cần ${n(c.figures.needed)} phiếu tán thành${c.figures.tieBrokenByChair ? '; ngang phiếu, theo ý kiến Chủ tịch Hội đồng' : ''}.`, fontSize: 8.5 }]
      : []),
    ...(c.recused && c.recused.length > 0 ? [{ text: `Không biểu quyết (xung đột lợi ích): ${c.recused.join(', ')}.`, fontSize: 8.5 }] : []),
    ...(c.quotaNote ? [{ text: c.quotaNote, fontSize: 8.5, italics: true }] : []),
    ...(c.holds ?? []).map((h) => ({ text: `Tạm dừng xét, không biểu quyết (NĐ 152/2025/NĐ-CP Điều 4.4): ${h}.`, fontSize: 8.5, italics: true })),
  ];
  return {
    fontSize: 9,
    lineHeight: 1.05,
    table: {
      headerRows: 1,
      // A header alone at the foot of a page moves to the next one with the first row.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [18, '*', 38, 30, 30, 34, 42, 30, 30, 72],
      body: [
        [
          headerCell('STT'),
          headerCell('Điển hình đề nghị\n(loại, đơn vị, lĩnh vực)'),
          headerCell(underRuleSet ? 'Cơ sở tính tỷ lệ' : 'Số thành viên được biểu quyết'),
          headerCell(underRuleSet ? 'Số phiếu' : 'Số tham gia'),
          headerCell('Tán thành'),
          headerCell('Không tán thành'),
          headerCell('Không biểu quyết / phiếu trắng'),
          headerCell(underRuleSet ? 'Đủ túc số, tỷ lệ tham dự' : 'Đủ túc số'),
          headerCell('Đạt tỷ lệ'),
          headerCell('Kết quả'),
        ],
        ...candidates.map((c, i): TableCell[] => [
          { text: n(i + 1), alignment: 'center' },
          {
            stack: [
              { text: c.name, bold: true, fontSize: 9.5 },
              { text: `${c.kindLabel} · ${c.unitName}`, fontSize: 8.5 },
              { text: `Lĩnh vực: ${c.fieldLabel}`, fontSize: 8.5, italics: true },
              ...figureLines(c),
            ],
          },
          num(c.eligibleMembers),
          num(c.participants),
          num(c.inFavour),
          num(c.against),
          num(c.abstain),
          { text: yesNo(c.quorumMet), alignment: 'center' },
          { text: yesNo(c.thresholdMet), alignment: 'center' },
          { text: c.outcomeLabel, bold: c.outcome === 'RECOGNISE' },
        ]),
      ],
    },
    layout: gridLayout(2),
    margin: [0, 0, 0, 8],
  };
}

/** One candidate's criteria and notes: a table whose two header rows repeat if it runs onto the next page. */
function criteriaTable(c: MinutesCandidate, index: number): Content {
  const heading: TableCell[] = [
    {
      colSpan: 3,
      text: [{ text: `${n(index + 1)}. ${c.name}`, bold: true }, { text: ` (${c.kindLabel} · ${c.unitName}) — ${c.outcomeLabel}` }],
    },
    {},
    {},
  ];
  const body: TableCell[][] = [
    heading,
    [headerCell('Tiêu chí', { alignment: 'left' }), headerCell('Số phiếu đạt'), headerCell('Số phiếu không đạt')],
    ...c.criteria.map((k): TableCell[] => [k.label, { text: n(k.met), alignment: 'center' }, { text: n(k.notMet), alignment: 'center' }]),
  ];
  if (c.criteria.length === 0) body.push([{ colSpan: 3, text: 'Chưa có phiếu đánh giá tiêu chí.', italics: true }, {}, {}]);
  if (c.notes.length > 0) {
    body.push([{ colSpan: 3, text: `${NOTES_HEADING[c.outcome]}:`, bold: true, italics: true }, {}, {}]);
    for (const note of c.notes) body.push([{ colSpan: 3, text: `- ${note}`, margin: [8, 0, 0, 0] }, {}, {}]);
  }
  return {
    fontSize: 10.5,
    table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths: ['*', 46, 58], body },
    layout: gridLayout(),
    margin: [0, 0, 0, 8],
  };
}

function conclusion(data: CouncilMinutesData): Content[] {
  const counts = new Map<MinutesCandidate['outcome'], number>();
  for (const c of data.candidates) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
  const parts = (Object.keys(OUTCOME_SUMMARY) as MinutesCandidate['outcome'][])
    .filter((o) => counts.has(o))
    .map((o) => `${OUTCOME_SUMMARY[o]}: ${n(counts.get(o)!)}`);
  const total = n(data.candidates.length);
  return [
    paragraph(
      data.candidates.length === 0
        ? 'Phiên họp không có hồ sơ nào được đưa ra xem xét.'
        : `Hội đồng đã xem xét ${total} hồ sơ điển hình tiên tiến. Kết quả: ${parts.join('; ')}.`,
    ),
    paragraph(
      'Biên bản được lập từ kết quả biểu quyết và phiếu đánh giá tiêu chí ghi nhận trong hệ thống; nội dung có thể đối chiếu với nhật ký theo tham chiếu in ở chân trang.',
    ),
  ];
}

export function councilMinutesDefinition(input: CouncilMinutesData) {
  const data = composedText(input);
  const present = data.members.filter((m) => m.attendance === 'PRESENT').length;
  const written = data.members.filter((m) => m.attendance === 'WRITTEN_OPINION').length;
  const absent = data.members.length - present - written;
  const r = data.rules;
  const closing = conclusion(data);
  const content: Content[] = [
    administrativeHeader(data.issuer, data.number, data.meetingDate),
    documentTitle(MINUTES_TITLE, data.sessionTitle),

    sectionHeading('I. THỜI GIAN, ĐỊA ĐIỂM'),
    paragraph(`Thời gian: ${formatDateLongVi(data.meetingDate)}.`),
    ...(data.venue ? [paragraph(`Địa điểm: ${data.venue}.`)] : []),

    sectionHeading('II. NGUYÊN TẮC XÉT CHỌN'),
    ...(data.ruleSet
      ? [
          paragraph(`Bộ quy tắc Hội đồng áp dụng: ${data.ruleSet.name} (mã ${data.ruleSet.code}, phiên bản ${n(data.ruleSet.version)}), ghim vào đợt xét khi mở. Căn cứ: ${data.ruleSet.source}`),
          ...data.ruleSet.lines.map((line) => paragraph(line)),
        ]
      : [
          paragraph(`Túc số: phiên biểu quyết đối với mỗi hồ sơ hợp lệ khi có ít nhất ${r.quorum} số thành viên được biểu quyết tham gia (có mặt biểu quyết hoặc gửi ý kiến bằng văn bản).`),
          paragraph(`Tỷ lệ công nhận: có ít nhất ${r.threshold} tổng số thành viên được biểu quyết tán thành.`),
        ]),
    paragraph(`Hình thức biểu quyết: ${r.ballot}.`),
    paragraph(`Bộ tiêu chí áp dụng: ${r.criteriaVersion}.`),
    paragraph(`Công khai danh sách đề nghị để lấy ý kiến trước khi quyết định: ${n(r.noticeWorkingDays)} ngày làm việc.`),
    ...(data.ruleSet ? [] : [paragraph('Thành viên không đánh giá, biểu quyết đối với hồ sơ của đơn vị mình, đơn vị cấp trên hoặc đơn vị cấp dưới của đơn vị mình (xung đột lợi ích).')]),

    sectionHeading('III. THÀNH PHẦN'),
    paragraph(`Chủ tọa: ${data.chairName}. Thư ký: ${data.secretaryName}.`),
    membersTable(data.members),
    paragraph(
      [
        { text: `Số thành viên có mặt: ${n(present)}/${n(data.members.length)}`, bold: true },
        `; có ý kiến bằng văn bản: ${n(written)}; vắng: ${n(absent)}.`,
      ],
      { leadingIndent: 0 },
    ),

    sectionHeading('IV. KẾT QUẢ BIỂU QUYẾT'),
    data.candidates.length === 0 ? paragraph('Không có hồ sơ.') : resultsTable(data.candidates, !!data.ruleSet),

    sectionHeading('V. TỔNG HỢP ĐÁNH GIÁ TIÊU CHÍ'),
    ...(data.candidates.length === 0 ? [paragraph('Không có hồ sơ.')] : data.candidates.map(criteriaTable)),

    sectionHeading('VI. KẾT LUẬN'),
    ...closing.slice(0, -1),
    closingColumns(signatureBlock(['THƯ KÝ'], data.secretaryName), signatureBlock(['CHỦ TỌA'], data.chairName), closing[closing.length - 1]),
  ];
  return portraitDocument(content, data.generatedAt, data.auditReference);
}

export async function renderCouncilMinutes(renderer: PdfRenderer, data: CouncilMinutesData): Promise<RenderedPdf> {
  return renderer.render(councilMinutesDefinition(data), {
    title: `${MINUTES_TITLE} — ${data.sessionTitle}`,
    subject: data.number ? `Số: ${data.number}` : undefined,
    author: data.issuer.name,
    generatedAt: data.generatedAt,
    rehearsalDate: data.rehearsalDate,
  });
}
