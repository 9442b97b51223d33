/**
 * The notification centre in Chromium, in Vietnamese, on the demo province (no mail server: mail is kept in the
 * outbox): a council member's bell shows the unread count; the centre lists the assignments and the vote; opening
 * one marks it read and goes to the checklist; at 1366 px and at 390 px. The administrator reads the kept mail. The
 * secretariat opens a session with its checklist and voting deadlines (the dates the reminders count from), at 390 px.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, shot, signIn } from './support/ui.js';

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

describe('the notification centre', () => {
  browserTest(() => browser, 'a council member: the bell, the list, opening one marks it read and leads to the checklist (1366 px, then 390 px)', 'thong-bao', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'uyvien1');
    const bell = page.getByTestId('notification-bell');
    // The count comes with the first answer of the API after the screen shows.
    await page.waitForFunction(() => /^Thông báo: [1-9]\d* chưa đọc$/.test(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') ?? ''));
    const before = Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]);
    await bell.click();
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    await page.getByText('Mở biểu quyết: phiên "Tổng kết năm 2025"').waitFor();
    await expect(page.getByTestId('notification').count()).resolves.toBeGreaterThanOrEqual(2);
    await shot(page, 'thong-bao-1366', { fullPage: false });

    await page.getByRole('link', { name: 'Được phân công đánh giá: Nguyễn Thị Hoa' }).click();
    await page.waitForURL(/\/hoi-dong\/[0-9a-f-]+\/phieu-danh-gia\/[0-9a-f-]+$/);
    await page.waitForFunction((n) => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label') === `Thông báo: ${n} chưa đọc`, before - 1);

    await page.setViewportSize({ width: 390, height: 844 });
    await bell.click();
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'thong-bao-390', { fullPage: false });
  });

  browserTest(() => browser, 'the administrator reads the kept mail in the outbox', 'thu-di', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'admin');
    await page.goto(`${app.baseUrl}/quan-tri/thu-di`);
    await page.getByRole('heading', { name: 'Hộp thư đi', level: 1 }).waitFor();
    await page.getByText(/Chưa cấu hình máy chủ thư/).waitFor();
    await page.getByText('[Điển hình tiên tiến] Được phân công đánh giá: Nguyễn Thị Hoa').first().waitFor();
    await shot(page, 'thu-di-1366', { fullPage: false });
  });

  browserTest(() => browser, 'the secretariat opens a session with its checklist and voting deadlines, on a phone (390 px)', 'han-dot-xet', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await page.goto(`${app.baseUrl}/hoi-dong`);
    await page.getByRole('button', { name: 'Mở đợt xét mới' }).click();
    const opening = page.getByRole('dialog', { name: 'Mở đợt xét mới' });
    await opening.getByLabel('Tên đợt xét').fill('Đợt xét có hạn');
    await opening.getByLabel('Chủ tọa phiên họp').fill('Nguyễn Văn Mạnh, Phó Chủ tịch UBND tỉnh');
    await opening.getByText('Trước hạn, thành viên chưa nộp phiếu hoặc chưa biểu quyết được nhắc', { exact: false }).waitFor();
    const pick = async (label: string, date: string) => {
      const input = opening.getByLabel(label);
      await input.click();
      await input.fill(date);
      await input.press('Enter');
    };
    // Voting may not close before the checklists are due: the form says so beside the field.
    await pick('Hạn nộp phiếu đánh giá', '15/01/2027');
    await pick('Hạn biểu quyết', '10/01/2027');
    await opening.getByRole('button', { name: 'Mở đợt xét' }).click();
    await opening.getByText('Hạn biểu quyết không được trước hạn nộp phiếu đánh giá.').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'han-dot-xet-390', { fullPage: false });
    await pick('Hạn biểu quyết', '20/01/2027');
    await opening.getByRole('button', { name: 'Mở đợt xét' }).click();
    await page.getByRole('heading', { name: 'Đợt xét có hạn', level: 1 }).waitFor();
    await page.getByText('Hạn nộp phiếu đánh giá').waitFor();
    await page.getByText('15/01/2027').waitFor();
    await page.getByText('20/01/2027').waitFor();
  });
});
