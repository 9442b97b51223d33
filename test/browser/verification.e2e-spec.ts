/**
 * The public verification page in Chromium, with no sign-in: the demo's decision and certificates are signed at
 * first start with the demo's own key; a citizen uploads a signed certificate (valid), then a copy with one byte
 * changed (not valid), and looks a certificate up by the number its QR code carries, on a phone and on a desktop.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, shot } from './support/ui.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let app: ServedApp;
let browser: Browser;
let signed: Buffer;
let serial: string;
let recipientName: string;

beforeAll(async () => {
  // A rehearsal instance on either database: the demo signs with its generated key.
  [app, browser] = await Promise.all([startServedApp({ INSTANCE_KIND: 'rehearsal' }), launchChromium()]);
  const [row] = (await app.test.dataSource.query(
    `SELECT s.content, d.reference, r.name FROM document_signature s JOIN issued_document d ON d.id = s.issued_document_id
       JOIN decision_recipient r ON r.decision_id = d.decision_id AND r.candidate_id = d.candidate_id
      WHERE d.kind = 'CERTIFICATE' ORDER BY r.position LIMIT 1`,
  )) as { content: Buffer; reference: string; name: string }[];
  signed = row!.content;
  serial = row!.reference;
  recipientName = row!.name;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

const noLayoutOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

describe('the public verification page in Chromium', () => {
  browserTest(() => browser, 'a signed certificate verifies as valid, a changed one as not valid, and a number finds its certificate', 'xac-minh', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${app.baseUrl}/cong-khai`);
    await page.getByRole('link', { name: 'Xác minh', exact: true }).click();
    await page.getByRole('heading', { name: 'Xác minh quyết định, giấy chứng nhận', level: 1 }).waitFor();
    await page.getByLabel('Tệp PDF (quyết định hoặc giấy chứng nhận)').setInputFiles({ name: 'giay-chung-nhan.pdf', mimeType: 'application/pdf', buffer: signed });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const status = page.getByRole('status');
    await status.getByText('Văn bản hợp lệ: đúng văn bản đã ban hành, chữ ký số hợp lệ.').waitFor();
    await expect(page.locator('[data-ket-qua="chu-ky"]').innerText()).resolves.toMatch(/^Hợp lệ/);
    await expect(page.locator('[data-ket-qua="noi-dung"]').innerText()).resolves.toBe('Đúng nội dung đã ban hành, không bị sửa đổi');
    await expect(page.locator('[data-ket-qua="hieu-luc"]').innerText()).resolves.toBe('Đang có hiệu lực');
    await page.getByText(recipientName).first().waitFor();
    await noLayoutOverflow(page);
    await shot(page, 'xac-minh-hop-le-390');

    // One byte of the text changed: the signature no longer matches.
    const changed = Buffer.from(signed);
    const at = changed.indexOf('/Title');
    changed[at + 10] = changed[at + 10]! ^ 0x01;
    await page.getByLabel('Tệp PDF (quyết định hoặc giấy chứng nhận)').setInputFiles({ name: 'giay-chung-nhan-sua.pdf', mimeType: 'application/pdf', buffer: changed });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await status.getByText('Văn bản KHÔNG hợp lệ.').waitFor();
    await expect(page.locator('[data-ket-qua="chu-ky"]').innerText()).resolves.toContain('nội dung tệp đã bị thay đổi sau khi ký');
    await shot(page, 'xac-minh-khong-hop-le-390');

    // The number a certificate's QR code carries, on a desktop.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${app.baseUrl}/cong-khai/xac-minh?so=${encodeURIComponent(serial)}`);
    await status.getByText('Văn bản hợp lệ').waitFor();
    await page.getByText(`Giấy chứng nhận điển hình tiên tiến số ${serial}`).waitFor();
    await noLayoutOverflow(page);
    await shot(page, 'xac-minh-so-1366');
  });
});
