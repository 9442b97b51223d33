import { describe, expect, it } from '@jest/globals';
import { pdfPages } from '../../../../test/support/pdf-text.js';
import type { DecisionRecipient, RecognitionDecisionData } from './document-data.js';
import { sampleRecognitionDecision } from './document-samples.js';
import { signerTitleLines } from './layout.js';
import { PdfRenderer } from './pdf-renderer.js';
import { countByKind, renderRecognitionDecision } from './recognition-decision.js';

const renderer = new PdfRenderer();
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function render(data: RecognitionDecisionData) {
  const { pdf, pageCount } = await renderRecognitionDecision(renderer, data);
  const pages = await pdfPages(pdf);
  return { pageCount, pages, text: pages.join('\n'), flatText: flat(pages.join('\n')) };
}

let rendered: ReturnType<typeof render> | undefined;
const sample = () => (rendered ??= render(sampleRecognitionDecision()));

describe('recognition decision', () => {
  it('has the header, the name, the subject, the authority and the legal bases', async () => {
    const { pages, flatText } = await sample();
    const lines = pages[0].split('\n');
    // The issuer and the national title share a baseline, so they come back as one line.
    expect(lines.slice(0, 2)).toEqual(['ỦY BAN NHÂN DÂN TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(lines[2]).toBe('Số: 125/QĐ-UBND Bắc Ninh, ngày 18 tháng 12 năm 2025');
    expect(lines.slice(3, 6)).toEqual(['QUYẾT ĐỊNH', 'Về việc công nhận điển hình tiên tiến năm 2025', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH']);
    // Justified lines widen only the spaces: a number such as 05/BB-HĐTĐKT stays in one piece.
    expect(flatText).toContain('Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh số 05/BB-HĐTĐKT ngày 05 tháng 12 năm 2025;');
    expect(flatText).toContain('Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;');
    expect(flatText).toContain('Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ');
    expect(flatText).toContain('Theo đề nghị của Giám đốc Sở Nội vụ.');
    expect(flatText).not.toContain('98/2023');
    expect(pages[0]).toMatch(/^QUYẾT ĐỊNH:$/m);
  });

  it('recognises the recipients in Điều 1 with their table, then Điều 2 and Điều 3', async () => {
    const { flatText } = await sample();
    expect(flatText).toContain('Điều 1. Công nhận điển hình tiên tiến đối với 2 tập thể và 1 cá nhân có thành tích tiêu biểu');
    expect(flatText).toContain('STT Tên điển hình Loại Đơn vị Lĩnh vực Thành tích');
    expect(flatText).toContain('1 Hợp tác xã Nông nghiệp Tân Yên Tập thể UBND xã Tân Yên Kinh tế Xây dựng chuỗi liên kết sản xuất lúa hữu cơ 120 ha');
    expect(flatText).toContain('3 Nguyễn Thị Hường Cá nhân Trường THCS Ngô Sĩ Liên Giáo dục, Khoa học công nghệ');
    expect(flatText.indexOf('Điều 1.')).toBeLessThan(flatText.indexOf('Điều 2.'));
    expect(flatText).toContain('Điều 3. Quyết định này có hiệu lực kể từ ngày ký.');
    expect(flatText).toContain('chịu trách nhiệm thi hành Quyết định này./.');
  });

  it('ends with "Nơi nhận" and the signer on the same page as the last article', async () => {
    const { pages, pageCount } = await sample();
    const last = pages[pageCount - 1];
    expect(last).toContain('Điều 3.');
    expect(last).toContain('Nơi nhận:\n- Như Điều 3;');
    expect(flat(last)).toContain('- Lưu: VT, NC.');
    expect(last).toContain('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Mạnh');
    pages.forEach((p, i) => expect(p).toContain(`Trang ${i + 1}/${pageCount}`));
    expect(flat(last)).toContain('Tạo lúc 09:15 ngày 18/12/2025 (giờ Việt Nam) · Tham chiếu nhật ký: decision:125-QĐ-UBND-2025 #3');
  });

  it('prints the issuer as the authority when none is given', async () => {
    const { pages } = await render({ ...sampleRecognitionDecision(), authority: undefined });
    expect(pages[0].split('\n')[5]).toBe('ỦY BAN NHÂN DÂN TỈNH BẮC NINH');
  });

  it('corrects an earlier decision', async () => {
    const { flatText } = await render({
      ...sampleRecognitionDecision(),
      number: '131/QĐ-UBND',
      subject: 'Về việc đính chính Quyết định số 125/QĐ-UBND',
      amends: { kind: 'CORRECTION', number: '125/QĐ-UBND', date: '2025-12-18', reasons: 'ghi sai tên đơn vị của điển hình số 3' },
    });
    expect(flatText).toContain(
      'Điều 1. Đính chính Quyết định số 125/QĐ-UBND ngày 18 tháng 12 năm 2025 (lý do: ghi sai tên đơn vị của điển hình số 3). Danh sách điển hình tiên tiến được công nhận sau khi đính chính gồm 2 tập thể và 1 cá nhân có tên sau đây:',
    );
    expect(flatText).toContain('Điều 2. Các nội dung khác của Quyết định số 125/QĐ-UBND ngày 18 tháng 12 năm 2025 giữ nguyên hiệu lực.');
    expect(flatText).toContain('Nguyễn Thị Hường');
  });

  it('revokes an earlier decision, for some recipients or as a whole', async () => {
    const base = sampleRecognitionDecision();
    const some = await render({
      ...base,
      recipients: [base.recipients[2]],
      amends: { kind: 'REVOCATION', number: '125/QĐ-UBND', date: '2025-12-18', reasons: 'thành tích đã được công nhận năm 2023' },
    });
    expect(some.flatText).toContain('Điều 1. Thu hồi Quyết định số 125/QĐ-UBND ngày 18 tháng 12 năm 2025 đối với 1 cá nhân có tên sau đây (lý do: thành tích đã được công nhận năm 2023):');
    expect(some.flatText).toContain('1 Nguyễn Thị Hường Cá nhân');
    expect(some.flatText).toContain('không còn được công nhận là điển hình tiên tiến theo Quyết định số 125/QĐ-UBND');

    const whole = await render({ ...base, recipients: [], amends: { kind: 'REVOCATION', number: '125/QĐ-UBND', date: '2025-12-18', reasons: 'ban hành sai thẩm quyền' } });
    expect(whole.flatText).toContain('Điều 1. Thu hồi Quyết định số 125/QĐ-UBND ngày 18 tháng 12 năm 2025 (lý do: ban hành sai thẩm quyền).');
    expect(whole.flatText).not.toContain('Tên điển hình');
  });

  it('refuses a recognition that names no one', async () => {
    await expect(renderRecognitionDecision(renderer, { ...sampleRecognitionDecision(), recipients: [] })).rejects.toThrow(RangeError);
  });

  it('runs a long list of recipients over several pages with the table header on each', async () => {
    const base = sampleRecognitionDecision();
    const recipients: DecisionRecipient[] = Array.from({ length: 45 }, (_, i) => ({ ...base.recipients[i % 3], name: `${base.recipients[i % 3].name} (${i + 1})` }));
    const { pages, pageCount, flatText } = await render({ ...base, recipients });
    expect(pageCount).toBeGreaterThanOrEqual(3);
    const tablePages = pages.filter((p) => /\(\d+\)$/m.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const p of tablePages) expect(p).toContain('STT Tên điển hình Loại Đơn vị Lĩnh vực Thành tích');
    for (let i = 1; i <= 45; i++) expect(flatText).toContain(`(${i})`);
    expect(flatText).toContain('đối với 30 tập thể và 15 cá nhân');
  });
});

describe('helpers', () => {
  it('counts recipients by kind in the order the kinds appear', () => {
    const r = (kindLabel: string) => ({ name: 'x', kindLabel, unitName: 'u', fieldLabel: 'f', achievement: 'a' });
    expect(countByKind([r('Tập thể'), r('Cá nhân'), r('Tập thể')])).toBe('2 tập thể và 1 cá nhân');
    expect(countByKind([r('Cá nhân')])).toBe('1 cá nhân');
    expect(countByKind([r('Hộ gia đình'), r('Tập thể'), r('Cá nhân')])).toBe('1 hộ gia đình, 1 tập thể và 1 cá nhân');
    expect(countByKind([])).toBe('');
  });

  it('splits a signing title into its lines', () => {
    expect(signerTitleLines('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH')).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(signerTitleLines('KT. CHỦ TỊCH / PHÓ CHỦ TỊCH')).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    expect(signerTitleLines('CHỦ TỊCH')).toEqual(['CHỦ TỊCH']);
  });
});
