/**
 * The review session screen guides the order of its steps, and the council member reads the evidence beside the
 * checklist, in a browser, on the demo province:
 * - the secretariat's page names people and the rule set in words (no login, no code) and offers the vote only once
 *   every candidate has its reviewers' checklists; once voting is open the assignment controls are gone;
 * - the member reads the PDF and the picture inside the page (served inline, with their own policy), with the
 *   nurturing plan and the check-ins; submitting the checklist asks first, since it locks;
 * - the secret ballot's receipt is Crockford base32 in groups, printable and downloadable; a mistyped receipt is
 *   said to be probably mistyped, a receipt typed loosely (lower case, no hyphens, O for 0) is found;
 * - during the public notice the final decision is not offered, and "every comment answered" is not said of none.
 * Screenshots at 1366 px of each.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureWebBuilt, launchChromium, screenshotPath, startServedApp, type ServedApp } from './support/browser.js';
import { findInternalCodes } from './support/internal-codes.js';
import { browserTest, shot, signIn, signOut } from './support/ui.js';
import { submitMissingChecklists } from './support/checklists.js';
import { decideThroughCouncil } from '../support/council.js';
import { UNIT_HEAD, newCandidate, sendEvent, uploadEvidence } from '../support/factories.js';

const SESSION_2026 = 'Tổng kết năm 2026';
const CANDIDATE = 'Hợp tác xã Chè Xanh Lục Ngạn';
const PDF_NAME = 'Báo cáo thành tích HTX.pdf';
const PNG_NAME = 'Ảnh mô hình sản xuất.png';

/** A small real PNG (a green rectangle with a darker band), so that the page can show it. */
function png(width = 120, height = 80): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(y > height / 3 && y < (2 * height) / 3 ? [20, 110, 40] : [90, 190, 100], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF the browser's viewer can render (a title in Helvetica), with a correct cross-reference table. */
function pdf(title: string): Buffer {
  const stream = `BT /F1 20 Tf 72 760 Td (${title}) Tj ET BT /F1 12 Tf 72 730 Td (Bao cao thanh tich, 2026) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

let app: ServedApp;
let browser: Browser;
let sessionId: string;
let itemId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const t = app.test;
  for (const username of ['uyvien1', 'uyvien2', 'uyvien3', 'thuongtruc']) ids[username] = (await (await t.signIn(username, DEMO_PASSWORD)).get('/api/auth/me')).body.id as string;
  // A candidate of the education department with a PDF and a picture, a plan and a check-in, proposed for review.
  const me = await t.as(UNIT_HEAD).get('/api/auth/me');
  const candidate = await newCandidate(t, { name: CANDIDATE, unitId: me.body.unitId as string, state: 'nurturing' });
  expect((await sendEvent(t, candidate.id, 'RECORD_CHECK_IN', { date: '2026-10-12', strengths: 'Chuỗi liên kết chè sạch với 40 hộ', shortcomings: 'Chưa có nhãn hiệu tập thể' })).status).toBe(200);
  expect((await uploadEvidence(t, candidate.id, PDF_NAME, pdf('HTX Che Xanh Luc Ngan'))).status).toBe(201);
  expect((await t.as(UNIT_HEAD).post(`/api/candidates/${candidate.id}/evidence`).attach('file', png(), { filename: PNG_NAME, contentType: 'image/png' })).status).toBe(201);
  expect((await sendEvent(t, candidate.id, 'PROPOSE_FOR_REVIEW')).status).toBe(200);
  // Into the demo's 2026 session (preparing), reviewed by uyvien1.
  const secretary = t.as('thuongtruc');
  const sessions = (await secretary.get('/api/review-sessions')).body as { id: string; title: string }[];
  sessionId = sessions.find((s) => s.title === SESSION_2026)!.id;
  const added = await secretary.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id });
  expect(added.status).toBe(201);
  itemId = added.body.itemId as string;
  expect((await secretary.post(`/api/review-sessions/${sessionId}/items/${itemId}/assignments`).send({ reviewerIds: [ids.uyvien1] })).status).toBe(200);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

const sessionUrl = () => `${app.baseUrl}/hoi-dong/${sessionId}`;

async function openSession(page: Page) {
  await page.goto(sessionUrl());
  await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
  await page.locator(`[data-candidate="${CANDIDATE}"]`).waitFor();
}

describe('the review session screen', () => {
  browserTest(() => browser, 'the secretariat: names and the rule set in words; the vote waits for the checklists', 'phien-thu-ky', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openSession(page);
    const main = page.locator('main#main');
    // Who opened the session: the secretary's full name, never the login.
    const opened = await app.test.as('thuongtruc').get(`/api/review-sessions/${sessionId}`);
    const secretaryName = opened.body.people[opened.body.openedBy] as string;
    expect(secretaryName).not.toBe('thuongtruc');
    await main.getByText(secretaryName, { exact: false }).first().waitFor();
    expect(findInternalCodes(await main.innerText())).toEqual([]);

    // The vote cannot open yet: what is missing, by candidate and by reviewer.
    const before = page.getByTestId('before-voting');
    await before.getByText(`«${CANDIDATE}»: chờ phiếu đánh giá của Đỗ Thu Hà (Sở Y tế).`).waitFor();
    await expect(page.getByRole('button', { name: 'Điểm danh và mở biểu quyết' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Phân công tự động' }).waitFor();
    await shot(page, 'phien-xet-thu-ky-chuan-bi-1366');
  });

  browserTest(() => browser, 'the member reads the PDF and the picture beside the checklist, with the plan and check-ins; submitting asks first', 'phieu-minh-chung', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'uyvien1');
    await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}/phieu-danh-gia/${itemId}`);
    await page.getByRole('heading', { name: `Phiếu đánh giá: ${CANDIDATE}`, level: 1 }).waitFor();
    const side = page.getByTestId('checklist-evidence');
    // The PDF opens inside the page, served inline with a policy that lets only this origin frame it.
    await expect(side.getByTestId('evidence-preview').count()).resolves.toBe(0);
    await side.getByRole('button', { name: `Xem ${PDF_NAME} trong trang` }).click();
    const frame = side.getByTestId('evidence-preview').locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('title')).toBe(`Xem trước: ${PDF_NAME}`);
    const src = (await frame.getAttribute('src'))!;
    const served = await page.request.get(`${app.baseUrl}${src}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    expect(served.headers()['content-disposition']).toMatch(/^inline;/);
    expect(served.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(served.headers()['content-security-policy']).toContain("default-src 'none'");
    // Without asking for the preview, the same file is still a download.
    expect((await page.request.get(`${app.baseUrl}${src.replace('?inline=true', '')}`)).headers()['content-disposition']).toMatch(/^attachment;/);
    // The picture, shown as itself.
    await side.getByRole('button', { name: `Xem ${PNG_NAME} trong trang` }).click();
    const image = side.getByRole('img', { name: `Xem trước: ${PNG_NAME}` });
    await image.waitFor();
    await expect(image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBe(120);
    // The nurturing plan and the check-ins beside the form.
    const nurturing = page.getByTestId('nurturing');
    await nurturing.getByText('Chuỗi liên kết chè sạch với 40 hộ').waitFor();
    await nurturing.getByText('Hoàn thiện mô hình').waitFor();
    await side.getByRole('button', { name: `Xem ${PDF_NAME} trong trang` }).click();
    await frame.waitFor();
    await side.getByTestId('evidence-preview').scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    await shot(page, 'phieu-danh-gia-xem-minh-chung-1366', { fullPage: false });

    const criteria = page.locator('fieldset.criterion');
    const count = await criteria.count();
    for (let i = 0; i < count; i++) {
      await criteria.nth(i).locator('label.ant-radio-button-wrapper').filter({ hasText: /^Đạt$/ }).click();
      await page.getByLabel(`Nhận xét tiêu chí ${i + 1}`, { exact: true }).fill(`Đạt, theo báo cáo và ảnh mô hình (tiêu chí ${i + 1}).`);
    }
    // Submitting locks the checklist: asked first; "review" keeps it open, unsent.
    await page.getByTestId('checklist-submit').click();
    const confirm = page.getByRole('dialog', { name: 'Nộp phiếu đánh giá?' });
    await confirm.getByText(`Phiếu đánh giá «${CANDIDATE}»: ${count}/${count} tiêu chí Đạt.`).waitFor();
    await confirm.getByText('Phiếu đã nộp không sửa được', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const before = (await app.test.as('thuongtruc').get(`/api/review-sessions/${sessionId}`)).body.items.find((i: { id: string }) => i.id === itemId);
    expect(before.checklists).toEqual([]);
    await page.getByTestId('checklist-submit').click();
    await page.getByTestId('checklist-confirm').click();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    await page.locator(`[data-candidate="${CANDIDATE}"]`).getByText('Bạn đã nộp phiếu đánh giá lúc', { exact: false }).waitFor();
  });

  browserTest(() => browser, 'with every checklist in the vote opens, and the assignment controls leave', 'phien-mo-bieu-quyet', async ({ page }) => {
    await submitMissingChecklists(app.test, sessionId);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openSession(page);
    await expect(page.getByTestId('before-voting').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Điểm danh và mở biểu quyết' }).click();
    await page.getByTestId('open-voting-submit').click();
    await page.getByTestId('session-status').getByText('Đang biểu quyết').waitFor();
    await expect(page.getByRole('button', { name: 'Phân công tự động' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Phân công', exact: true }).count()).resolves.toBe(0);
    // The server agrees: no assignment while voting.
    const refused = await app.test.as('thuongtruc').post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 });
    expect(refused.status).toBe(409);
    expect(findInternalCodes(await page.locator('main#main').innerText())).toEqual([]);
    await shot(page, 'phien-xet-thu-ky-bieu-quyet-1366');
  });

  browserTest(() => browser, 'the member’s receipt: Crockford base32 in groups, printed and downloaded; a typo is said to be one', 'bien-nhan', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'uyvien1');
    await openSession(page);
    const item = page.locator(`[data-candidate="${CANDIDATE}"]`);
    await item.getByText('Tán thành', { exact: true }).click();
    await item.getByRole('button', { name: 'Biểu quyết' }).click();
    await page.getByRole('dialog', { name: 'Xác nhận biểu quyết' }).getByRole('button', { name: 'Gửi phiếu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mã biên nhận phiếu kín' });
    const receipt = ((await dialog.getByTestId('receipt-value').textContent()) ?? '').trim();
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await page.waitForTimeout(300);
    await dialog.screenshot({ path: screenshotPath('bien-nhan-phieu-kin-1366') });
    // Downloaded: a small text file with the receipt, the session and the candidate.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('receipt-download').click()]);
    expect(download.suggestedFilename()).toBe(`Biên nhận phiếu kín - ${CANDIDATE}.txt`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`Mã biên nhận: ${receipt}`);
    expect(text).toContain(`Đợt xét: ${SESSION_2026}`);
    // Printed: only the receipt, without the page behind it or the buttons.
    await dialog.getByTestId('receipt-print').waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('#root').isVisible()).resolves.toBe(false);
    await expect(dialog.getByTestId('receipt-download').isVisible()).resolves.toBe(false);
    await expect(dialog.getByText(`Đợt xét: ${SESSION_2026}`).isVisible()).resolves.toBe(true);
    await shot(page, 'bien-nhan-ban-in', { fullPage: false });
    await page.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Tôi đã lưu mã biên nhận' }).click();

    const check = item.getByTestId(/^check-ballot-/);
    const field = check.getByLabel('Kiểm tra phiếu của tôi');
    // One symbol wrong: a typo, not "no such ballot".
    const symbols = receipt.replace(/-/g, '');
    await field.fill(`${symbols[0] === '7' ? '8' : '7'}${symbols.slice(1)}`);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.locator('.ant-form-item-explain-error').filter({ hasText: 'Mã biên nhận có thể bị gõ nhầm: ký tự kiểm tra' }).waitFor();
    // Typed loosely: lower case, spaces for hyphens, O for 0 and l for 1 — found.
    await field.fill(receipt.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'O').replace(/1/g, 'l'));
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByText('Phiếu của bạn đã được tính, với lựa chọn «Tán thành».').waitFor();
    expect(findInternalCodes(await page.locator('main#main').innerText())).toEqual([]);
    await shot(page, 'phien-xet-thanh-vien-1366');
  });

  browserTest(() => browser, 'during the notice the final decision waits for its end, and no comment is not "every comment answered"', 'phien-cong-khai', async ({ page }) => {
    const me = await app.test.as(UNIT_HEAD).get('/api/auth/me');
    const candidate = await newCandidate(app.test, { name: 'Trường Mầm non Hoa Sen', unitId: me.body.unitId as string, state: 'underReview' });
    const { sessionId: noticeSession } = await decideThroughCouncil(app.test, [candidate.id], 'RECOGNISE', { final: false });
    const detail = (await app.test.as('thuongtruc').get(`/api/review-sessions/${noticeSession}`)).body as { status: string; notice: { endsOn: string }; comments: unknown[] };
    expect(detail.status).toBe('NOTICE');
    expect(detail.comments).toEqual([]);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await page.goto(`${app.baseUrl}/hoi-dong/${noticeSession}`);
    const step = page.getByTestId('finalise-step');
    const [y, m, d] = detail.notice.endsOn.split('-');
    await step.getByText(`Đang công khai đến hết ngày ${d}/${m}/${y}`, { exact: false }).waitFor();
    await step.getByText('Không có ý kiến góp ý nào trong thời gian công khai.').waitFor();
    // Nothing to answer is not "every comment answered" (the notice's own rule line may still say what is needed).
    expect(await step.innerText()).not.toMatch(/Mọi ý kiến đã được trả lời|Đã trả lời cả/);
    await expect(page.getByRole('button', { name: 'Quyết định công nhận chính thức' }).count()).resolves.toBe(0);
    await signOut(page);
  });
});
