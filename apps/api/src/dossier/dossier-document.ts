/**
 * The dossier's documents (NĐ 152/2025 appendix forms that fit the programme: the submission memo, the candidate
 * list, the public-notice list, the achievement report) as one plain model, laid out twice: as PDF by pdfmake with
 * the administrative layout every generated document shares (Decree 30/2020), and as DOCX (dossier-docx.ts) that the
 * office edits in Word. Both read only the model.
 */
import type { Content, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import type { IssuingBody } from '../documents/document-data.js';
import {
  NATIONAL_MOTTO,
  NATIONAL_TITLE,
  administrativeHeader,
  closingColumns,
  documentTitle,
  gridLayout,
  headerCell,
  paragraph,
  portraitDocument,
  sectionHeading,
  signatureBlock,
  upper,
} from '../documents/layout.js';
import type { PdfRenderer } from '../documents/pdf-renderer.js';
import { placeAndDateVi } from '../documents/vietnamese-format.js';


export type DossierBlock =
  | { kind: 'paragraph'; text: string; italics?: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'table'; headers: string[]; widths: number[]; rows: string[][] };

export interface DossierSignature {
  titleLines: string[];
  name: string;
  /** The form's instruction under the title, e.g. "(Ký, đóng dấu)". */
  hint?: string;
}

export interface DossierDocument {
  issuer: IssuingBody;
  /** "   /TTr-HĐTĐKT": left blank for the register's number. */
  number: string;
  date: string;
  /** "TỜ TRÌNH", "DANH SÁCH", "BÁO CÁO". */
  name: string;
  subject: string;
  /** "Kính gửi: …" */
  addressee?: string;
  blocks: DossierBlock[];
  /**
   * The signer on the right (title lines, the form's instruction such as "(Ký, đóng dấu)", name); a second block on
   * the left (a confirmation), optional.
   */
  signer: DossierSignature;
  confirmation?: DossierSignature;
  distribution?: string[];
  generatedAt: string;
  /** The file's name without extension, e.g. "To trinh …". */
  fileName: string;
}

// ---- PDF ----

export async function renderDossierPdf(renderer: PdfRenderer, d: DossierDocument): Promise<Buffer> {
  const body: Content[] = d.blocks.map((b) => {
    if (b.kind === 'heading') return sectionHeading(b.text);
    if (b.kind === 'paragraph') return paragraph(b.text, b.italics ? { italics: true } : {});
    const total = b.widths.reduce((a, w) => a + w, 0);
    return {
      table: {
        headerRows: 1,
        widths: b.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
        body: [b.headers.map((h) => headerCell(h, { fontSize: 11 })), ...b.rows.map((r) => r.map((c): PdfCell => ({ text: c, fontSize: 11 })))],
      },
      layout: gridLayout(),
      margin: [0, 4, 0, 8],
    } as Content;
  });
  const left: Content | null = d.confirmation
    ? signatureBlock(d.confirmation.titleLines, d.confirmation.name, 60, d.confirmation.hint)
    : d.distribution
      ? { stack: [{ text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 }, ...d.distribution.map((l) => ({ text: `- ${l}`, fontSize: 11 }))] }
      : null;
  const content: Content[] = [
    administrativeHeader(d.issuer, d.number, d.date),
    documentTitle(d.name, d.subject),
    ...(d.addressee ? [{ text: `Kính gửi: ${d.addressee}`, alignment: 'center' as const, margin: [0, 0, 0, 10] as [number, number, number, number] }] : []),
    ...body,
    closingColumns(left, signatureBlock(d.signer.titleLines, d.signer.name, 60, d.signer.hint)),
  ];
  const rendered = await renderer.render(portraitDocument(content, d.generatedAt), { title: `${d.name} — ${d.subject}`, subject: d.subject, author: d.issuer.name, generatedAt: d.generatedAt });
  return rendered.pdf;
}
