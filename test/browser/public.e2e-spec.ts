/**
 * The public side in Chromium, in Vietnamese, with no sign-in (issue 19's "done when"): on a phone (390 px) a
 * citizen reads the notice of the proposed exemplars and sends a comment (the page's script does the proof of
 * work); the secretariat is told in the app (the bell's unread count, the notification centre, whose entry leads to
 * the session) and by mail, delivered to a real SMTP server started here and read back; at 1366 px it accepts the
 * comment in the notice panel, answers it and publishes the answer, which then shows on the public notice page;
 * after the final decision and the decision's issue the exemplar is in the gallery, with its own page whose shared
 * link renders a card (OpenGraph and Twitter tags in the server's HTML, the card image served).
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { later } from '../support/council.js';
import { ADMIN, SECRETARY, newCandidate } from '../support/factories.js';
import { startSmtp, until } from '../support/smtp.js';
import { ensureWebBuilt, launchChromium, samplePdf, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, shot, signIn } from './support/ui.js';
import { issueDecision } from '../support/decisions.js';

const NAME = 'Nguyễn Thị Thanh Xuân';
const COMMENT = 'Đề nghị Hội đồng làm rõ số học sinh giỏi cấp tỉnh năm 2024 mà hồ sơ nêu.';
const ANSWER = 'Số liệu đã được Sở Giáo dục và Đào tạo xác nhận: 12 học sinh giỏi cấp tỉnh.';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const APP_URL = 'https://dhtt.bacninh.gov.vn';
const SECRETARY_MAIL = 'thuongtruc@bacninh.gov.vn';

let app: ServedApp;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sessionId: string;
let candidateId: string;

beforeAll(async () => {
  await ensureWebBuilt();
  smtp = await startSmtp();
  [app, browser] = await Promise.all([
    startServedApp({ SMTP_URL: smtp.url, MAIL_DELIVERY: 'true', MAIL_POLL_SECONDS: '1', APP_URL }),
    launchChromium(),
  ]);
  const t = app.test;
  // The secretariat's address for notifications, set by the administrator (as on the accounts screen).
  const [secretary] = (await t.dataSource.query(`SELECT id FROM account WHERE username = $1`, [SECRETARY])) as { id: string }[];
  expect((await t.as(ADMIN).post(`/api/accounts/${secretary!.id}/email`).send({ email: SECRETARY_MAIL })).status).toBe(200);
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  const candidate = await newCandidate(t, { state: 'publicNotice', name: NAME, kind: 'INDIVIDUAL', unitId: school!.id, field: 'EDUCATION_SCIENCE', year: 2025 });
  candidateId = candidate.id;
  const [item] = (await t.dataSource.query(`SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1`, [candidateId])) as { sessionId: string }[];
  sessionId = item!.sessionId;
  // What the secretariat was told so far (the notice started) is read: the bell then counts what the citizen sends.
  expect((await t.as(SECRETARY).post('/api/notifications/read').send({ all: true })).status).toBe(200);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
  await smtp?.close();
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

    // The secretariat, at 1366 px: the bell counts the comment, the centre lists it and leads to the session.
    await page.setViewportSize(DESKTOP);
    await signIn(page, app.baseUrl, SECRETARY);
    const bell = page.getByTestId('notification-bell');
    await page.waitForFunction(() => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') === 'Thông báo: 1 chưa đọc');
    await bell.click();
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    const told = page.getByTestId('notification').filter({ hasText: 'Lê Văn Dân gửi ý kiến' });
    await told.getByText(`Lê Văn Dân gửi ý kiến về ${NAME} trong thời gian niêm yết; ý kiến chờ kiểm duyệt trước khi trả lời.`).waitFor();
    await shot(page, 'cong-khai-thong-bao-thuong-truc-1366', { fullPage: false });
    await told.getByRole('link', { name: /^Ý kiến của nhân dân: / }).click();
    await page.waitForURL(`${app.baseUrl}/hoi-dong/${sessionId}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') === 'Thông báo: 0 chưa đọc');

    // And by mail, to the SMTP server of this test: Vietnamese, with a plain-text part and the link to act.
    const mail = await until('the public comment mail', () => smtp.received.find((r) => r.to === SECRETARY_MAIL && r.mail.subject?.includes('Ý kiến của nhân dân')));
    expect(mail.mail.subject).toMatch(/^\[Điển hình tiên tiến\] Ý kiến của nhân dân: /);
    expect(mail.mail.text).toContain(`Lê Văn Dân gửi ý kiến về ${NAME} trong thời gian niêm yết`);
    expect(mail.mail.text).toContain(`${APP_URL}/hoi-dong/${sessionId}`);
    expect(mail.mail.html).toContain('Ý kiến của nhân dân');
    expect(smtp.received.filter((r) => r.outboxId === mail.outboxId)).toHaveLength(1);

    // The comment waits in the notice panel.
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
    const issued = await later(app.test, 31, () =>
      issueDecision(app.test, { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh', sessionId }),
    );
    expect(issued.status).toBe(201);
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
    await page.getByText(`Quyết định số ${issued.body.number}`).first().waitFor();
    await expect(page.locator('meta[property="og:url"]').getAttribute('content')).resolves.toBe(`${app.baseUrl}/cong-khai/dien-hinh/${candidateId}`);
    // The card a link shared on Zalo or Facebook shows comes from the server's HTML (their crawlers run no script).
    const html = await (await page.request.get(`${app.baseUrl}/cong-khai/dien-hinh/${candidateId}`)).text();
    const tag = (attr: string, name: string) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`).exec(html)?.[1];
    expect(tag('property', 'og:title')).toBe(NAME);
    expect(tag('property', 'og:type')).toBe('profile');
    expect(tag('property', 'og:description')).toMatch(/^Điển hình tiên tiến của Trường THPT Ngô Sĩ Liên \(2025\): /);
    expect(tag('name', 'twitter:card')).toBe('summary_large_image');
    expect(tag('name', 'twitter:title')).toBe(NAME);
    const image = tag('property', 'og:image');
    expect(tag('name', 'twitter:image')).toBe(image);
    const card = await page.request.get(image!);
    expect(card.status()).toBe(200);
    expect(card.headers()['content-type']).toBe('image/png');
    await noLayoutOverflow(page);
    await shot(page, 'cong-khai-dien-hinh-trang-390');
    await page.setViewportSize(DESKTOP);
    await shot(page, 'cong-khai-dien-hinh-trang-1366');
  });
});
