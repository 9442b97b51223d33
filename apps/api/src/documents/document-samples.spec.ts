/**
 * Renders the sample documents and checks their shape. With DOCUMENT_SAMPLES_DIR set (scripts/sample-documents.sh
 * does it) it also writes them there as PDF files for people to look at.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPages } from '../../../../test/support/pdf-text.js';
import { renderCertificate } from './certificate.js';
import { renderCouncilMinutes } from './council-minutes-layout.js';
import { sampleCertificate, sampleCouncilMinutes, sampleRecognitionDecision } from './document-samples.js';
import { PdfRenderer } from './pdf-renderer.js';
import { renderRecognitionDecision } from './recognition-decision.js';

const renderer = new PdfRenderer();
const outDir = process.env.DOCUMENT_SAMPLES_DIR;

function keep(name: string, pdf: Buffer): void {
  if (!outDir) return;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, name), pdf);
}

describe('sample documents', () => {
  it('minutes of the six-candidate session', async () => {
    const { pdf, pageCount } = await renderCouncilMinutes(renderer, sampleCouncilMinutes());
    keep('bien-ban-hop-hoi-dong.pdf', pdf);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(pageCount);
    expect(pages[pageCount - 1]).toContain('CHỦ TỌA');
  });

  it('recognition decision', async () => {
    const { pdf, pageCount } = await renderRecognitionDecision(renderer, sampleRecognitionDecision());
    keep('quyet-dinh-cong-nhan.pdf', pdf);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(pageCount);
    expect(pages.join('\n')).toContain('Nơi nhận:');
  });

  it('certificate', async () => {
    const { pdf, pageCount } = await renderCertificate(renderer, sampleCertificate());
    keep('giay-chung-nhan.pdf', pdf);
    expect(pageCount).toBe(1);
    expect(await pdfPages(pdf)).toHaveLength(1);
  });
});
