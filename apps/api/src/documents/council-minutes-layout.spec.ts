import { describe, expect, it } from '@jest/globals';
import { pdfPages, pdfText } from '../../../../test/support/pdf-text.js';
import { MINUTES_TITLE, renderCouncilMinutes } from './council-minutes-layout.js';
import type { CouncilMinutesData } from './document-data.js';
import { sampleCouncilMinutes } from './document-samples.js';
import { PdfRenderer } from './pdf-renderer.js';

const renderer = new PdfRenderer();
/** Text with every run of white space (line ends included) as one space: wrapped lines read as one. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function render(data: CouncilMinutesData) {
  const { pdf, pageCount } = await renderCouncilMinutes(renderer, data);
  const pages = await pdfPages(pdf);
  // The body as one text: each page's footer (its last two lines, "Trang i/n" and the audit reference) left out,
  // so that a sentence running over a page break reads whole.
  const body = pages.map((p) => p.replace(/\n?Trang \d+\/\d+[^]*$/, '')).join('\n');
  return { pdf, pageCount, pages, text: pages.join('\n'), flatText: flat(pages.join('\n')), bodyText: flat(body) };
}

/** The six-candidate sample, rendered once for the tests that only read it. */
let rendered: ReturnType<typeof render> | undefined;
const sample = () => (rendered ??= render(sampleCouncilMinutes()));

