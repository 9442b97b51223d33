/**
 * The dossier's documents as DOCX (the `docx` package) that the office edits in Word: the same model as the PDF
 * (dossier-document.ts), in the administrative layout of Decree 30/2020. Loaded by the first DOCX asked for.
 */
import * as DocxTypes from 'docx';
import { NATIONAL_MOTTO, NATIONAL_TITLE, upper } from '../documents/layout.js';
import { placeAndDateVi } from '../documents/vietnamese-format.js';
import type { DossierDocument, DossierSignature } from './dossier-document.js';

const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } = DocxTypes;
type Paragraph = DocxTypes.Paragraph;
type Table = DocxTypes.Table;

const FONT = 'Times New Roman';
const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: (o.size ?? 13) * 2, bold: o.bold, italics: o.italics });
const centred = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, o)] });
const NO_BORDERS: DocxTypes.ITableCellBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function twoColumns(left: Paragraph[], right: Paragraph[], widths: [number, number]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        children: [
          new TableCell({ borders: NO_BORDERS, width: { size: widths[0], type: WidthType.DXA }, children: left.length ? left : [new Paragraph('')] }),
          new TableCell({ borders: NO_BORDERS, width: { size: widths[1], type: WidthType.DXA }, children: right }),
        ],
      }),
    ],
  });
}

export async function renderDossierDocx(d: DossierDocument): Promise<Buffer> {
  const textWidth = twip(210 - 30 - 15);
  const header = twoColumns(
    [
      ...(d.issuer.parentName ? [centred(upper(d.issuer.parentName), { size: 12 })] : []),
      centred(upper(d.issuer.name), { bold: true, size: 12 }),
      centred('_______', { size: 12 }),
      centred(`Số: ${d.number}`, { size: 13 }),
    ],
    [centred(NATIONAL_TITLE, { bold: true, size: 12 }), centred(NATIONAL_MOTTO, { bold: true, size: 13 }), centred('_______________', { size: 12 }), centred(placeAndDateVi(d.issuer.place, d.date), { italics: true })],
    [twip(70), textWidth - twip(70)],
  );
  const children: (Paragraph | Table)[] = [header, new Paragraph(''), centred(upper(d.name), { bold: true, size: 14 }), centred(d.subject, { bold: true, size: 14 }), centred('_________', {})];
  if (d.addressee) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [run(`Kính gửi: ${d.addressee}`)] }));
  for (const b of d.blocks) {
    if (b.kind === 'heading') children.push(new Paragraph({ spacing: { before: 120, after: 120 }, keepNext: true, children: [run(b.text, { bold: true })] }));
    else if (b.kind === 'paragraph') children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twip(10) }, spacing: { after: 120 }, children: [run(b.text, { italics: b.italics })] }));
    else {
      const total = b.widths.reduce((a, w) => a + w, 0);
      const widths = b.widths.map((w) => Math.round((w / total) * textWidth));
      const cell = (text: string, bold: boolean, i: number) =>
        new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [new Paragraph({ alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { bold, size: 11 })] })] });
      children.push(
        new Table({
          layout: TableLayoutType.FIXED,
          width: { size: textWidth, type: WidthType.DXA },
          columnWidths: widths,
          rows: [new TableRow({ tableHeader: true, children: b.headers.map((h, i) => cell(h, true, i)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i)) }))],
        }),
      );
      children.push(new Paragraph(''));
    }
  }
  const signer = (s: DossierSignature) => [
    ...s.titleLines.map((l) => centred(upper(l), { bold: true })),
    ...(s.hint ? [centred(s.hint, { italics: true })] : []),
    new Paragraph(''),
    new Paragraph(''),
    new Paragraph(''),
    centred(s.name, { bold: true }),
  ];
  const left = d.confirmation
    ? signer(d.confirmation)
    : (d.distribution ?? []).length
      ? [new Paragraph({ children: [run('Nơi nhận:', { bold: true, italics: true, size: 12 })] }), ...d.distribution!.map((l) => new Paragraph({ children: [run(`- ${l}`, { size: 11 })] }))]
      : [];
  children.push(new Paragraph(''), twoColumns(left, signer(d.signer), [Math.round(textWidth * 0.45), textWidth - Math.round(textWidth * 0.45)]));
  const doc = new Document({
    creator: 'Điển hình tiên tiến',
    title: `${d.name} — ${d.subject}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [{ properties: { page: { size: { width: twip(210), height: twip(297) }, margin: { top: twip(20), bottom: twip(20), left: twip(30), right: twip(15) } } }, children }],
  });
  return Packer.toBuffer(doc);
}
