/**
 * The shared layout of Vietnamese administrative documents, after Decree 30/2020/NĐ-CP (Appendix I): A4, margins
 * 30 mm left, 15 mm right, 20 mm top; a two-column header (issuing body and number on the left, the national title
 * and motto with the place and date on the right); the document's name centred in bold; body text in 13 pt,
 * justified, first line indented; the signature at the bottom right. Each generated page also carries "Trang x/y"
 * and a small line with when it was generated and the audit reference that lets a reader check it against the
 * record.
 *
 * The short rules under the issuing body, the motto and the subject are drawn as lines, not as text underlining:
 * underlining would run through the dot below (ạ, ậ) and the descenders of Vietnamese letters.
 */
import type { Column, Content, ContentTable, ContentText, CustomTableLayout, DynamicContent, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { IssuingBody } from './document-data.js';
import { DOCUMENT_FONT } from './pdf-renderer.js';
import { formatDateTimeVi, placeAndDateVi } from './vietnamese-format.js';

const MM = 72 / 25.4;

/** [left, top, right, bottom]; the bottom margin holds the footer. The text is 467.7 pt wide on A4. */
export const PORTRAIT_MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 15 * MM, 25 * MM];

/**
 * The header spans the text width plus 15 pt of the left margin and 10 pt of the right one, as printed forms do, so
 * that both "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" (218 pt in 12 pt bold) and the national title (249 pt) fit on one line.
 */
const HEADER_BLEED: [number, number] = [15, 10];
const HEADER_LEFT_WIDTH = 230;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export const upper = (s: string) => s.toLocaleUpperCase('vi-VN');

/** A horizontal rule of `width` points, centred in the space it is given. */
export function centredRule(width: number, margin: [number, number, number, number] = [0, 1, 0, 0]): Content {
  return {
    margin,
    columns: [
      { width: '*', text: '' },
      { width, canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }] },
      { width: '*', text: '' },
    ],
  };
}

/** Text centred with a rule beneath exactly as long as the text (the motto's line, Decree 30). */
export function ruledText(text: Content, margin: [number, number, number, number] = [0, 0, 0, 0]): Content {
  const ruled: ContentTable = {
    table: { body: [[text as TableCell]] },
    layout: {
      hLineWidth: (i) => (i === 1 ? 0.6 : 0),
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 1.5,
    },
  };
  return { margin, columns: [{ width: '*', text: '' }, { width: 'auto', ...ruled } as Column, { width: '*', text: '' }] };
}

/** The header: issuing body, number, national title, motto, place and date. */
/** "Bắc Ninh, ngày      tháng      năm 2026": the place and date line of a draft the register has not dated yet. */
export function blankPlaceAndDateVi(place: string, year: number): string {
  const gap = '\u00a0'.repeat(7);
  return `${place}, ngày${gap}tháng${gap}năm ${year}`;
}

/**
 * The header: issuer and national title, number and place/date. A draft not yet numbered passes the number as
 * "/QĐ-UBND" (room is left before the slash) and `isoDate` null with the year to print.
 */
