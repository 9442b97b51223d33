/**
 * Reads generated PDFs back in tests: the text of each page (pdf.js, the legacy build that runs on Node 20) and the
 * fonts each page uses, so a test can assert exact Vietnamese strings and that every font is embedded.
 *
 *   const text = await pdfText(buffer);            // all pages, one line of text per line of the page
 *   const pages = await pdfPages(buffer);          // one string per page
 *   const fonts = await pdfFonts(buffer);          // [{ name: 'AAAAAB+Tinos-Bold', embedded: true, … }]
 *   const info = await pdfInfo(buffer);            // { Title, Author, CreationDate: 'D:20251205093000Z', … }
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

/** pdf.js with its worker loaded in this thread (no worker file to find under Jest's module system). */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const url = (path: string) => pathToFileURL(require.resolve(path)).href;
    const lib = (await import(url('pdfjs-dist/legacy/build/pdf.mjs'))) as PdfJs;
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(url('pdfjs-dist/legacy/build/pdf.worker.mjs'));
    return lib;
  })();
  return loading;
}

async function open(pdf: Uint8Array) {
  const lib = await pdfjs();
  // pdf.js takes ownership of the bytes it is given: hand it a copy.
  return lib.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

interface TextItem {
  str: string;
  hasEOL: boolean;
}

/** The text of each page, lines separated by "\n", in reading order as pdf.js finds it. */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = (content.items as TextItem[])
        .filter((item) => 'str' in item)
        .map((item) => item.str + (item.hasEOL ? '\n' : ''))
        .join('');
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** All pages' text, pages separated by a blank line. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\n\n');
}

export interface PdfFont {
  /** The font's PostScript name as stored, e.g. "BZZZZZ+Tinos-Bold" (the prefix marks a subset). */
  name: string;
  /** True when the font program is inside the PDF; false means the viewer substitutes a font of its own. */
  embedded: boolean;
  /** The font's type as pdf.js reports it (TrueType, Type1, CIDFontType2…). */
  type: string;
}

/** The fonts the pages draw text with, each once. */
export async function pdfFonts(pdf: Uint8Array): Promise<PdfFont[]> {
  const lib = await pdfjs();
  const doc = await open(pdf);
  try {
    const fonts = new Map<string, PdfFont>();
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, k) => {
        if (fn !== lib.OPS.setFont) return;
        const id = (ops.argsArray[k] as [string])[0];
        const font = page.commonObjs.get(id) as { name: string; missingFile: boolean; type?: string };
        fonts.set(font.name, { name: font.name, embedded: !font.missingFile, type: font.type ?? '' });
      });
      page.cleanup();
    }
    return [...fonts.values()];
  } finally {
    await doc.destroy();
  }
}

/** The document information dictionary (Title, Subject, Author, Creator, Producer, CreationDate…) and the page count. */
export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, unknown> & { pageCount: number }> {
  const doc = await open(pdf);
  try {
    const { info } = await doc.getMetadata();
    return { ...(info as Record<string, unknown>), pageCount: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
