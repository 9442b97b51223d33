import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { pdfFonts, pdfInfo, pdfPages } from '../../../../test/support/pdf-text.js';
import { sampleCertificate, sampleCouncilMinutes, sampleRecognitionDecision } from './document-samples.js';
import { DocumentsModule } from './documents.module.js';
import { DocumentsService } from './documents.service.js';
import { DOCUMENT_FONT, PdfRenderer } from './pdf-renderer.js';
import { Clock } from '../common/clock.js';
import { loadConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';

const require = createRequire(import.meta.url);
const renderer = new PdfRenderer();
const realClock = () => new Clock(loadConfig({}));
const documents = new DocumentsService(renderer, realClock());
const GENERATED_AT = '2025-12-05T09:30:00.000Z';

/** Every Vietnamese letter: 12 vowels × 6 tones (each one precomposed code point), đ, in both cases. */
function vietnameseLetters(): string[] {
  const vowels = ['a', 'a\u0306', 'a\u0302', 'e', 'e\u0302', 'i', 'o', 'o\u0302', 'o\u031b', 'u', 'u\u031b', 'y'];
  const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const lower = vowels.flatMap((v) => tones.map((t) => (v + t).normalize('NFC'))).concat('đ');
  return [...lower, ...lower.map((l) => l.toUpperCase())];
}

const simple = (content: TDocumentDefinitions['content']): TDocumentDefinitions => ({ content, defaultStyle: { font: DOCUMENT_FONT, fontSize: 12 } });

describe('the embedded font', () => {
  const letters = vietnameseLetters();

  it('is a real glyph, not a fallback, for every Vietnamese letter in all four styles', () => {
    expect(letters).toHaveLength(146);
    for (const l of letters) expect([...l]).toHaveLength(1); // each letter is one precomposed code point
    // The layout engine pdfkit itself uses, asked about the very files the renderer embeds.
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { openSync(path: string): { hasGlyphForCodePoint(cp: number): boolean } };
    const folder = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
    for (const file of ['400Regular/Tinos_400Regular.ttf', '700Bold/Tinos_700Bold.ttf', '400Regular_Italic/Tinos_400Regular_Italic.ttf', '700Bold_Italic/Tinos_700Bold_Italic.ttf']) {
      const font = fontkit.openSync(join(folder, file));
      const missing = letters.filter((l) => !font.hasGlyphForCodePoint(l.codePointAt(0)!));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
  });

  it('gives back every letter exactly when the text is read from the PDF', async () => {
    const line = letters.join(' ');
    const { pdf } = await renderer.render(
      simple([
        { text: line },
        { text: line, bold: true },
        { text: line, italics: true },
        { text: line, bold: true, italics: true },
      ]),
      { title: 'Bảng chữ cái', generatedAt: GENERATED_AT },
    );
    const text = (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');
    expect(text).toBe([line, line, line, line].join(' '));
  });

  it('is embedded in each document as a TrueType subset of Tinos, in four styles, and no standard font is used', async () => {
    for (const pdf of [
      await documents.renderCouncilMinutes(sampleCouncilMinutes()),
      await documents.renderRecognitionDecision(sampleRecognitionDecision()),
      await documents.renderCertificate(sampleCertificate()),
    ]) {
      const fonts = await pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) {
        expect(f.name).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)$/);
        expect(f.embedded).toBe(true);
      }
      const raw = pdf.toString('latin1');
      expect(raw).toContain('/FontFile2');
      expect(raw).not.toMatch(/Helvetica|Times-Roman|Courier|\/Arial/);
    }
  });
});

describe('PdfRenderer', () => {
  it('gives the same bytes for the same input, and dates the PDF with generatedAt', async () => {
    const a = await documents.renderRecognitionDecision(sampleRecognitionDecision());
    const b = await documents.renderRecognitionDecision(sampleRecognitionDecision());
    expect(a.equals(b)).toBe(true);
    expect(await pdfInfo(a)).toMatchObject({ CreationDate: 'D:20251218021500Z', Title: 'QUYẾT ĐỊNH số 125/QĐ-UBND — Về việc công nhận điển hình tiên tiến năm 2025' });

    const later = await documents.renderRecognitionDecision({ ...sampleRecognitionDecision(), generatedAt: '2025-12-19T02:15:00.000Z' });
    expect(later.equals(a)).toBe(false);
    expect(await pdfInfo(later)).toMatchObject({ CreationDate: 'D:20251219021500Z' });
  });

  it('marks every page of every document while the rehearsal clock is on, and none when it is off', async () => {
    const clock = realClock();
    clock.applyRehearsal({ mode: 'FIXED_DATE', date: '2027-01-15' });
    const rehearsing = new DocumentsService(renderer, clock);
    for (const pdf of [
      await rehearsing.renderCouncilMinutes(sampleCouncilMinutes()),
      await rehearsing.renderRecognitionDecision(sampleRecognitionDecision()),
      await rehearsing.renderCertificate(sampleCertificate()),
    ]) {
      const pages = await pdfPages(pdf);
      for (const page of pages) expect(page.replace(/\s+/g, ' ')).toContain('BẢN DIỄN TẬP — ngày giả lập 15/01/2027 — không có giá trị pháp lý');
    }
    clock.applyRehearsal(null);
    const text = (await pdfPages(await rehearsing.renderRecognitionDecision(sampleRecognitionDecision()))).join(' ');
    expect(text).not.toContain('DIỄN TẬP');
  });

  it('counts the pages', async () => {
    const { pdf, pageCount } = await renderer.render(simple([{ text: 'một' }, { text: 'hai', pageBreak: 'before' }, { text: 'ba', pageBreak: 'before' }]), {
      title: 'Ba trang',
      generatedAt: GENERATED_AT,
    });
    expect(pageCount).toBe(3);
    expect(await pdfPages(pdf)).toEqual(['một', 'hai', 'ba']);
  });

  it('never fetches a URL or reads a local file named in a definition', async () => {
    const meta = { title: 'x', generatedAt: GENERATED_AT };
    await expect(renderer.render({ ...simple([{ image: 'logo' }]), images: { logo: 'https://example.invalid/logo.png' } }, meta)).rejects.toThrow(/access policy/);
    await expect(renderer.render({ ...simple([{ image: 'logo' }]), images: { logo: '/etc/hostname' } }, meta)).rejects.toThrow(/access policy/);
    await expect(renderer.render(simple([{ image: require.resolve('@expo-google-fonts/tinos/font-family.png') }]), meta)).rejects.toThrow(/access policy/);
  });

  it('refuses a generatedAt that is not a timestamp', async () => {
    await expect(renderer.render(simple(['x']), { title: 'x', generatedAt: 'hôm nay' })).rejects.toThrow(RangeError);
  });
});

describe('DocumentsModule', () => {
  // The clock (for the rehearsal mark) comes from the global ConfigModule, as in the application.
  it('gives other modules a DocumentsService that renders the three documents', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({})), DocumentsModule] }).compile();
    const documents = moduleRef.get(DocumentsService);
    for (const pdf of [
      await documents.renderCouncilMinutes(sampleCouncilMinutes()),
      await documents.renderRecognitionDecision(sampleRecognitionDecision()),
      await documents.renderCertificate(sampleCertificate()),
    ]) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    }
    await moduleRef.close();
  });
});