describe('council minutes', () => {
  it('has the Decree 30 header, the title, the time and place', async () => {
    const { pages, text } = await sample();
    const lines = pages[0].split('\n');
    expect(lines.slice(0, 4)).toEqual(['UBND TỈNH BẮC NINH', 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(lines[4]).toBe('Số: 05/BB-HĐTĐKT Bắc Ninh, ngày 05 tháng 12 năm 2025');
    expect(lines[5]).toBe(MINUTES_TITLE);
    expect(lines[6]).toBe('Xét công nhận điển hình tiên tiến, tổng kết năm 2025');
    expect(text).toContain('Thời gian: ngày 05 tháng 12 năm 2025.');
    expect(flat(text)).toContain('Địa điểm: Phòng họp số 2, trụ sở UBND tỉnh Bắc Ninh');
  });

  it('states the rules the session applied', async () => {
    const { flatText } = await sample();
    expect(flatText).toContain('ít nhất 2/3 số thành viên được biểu quyết tham gia');
    expect(flatText).toContain('Tỷ lệ công nhận: có ít nhất 70% tổng số thành viên được biểu quyết tán thành.');
    expect(flatText).toContain('Hình thức biểu quyết: Bỏ phiếu kín.');
    expect(flatText).toContain('Bộ tiêu chí áp dụng: Bộ tiêu chí điển hình tiên tiến, phiên bản 1 (áp dụng từ 01/01/2025).');
    expect(flatText).toContain('trước khi quyết định: 10 ngày làm việc.');
  });

  it('lists the members with their attendance and counts those present', async () => {
    const { text } = await sample();
    expect(text).toContain('1 Nguyễn Văn Phương UBND tỉnh Bắc Ninh x');
    expect(text).toContain('Số thành viên có mặt: 8/10; có ý kiến bằng văn bản: 1; vắng: 1.');
    expect(text).toContain('Chủ tọa: Nguyễn Văn Phương. Thư ký: Đặng Thị Thu Hà.');
  });

  it("shows each candidate's vote, quorum, threshold and outcome", async () => {
    const { text } = await sample();
    // The name cell (name, kind · unit, field) then the figures of the row.
    expect(flat(text)).toContain(
      'Hợp tác xã Nông nghiệp Tân Yên Tập thể · UBND xã Tân Yên Lĩnh vực: Kinh tế 8 8 7 1 0 Đạt Đạt Đề nghị công nhận điển hình tiên tiến',
    );
    expect(flat(text)).toContain('Nguyễn Thị Hường Cá nhân · Trường THCS Ngô Sĩ Liên Lĩnh vực: Giáo dục, Khoa học công nghệ 9 9 9 0 0 Đạt Đạt');
    expect(flat(text)).toContain('8 7 5 1 1 Đạt Không đạt Trả lại để tiếp tục bồi dưỡng');
    expect(flat(text)).toContain('8 5 5 0 0 Không đạt Không đạt Chưa quyết định');
  });

  it("summarises each candidate's criteria and gives its shortcomings or reasons", async () => {
    const { flatText } = await sample();
    expect(flatText).toContain('3. Hộ ông Trần Văn Minh (Hộ gia đình · UBND xã Tân Thịnh) — Trả lại để tiếp tục bồi dưỡng');
    expect(flatText).toContain('Có tinh thần tương thân tương ái, giúp đỡ mọi người cùng tiến bộ; tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác 1 1');
    expect(flatText).toContain('Hạn chế, thiếu sót cần khắc phục: - Mô hình trồng vải thiều theo tiêu chuẩn VietGAP');
    expect(flatText).toContain('Lý do không công nhận: - Sáng kiến cải tiến kỹ thuật đã được công nhận');
    expect(flatText).toContain('Lý do chưa quyết định: - Không đủ số thành viên tham gia biểu quyết: 5/8, cần ít nhất 2/3.');
  });

  it('concludes with the counts and the two signatures on the last page, with the footer on every page', async () => {
    const { pages, pageCount, bodyText } = await sample();
    expect(bodyText).toContain(
      'Hội đồng đã xem xét 6 hồ sơ điển hình tiên tiến. Kết quả: đề nghị công nhận điển hình tiên tiến: 3; trả lại để tiếp tục bồi dưỡng: 1; không công nhận: 1; chưa đủ điều kiện để quyết định: 1.',
    );
    const last = pages[pageCount - 1];
    expect(last).toContain('THƯ KÝ\nĐặng Thị Thu Hà');
    expect(last).toContain('CHỦ TỌA\nNguyễn Văn Phương');
    pages.forEach((page, i) => {
      expect(page).toContain(`Trang ${i + 1}/${pageCount}`);
      expect(flat(page)).toContain('Tạo lúc 16:30 ngày 05/12/2025 (giờ Việt Nam) · Tham chiếu nhật ký: review-session:7f3c2a9e-41d2-4b8f-9e0a-6c5d4b3a2f10 #42');
      expect(page.replace(/\s/g, '')).toContain('9c1e5b7a3d2f4e6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a');
    });
  });

  it('paginates 60 candidates cleanly: numbered pages, table headers repeated, nothing lost', async () => {
    const data = sampleCouncilMinutes(60);
    const { pages, pageCount } = await render(data);
    expect(pageCount).toBeGreaterThan(10);
    expect(pages).toHaveLength(pageCount);
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pageCount}`));

    // The results table's header row starts every page the table runs onto.
    const resultPages = pages.filter((p) => /Lĩnh vực: /.test(p));
    expect(resultPages.length).toBeGreaterThan(2);
    for (const p of resultPages) expect(p).toMatch(/^STT Điển hình đề nghị/m);

    // Every candidate appears twice (results table, criteria summary), in order, and no row is cut.
    const all = flat(pages.join('\n'));
    data.candidates.forEach((c, i) => {
      const name = flat(c.name);
      expect(all.split(name).length - 1).toBeGreaterThanOrEqual(2);
      expect(all).toContain(`${i + 1}. ${name} (${c.kindLabel} · ${c.unitName})`);
    });
    expect(all).toContain('Hội đồng đã xem xét 60 hồ sơ');
    expect(pages[pageCount - 1]).toContain('CHỦ TỌA');
    // A heading never ends a page.
    for (const p of pages) expect(p.split('\n').filter((l) => !/^(Trang|Tạo lúc|[0-9a-f]{20,})/.test(l)).pop()).not.toMatch(/^[IV]+\. /);
  });

  it('never leaves a section heading alone at the foot of a page, also when the table after it moves to the next page', async () => {
    // Candidate and member counts that put "V. TỔNG HỢP ĐÁNH GIÁ TIÊU CHÍ" at the foot of page 2 before the fix.
    for (const [candidates, extraMembers] of [
      [9, 0],
      [7, 4],
      [6, 8],
      [5, 12],
    ] as const) {
      const data = sampleCouncilMinutes(candidates);
      for (let k = 0; k < extraMembers; k++) data.members.push({ ...data.members[0]!, displayName: `Thành viên bổ sung ${k + 1}` });
      const { pages } = await render(data);
      pages.forEach((page, i) => {
        const body = page.split('\n').filter((l) => l.trim() && !/^(Trang|Tạo lúc|[0-9a-f]{16,})/.test(l.trim()));
        expect({ candidates, extraMembers, page: i + 1, last: body[body.length - 1] }).not.toEqual(expect.objectContaining({ last: expect.stringMatching(/^[IV]+\. /) }));
      });
      expect(pages.join('\n')).toContain('V. TỔNG HỢP ĐÁNH GIÁ TIÊU CHÍ');
    }
  }, 240_000);

  it('writes numbers with Vietnamese separators', async () => {
    const data = sampleCouncilMinutes(1);
    data.candidates[0] = { ...data.candidates[0], eligibleMembers: 10984, participants: 10500, inFavour: 9876, against: 600, abstain: 24 };
    const { text } = await render(data);
    expect(flat(text)).toContain('10.984 10.500 9.876 600 24 Đạt Đạt');
  });

  it('copes with an unnumbered session without venue, and with no candidates', async () => {
    const data: CouncilMinutesData = { ...sampleCouncilMinutes(), number: '', venue: undefined, candidates: [] };
    const { text, flatText } = await render(data);
    expect(text).toMatch(/^Số: +\/ Bắc Ninh, ngày 05 tháng 12 năm 2025$/m);
    expect(text).not.toContain('Địa điểm');
    expect(text).not.toContain('undefined');
    expect(flatText).toContain('Phiên họp không có hồ sơ nào được đưa ra xem xét.');
  });

  it('reads the same however the text was typed (composed or decomposed)', async () => {
    const composed = sampleCouncilMinutes();
    const decomposed: CouncilMinutesData = JSON.parse(JSON.stringify(composed).normalize('NFD'));
    expect(JSON.stringify(decomposed)).not.toBe(JSON.stringify(composed));
    const a = await renderCouncilMinutes(renderer, composed);
    const b = await renderCouncilMinutes(renderer, decomposed);
    expect(a.pdf.equals(b.pdf)).toBe(true);
    expect(await pdfText(b.pdf)).toContain('Nguyễn Thị Hường');
  });

  it('gives the same text and the same bytes for the same data', async () => {
    const a = await renderCouncilMinutes(renderer, sampleCouncilMinutes());
    const b = await renderCouncilMinutes(renderer, sampleCouncilMinutes());
    expect(await pdfText(a.pdf)).toBe(await pdfText(b.pdf));
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
