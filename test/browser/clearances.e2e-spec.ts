/**
 * Clearances (hiệp y) in Chromium, in Vietnamese, against the demo province (its 2026 session is preparing, with
 * Nguyễn Thị Hoa): the secretariat asks two agencies the profile lists, records one agency's disagreement with its
 * reasons and the scanned document, and a council member sees both on the checklist page; at 1366 px and 390 px.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTORS } from '#domain';
import { DEMO_PASSWORD, ensureWebBuilt, launchChromium, samplePdf, screenshotPath, startServedApp, type ServedApp } from './support/browser.js';
import { findInternalCodes, loginNamesShown } from './support/internal-codes.js';
import { browserTest, openMenu, shot, signIn } from './support/ui.js';

const SESSION_2026 = 'Tổng kết năm 2026';
const TEACHER = 'Nguyễn Thị Hoa';

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

describe('clearances in Chromium', () => {
  browserTest(() => browser, 'the secretariat asks agencies, records a disagreement with its document; the checklist page shows them', 'hiep-y', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Hội đồng xét');
    await page.getByRole('link', { name: SESSION_2026 }).click();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    const item = page.locator(`[data-candidate="${TEACHER}"]`);
    const section = item.locator('[data-testid^="clearances-"]');
    await section.getByText('Chưa đề nghị cơ quan nào hiệp y cho hồ sơ này.').waitFor();
    await expect(section.getByTestId('clearance-rule').textContent()).resolves.toBe('Thiếu ý kiến hiệp y hoặc cơ quan không đồng ý thì không công nhận');

    // 1. Ask the police and the tax office, with the request letter's number.
    await section.getByRole('button', { name: 'Đề nghị hiệp y' }).click();
    const ask = page.getByRole('dialog', { name: `Đề nghị hiệp y cho hồ sơ ${TEACHER}` });
    await ask.getByText(/Các cơ quan trả lời trước hết ngày/).waitFor();
    await ask.getByLabel('Cơ quan được đề nghị').click();
    for (const agency of ['Công an tỉnh', 'Thuế tỉnh']) await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${agency}"]`).click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await ask.getByLabel('Số công văn đề nghị').fill('125/SNV-TĐKT');
    await ask.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.getByText('Đã gửi đề nghị hiệp y tới 2 cơ quan.').waitFor();
    await section.getByTestId('clearance-state-CONG_AN_TINH').getByText('Đang chờ trả lời').waitFor();
    await section.getByTestId('clearance-state-THUE_TINH').getByText('Đang chờ trả lời').waitFor();

    // 2. The tax office disagrees: reasons are required, and its letter is attached.
    await section.getByTestId('answer-THUE_TINH').click();
    const answer = page.getByRole('dialog', { name: 'Ghi nhận ý kiến hiệp y của Thuế tỉnh' });
    await answer.getByText('Không đồng ý', { exact: true }).click();
    await answer.getByLabel('Số văn bản trả lời').fill('52/TCT-KK');
    await answer.getByRole('button', { name: 'Ghi nhận' }).click();
    await answer.getByText('Cần ghi lý do khi cơ quan không đồng ý').waitFor();
    await answer.getByLabel('Lý do').fill('Đơn vị còn nợ thuế thu nhập năm 2025 chưa nộp đủ.');
    await answer.locator('input[type=file]').setInputFiles({ name: 'Thuế tỉnh - ý kiến hiệp y.pdf', mimeType: 'application/pdf', buffer: samplePdf('Thue tinh') });
    await answer.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi nhận ý kiến hiệp y.').waitFor();
    await section.getByTestId('clearance-state-THUE_TINH').getByText('Không đồng ý').waitFor();
    await section.getByText('Lý do: Đơn vị còn nợ thuế thu nhập năm 2025 chưa nộp đủ.').waitFor();
    await section.getByRole('link', { name: /Thuế tỉnh - ý kiến hiệp y\.pdf/ }).waitFor();
    // Who asked and who recorded the answer, by name, never by login.
    await expect(section.getByText('Người đề nghị: Phạm Minh Đức (Ban Thi đua - Khen thưởng)').count()).resolves.toBe(2);
    await section.getByText(/^Ghi nhận bởi Phạm Minh Đức \(Ban Thi đua - Khen thưởng\), lúc/).waitFor();
    expect(await loginNamesShown(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'hiep-y-the-ho-so-1366', { fullPage: false });
    await section.screenshot({ path: screenshotPath('hiep-y-muc-1366') });

    // 3. At 390 px the same section is a list of cards within the phone's width.
    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    const card = (await section.boundingBox())!;
    expect(card.x + card.width).toBeLessThanOrEqual(390);
    await section.screenshot({ path: screenshotPath('hiep-y-muc-390') });

    // 4. A council member reads them beside the evidence on the checklist page.
    const member = await app.test.signIn('uyvien1', DEMO_PASSWORD);
    const sessions = await member.get('/api/review-sessions');
    const session = (sessions.body as { id: string; title: string }[]).find((s) => s.title === SESSION_2026)!;
    const detail = await member.get(`/api/review-sessions/${session.id}`);
    const itemId = (detail.body.items as { id: string; candidate: { name: string } }[]).find((i) => i.candidate.name === TEACHER)!.id;
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, 'uyvien1');
    await page.goto(`${app.baseUrl}/hoi-dong/${session.id}/phieu-danh-gia/${itemId}`);
    const beside = page.getByTestId('checklist-evidence');
    await beside.getByTestId('clearance-state-THUE_TINH').getByText('Không đồng ý').waitFor();
    await beside.getByTestId('clearance-state-CONG_AN_TINH').getByText('Đang chờ trả lời').waitFor();
    // The nurturing beside it names who wrote the plan and recorded each check-in by full name, never by login.
    const nurturing = page.getByTestId('nurturing');
    await nurturing.locator('.ant-table-row').first().waitFor();
    const nurturingText = await nurturing.innerText();
    expect(findInternalCodes(nurturingText).filter((f) => f.kind === 'login')).toEqual([]);
    // Each recorder in words: an account's full name, the product's own actors (the demo data) in words.
    const recorders = (await app.test.dataSource.query(
      `SELECT DISTINCT n.recorded_by AS login, a.display_name FROM nurturing_check_in n JOIN candidate c ON c.id = n.candidate_id
        LEFT JOIN account a ON a.username = n.recorded_by WHERE c.name = $1`,
      [TEACHER],
    )) as { login: string; display_name: string | null }[];
    expect(recorders.length).toBeGreaterThan(0);
    for (const r of recorders) expect(nurturingText).toContain(r.display_name ?? SYSTEM_ACTORS[r.login]!.vi);
    await shot(page, 'hiep-y-phieu-danh-gia-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await beside.scrollIntoViewIfNeeded();
    // The clearances fit the phone's width (the shell's header line is another matter).
    const box = (await beside.getByTestId('clearances').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, 'hiep-y-phieu-danh-gia-390');
  });
});
