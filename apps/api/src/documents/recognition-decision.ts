/**
 * The recognition decision (quyết định công nhận điển hình tiên tiến), and the decisions that correct or revoke
 * one: header, "QUYẾT ĐỊNH" with its subject, the issuing authority, the legal bases, then Điều 1 (who is
 * recognised, with the table), Điều 2, Điều 3 (who carries it out), "Nơi nhận" at the bottom left and the signer at
 * the bottom right, as Decree 30/2020/NĐ-CP lays out a decision.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { DecisionRecipient, RecognitionDecisionData } from './document-data.js';
import {
  administrativeHeader,
  closingColumns,
  documentTitle,
  gridLayout,
  headerCell,
  paragraph,
  portraitDocument,
  signatureBlock,
  signerTitleLines,
  upper,
} from './layout.js';
import type { PdfRenderer, RenderedPdf } from './pdf-renderer.js';
import { composedText, formatDateLongVi, formatNumberVi } from './vietnamese-format.js';

export const DECISION_NAME = 'QUYẾT ĐỊNH';
/** The word across every page of a draft. */
export const DRAFT_WATERMARK = 'DỰ THẢO';

/** "2 tập thể, 1 cá nhân và 1 hộ gia đình", in the order the kinds first appear. */
export function countByKind(recipients: DecisionRecipient[]): string {
  const counts = new Map<string, number>();
  for (const r of recipients) {
    const kind = r.kindLabel.toLocaleLowerCase('vi-VN');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts].map(([kind, count]) => `${formatNumberVi(count)} ${kind}`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`;
}

function recipientsTable(recipients: DecisionRecipient[]): Content {
  return {
    fontSize: 10.5,
    lineHeight: 1.05,
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [22, 92, 44, 84, 56, '*'],
      body: [
        [headerCell('STT'), headerCell('Tên điển hình'), headerCell('Loại'), headerCell('Đơn vị'), headerCell('Lĩnh vực'), headerCell('Thành tích')],
        ...recipients.map((r, i): TableCell[] => [
          { text: formatNumberVi(i + 1), alignment: 'center' },
          { text: r.name, bold: true },
          r.kindLabel,
          r.unitName,
          r.fieldLabel,
          r.achievement,
        ]),
      ],
    },
    layout: gridLayout(),
    margin: [0, 2, 0, 8],
  };
}

const article = (number: number, text: string): Content => paragraph([{ text: `Điều ${number}. `, bold: true }, text]);

/** One article of the decision: its number, its words, and whether the list of recipients follows it. */
export interface DecisionArticle {
  number: number;
  text: string;
  table: boolean;
}

/** The articles (Điều 1–3) of a recognition, correction or revocation, in words: the PDF and the DOCX print them. */
export function decisionArticles(data: RecognitionDecisionData): DecisionArticle[] {
  const who = countByKind(data.recipients);
  const amended = data.amends ? `Quyết định số ${data.amends.number} ${formatDateLongVi(data.amends.date)}` : '';
  const execution =
    'Quyết định này có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân, hộ gia đình có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.';
  const listed = data.recipients.length > 0;

  if (data.amends?.kind === 'REVOCATION') {
    return [
      { number: 1, text: `Thu hồi ${amended}${listed ? ` đối với ${who} có tên sau đây` : ''} (lý do: ${data.amends.reasons})${listed ? ':' : '.'}`, table: listed },
      { number: 2, text: `Các tập thể, cá nhân, hộ gia đình nêu tại Điều 1 không còn được công nhận là điển hình tiên tiến theo ${amended}; việc tuyên truyền, nhân rộng điển hình theo quyết định đó được dừng lại.`, table: false },
      { number: 3, text: execution, table: false },
    ];
  }
  if (data.amends?.kind === 'CORRECTION') {
    return [
      { number: 1, text: `Đính chính ${amended} (lý do: ${data.amends.reasons}). Danh sách điển hình tiên tiến được công nhận sau khi đính chính gồm ${who} có tên sau đây:`, table: listed },
      { number: 2, text: `Các nội dung khác của ${amended} giữ nguyên hiệu lực.`, table: false },
      { number: 3, text: execution, table: false },
    ];
  }
  return [
    { number: 1, text: `Công nhận điển hình tiên tiến đối với ${who} có thành tích tiêu biểu, xuất sắc trong các phong trào thi đua, có tên sau đây:`, table: listed },
    { number: 2, text: 'Các tập thể, cá nhân, hộ gia đình được công nhận có trách nhiệm tiếp tục phát huy thành tích đã đạt được; cơ quan, đơn vị quản lý có trách nhiệm tuyên truyền, nhân rộng điển hình theo quy định.', table: false },
    { number: 3, text: execution, table: false },
  ];
}

function articles(data: RecognitionDecisionData): Content[] {
  return decisionArticles(data).flatMap((a) => [article(a.number, a.text), ...(a.table ? [recipientsTable(data.recipients)] : [])]);
}

function distributionBlock(distribution: string[]): Content {
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
      ...distribution.map((line) => ({ text: line.trim().startsWith('-') ? line.trim() : `- ${line.trim()}`, fontSize: 11, lineHeight: 1.0 })),
    ],
  };
}

export function recognitionDecisionDefinition(input: RecognitionDecisionData) {
  const data = composedText(input);
  // A revocation may name no one (the whole earlier decision); anything else recognises someone.
  if (data.recipients.length === 0 && data.amends?.kind !== 'REVOCATION') throw new RangeError('A recognition decision names at least one recipient');
  const body = articles(data);
  const content: Content[] = [
    administrativeHeader(data.issuer, data.number, data.date, data.draft?.year),
    documentTitle(DECISION_NAME, data.subject),
    { text: upper(data.authority ?? data.issuer.name), bold: true, alignment: 'center', fontSize: 13.5, margin: [0, 0, 0, 10] },
    ...data.bases.map((basis) => paragraph(basis, { italics: true, margin: [0, 0, 0, 4] })),
    { text: `${DECISION_NAME}:`, bold: true, alignment: 'center', fontSize: 13.5, margin: [0, 8, 0, 10] },
    ...body.slice(0, -1),
    closingColumns(distributionBlock(data.distribution), signatureBlock(signerTitleLines(data.signerTitle), data.signerName), body[body.length - 1]),
  ];
  return portraitDocument(content, data.generatedAt, data.auditReference);
}

export async function renderRecognitionDecision(renderer: PdfRenderer, data: RecognitionDecisionData): Promise<RenderedPdf> {
  return renderer.render(recognitionDecisionDefinition(data), {
    title: `${data.draft ? `${DRAFT_WATERMARK} ` : ''}${DECISION_NAME} số ${data.number} — ${data.subject}`,
    ...(data.draft ? { watermark: DRAFT_WATERMARK } : {}),
    subject: data.subject,
    author: data.issuer.name,
    generatedAt: data.generatedAt,
    rehearsalDate: data.rehearsalDate,
    supersededStamp: data.supersededStamp,
  });
}
