/**
 * The unit import and the province's series across the merger, in Chromium and in Vietnamese:
 * - the administrator uploads a unit list with an error and sees it by line and column, then the sample list of
 *   the merged Bắc Ninh: previews it, applies it, and the same file again has nothing to apply (1366 px and 390 px);
 * - the secretariat records the 2025 merger on the statistics page; the former Bắc Giang's table, imported as that
 *   province's history, and the merger are marked on the chart and the table.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SECRETARY, fixture } from '../support/factories.js';
import { ROOT, ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { loginNamesShown } from './support/internal-codes.js';
import { browserTest, openMenu, shot, signIn } from './support/ui.js';

const SAMPLE = readFileSync(join(ROOT, 'apps/api/src/demo/units/bac-ninh-2025-units.csv'));
const SAMPLE_UNITS = SAMPLE.toString('utf8').trim().split('\n').length - 1;

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: 'Xem trước' }).click();
}

describe('the unit import in Chromium', () => {
  browserTest(() => browser, 'an error is shown by line and column; the sample list is previewed, applied, and then has nothing to apply', 'nhap-don-vi', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'admin');
    await openMenu(page, 'Nhập danh sách đơn vị');

    await upload(page, 'loi.csv', Buffer.from('Mã đơn vị,Tên đơn vị,Cấp,Khối,Mã đơn vị cấp trên\nBN-LOI,Tỉnh thử,PROVINCE,STATE,\nBN-LOI-X,,GRASSROOTS,LOCALITY,BN-LOI\n'));
    const preview = page.getByTestId('unit-import-preview');
    const errors = preview.getByTestId('unit-import-errors');
    await errors.getByText('Dòng 3, cột "Tên đơn vị": bắt buộc phải có tên đơn vị.').waitFor();
    await preview.getByText('Hãy sửa các lỗi trong tệp rồi xem trước lại.').waitFor();
    expect(await preview.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);

    await upload(page, 'bac-ninh-2025-units.csv', SAMPLE);
    await preview.getByText(`Nếu áp dụng: tạo mới ${SAMPLE_UNITS}, đổi tên 0, không đổi 0 đơn vị.`).waitFor();
    await preview.getByTestId('unit-import-items').getByText('Phường Bắc Giang').waitFor();
    await shot(page, 'nhap-don-vi-xem-truoc-1366');
    await preview.getByRole('button', { name: 'Áp dụng' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Áp dụng' }).click();
    const result = page.getByTestId('unit-import-result');
    await result.getByText(`Đã nhập: tạo mới ${SAMPLE_UNITS}, đổi tên 0, không đổi 0 đơn vị.`).waitFor();
    await page.getByTestId('unit-import-history').getByText('bac-ninh-2025-units.csv').waitFor();
    // Who imported: the administrator by name (the demo's own import by words), never by login.
    await page.getByTestId('unit-import-history').getByText('Quản trị hệ thống (Quản trị hệ thống, Tỉnh Bắc Ninh)').waitFor();
    expect(await loginNamesShown(page)).toEqual([]);
    const [row] = (await app.test.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE code LIKE 'BN25%'`)) as { n: number }[];
    expect(row!.n).toBe(SAMPLE_UNITS);

    // The same file again: nothing to apply.
    await upload(page, 'bac-ninh-2025-units.csv', SAMPLE);
    await preview.getByText(`Cây đơn vị đã khớp với tệp: ${SAMPLE_UNITS} đơn vị không đổi.`).waitFor();
    expect(await preview.getByRole('button', { name: 'Áp dụng' }).isDisabled()).toBe(true);

    // At phone width the screen fits without sideways scrolling of the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await preview.getByText(/^Cây đơn vị đã khớp với tệp:/).waitFor();
    await shot(page, 'nhap-don-vi-390');
  });

  browserTest(() => browser, 'the secretariat records the merger; the former Bắc Giang’s history and the merger are marked on the chart and the table', 'hop-nhat', async ({ page }) => {
    const t = app.test;
    const imported = await t
      .as(SECRETARY)
      .post('/api/statistics/imports')
      .field('jurisdiction', 'Tỉnh Bắc Giang')
      .attach('file', fixture('bac-giang-exemplars-2014-2023.csv'), { filename: 'bac-giang-2014-2023.csv', contentType: 'text/csv' });
    expect(imported.status).toBe(201);

    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Thống kê', 'Thống kê điển hình tiên tiến');
    const events = page.getByTestId('series-events');
    await events.getByText('Chưa ghi sự kiện nào.').waitFor();
    const predecessors = events.getByLabel('Các địa bàn trước khi hợp nhất');
    await predecessors.click();
    await predecessors.pressSequentially('Tỉnh Bắc Giang');
    await predecessors.press('Enter');
    await predecessors.pressSequentially('Tỉnh Bắc Ninh (trước 01/7/2025)');
    await predecessors.press('Enter');
    await events.getByLabel('Địa bàn sau khi hợp nhất').fill('Tỉnh Bắc Ninh');
    for (const [label, value] of [
      ['Ngày có hiệu lực', '01/07/2025'],
      ['Ngày văn bản', '12/06/2025'],
    ] as const) {
      const field = events.getByLabel(label);
      await field.fill(value);
      await field.press('Enter');
    }
    await events.getByLabel('Số văn bản').fill('202/2025/QH15');
    await events.getByLabel('Cơ quan ban hành').fill('Quốc hội');
    await events.getByRole('button', { name: 'Ghi sự kiện' }).click();
    await events.getByText('Hợp nhất 01/7/2025 (202/2025/QH15)').waitFor();
    // Who recorded the event and who imported the figures, by name, never by login.
    await events.getByText(/^Phạm Minh Đức \(Ban Thi đua - Khen thưởng\), lúc/).waitFor();
    expect(await loginNamesShown(page)).toEqual([]);

    const table = page.getByTestId('statistics-table');
    const note = table.getByTestId('series-event');
    await note.getByText('Hợp nhất 01/7/2025 (202/2025/QH15)').waitFor();
    await note.getByText(/Số liệu trước khi hợp nhất là số liệu của Tỉnh Bắc Giang \(2014–2023\)\. Chưa có số liệu nhập của Tỉnh Bắc Ninh \(trước 01\/7\/2025\)\./).waitFor();
    await page.getByTestId('chart-series-event').getByText('Hợp nhất 01/7/2025 (202/2025/QH15):').waitFor();
    // The marker is drawn on the chart (a vertical line, labelled), at 2025.
    const marker = page.getByTestId('exemplar-chart').locator('.recharts-reference-line');
    expect(await marker.count()).toBe(1);
    await page.getByTestId('exemplar-chart').locator('svg text', { hasText: 'Hợp nhất 01/7/2025 (202/2025/QH15)' }).waitFor();
    const at = await marker.locator('line').evaluate((line) => Number(line.getAttribute('x1')));
    const tick = await page
      .getByTestId('exemplar-chart')
      .locator('.recharts-xAxis-tick-labels text', { hasText: /^2025$/ })
      .evaluate((el) => Number(el.getAttribute('x')));
    expect(Math.abs(at - tick)).toBeLessThan(1);
    await shot(page, 'thong-ke-hop-nhat-1366');

    // At phone width the page (the note, the chart, the events and their form) fits without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('chart-series-event').waitFor();
    await events.getByRole('button', { name: 'Ghi sự kiện' }).waitFor();
    await shot(page, 'thong-ke-hop-nhat-390');
  });
});
