/**
 * The stamp on a superseded copy: a decision or certificate downloaded again after a later decision corrected or
 * revoked it carries, on every page, a red framed line "ĐÃ ĐÍNH CHÍNH theo Quyết định số …" or "ĐÃ THU HỒI theo
 * Quyết định số …" at the top and the mark across the page, so that it can never pass for a copy in force.
 * The stamp is drawn into the rendered copy (never onto a signed file: that would break its signature).
 *
 * The copy also says, in its document information (Keywords), which issued document it is the stamped copy of, so
 * that the public verification recognises an uploaded stamped copy and refuses it as valid, naming the decision that
 * superseded it, instead of answering that it knows no such document.
 */
import type { Content, TDocumentDefinitions, Watermark } from 'pdfmake/interfaces.js';
import { wordInlines } from './layout.js';

export interface SupersededStamp {
  /** The word across the page. */
  mark: 'ĐÃ ĐÍNH CHÍNH' | 'ĐÃ THU HỒI';
  /** One line per later decision, e.g. "ĐÃ THU HỒI theo Quyết định số 3/QĐ-UBND ngày 10/02/2026". */
  lines: string[];
  /** The issued document this is a copy of: a decision (candidateId null) or one exemplar's certificate. */
  of: { decisionId: string; candidateId: string | null };
}

const KEYWORD = 'dhtt-superseded-copy';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEYWORD_PATTERN = new RegExp(`${KEYWORD}:(${UUID}):(${UUID}|decision)`, 'i');

/**
 * The Keywords of a stamped copy: "dhtt-superseded-copy:<decision id>:<candidate id | decision>; revoked|corrected",
 * in ASCII so that it reads the same in every PDF reader.
 */
export function stampKeywords(stamp: SupersededStamp): string {
  return `${KEYWORD}:${stamp.of.decisionId}:${stamp.of.candidateId ?? 'decision'}; ${stamp.mark === 'ĐÃ THU HỒI' ? 'revoked' : 'corrected'}`;
}

/** Which issued document a copy's Keywords say it is the stamped copy of, if they say so. */
export function stampedCopyOf(keywords: string | undefined): SupersededStamp['of'] | null {
  const m = keywords ? KEYWORD_PATTERN.exec(keywords) : null;
  if (!m) return null;
  return { decisionId: m[1]!.toLowerCase(), candidateId: m[2]!.toLowerCase() === 'decision' ? null : m[2]!.toLowerCase() };
}

const RED = '#b00020';

const LINE_WIDTH = 1.2;
/** The certificate's stamp box, outside edge to outside edge, in points. */
export const CERTIFICATE_STAMP_WIDTH = 200;

/**
 * The framed red lines of the stamp, `width` wide from the outer edge of its left line to that of its right one,
 * or across the available width ('*'). pdfmake draws a table wider than its column widths: each cell adds its
 * padding (4 pt a side by default) and the lines half their width a side; so the padding is set here, and a
 * fixed width is the column's plus those. The lines wrap word by word inside it.
 */
function stampBox(stamp: SupersededStamp, width: number | '*', extra: Record<string, unknown>): Content {
  const padding = 5;
  const column = width === '*' ? '*' : width - 2 * padding - LINE_WIDTH;
  return {
    table: { widths: [column], body: [[{ stack: stamp.lines.map((text) => ({ text: wordInlines(text), bold: true, fontSize: 11, color: RED, alignment: 'center' })) }]] },
    layout: {
      hLineColor: () => RED,
      vLineColor: () => RED,
      hLineWidth: () => LINE_WIDTH,
      vLineWidth: () => LINE_WIDTH,
      paddingLeft: () => padding,
      paddingRight: () => padding,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    ...extra,
  } as Content;
}

/**
 * The stamp of one certificate page: the box, drawn with the page's frame (the certificate's top margin, 42 pt, is
 * taken by the frame), in the top left corner inside it beside the centred national title — 200 pt wide, so that a
 * clear gap (about 45 pt on A4) stays between them; a longer line wraps downwards, where the left of the page is
 * empty — and the mark across the page. Used by a certificate alone and by each stamped page of a decision's
 * certificates printed in bulk.
 */
export function certificatePageStamp(stamp: SupersededStamp): { box: Content; watermark: Watermark } {
  return {
    box: stampBox(stamp, CERTIFICATE_STAMP_WIDTH, { absolutePosition: { x: 40, y: 36 } }),
    watermark: { text: stamp.mark, color: RED, opacity: 0.16, bold: true, fontSize: 96 },
  };
}

/** The definition with the stamp on every page; a header it already had (the rehearsal line) stays above it. */
export function withSupersededStamp(definition: TDocumentDefinitions, stamp: SupersededStamp): TDocumentDefinitions {
  const landscape = definition.pageOrientation === 'landscape';
  const previous = definition.header;
  if (landscape) {
    const frame = definition.background;
    const { box, watermark } = certificatePageStamp(stamp);
    return {
      ...definition,
      background: (current, size) => {
        const drawn = typeof frame === 'function' ? frame(current, size) : (frame ?? null);
        return [...(drawn ? [drawn] : []), box];
      },
      watermark: definition.watermark ?? watermark,
    };
  }
  return {
    ...definition,
    header: (current, count, size) => {
      const before = typeof previous === 'function' ? previous(current, count, size) : (previous ?? null);
      // In the portrait top margin (20 mm), over the text's width.
      return { stack: [...(before ? [before] : []), stampBox(stamp, '*', { margin: [85, 8, 42, 0] })] } as Content;
    },
    watermark: definition.watermark ?? { text: stamp.mark, color: RED, opacity: 0.16, bold: true, fontSize: 80 },
  };
}