export function administrativeHeader(issuer: IssuingBody, number: string, isoDate: string | null, blankYear?: number): Content {
  const left: Content[] = [];
  if (issuer.parentName) left.push({ text: upper(issuer.parentName), fontSize: 12 });
  left.push({ text: upper(issuer.name), fontSize: 12, bold: true });
  left.push(centredRule(55, [0, 2, 0, 0]));
  const right: Content[] = [
    { text: NATIONAL_TITLE, fontSize: 12, bold: true },
    ruledText({ text: NATIONAL_MOTTO, fontSize: 13.5, bold: true, alignment: 'center' }),
  ];
  return {
    table: {
      widths: [HEADER_LEFT_WIDTH, '*'],
      body: [
        [{ stack: left, alignment: 'center' }, { stack: right, alignment: 'center' }],
        [
          { text: `Số: ${number.trim().startsWith('/') ? '\u00a0'.repeat(8) + number.trim() : number.trim() || '\u00a0'.repeat(6) + '/'}`, fontSize: 13, alignment: 'center', margin: [0, 4, 0, 0] },
          {
            text: isoDate ? placeAndDateVi(issuer.place, isoDate) : blankPlaceAndDateVi(issuer.place, blankYear ?? new Date().getUTCFullYear()),
            fontSize: 13.5,
            italics: true,
            alignment: 'center',
            margin: [0, 4, 0, 0],
          },
        ],
      ],
    },
    layout: {
      defaultBorder: false,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
    margin: [-HEADER_BLEED[0], 0, -HEADER_BLEED[1], 18],
  };
}

/** The document's name (e.g. "QUYẾT ĐỊNH") and its subject (trích yếu), with the short rule beneath. */
export function documentTitle(name: string, subject?: string): Content {
  const stack: Content[] = [{ text: upper(name), fontSize: 14, bold: true, alignment: 'center' }];
  if (subject) stack.push({ text: subject, fontSize: 14, bold: true, alignment: 'center', margin: [30, 1, 30, 0] });
  stack.push(centredRule(subject ? 110 : 70, [0, 3, 0, 0]));
  return { stack, margin: [0, 0, 0, 14] };
}

type Inline = string | ({ text: string } & Record<string, unknown>);

/** Words longer than this may still break inside (a hash, a link): better than running past the margin. */
const LONGEST_UNBROKEN_WORD = 40;

/**
 * The text as one unbreakable inline per word (with its trailing space). pdfmake splits a word such as
 * "05/BB-HĐTĐKT" into several inlines at its break opportunities and spreads a justified line's slack between
 * all inlines, which would print "05/ BB- HĐTĐKT"; with whole words, only the spaces widen.
 */
export function wordInlines(text: string | Inline[]): Inline[] {
  const pieces = typeof text === 'string' ? [text] : text;
  return pieces.flatMap((piece) => {
    const { text: words, ...style } = typeof piece === 'string' ? { text: piece } : piece;
    return words
      .split(/(?<=\s)(?=\S)/)
      .filter(Boolean)
      .map((word) => ({ ...style, text: word, noWrap: word.trim().length <= LONGEST_UNBROKEN_WORD }));
  });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function paragraph(text: string | Inline[], extra: Record<string, unknown> = {}): Content {
  return { text: wordInlines(text) as ContentText['text'], alignment: 'justify', leadingIndent: 10 * MM, margin: [0, 0, 0, 6], ...extra } as Content;
}

/** A section heading inside a document (I., II., …). */
export function sectionHeading(text: string): Content {
  return { text, bold: true, margin: [0, 6, 0, 6], headlineLevel: 1 };
}

/**
 * The signer's block: the authority's title lines in bold capitals, the form's instruction in italics when it has one
 * ("(Ký, đóng dấu)"), room for the signature and seal, the name.
 */
export function signatureBlock(titleLines: string[], name: string, room = 72, hint?: string): Content {
  return {
    stack: [
      ...titleLines.map((line) => ({ text: upper(line), bold: true, fontSize: 13.5 })),
      ...(hint ? [{ text: hint, italics: true, fontSize: 13 }] : []),
      { text: '', margin: [0, 0, 0, room] },
      { text: name, bold: true, fontSize: 13.5 },
    ],
    alignment: 'center',
  };
}

/** "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" → one line each. */
export function signerTitleLines(title: string): string[] {
  return title
    .split(/\n|\s\/\s/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Two blocks side by side at the foot of the text (Nơi nhận or a second signer on the left, the signer on the
 * right), never split across pages. `lastWords`, the text's final paragraph, stays on the page with them, so a
 * signature never stands alone on a page.
 */
export function closingColumns(left: Content | null, right: Content, lastWords?: Content): Content {
  return {
    unbreakable: true,
    stack: [
      ...(lastWords ? [lastWords] : []),
      {
        margin: [0, 14, 0, 0],
        columns: [
          { width: '45%', stack: left ? [left] : [] },
          { width: '*', stack: [right] },
        ],
      },
    ],
  };
}

/** Marks the footer's nodes, which pdfmake lists among a page's nodes when deciding page breaks. */
const FOOTER_STYLE = 'pageFooter';

/** "Trang x/y" and the small line saying when the document was generated and how to check it. */
export function documentFooter(generatedAt: string, auditReference?: string): DynamicContent {
  const generated = `Tạo lúc ${formatDateTimeVi(generatedAt)} (giờ Việt Nam)`;
  const trace = auditReference ? `${generated} · Tham chiếu nhật ký: ${auditReference}` : generated;
  return (current, count) => ({
    style: FOOTER_STYLE,
    margin: [PORTRAIT_MARGINS[0], 14, PORTRAIT_MARGINS[2], 0],
    stack: [
      { text: `Trang ${current}/${count}`, style: FOOTER_STYLE, alignment: 'center', fontSize: 10 },
      { text: trace, style: FOOTER_STYLE, alignment: 'center', fontSize: 7.5, color: '#444444', margin: [0, 3, 0, 0] },
    ],
  });
}

/** Thin black grid with tight padding: tables in administrative documents are plain. */
export function gridLayout(padding = 3): CustomTableLayout {
  return {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    paddingLeft: () => padding,
    paddingRight: () => padding,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  };
}

/** A bold, centred header cell. */
export const headerCell = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, bold: true, alignment: 'center', ...extra });

/**
 * The room a heading needs below it at the foot of a page (points): itself and the start of what follows (a table's
 * two header rows and first row, each of up to two lines, or a few lines of text).
 */
export const HEADING_ROOM = 140;

/**
 * Keeps a heading (headlineLevel 1) off the bottom of a page: it moves to the next page with what follows when
 * nothing follows it on this page, or when less than HEADING_ROOM is left below it. The second test is needed
 * because a table that does not fit (rows kept whole, header rows kept with the first) still counts as starting on
 * this page in pdfmake's page query, though it is laid out on the next.
 */
export const keepHeadingsWithNext: TDocumentDefinitions['pageBreakBefore'] = (node, query) => {
  if (node.headlineLevel !== 1) return false;
  if (query.getFollowingNodesOnPage().every((n) => n.style === FOOTER_STYLE)) return true;
  const at = node.startPosition as { pageInnerHeight?: number; verticalRatio?: number } | undefined;
  return at?.pageInnerHeight !== undefined && at.verticalRatio !== undefined && at.pageInnerHeight * (1 - at.verticalRatio) < HEADING_ROOM;
};

/** The frame every portrait administrative document shares. */
export function portraitDocument(content: Content[], generatedAt: string, auditReference?: string): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PORTRAIT_MARGINS,
    defaultStyle: { font: DOCUMENT_FONT, fontSize: 13, lineHeight: 1.12 },
    content,
    footer: documentFooter(generatedAt, auditReference),
    pageBreakBefore: keepHeadingsWithNext,
    styles: { [FOOTER_STYLE]: {} },
  };
}
