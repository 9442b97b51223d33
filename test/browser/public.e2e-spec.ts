/**
 * The public side in Chromium, in Vietnamese, with no sign-in: on a phone (390 px) a citizen reads the notice of
 * the proposed exemplars and sends a comment (the page's script does the proof of work); the secretariat (1366 px)
 * accepts it in the notice panel, answers it and publishes the answer, which then shows on the public notice page;
 * after the final decision the exemplar is in the gallery, with its own page and its shared-card tags.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { later } from '../support/council.js';
import { SECRETARY, newCandidate } from '../support/factories.js';
import { ensureWebBuilt, launchChromium, samplePdf, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, shot, signIn } from './support/ui.js';

const NAME = 'Nguyễn Thị Thanh Xuân';
const COMMENT = 'Đề nghị Hội đồng làm rõ số học sinh giỏi cấp tỉnh năm 2024 mà hồ sơ nêu.';
const ANSWER = 'Số liệu đã được Sở Giáo dục và Đào tạo xác nhận: 12 học sinh giỏi cấp tỉnh.';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let app: ServedApp;
let browser: Browser;
let sessionId: string;
let candidateId: string;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp({ PUBLIC_PAGE_CACHE_SECONDS: '0' }), launchChromium()]);
  const t = app.test;
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  const candidate = await newCandidate(t, { state: 'publicNotice', name: NAME, kind: 'INDIVIDUAL', unitId: school!.id, field: 'EDUCATION_SCIENCE', year: 2025 });
  candidateId = candidate.id;
  const [item] = (await t.dataSource.query(`SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1`, [candidateId])) as { sessionId: string }[];
  sessionId = item!.sessionId;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

const noLayoutOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

describe('the public side in Chromium', () => {
  browserTest(() => browser, 'a citizen comments from a phone; the secretariat accepts, answers and publishes; the answer and, after the decision, the exemplar are public', 'cong-khai', async ({ page }) => {
    // A citizen, no sign-in, on a phone.
    await page.setViewportSize(PHONE);
    await page.goto(`${app.baseUrl}/cong-khai/thong-bao`);
    await page.getByRole('heading', { name: 'Lấy ý kiến nhân dân về danh sách đề nghị công nhận', level: 1 }).waitFor();
    await page.getByRole('heading', { name: NAME, level: 3 }).waitFor();
    await noLayoutOverflow(page);
    await shot(page, 'cong-khai-thong-bao-390');
    await page.getByRole('link', { name: `Góp ý về ${NAME}` }).click();
    await page.getByRole('heading', { name: `Góp ý, phản ánh về ${NAME}`, level: 1 }).waitFor();
    // Sent empty first: the server answers the form again with each message beside its field.
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.getByText('Chưa gửi được ý kiến.').waitFor();
    await expect(page.getByLabel('Họ và tên (bắt buộc)').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('#loi-name').getByText('Vui lòng nhập họ và tên.').waitFor();
    await page.getByLabel('Họ và tên (bắt buộc)').fill('Lê Văn Dân');
    await page.getByLabel('Số điện thoại hoặc thư điện tử (bắt buộc)').fill('0987 654 321');
    await page.getByLabel('Nội dung góp ý, phản ánh (bắt buộc)').fill(COMMENT);
    await page.getByLabel('Tệp đính kèm (không bắt buộc)').setInputFiles({ name: 'xac-nhan.pdf', mimeType: 'application/pdf', buffer: samplePdf('xac nhan') });
    await noLayoutOverflow(page);
    await shot(page, 'cong-khai-gop-y-390');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.getByRole('heading', { name: 'Đã nhận ý kiến của bạn', level: 1 }).waitFor({ timeout: 30_000 });

    // The secretariat, at 1366 px: the comment waits in the notice panel.
    await page.setViewportSize(DESKTOP);
    await signIn(page, app.baseUrl, SECRETARY);
    await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}`);
    const queue = page.getByTestId('public-comments');
    await queue.getByText(COMMENT).waitFor();
    await queue.getByText('0987 654 321').waitFor();
    await queue.getByRole('button', { name: 'Tiếp nhận ý kiến của Lê Văn Dân', exact: true }).click();
    await queue.getByText('đã tiếp nhận', { exact: true }).waitFor();
    const notice = page.getByTestId('notice');
    await notice.getByRole('button', { name: 'Trả lời ý kiến của Lê Văn Dân' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Trả lời').fill(ANSWER);
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await notice.getByRole('button', { name: 'Công bố trả lời ý kiến của Lê Văn Dân trên trang công khai' }).click();
    await notice.getByText(/^đã công bố /).waitFor();
    await notice.scrollIntoViewIfNeeded();
    await shot(page, 'cong-khai-kiem-duyet-1366');

    // The answer is public.
    await page.goto(`${app.baseUrl}/cong-khai/thong-bao`);
    await page.getByRole('heading', { name: 'Trả lời ý kiến' }).waitFor();
    await page.getByText(ANSWER).waitFor();
    await expect(page.getByText('0987 654 321').count()).resolves.toBe(0);
    await shot(page, 'cong-khai-tra-loi-1366');

    // The final decision, after the notice period: the exemplar is in the gallery.
    const finalised = await later(app.test, 30, () => app.test.as(SECRETARY).post(`/api/review-sessions/${sessionId}/finalise`));
    expect(finalised.status).toBe(200);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.baseUrl}/cong-khai/dien-hinh`);
    await page.getByLabel('Tìm theo tên (gõ có dấu hoặc không dấu)').fill('nguyen thi thanh xuan');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.getByRole('link', { name: NAME }).waitFor();
    await noLayoutOverflow(page);
    await shot(page, 'cong-khai-dien-hinh-390');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await expect(page.locator('meta[property="og:title"]').getAttribute('content')).resolves.toBe(NAME);
    await expect(page.locator('meta[property="og:url"]').getAttribute('content')).resolves.toBe(`${app.baseUrl}/cong-khai/dien-hinh/${candidateId}`);
    const image = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect((await page.request.get(image!)).headers()['content-type']).toBe('image/png');
    await noLayoutOverflow(page);
    await shot(page, 'cong-khai-dien-hinh-trang-390');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'cong-khai-dien-hinh-trang-1366');
  });
});
