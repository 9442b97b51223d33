/**
 * The stamp on a superseded certificate, as rendered: the box is as wide as the layout says (200 pt from the outer
 * edge of one line to the other, its text wrapped inside), and a decision's certificates printed in bulk carry it on
 * the pages of the superseded certificates only. The pages are rasterised by Poppler's pdftoppm (72 dpi: one pixel
 * per point) and the box measured in red pixels.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPages } from '../../../../test/support/pdf-text.js';
import { renderCertificate, renderCertificates } from './certificate.js';
import type { CertificateData } from './document-data.js';
import { sampleCertificate } from './document-samples.js';
import { PdfRenderer } from './pdf-renderer.js';
import { CERTIFICATE_STAMP_WIDTH, type SupersededStamp } from './superseded-stamp.js';

const renderer = new PdfRenderer();
const of = { decisionId: '00000000-0000-4000-8000-000000000001', candidateId: '00000000-0000-4000-8000-000000000002' };
const CORRECTED: SupersededStamp = { mark: 'ĐÃ ĐÍNH CHÍNH', of, lines: ['ĐÃ ĐÍNH CHÍNH theo Quyết định số 3/QĐ-UBND ngày 10/02/2026'] };
const REVOKED: SupersededStamp = {
  mark: 'ĐÃ THU HỒI',
  of,
  lines: ['ĐÃ THU HỒI MỘT PHẦN theo Quyết định số 1234/QĐ-UBND ngày 10/02/2026', 'ĐÃ ĐÍNH CHÍNH theo Quyết định số 3/QĐ-UBND ngày 01/02/2026'],
};

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Red pixels right of the box, beside it (text running out of it). */
  outside: number;
}

/** The stamp box of page `page` (1-based): its top line is the longest red run near y = 36 pt, its left line runs down from there. */
function stampBoxOf(pdf: Buffer, page: number): Box | null {
  const dir = mkdtempSync(join(tmpdir(), 'stamp-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', join(dir, 'in.pdf'), join(dir, 'page')]);
    const ppm = readFileSync(join(dir, 'page.ppm'));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
    const [width, height, start] = [Number(header[1]), Number(header[2]), header[0].length];
    const red = (x: number, y: number) => {
      const o = start + 3 * (y * width + x);
      return ppm[o]! > 140 && ppm[o + 1]! < 90 && ppm[o + 2]! < 100;
    };
    let best: { y: number; from: number; to: number } | null = null;
    for (let y = 30; y < 45; y++) {
      for (let x = 30; x < width / 2; ) {
        if (!red(x, y)) {
          x++;
          continue;
        }
        const from = x;
        while (x < width && red(x, y)) x++;
        if (x - from > 20 && (!best || x - from > best.to - best.from + 1)) best = { y, from, to: x - 1 };
      }
    }
    if (!best) return null;
    let bottom = best.y;
    while (bottom + 1 < height && red(best.from, bottom + 1)) bottom++;
    let outside = 0;
    for (let y = best.y; y <= bottom; y++) for (let x = best.to + 3; x < best.to + 40; x++) if (red(x, y)) outside++;
    return { left: best.from, right: best.to, top: best.y, bottom, outside };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the stamp of a superseded certificate', () => {
  it.each([
    ['one line', CORRECTED],
    ['two longer lines', REVOKED],
  ])('is a box %s, 200 pt wide outside edge to outside edge, its text wrapped inside', async (_, stamp) => {
    const { pdf } = await renderCertificate(renderer, { ...sampleCertificate(), supersededStamp: stamp });
    const box = stampBoxOf(pdf, 1)!;
    expect(box.left).toBe(40);
    // One pixel per point; the antialiased outer edges may add a pixel.
    expect(box.right - box.left + 1).toBeGreaterThanOrEqual(CERTIFICATE_STAMP_WIDTH);
    expect(box.right - box.left + 1).toBeLessThanOrEqual(CERTIFICATE_STAMP_WIDTH + 1);
    expect(box.outside).toBe(0);
    // Each line wraps to two lines of 11 pt inside the box.
    expect(box.bottom - box.top).toBeGreaterThan(stamp.lines.length * 2 * 11);
    const text = (await pdfPages(pdf))[0]!.replace(/\s+/g, ' ');
    for (const line of stamp.lines) expect(text).toContain(line);
  });
});

describe('a decision’s certificates printed in bulk', () => {
  it('stamp the superseded certificates’ pages as each prints alone, and only those', async () => {
    const base = sampleCertificate();
    const list: CertificateData[] = [
      { ...base, recipientName: 'Hợp tác xã Nông nghiệp Tân Yên', serial: 'ĐHTT-2025-000121' },
      { ...base, recipientName: 'Nguyễn Thị Hường', serial: 'ĐHTT-2025-000122', supersededStamp: CORRECTED },
      { ...base, recipientName: 'Trường THPT Ngô Sĩ Liên', serial: 'ĐHTT-2025-000123' },
    ];
    const { pdf, pageCount } = await renderCertificates(renderer, list, 'Giấy chứng nhận — Quyết định số 125/QĐ-UBND');
    expect(pageCount).toBe(3);
    const pages = (await pdfPages(pdf)).map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(3);
    expect(pages[1]).toContain('Nguyễn Thị Hường');
    expect(pages[1]).toContain(CORRECTED.lines[0]);
    for (const i of [0, 2]) expect(pages[i]).not.toContain('ĐÃ ĐÍNH CHÍNH');
    const box = stampBoxOf(pdf, 2)!;
    expect(box.right - box.left + 1).toBeGreaterThanOrEqual(CERTIFICATE_STAMP_WIDTH);
    expect(box.right - box.left + 1).toBeLessThanOrEqual(CERTIFICATE_STAMP_WIDTH + 1);
    expect(stampBoxOf(pdf, 1)).toBeNull();
    expect(stampBoxOf(pdf, 3)).toBeNull();
    // The page alone and the page in bulk say the same.
    const alone = (await pdfPages((await renderCertificate(renderer, list[1]!)).pdf))[0]!.replace(/\s+/g, ' ');
    expect(pages[1]).toBe(alone);
  });
});
