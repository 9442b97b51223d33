/**
 * The certificate (giấy chứng nhận điển hình tiên tiến) handed to one recognised exemplar: one landscape A4 page in
 * a double frame, the national title and motto, the issuer, "GIẤY CHỨNG NHẬN / ĐIỂN HÌNH TIÊN TIẾN", the
 * recipient's name large, unit, achievement, the decision it rests on, the serial, place and date, and the signer.
 * A long achievement is set smaller until the certificate fits on its page; it is never cut.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { CertificateData } from './document-data.js';
import { NATIONAL_MOTTO, NATIONAL_TITLE, ruledText, signatureBlock, signerTitleLines, upper } from './layout.js';
import { certificatePageStamp } from './superseded-stamp.js';
import { DOCUMENT_FONT, type PdfRenderer, type RenderedPdf } from './pdf-renderer.js';
import { composedText, formatDateLongVi, placeAndDateVi } from './vietnamese-format.js';

export const CERTIFICATE_TITLE = 'GIẤY CHỨNG NHẬN';
export const CERTIFICATE_SUBTITLE = 'ĐIỂN HÌNH TIÊN TIẾN';

const LANDSCAPE_HEIGHT = 595.28;
const LANDSCAPE_WIDTH = 841.89;
/** Room for the verification QR code, in points: pdfmake draws whole-point modules, so a version-5 code (37 modules) is 74 pt (26 mm). */
const QR_SIZE = 84;
const RED = '#9b1c1c';
const GOLD = '#b8902f';
/** Achievement sizes tried in turn until the page holds everything. */
const ACHIEVEMENT_SIZES = [15, 13.5, 12, 10.5, 9];

function frame(width: number, height: number): Content {
  const rect = (inset: number, lineWidth: number, lineColor: string) => ({
    type: 'rect' as const,
    x: inset,
    y: inset,
    w: width - 2 * inset,
    h: height - 2 * inset,
    lineWidth,
    lineColor,
  });
  return { canvas: [rect(18, 3, RED), rect(25, 1, GOLD)] };
}

export function certificateDefinition(input: CertificateData, achievementSize = ACHIEVEMENT_SIZES[0]): TDocumentDefinitions {
  const data = composedText(input);
  const issuer = [data.issuer.parentName, data.issuer.name].filter((s): s is string => Boolean(s)).map(upper);
  const content: Content[] = [
    { text: NATIONAL_TITLE, bold: true, fontSize: 13, alignment: 'center' },
    ruledText({ text: NATIONAL_MOTTO, bold: true, fontSize: 14, alignment: 'center' }),
    { stack: issuer.map((text) => ({ text, bold: true, fontSize: 13.5 })), alignment: 'center', margin: [0, 14, 0, 0] },
    { text: CERTIFICATE_TITLE, bold: true, fontSize: 34, color: RED, alignment: 'center', characterSpacing: 1.5, margin: [0, 20, 0, 0] },
    { text: CERTIFICATE_SUBTITLE, bold: true, fontSize: 22, color: RED, alignment: 'center', margin: [0, 0, 0, 16] },
    { text: data.recipientName, bold: true, fontSize: 28, alignment: 'center', margin: [0, 0, 0, 4] },
    { text: `${data.kindLabel} · ${data.unitName}`, italics: true, fontSize: 15, alignment: 'center', margin: [0, 0, 0, 12] },
    { text: [{ text: 'Đã có thành tích: ', bold: true }, data.achievement], fontSize: achievementSize, alignment: 'center', margin: [50, 0, 50, 10] },
    {
      text: `Được công nhận là điển hình tiên tiến theo Quyết định số ${data.decisionNumber} ${formatDateLongVi(data.decisionDate)}.`,
      fontSize: 14,
      alignment: 'center',
      margin: [0, 0, 0, 12],
    },
    {
      unbreakable: true,
      columns: [
        { width: '38%', text: '' },
        {
          width: '*',
          stack: [
            { text: placeAndDateVi(data.issuer.place, data.decisionDate), italics: true, fontSize: 13.5, alignment: 'center', margin: [0, 0, 0, 2] },
            signatureBlock(signerTitleLines(data.signerTitle), data.signerName, 60),
          ],
        },
      ],
    },
    // The serial sits in the bottom left corner of the frame, wherever the text ends.
    { text: `Số: ${data.serial}`, fontSize: 12, absolutePosition: { x: 62, y: LANDSCAPE_HEIGHT - 66 } },
    // The QR code of the public verification page, in the bottom right corner inside the frame, with its caption.
    ...(data.verificationUrl
      ? ([
          { qr: data.verificationUrl, fit: QR_SIZE, eccLevel: 'M', absolutePosition: { x: LANDSCAPE_WIDTH - 62 - QR_SIZE, y: LANDSCAPE_HEIGHT - 58 - QR_SIZE } },
          { text: 'Quét để xác minh', fontSize: 9, italics: true, absolutePosition: { x: LANDSCAPE_WIDTH - 62 - QR_SIZE + 4, y: LANDSCAPE_HEIGHT - 56 } },
        ] as Content[])
      : []),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [60, 42, 60, 44],
    defaultStyle: { font: DOCUMENT_FONT, fontSize: 14, lineHeight: 1.1 },
    background: (_page, size) => frame(size.width, size.height),
    content,
  };
}

