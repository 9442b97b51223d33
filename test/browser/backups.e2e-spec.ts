/**
 * The administrator's backups screen (Quản trị → Sao lưu) in Chromium, at 1366 px and at 390 px: where archives
 * go, the schedule (off here: no passphrase for it, and the screen says why) and the retention rule, making an
 * archive now with a passphrase, the archive listed and downloaded byte for byte, the last run in words (who made
 * it by name, never a login), and a failed run shown in red until one succeeds.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Backups } from '../../apps/api/src/backups/backups.service.js';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, openMenu, shot, signIn } from './support/ui.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const PASSPHRASE = 'mật khẩu sao lưu của văn phòng';

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

const noLayoutOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

async function settled(page: Page) {
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}

/** The value beside a label of the status card. */
const statusItem = (page: Page, label: string) => page.locator('.ant-descriptions-item').filter({ has: page.locator('.ant-descriptions-item-label', { hasText: label }) }).locator('.ant-descriptions-item-content');

describe("the administrator's backups screen", () => {
  browserTest(() => browser, 'an archive is made, listed and downloaded; schedule, retention and the last runs read in Vietnamese, at 1366 px and at 390 px', 'sao-luu', async ({ page }) => {
    const directory = app.test.running.app.get(Backups).directory!;
    const adminName = ((await app.test.dataSource.query("SELECT display_name FROM account WHERE username = 'admin'")) as { display_name: string }[])[0]!.display_name;
    await page.setViewportSize(DESKTOP);
    await signIn(page, app.baseUrl, 'admin');
    await openMenu(page, 'Sao lưu', 'Sao lưu dữ liệu');
    await settled(page);

    // Where, the schedule and why it is off, the retention rule; nothing made yet.
    await expect(statusItem(page, 'Nơi lưu bản sao lưu').innerText()).resolves.toBe(directory);
    await expect(statusItem(page, 'Lịch').innerText()).resolves.toBe('Tắt');
    await expect(statusItem(page, 'Giữ lại').innerText()).resolves.toBe('7 bản theo ngày, 4 theo tuần, 12 theo tháng');
    await expect(statusItem(page, 'Lần chạy gần nhất').innerText()).resolves.toBe('Chưa có');
    await page.getByText('Không có sao lưu tự động').waitFor();
    await page.getByText(/^Chưa đặt mật khẩu sao lưu tự động\. Quản trị viên máy chủ cần đặt BACKUP_PASSPHRASE/).waitFor();
    expect(await page.getByText(/No passphrase/).count()).toBe(0);
    await page.getByText('Chưa có bản sao lưu nào').waitFor();

    // Making one: the passphrase twice (a mismatch is refused in words), then the archive is listed.
    await page.getByTestId('make-backup').click();
    const dialog = page.getByRole('dialog', { name: 'Tạo bản sao lưu ngay' });
    await dialog.getByLabel('Mật khẩu bản sao lưu').fill(PASSPHRASE);
    await dialog.getByLabel('Nhập lại mật khẩu').fill(`${PASSPHRASE}!`);
    await dialog.getByRole('button', { name: 'Tạo bản sao lưu' }).click();
    await dialog.getByText('Hai mật khẩu không giống nhau.').waitFor();
    await dialog.getByLabel('Nhập lại mật khẩu').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Tạo bản sao lưu' }).click();
    await page.getByText(/^Đã tạo bản sao lưu dth-\d{8}T\d{6}Z\.dth-backup\.tar$/).waitFor({ timeout: 120_000 });
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    const row = page.locator('.ant-table-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const file = (await row.getByTestId('backup-archive-file').innerText()).trim();
    expect(file).toMatch(/^dth-\d{8}T\d{6}Z\.dth-backup\.tar$/);
    const lastRun = statusItem(page, 'Lần chạy gần nhất');
    await expect(lastRun.innerText()).resolves.toContain('Thành công');
    await expect(lastRun.innerText()).resolves.toContain(adminName);
    await expect(lastRun.innerText()).resolves.toContain(file);
    await expect(statusItem(page, 'Lần thành công gần nhất').innerText()).resolves.toContain(file);
    // Who made it is named in words: the login name shows nowhere on the status card.
    expect(await page.locator('.ant-card').first().innerText()).not.toMatch(/\badmin\b/);

    // The download is the archive in the folder, byte for byte.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('download-backup').click()]);
    expect(download.suggestedFilename()).toBe(file);
    const saved = await download.path();
    expect(readFileSync(saved).equals(readFileSync(join(directory, file)))).toBe(true);
    await noLayoutOverflow(page);
    await shot(page, 'sao-luu-1366');

    // A run that fails (the folder has become a file): the error in the dialog, then in red on the screen.
    renameSync(directory, `${directory}.kept`);
    writeFileSync(directory, 'not a folder');
    try {
      await page.getByTestId('make-backup').click();
      await dialog.getByLabel('Mật khẩu bản sao lưu').fill(PASSPHRASE);
      await dialog.getByLabel('Nhập lại mật khẩu').fill(PASSPHRASE);
      await dialog.getByRole('button', { name: 'Tạo bản sao lưu' }).click();
      await dialog.getByText(/Không tạo được bản sao lưu/).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Hủy' }).click();
      await page.reload();
      await settled(page);
      await page.getByText('Lần sao lưu gần nhất THẤT BẠI').waitFor();
      // The system's failure (here: the folder is a file) in words; its technical text below, for the server's administrator.
      await page.getByText(/^Hệ thống không ghi được bản sao lưu vào nơi lưu/).waitFor();
      await page.getByText(/^Chi tiết kỹ thuật \(cho quản trị viên máy chủ\): /).waitFor();
      await expect(statusItem(page, 'Lần chạy gần nhất').innerText()).resolves.toContain('Thất bại');
      await expect(statusItem(page, 'Lần thành công gần nhất').innerText()).resolves.toContain(file);
      await shot(page, 'sao-luu-that-bai-1366');
    } finally {
      if (statSync(directory).isFile()) rmSync(directory);
      renameSync(`${directory}.kept`, directory);
    }

    // On a phone: everything fits the width (the archives as a list); the failure stays in red
    // until a run succeeds, the archive is still listed.
    await page.setViewportSize(PHONE);
    await page.reload();
    await settled(page);
    await page.getByText('Lần sao lưu gần nhất THẤT BẠI').waitFor();
    // The archive is a list item, its file name on one line (cut with an ellipsis if it must be, never a character
    // per line), the whole name in a tooltip; the download is beside it.
    const archive = page.getByTestId('backup-archive').filter({ hasText: file });
    await archive.waitFor();
    const name = archive.getByTestId('backup-archive-file');
    const lineHeight = await name.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 22);
    expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
    await expect(archive.getByTestId('download-backup').isVisible()).resolves.toBe(true);
    // The status card's values stand below their labels, in the card's width (not a column of a few characters).
    const where = page.locator('.ant-descriptions code', { hasText: directory });
    expect((await where.boundingBox())!.width).toBeGreaterThan(150);
    await noLayoutOverflow(page);
    await shot(page, 'sao-luu-390');
  });
});
