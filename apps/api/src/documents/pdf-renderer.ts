/**
 * Turns a pdfmake document definition into PDF bytes, with the one font every generated document uses.
 *
 * The font is Tinos (SIL Open Font License 1.1, from the npm package @expo-google-fonts/tinos): metrically
 * compatible with Times New Roman, which Decree 30/2020/NĐ-CP prescribes for administrative documents, and it
 * covers Vietnamese completely (regular, bold, italic, bold italic). It is read from node_modules once per process
 * (never from a system font folder) and embedded as a TrueType subset in every PDF.
 *
 * Output is deterministic: the creation date is the data's `generatedAt` (pdfkit also derives the file ID from
 * it), so the same definition gives byte-for-byte the same PDF.
 *
 * pdfmake keeps its fonts and resource policies in one process-wide object. This file owns that configuration:
 * no document may load a URL or any local file (the fonts come from memory), so nothing in the data can make the
 * server fetch or read anything.
 *
 * pdfmake (with pdfkit and fontkit) is loaded, and its fonts read, on the first document rather than at start: a
 * start that renders nothing (an existing data folder, a server database) does not pay for them.
 */
import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DynamicContent, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { stampKeywords, withSupersededStamp, type SupersededStamp } from './superseded-stamp.js';
import { formatDateVi, instantOf } from './vietnamese-format.js';
import { lazyModule } from '../common/lazy-module.js';

/** The font family name documents use in their styles. */
export const DOCUMENT_FONT = 'Tinos';

const TINOS_FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

type Pdfmake = typeof import('pdfmake');

/** pdfmake, loaded and configured once per process (a failed attempt is tried again by the next document). */
// pdfmake is CommonJS: at run time its one export is the default (its types declare the members as named exports).
const configuredPdfmake = lazyModule(() => import('pdfmake').then((module) => configurePdfmake((module as unknown as { default: Pdfmake }).default)));

/**
 * Reads the four font files into pdfmake's in-memory file system and points the family at them; forbids every
 * other resource (no URL, no local file). Each document then takes the same bytes from memory instead of reading
 * the files again.
 */
function configurePdfmake(pdfmake: Pdfmake): Pdfmake {
  const require = createRequire(import.meta.url);
  const folder = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(TINOS_FILES)) {
    const name = `fonts/${DOCUMENT_FONT}-${style}.ttf`;
    (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, content: Buffer): void } }).virtualfs.writeFileSync(name, readFileSync(join(folder, file)));
    family[style] = name;
  }
  pdfmake.addFonts({ [DOCUMENT_FONT]: family });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

/** What the PDF's document information says. */
export interface PdfMetadata {
  title: string;
  subject?: string;
  author?: string;
  /** ISO timestamp: the PDF's creation date, which also makes the output reproducible. */
  generatedAt: string;
  /** The rehearsal date (YYYY-MM-DD) when the rehearsal clock is on: every page is marked as a rehearsal's. */
  rehearsalDate?: string;
  /** Set on a copy a later decision superseded: the stamp on every page (superseded-stamp.ts). */
  supersededStamp?: SupersededStamp;
  /** A word across every page, e.g. "DỰ THẢO" on a draft (it takes the place of the rehearsal's watermark). */
  watermark?: string;
}

/** The line at the top of every page of a document made under the rehearsal clock. */
export function rehearsalMarkText(rehearsalDate: string): string {
  return `BẢN DIỄN TẬP — ngày giả lập ${formatDateVi(rehearsalDate)} — không có giá trị pháp lý`;
}

export interface RenderedPdf {
  pdf: Buffer;
  pageCount: number;
}

@Injectable()
export class PdfRenderer {
  /** Renders a definition built by one of the document layouts. The definition is consumed (pdfmake mutates it). */
  async render(definition: TDocumentDefinitions, metadata: PdfMetadata): Promise<RenderedPdf> {
    const created = instantOf(metadata.generatedAt);
    let pageCount = 0;
    const footer = definition.footer;
    // pdfmake asks for the footer of every page with the final page count: the one place that count is exposed.
    const countingFooter: DynamicContent = (current, count, size) => {
      pageCount = count;
      if (typeof footer === 'function') return footer(current, count, size);
      return footer ?? null;
    };
    const rehearsal = metadata.rehearsalDate;
    const watermark = metadata.watermark?.normalize('NFC');
    const doc: TDocumentDefinitions = {
      ...definition,
      footer: countingFooter,
      // A rehearsal's document can never pass for an issued one: a header on every page and a watermark across it.
      ...(rehearsal
        ? {
            // Landscape is the certificate, whose frame runs through the top 25 pt: the line goes inside it.
            header: () => ({ text: rehearsalMarkText(rehearsal), alignment: 'center', bold: true, fontSize: 10, color: '#b00020', margin: [0, definition.pageOrientation === 'landscape' ? 28 : 14, 0, 0] }),
            watermark: { text: 'BẢN DIỄN TẬP', color: '#b00020', opacity: 0.12, bold: true, fontSize: 72 },
          }
        : {}),
      ...(watermark ? { watermark: { text: watermark, color: '#b00020', opacity: 0.16, bold: true, fontSize: 96, angle: -45 } } : {}),
      language: 'vi-VN',
      info: {
        title: metadata.title.normalize('NFC'),
        subject: metadata.subject?.normalize('NFC'),
        author: metadata.author?.normalize('NFC'),
        ...(metadata.supersededStamp ? { keywords: stampKeywords(metadata.supersededStamp) } : {}),
        creator: 'Điển hình tiên tiến',
        producer: 'pdfmake',
        creationDate: created,
      },
    };
    const pdfmake = await configuredPdfmake();
    const pdf = await pdfmake.createPdf(metadata.supersededStamp ? withSupersededStamp(doc, metadata.supersededStamp) : doc).getBuffer();
    return { pdf, pageCount };
  }
}
