/**
 * The statistics screen on the demo province with the Bắc Giang report's table imported (2014–2023, with the totals
 * it prints): 2024, a year without figures, keeps its row, marked; the title reads the real range; the chart's
 * legend follows the catalogue's order of fields; the source's printed totals and the differences are stated on the
 * page and in the Excel file, beside the computed ones. Screenshot at 1366 px.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { FIELDS } from '#domain';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { findInternalCodes } from './support/internal-codes.js';
import { browserTest, shot, signIn } from './support/ui.js';
import { fixture, importStatistics } from '../support/factories.js';

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const imported = await importStatistics(app.test, fixture('bac-giang-exemplars-2014-2023.csv'), 'bac-giang-exemplars-2014-2023.csv', { collective: '10.984', individual: '17.889' });
  expect(imported.status).toBe(201);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

describe('the statistics screen', () => {
  browserTest(() => browser, 'a year without figures keeps its row; the title reads the range; the legend in the catalogue’s order; the printed totals beside the computed', 'thong-ke', async ({ page }) => {
    const api = (await app.test.as('kiemtra').get('/api/statistics/exemplars')).body as { title: { vi: string }; years: { year: number; source: string }[] };
    const years = api.years.map((y) => y.year);
    // The demo's live exemplars are of 2025 (and later): 2024 lies between the import and them, with no figures.
    expect(years).toContain(2024);
    expect(api.years.find((y) => y.year === 2024)!.source).toBe('NONE');
    expect(api.title.vi).toContain(`giai đoạn 2014-${years.at(-1)}`);

    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'kiemtra');
    await page.goto(`${app.baseUrl}/thong-ke`);
    const table = page.getByTestId('statistics-table');
    await table.getByRole('heading', { name: api.title.vi }).waitFor();
    await table.getByTestId('no-figures-2024').getByText('Không có số liệu').waitFor();
    const row2024 = table.locator('tr', { has: page.getByTestId('no-figures-2024') });
    await row2024.getByText('không có số liệu', { exact: true }).waitFor();
    // Its figure cells are empty, not 0 and not "unknown".
    const cells = await row2024.locator('td').allInnerTexts();
    expect(cells.slice(3, 5).map((c) => c.trim())).toEqual(['', '']);

    // The legend: the seven fields in the catalogue's order (as the table's rows), not alphabetical.
    const legend = await page.getByTestId('exemplar-chart').locator('.recharts-legend-item-text').allInnerTexts();
    expect(legend).toEqual(FIELDS.map((f) => f.vi));

    // The source's printed totals, the sums of its rows and the differences.
    const totals = page.getByTestId('source-totals');
    await totals.getByText('Đối chiếu với tổng số in trong nguồn: bac-giang-exemplars-2014-2023.csv (2014–2023)').waitFor();
    await totals.getByText('Tập thể: nguồn in 10.984, cộng từ các dòng 10.824, chênh lệch +160 (1 ô trống không tính).').waitFor();
    await totals.getByText('Cá nhân: nguồn in 17.889, cộng từ các dòng 17.645, chênh lệch +244 (1 ô trống không tính).').waitFor();
    expect(findInternalCodes(await table.innerText()).filter((f) => f.kind !== 'camelCaseKey')).toEqual([]);

    // The Excel file says the same, in the figure columns under the grand total.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.getWorksheet('Thống kê')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const printed = rows.find((r) => String(r[2]).startsWith('Tổng số in trong nguồn'))!;
    expect(printed.slice(2, 5)).toEqual(['Tổng số in trong nguồn (bac-giang-exemplars-2014-2023.csv, 2014-2023)', 10984, 17889]);
    const difference = rows[rows.indexOf(printed) + 1]!;
    expect(difference.slice(3, 5)).toEqual([160, 244]);
    const none = rows.find((r) => r[1] === 2024)!;
    expect(none[2]).toBe('Không có số liệu');
    expect([none[3] ?? null, none[4] ?? null]).toEqual([null, null]);

    await table.scrollIntoViewIfNeeded();
    await shot(page, 'thong-ke-1366');
  });
});