export async function renderCertificate(renderer: PdfRenderer, data: CertificateData): Promise<RenderedPdf> {
  for (const size of ACHIEVEMENT_SIZES) {
    const rendered = await renderer.render(certificateDefinition(data, size), {
      title: `${CERTIFICATE_TITLE} ${CERTIFICATE_SUBTITLE} — ${data.recipientName}`,
      subject: `Số: ${data.serial}`,
      author: data.issuer.name,
      generatedAt: data.generatedAt,
      rehearsalDate: data.rehearsalDate,
      supersededStamp: data.supersededStamp,
    });
    if (rendered.pageCount === 1) return rendered;
  }
  throw new RangeError(`The certificate ${data.serial} does not fit on one page: its achievement text is too long`);
}

/**
 * Several certificates (those of one decision), one per page, each as it prints alone: a page each (a section of
 * the document), and a superseded one (a later decision corrected what it printed) with the stamp it carries when
 * downloaded alone — the box beside the national title and the mark across the page (a rehearsal's mark stays).
 */
export function certificatesDefinition(list: CertificateData[], sizes: number[]): TDocumentDefinitions {
  const pages = list.map((data, i) => certificateDefinition(data, sizes[i]));
  const content: Content[] = pages.map((page, i) => {
    const stamp = list[i]!.supersededStamp;
    if (!stamp) return { section: page.content as Content[] };
    const { box, watermark } = certificatePageStamp(stamp);
    return {
      section: page.content as Content[],
      background: (_page: number, size: { width: number; height: number }) => [frame(size.width, size.height), box],
      ...(list[i]!.rehearsalDate ? {} : { watermark }),
    };
  });
  return { ...pages[0]!, content };
}

/**
 * The certificates of a decision as one PDF to print in bulk, one landscape page each. Laid out at once at the
 * usual achievement size; only when that does not give one page each is each certificate fitted on its own first.
 */
export async function renderCertificates(renderer: PdfRenderer, list: CertificateData[], title: string): Promise<RenderedPdf> {
  if (list.length === 0) throw new RangeError('No certificate to print');
  const metadata = { title, author: list[0]!.issuer.name, generatedAt: list[0]!.generatedAt, rehearsalDate: list[0]!.rehearsalDate };
  const first = await renderer.render(certificatesDefinition(list, list.map(() => ACHIEVEMENT_SIZES[0]!)), metadata);
  if (first.pageCount === list.length) return first;
  const sizes: number[] = [];
  for (const data of list) {
    let fitted: number | undefined;
    for (const size of ACHIEVEMENT_SIZES) {
      if ((await renderer.render(certificateDefinition(data, size), metadata)).pageCount === 1) {
        fitted = size;
        break;
      }
    }
    if (fitted === undefined) throw new RangeError(`The certificate ${data.serial} does not fit on one page: its achievement text is too long`);
    sizes.push(fitted);
  }
  return renderer.render(certificatesDefinition(list, sizes), metadata);
}
