import { describe, expect, it } from '@jest/globals';
import { pdfInfo, pdfPages } from '../../../../test/support/pdf-text.js';
import { CERTIFICATE_SUBTITLE, CERTIFICATE_TITLE, renderCertificate } from './certificate.js';
import { sampleCertificate } from './document-samples.js';
import { PdfRenderer } from './pdf-renderer.js';

const renderer = new PdfRenderer();
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('certificate', () => {
  it('is one landscape page with the recipient, unit, achievement, decision, serial, place, date and signer', async () => {
    const { pdf, pageCount } = await renderCertificate(renderer, sampleCertificate());
    expect(pageCount).toBe(1);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const lines = pages[0].split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
      CERTIFICATE_TITLE,
      CERTIFICATE_SUBTITLE,
      'Nguyễn Thị Hường',
      'Cá nhân · Giáo viên Trường THCS Ngô Sĩ Liên, phường Bắc Giang',
      'Đã có thành tích: Có sáng kiến ứng dụng công nghệ số trong dạy học môn Ngữ văn, được áp dụng tại',
    ]);
    const text = flat(pages[0]);
    expect(text).toContain('góp phần vào phong trào "Đổi mới, sáng tạo trong dạy và học".');
    expect(text).toContain('Được công nhận là điển hình tiên tiến theo Quyết định số 125/QĐ-UBND ngày 18 tháng 12 năm 2025.');
    expect(text).toContain('Bắc Ninh, ngày 18 tháng 12 năm 2025 KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Mạnh');
    expect(text).toContain('Số: ĐHTT-2025-000123');
    expect(text).not.toContain('Trang');

    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({ pageCount: 1, Title: 'GIẤY CHỨNG NHẬN ĐIỂN HÌNH TIÊN TIẾN — Nguyễn Thị Hường', CreationDate: 'D:20251218022000Z' });
  });

  it('is landscape A4', async () => {
    const { pdf } = await renderCertificate(renderer, sampleCertificate());
    // The page's MediaBox, in points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89\d* 595\.2[78]\d*\]/);
  });

  it('sets a long achievement smaller so that it still fits on one page, whole', async () => {
    const achievement = Array.from({ length: 9 }, (_, i) => `Thành tích thứ ${i + 1}: dẫn đầu phong trào thi đua của ngành, được nhân rộng tại nhiều đơn vị trong tỉnh.`).join(' ');
    expect(achievement.length).toBeGreaterThan(800);
    const { pdf, pageCount } = await renderCertificate(renderer, { ...sampleCertificate(), achievement });
    expect(pageCount).toBe(1);
    const text = flat((await pdfPages(pdf)).join(' '));
    expect(text).toContain(achievement);
    expect(text).toContain('Nguyễn Văn Mạnh');
  });

  it('refuses an achievement too long for any certificate rather than cutting it', async () => {
    const achievement = 'Dẫn đầu phong trào thi đua yêu nước, được nhân rộng tại nhiều đơn vị trong tỉnh. '.repeat(60);
    await expect(renderCertificate(renderer, { ...sampleCertificate(), achievement })).rejects.toThrow(/does not fit on one page/);
  });

  it('prints a collective with its parent body', async () => {
    const { pdf } = await renderCertificate(renderer, {
      ...sampleCertificate(),
      issuer: { parentName: 'UBND TỈNH BẮC NINH', name: 'Hội đồng Thi đua - Khen thưởng', place: 'Bắc Ninh' },
      recipientName: 'Hợp tác xã Nông nghiệp Tân Yên',
      kindLabel: 'Tập thể',
      unitName: 'UBND xã Tân Yên',
      signerTitle: 'CHỦ TỊCH',
    });
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('UBND TỈNH BẮC NINH\nHỘI ĐỒNG THI ĐUA - KHEN THƯỞNG');
    expect(text).toContain('Hợp tác xã Nông nghiệp Tân Yên\nTập thể · UBND xã Tân Yên');
    expect(flat(text)).toContain('CHỦ TỊCH Nguyễn Văn Mạnh');
  });
});
