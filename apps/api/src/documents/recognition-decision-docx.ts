/**
 * The recognition decision as a Word document (DOCX) the office edits before it is signed: the same words as the
 * PDF (recognition-decision.ts), laid out as Decree 30/2020/NĐ-CP asks (A4, margins 20/20/30/15 mm, Times New Roman
 * 13–14 pt, the header table, the articles, "Nơi nhận" and the signer). A draft carries "DỰ THẢO" in its page header.
 * Built with the `docx` package (pinned); nothing is read from disk or the network.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { RecognitionDecisionData } from './document-data.js';
import { DECISION_NAME, DRAFT_WATERMARK, decisionArticles } from './recognition-decision.js';
import { NATIONAL_MOTTO, NATIONAL_TITLE, signerTitleLines, upper } from './layout.js';
import { composedText, formatNumberVi, placeAndDateVi } from './vietnamese-format.js';

const FONT = 'Times New Roman';
/** Millimetres to twips, rounded (docx's own helper rounds down). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
/** Points to half-points, docx's unit of font size. */
const pt = (x: number) => Math.round(x * 2);

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
const GRID = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID_BORDERS = { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID };

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  underline?: boolean;
}

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({ text, font: FONT, size: pt(style.size ?? 14), bold: style.bold, italics: style.italics, ...(style.underline ? { underline: {} } : {}) });

function line(text: string, style: RunStyle & { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; before?: number; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, style)],
    alignment: style.align ?? AlignmentType.CENTER,
    spacing: { after: style.after ?? 0, before: style.before ?? 0 },
    ...(style.indent ? { indent: { firstLine: mm(10) } } : {}),
  });
}

function body(children: ParagraphChild[], opts: { italics?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { after: 120, line: 300 },
    ...(opts.italics ? { run: { italics: true } } : {}),
  });
}

const cell = (children: Paragraph[], width: number, opts: { borders?: typeof NO_BORDERS | typeof GRID_BORDERS } = {}) =>
  new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, borders: opts.borders ?? NO_BORDERS });

function headerTable(data: RecognitionDecisionData, widths: [number, number]): Table {
  const left: Paragraph[] = [];
  if (data.issuer.parentName) left.push(line(upper(data.issuer.parentName), { size: 12 }));
  left.push(line(upper(data.issuer.name), { size: 12, bold: true, underline: true, after: 120 }));
  const number = data.number.trim().startsWith('/') ? `Số:        ${data.number.trim()}` : `Số: ${data.number}`;
  left.push(line(number, { size: 13 }));
  const date = data.date ? placeAndDateVi(data.issuer.place, data.date) : `${data.issuer.place}, ngày      tháng      năm ${data.draft?.year ?? ''}`;
  const right = [line(NATIONAL_TITLE, { size: 12, bold: true }), line(NATIONAL_MOTTO, { size: 13, bold: true, underline: true, after: 120 }), line(date, { size: 14, italics: true })];
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, widths[0]), cell(right, widths[1])] })],
  });
}

function recipientsTable(data: RecognitionDecisionData, total: number): Table {
  const widths = [6, 22, 10, 22, 14, 26].map((p) => Math.round((total * p) / 100));
  const text = (t: string, style: RunStyle & { center?: boolean } = {}) =>
    new Paragraph({ children: [run(t, { size: 11, ...style })], alignment: style.center ? AlignmentType.CENTER : AlignmentType.LEFT });
  const head = ['STT', 'Tên điển hình', 'Loại', 'Đơn vị', 'Lĩnh vực', 'Thành tích'];
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    width: { size: total, type: WidthType.DXA },
    borders: GRID_BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: head.map((h, i) => cell([text(h, { bold: true, center: true })], widths[i]!, { borders: GRID_BORDERS })) }),
      ...data.recipients.map(
        (r, i) =>
          new TableRow({
            cantSplit: true,
            children: [formatNumberVi(i + 1), r.name, r.kindLabel, r.unitName, r.fieldLabel, r.achievement].map((t, c) =>
              cell([text(t, { bold: c === 1, center: c === 0 })], widths[c]!, { borders: GRID_BORDERS }),
            ),
          }),
      ),
    ],
  });
}

function closingTable(data: RecognitionDecisionData, widths: [number, number]): Table {
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }),
    ...data.distribution.map((l) => new Paragraph({ children: [run(l.trim().startsWith('-') ? l.trim() : `- ${l.trim()}`, { size: 11 })] })),
  ];
  const right = [
    ...signerTitleLines(data.signerTitle).map((l) => line(upper(l), { bold: true })),
    ...[1, 2, 3, 4].map(() => line('')),
    line(data.signerName, { bold: true }),
  ];
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(left, widths[0]), cell(right, widths[1])] })],
  });
}

/** The decision as DOCX bytes. */
export async function renderRecognitionDecisionDocx(input: RecognitionDecisionData): Promise<Buffer> {
  const data = composedText(input);
  // A4 less the left (30 mm) and right (15 mm) margins.
  const textWidth = mm(210 - 30 - 15);
  const half: [number, number] = [Math.round(textWidth * 0.42), textWidth - Math.round(textWidth * 0.42)];
  const children: (Paragraph | Table)[] = [
    headerTable(data, half),
    line('', { after: 120 }),
    line(DECISION_NAME, { bold: true, size: 14 }),
    line(data.subject, { bold: true, size: 14, after: 240 }),
    line(upper(data.authority ?? data.issuer.name), { bold: true, size: 14, after: 200 }),
    ...data.bases.map((b) => body([run(b, { italics: true })])),
    line(`${DECISION_NAME}:`, { bold: true, size: 14, before: 120, after: 200 }),
  ];
  for (const a of decisionArticles(data)) {
    children.push(body([run(`Điều ${a.number}. `, { bold: true }), run(a.text)]));
    if (a.table) children.push(recipientsTable(data, textWidth), line('', { after: 120 }));
  }
  children.push(line('', { after: 120 }), closingTable(data, half));

  const doc = new Document({
    creator: 'Điển hình tiên tiến',
    title: `${data.draft ? `${DRAFT_WATERMARK} ` : ''}${DECISION_NAME} số ${data.number} — ${data.subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        ...(data.draft
          ? { headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: DRAFT_WATERMARK, font: FONT, size: pt(14), bold: true, color: 'B00020' })] })] }) } }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
