/**
 * Each role's main screens in Chromium, in Vietnamese, against the demo province (its 2026 review session is
 * preparing, with Nguyễn Thị Hoa assigned to uyvien1 and uyvien2):
 * - the secretariat sees a conflict of interest and the server's refusal of it, and assigns automatically;
 * - a council member fills the checklist with the evidence beside it, votes by secret ballot, gets the receipt
 *   once and checks the ballot with it;
 * - the statistics page: the table, the chart, a filter the server refuses, the historical import with its
 *   reconciliation report, and the CSV download;
 * - an auditor reads a session's trail, downloads the export bundle and verifies the trail;
 * - an administrator publishes a new version of a criteria set, and of the jurisdiction profile.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD, ROOT, ensureWebBuilt, launchChromium, screenshotPath, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, choose, expandRow, openMenu, shot, signIn, signOut } from './support/ui.js';
import { submitMissingChecklists } from './support/checklists.js';

const SESSION_2026 = 'Tổng kết năm 2026';
const TEACHER = 'Nguyễn Thị Hoa';
const HOUSEHOLD = 'Hộ ông Trần Văn Minh';

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

describe('each role in Chromium', () => {
  browserTest(() => browser, 'council: a conflict refused, automatic assignment, the checklist with evidence beside it, a secret vote and its receipt', 'hoi-dong', async ({ page }) => {
    // The district's unit head proposes the household of a commune below the district; a council member sits in the district.
    const head = await app.test.signIn('truongdonvi2', DEMO_PASSWORD);
    const found = await head.get(`/api/candidates?q=${encodeURIComponent('Trần Văn Minh')}`);
    const household = found.body.items[0] as { id: string; version: number };
    const proposed = await head.post(`/api/candidates/${household.id}/events`).send({ type: 'PROPOSE_FOR_REVIEW', expectedVersion: household.version, payload: {} });
    expect(proposed.status).toBe(200);

    // 1. The secretariat adds it to the 2026 session: the district's member is shown in conflict, and refused.
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Hội đồng xét');
    await page.getByRole('link', { name: SESSION_2026 }).click();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    await choose(page, page.getByLabel('Đưa hồ sơ vào đợt xét'), HOUSEHOLD);
    await page.getByRole('button', { name: 'Đưa vào đợt xét' }).click();
    const householdItem = page.locator(`[data-candidate="${HOUSEHOLD}"]`);
    await householdItem.getByTestId('conflicts').getByText('Hoàng Văn Tú (UBND xã Lạng Giang)').waitFor();
    await choose(page, householdItem.getByLabel(`Chỉ định thành viên đánh giá «${HOUSEHOLD}»`), 'Hoàng Văn Tú (UBND xã Lạng Giang)');
    await householdItem.getByText('Đã chọn thành viên có xung đột lợi ích: Hoàng Văn Tú (UBND xã Lạng Giang).', { exact: false }).waitFor();
    await householdItem.getByRole('button', { name: 'Phân công' }).click();
    await householdItem
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: 'Xung đột lợi ích: Hoàng Văn Tú (UBND xã Lạng Giang)' })
      .waitFor();
    await householdItem.getByText('Chưa phân công thành viên đánh giá.').waitFor();
    // Automatic assignment gives the household one reviewer without a conflict (the teacher has two already).
    await page.getByLabel('Số thành viên đánh giá mỗi hồ sơ').fill('1');
    await page.getByRole('button', { name: 'Phân công tự động' }).click();
    await page.getByText('Đã phân công thêm 1 lượt đánh giá.').waitFor();
    // The message shows as the session reloads: wait for the reloaded list before reading it.
    await householdItem.getByTestId('reviewers').locator('li').first().waitFor();
    const reviewers = await householdItem.getByTestId('reviewers').locator('li').allTextContents();
    expect(reviewers).toHaveLength(1);
    expect(reviewers[0]).not.toContain('Hoàng Văn Tú');
    await signOut(page);

    // 2. The member's checklist: every criterion judged, with a comment and the candidate's evidence beside it.
    await signIn(page, app.baseUrl, 'uyvien1');
    await page.getByTestId('task-group-myChecklists').getByRole('link', { name: TEACHER }).click();
    await page.getByRole('heading', { name: `Phiếu đánh giá: ${TEACHER}`, level: 1 }).waitFor();
    const evidence = page.getByTestId('checklist-evidence');
    await evidence.getByRole('link', { name: 'Tải xuống Sang kien kinh nghiem Nguyen Thi Hoa.pdf' }).waitFor();
    await page.getByTestId('checklist-submit').click();
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: 'Chọn Đạt hoặc Không đạt.' }).count()).resolves.toBe(3);
    const criteria = page.locator('fieldset.criterion');
    for (const [i, met, comment] of [
      [0, 'Đạt', 'Chấp hành tốt; có xác nhận của chi bộ.'],
      [1, 'Đạt', 'Sáng kiến ứng dụng công nghệ số được áp dụng toàn ngành.'],
      [2, 'Không đạt', 'Chưa có minh chứng tham gia hoạt động xã hội, từ thiện.'],
    ] as const) {
      await criteria.nth(i).locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${met}$`) }).click();
      await page.getByLabel(`Nhận xét tiêu chí ${i + 1}`, { exact: true }).fill(comment);
    }
    await choose(page, page.getByLabel('Minh chứng cho tiêu chí 2', { exact: true }), 'Sang kien kinh nghiem Nguyen Thi Hoa.pdf');
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'hoi-dong-phieu-danh-gia');
    await page.getByTestId('checklist-submit').click();
    // Submitting locks the checklist: the page asks first.
    await page.getByTestId('checklist-confirm').click();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    const teacherItem = page.locator(`[data-candidate="${TEACHER}"]`);
    await teacherItem.getByText('Bạn đã nộp phiếu đánh giá lúc', { exact: false }).waitFor();
    await teacherItem.getByRole('button', { name: /Đỗ Thu Hà \(Sở Y tế\)/ }).click();
    await teacherItem.getByText('Chưa có minh chứng tham gia hoạt động xã hội, từ thiện.').waitFor();
    await teacherItem.getByRole('link', { name: /Sang kien kinh nghiem Nguyen Thi Hoa\.pdf/ }).waitFor();
    await signOut(page);

    // 3. The other reviewers' checklists come in; the secretariat opens the vote (everyone present).
    const sessions = (await app.test.as('thuongtruc').get('/api/review-sessions')).body as { id: string; title: string }[];
    expect(await submitMissingChecklists(app.test, sessions.find((s) => s.title === SESSION_2026)!.id)).toBeGreaterThan(0);
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Hội đồng xét');
    await page.getByRole('link', { name: SESSION_2026 }).click();
    await page.getByRole('button', { name: 'Điểm danh và mở biểu quyết' }).click();
    await page.getByTestId('open-voting-submit').click();
    await page.getByTestId('session-status').getByText('Đang biểu quyết').waitFor();
    await signOut(page);

    // 4. The member votes by secret ballot: the receipt is shown once, with what it is for, and checks the ballot.
    await signIn(page, app.baseUrl, 'uyvien1');
    await page.getByTestId('task-group-myVotes').getByRole('link', { name: TEACHER }).click();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    await teacherItem.getByText('Tán thành', { exact: true }).click();
    await teacherItem.getByRole('button', { name: 'Biểu quyết' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xác nhận biểu quyết' });
    await confirm.getByText(`Bạn chọn «Tán thành» đối với «${TEACHER}».`).waitFor();
    await confirm.getByRole('button', { name: 'Gửi phiếu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mã biên nhận phiếu kín' });
    const receipt = ((await dialog.getByTestId('receipt-value').textContent()) ?? '').trim();
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await dialog.getByText('Mã chỉ hiển thị một lần này. Hãy sao chép và tự giữ.').waitFor();
    await dialog.getByRole('button', { name: 'Sao chép mã' }).click();
    await dialog.getByText('Đã sao chép').waitFor();
    await page.waitForTimeout(300);
    await dialog.screenshot({ path: screenshotPath('hoi-dong-bien-nhan-phieu-kin') });
    await dialog.getByRole('button', { name: 'Tôi đã lưu mã biên nhận' }).click();
    await teacherItem.getByText('Bạn đã biểu quyết hồ sơ này.').waitFor();

    const check = teacherItem.getByTestId(/^check-ballot-/);
    await check.getByLabel('Kiểm tra phiếu của tôi').fill('A'.repeat(20));
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.locator('.ant-form-item-explain-error').filter({ hasText: 'Không có phiếu nào với mã biên nhận này.' }).waitFor();
    await check.getByLabel('Kiểm tra phiếu của tôi').fill(receipt);
    await check.getByRole('button', { name: 'Kiểm tra' }).click();
    await check.getByText('Phiếu của bạn đã được tính, với lựa chọn «Tán thành».').waitFor();
    await check.getByText('Hòm phiếu hiện có 1 phiếu; sẽ được niêm phong khi kết thúc biểu quyết.').waitFor();
    // Shown once: after a reload the receipt is nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { name: SESSION_2026, level: 1 }).waitFor();
    await teacherItem.getByText('Bạn đã biểu quyết hồ sơ này.').waitFor();
    await expect(page.getByText(receipt).count()).resolves.toBe(0);
    await shot(page, 'hoi-dong-dot-xet-thanh-vien');
    await signOut(page);
  });

  browserTest(() => browser, 'statistics: the table and chart, a refused filter under its field, the historical import with its reconciliation, the CSV download', 'thong-ke', async ({ page }) => {
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Thống kê', 'Thống kê điển hình tiên tiến');
    const table = page.getByTestId('statistics-table');
    await table.getByRole('heading', { name: /^BẢNG THỐNG KÊ điển hình tiên tiến/ }).waitFor();
    await page.locator('[data-testid="exemplar-chart"] .recharts-surface').first().waitFor();

    // The server refuses "to" before "from", and its words sit under "to".
    await page.getByLabel('Từ năm').fill('2020');
    await page.getByLabel('Từ năm').press('Enter');
    await page.getByLabel('Đến năm').fill('2015');
    await page.getByLabel('Đến năm').press('Enter');
    await page.locator('.ant-form-item-explain-error').filter({ hasText: '«Đến năm» phải lớn hơn hoặc bằng 2020.' }).waitFor();
    await page.goto(`${app.baseUrl}/thong-ke`);
    await table.waitFor();

    // The report's own table (2014–2023) with the totals its last line states: the differences and blank cells are named.
    const csv = readFileSync(join(ROOT, 'test/fixtures/bac-giang-exemplars-2014-2023.csv'));
    const imports = page.getByTestId('imports');
    await imports.locator('input[type="file"]').setInputFiles({ name: 'bac-giang-2014-2023.csv', mimeType: 'text/csv', buffer: csv });
    await imports.getByLabel('Tổng số tập thể nêu trong nguồn').fill('10984');
    await imports.getByLabel('Tổng số cá nhân nêu trong nguồn').fill('17889');
    await imports.getByRole('button', { name: 'Nhập số liệu' }).click();
    const report = imports.getByTestId('import-report');
    await report.waitFor();
    const reconciliation = report.getByTestId('reconciliation');
    expect(await reconciliation.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['Tập thể', '10.824', '1', '10.984', '160']);
    expect(await reconciliation.locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual(['Cá nhân', '17.645', '1', '17.889', '244']);
    await report.getByText('Ô trống (2): chưa rõ số liệu, không tính là 0').waitFor();
    await report.getByText(/năm 2018, Kinh tế – cột Tập thể/).waitFor();

    // The table now starts in 2014; 2018's unknown figures are said to be unknown, never 0.
    await table.getByText('2014', { exact: true }).waitFor();
    await table.getByText('số liệu nhập').first().waitFor();
    await expect(table.getByText('chưa rõ', { exact: true }).count()).resolves.toBeGreaterThanOrEqual(2);
    await table.getByText('Có 2 ô chưa rõ số liệu', { exact: false }).waitFor();
    await expect(page.locator('[data-testid="exemplar-chart"] .recharts-bar-rectangle').count()).resolves.toBeGreaterThan(10);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'thong-ke', {});
    await shot(page, 'thong-ke-toan-trang');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    expect(download.suggestedFilename()).toBe('Thống kê điển hình tiên tiến.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('2014');
    await signOut(page);
  });

  browserTest(() => browser, 'auditors: a session’s trail, the export bundle, and the verification explained', 'kiem-tra', async ({ page }) => {
    await signIn(page, app.baseUrl, 'kiemtra');
    await openMenu(page, 'Kiểm tra, giám sát');
    await choose(page, page.getByLabel('Đợt xét'), 'Tổng kết năm 2025 (2025)');
    await page.waitForURL(/phien=/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: 'Mở đợt xét' }).first().waitFor();
    await rows.filter({ hasText: 'Thành viên đã biểu quyết' }).first().waitFor();
    await rows.filter({ hasText: 'Kết thúc đợt xét, quyết định chính thức' }).first().waitFor();
    // A secret vote's record says who voted, never how. (Once the trail and the names it shows have loaded: a row
    // opened while the list is still being drawn again would close.)
    await page.waitForLoadState('networkidle');
    const vote = rows.filter({ hasText: 'Thành viên đã biểu quyết' }).first();
    const detail = await expandRow(page, vote, 'Bỏ phiếu kín');
    expect(await detail.textContent()).not.toMatch(/IN_FAVOUR|AGAINST|ABSTAIN/);

    const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(bundle.suggestedFilename()).toMatch(/\.zip$/);
    expect(readFileSync((await bundle.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByText(/^Đã tải .*\.zip/).waitFor();

    // The session itself, read-only: its conflicts of interest shown, and its minutes as a PDF.
    await openMenu(page, 'Hội đồng xét');
    await page.getByRole('link', { name: 'Tổng kết năm 2025' }).click();
    await page.getByRole('heading', { name: 'Tổng kết năm 2025', level: 1 }).waitFor();
    await page.locator('[data-candidate="Khoa Hồi sức tích cực"]').getByTestId('conflicts').getByText('Đỗ Thu Hà (Sở Y tế)').waitFor();
    expect(await page.getByTestId('secretariat').count()).toBe(0);
    const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes').click()]);
    expect(readFileSync((await minutes.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('button', { name: 'Nhật ký của đợt xét' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra, giám sát', level: 1 }).waitFor();
    await rows.filter({ hasText: 'Mở đợt xét' }).first().waitFor();

    await page.getByRole('tab', { name: 'Kiểm tra toàn vẹn' }).click();
    await page.getByTestId('verify-run').click();
    const result = page.locator('[data-testid="verify-report"][data-ok="true"]');
    await result.getByText('Nhật ký toàn vẹn', { exact: true }).waitFor();
    await result.getByText('không chuỗi nào bị đứt hay bị sửa').waitFor();
    await result.getByText('tất cả khớp').waitFor();
    await shot(page, 'kiem-tra-toan-ven');
    await signOut(page);
  });

  browserTest(() => browser, 'administrators: criteria versions, a repeated code refused, a new version published', 'tieu-chi', async ({ page }) => {
    await signIn(page, app.baseUrl, 'admin');
    await openMenu(page, 'Bộ tiêu chí');
    const collective = page.getByTestId('criteria-COLLECTIVE');
    await collective.getByText('Phiên bản 1', { exact: true }).waitFor();
    await collective.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tiêu chí đối với tập thể: ban hành phiên bản 2' });
    await dialog.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    const codes = dialog.getByLabel('Mã tiêu chí');
    await codes.last().fill('C1_COMPLIANCE');
    await dialog.getByLabel('Nội dung (tiếng Việt)').last().fill('Tích cực chuyển đổi số trong hoạt động của đơn vị');
    await dialog.getByLabel('Nội dung (tiếng Anh)').last().fill('Active in digital transformation');
    await dialog.getByLabel('Lý do ban hành').fill('Bổ sung tiêu chí chuyển đổi số');
    await dialog.getByTestId('publish-criteria-submit').click();
    await dialog.getByText('Mã tiêu chí bị trùng trong bộ tiêu chí.').waitFor();
    await codes.last().fill('C6_DIGITAL');
    await dialog.getByTestId('publish-criteria-submit').click();
    await page.getByText('Đã ban hành Tiêu chí đối với tập thể, phiên bản 2.').waitFor();
    await collective.getByText('Phiên bản 2', { exact: true }).waitFor();
    await collective.getByText('Bổ sung tiêu chí chuyển đổi số').waitFor();
    await expect(collective.getByText('đang có hiệu lực').count()).resolves.toBe(1);
    await signOut(page);
  });

  browserTest(() => browser, 'administrators: the jurisdiction profile, a retroactive version refused, a new signer published', 'ho-so-phap-ly', async ({ page }) => {
    await signIn(page, app.baseUrl, 'admin');
    await openMenu(page, 'Hồ sơ pháp lý');
    await page.getByText('Phiên bản 2', { exact: true }).waitFor();
    await page.getByText('Căn cứ Nghị định số 152/2025/NĐ-CP', { exact: false }).first().waitFor();
    await shot(page, 'ho-so-phap-ly');
    await page.getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành hồ sơ pháp lý, phiên bản 3' });
    await expect(dialog.getByLabel('Địa danh ghi trước ngày tháng').inputValue()).resolves.toBe('Bắc Ninh');
    await dialog.getByLabel('Ngày có hiệu lực').fill('2024-01-01');
    await dialog.getByLabel('Người thường ký').first().fill('Lê Văn Thử');
    await dialog.getByLabel('Lý do ban hành').fill('Đổi người ký thường xuyên');
    await dialog.getByTestId('publish-profile-submit').click();
    await dialog.getByText('Ngày có hiệu lực không được trước hôm nay', { exact: false }).waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    await dialog.getByLabel('Ngày có hiệu lực').fill(today);
    await dialog.getByTestId('publish-profile-submit').click();
    await page.getByText('Đã ban hành hồ sơ pháp lý phiên bản 3', { exact: false }).waitFor();
    await page.getByText('Đổi người ký thường xuyên').waitFor();
    await expect(page.getByText('đang có hiệu lực').count()).resolves.toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'ho-so-phap-ly-dien-thoai');
    await signOut(page);
  });
  browserTest(() => browser, 'anyone: my account, and my own password changed (a wrong current one refused under its field)', 'tai-khoan', async ({ page }) => {
    const NEW_PASSWORD = 'mat-khau-moi-cua-toi-2026';
    await signIn(page, app.baseUrl, 'kiemtra');
    await openMenu(page, 'Tài khoản của tôi');
    await page.getByText('Kiểm tra, giám sát', { exact: false }).first().waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau-nay');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(`${NEW_PASSWORD}x`);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Hai lần nhập mật khẩu mới không khớp.' }).waitFor();
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The server refuses the wrong current password, in Vietnamese, next to that field.
    await page.locator('.ant-form-item-explain-error, .ant-alert').filter({ hasText: 'Mật khẩu hiện tại không đúng.' }).first().waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.').waitFor();
    await shot(page, 'tai-khoan-cua-toi');
    await signOut(page);
    // The new password signs in; the old one no longer does. Put back for the suites after this one.
    expect((await app.test.http.post('/api/auth/sign-in').send({ username: 'kiemtra', password: DEMO_PASSWORD })).status).toBe(401);
    const auditor = await app.test.signIn('kiemtra', NEW_PASSWORD);
    expect((await auditor.post('/api/auth/password').send({ currentPassword: NEW_PASSWORD, newPassword: DEMO_PASSWORD })).status).toBe(200);
  });
  browserTest(() => browser, 'lookup: one search box without diacritics over people, units and movements; a subject’s history across years', 'tra-cuu', async ({ page }) => {
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Tra cứu');
    await page.getByLabel('Tìm', { exact: true }).fill('nguyen thi hoa');
    await page.getByLabel('Tìm', { exact: true }).press('Enter');
    const results = page.getByTestId('lookup-results');
    await results.locator('[data-hit="candidate"]').getByRole('link', { name: TEACHER }).waitFor();
    await shot(page, 'tra-cuu');
    // A unit by its name without diacritics, then only units.
    await page.getByLabel('Tìm', { exact: true }).fill('lang giang');
    await page.getByLabel('Tìm', { exact: true }).press('Enter');
    await results.locator('[data-hit="unit"]').getByRole('link', { name: 'UBND xã Lạng Giang' }).waitFor();
    await page.getByText('Đơn vị', { exact: true }).first().click();
    await expect(results.locator('[data-hit="candidate"]').count()).resolves.toBe(0);
    // The teacher's history: every candidacy of the same subject, with what became of it.
    await page.getByLabel('Tìm', { exact: true }).fill('NGUYEN THI HOA');
    await page.getByLabel('Tìm', { exact: true }).press('Enter');
    await page.getByText('Tất cả', { exact: true }).click();
    await results.locator('[data-hit="candidate"]').first().getByRole('link', { name: 'Lịch sử qua các năm' }).click();
    await page.getByRole('heading', { name: `Lịch sử qua các năm: ${TEACHER}`, level: 1 }).waitFor();
    await page.getByRole('table').getByRole('link', { name: TEACHER }).first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'tra-cuu-lich-su-dien-thoai');
    await signOut(page);
  });

  browserTest(() => browser, 'movements: launched by the secretariat, started, a district registers its targets, an interim review, then the final one', 'phong-trao', async ({ page }) => {
    const NAME = 'Thi đua chuyển đổi số trong cải cách hành chính giai đoạn 2026 - 2027';
    await signIn(page, app.baseUrl, 'thuongtruc');
    await openMenu(page, 'Phong trào thi đua');
    await page.getByRole('button', { name: 'Phát động phong trào' }).click();
    const dialog = page.getByRole('dialog');
    // Nothing filled: each required field says so, in Vietnamese.
    await dialog.getByTestId('launch-movement-submit').click();
    await expect(dialog.locator('.ant-form-item-explain-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).count()).resolves.toBeGreaterThanOrEqual(4);
    await dialog.getByLabel('Tên phong trào').fill(NAME);
    const period = dialog.locator('.ant-picker-range input');
    await period.nth(0).click();
    await period.nth(0).fill('01/01/2026');
    await period.nth(0).press('Enter');
    await period.nth(1).fill('31/12/2027');
    await period.nth(1).press('Enter');
    await dialog.getByLabel('Lĩnh vực').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Lĩnh vực khác"]').click();
    await page.keyboard.press('Escape');
    await dialog.getByLabel('Mục tiêu, chỉ tiêu').fill('100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình.');
    await dialog.getByLabel('Số hiệu văn bản phát động').fill('12/KH-HĐTĐKT');
    await dialog.getByLabel('Ngày ban hành văn bản').fill('05/01/2026');
    await dialog.getByLabel('Ngày ban hành văn bản').press('Enter');
    await dialog.getByTestId('launch-movement-submit').click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    const movementUrl = page.url();
    await page.getByTestId('movement-actions').getByRole('button', { name: 'Bắt đầu triển khai' }).click();
    await page.getByText('Phong trào đã bắt đầu triển khai.').waitFor();
    await signOut(page);

    // The district's unit head registers with its targets.
    await signIn(page, app.baseUrl, 'truongdonvi2');
    await page.goto(movementUrl);
    await page.getByRole('button', { name: 'Đăng ký tham gia' }).click();
    await page.getByRole('dialog').getByLabel('Chỉ tiêu, nội dung đăng ký').fill('Số hóa 100% hồ sơ một cửa cấp huyện trong năm 2026.');
    await page.getByRole('dialog').getByLabel('Số điển hình phấn đấu xây dựng').fill('3');
    await page.getByRole('dialog').getByTestId('movement-register-submit').click();
    await page.getByText('Đơn vị đã đăng ký tham gia.').waitFor();
    await page.getByRole('cell', { name: 'UBND xã Lạng Giang' }).waitFor();
    // The household the district nurtures leads the movement: linked from its page, listed on the movement's.
    const found = await (await app.test.signIn('truongdonvi2', DEMO_PASSWORD)).get(`/api/candidates?q=${encodeURIComponent('Trần Văn Minh')}`);
    await page.goto(`${app.baseUrl}/ho-so/${found.body.items[0].id as string}`);
    const section = page.getByTestId('candidate-movements');
    await choose(page, section.getByLabel('Chọn phong trào đang triển khai'), NAME);
    await section.getByRole('button', { name: 'Gắn với phong trào' }).click();
    await section.getByRole('link', { name: `Phong trào «${NAME}»` }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    await page.getByRole('link', { name: HOUSEHOLD }).waitFor();
    await signOut(page);

    // The secretariat records an interim review, then the final one that closes the movement.
    await signIn(page, app.baseUrl, 'thuongtruc');
    await page.goto(movementUrl);
    await page.getByRole('button', { name: 'Sơ kết', exact: true }).click();
    await page.getByRole('dialog').getByLabel('Ngày sơ kết, tổng kết').fill('30/06/2026');
    await page.getByRole('dialog').getByLabel('Ngày sơ kết, tổng kết').press('Enter');
    await page.getByRole('dialog').getByLabel('Kết quả').fill('Sáu tháng đầu năm: 72% thủ tục trực tuyến toàn trình.');
    await page.getByRole('dialog').getByLabel('Số đơn vị tham gia').fill('12');
    await page.getByRole('dialog').getByTestId('movement-review-submit').click();
    await page.getByText('Đã ghi nhận sơ kết, tổng kết.').waitFor();
    await page.getByText('Sáu tháng đầu năm: 72% thủ tục trực tuyến toàn trình.').waitFor();
    await page.getByRole('button', { name: 'Tổng kết (kết thúc phong trào)' }).click();
    await page.getByRole('dialog').getByText('Tổng kết kết thúc phong trào', { exact: false }).waitFor();
    await page.getByRole('dialog').getByLabel('Ngày sơ kết, tổng kết').fill('20/12/2027');
    await page.getByRole('dialog').getByLabel('Ngày sơ kết, tổng kết').press('Enter');
    await page.getByRole('dialog').getByLabel('Kết quả').fill('Hoàn thành: 100% thủ tục trực tuyến toàn trình; 3 điển hình được nhân rộng.');
    await page.getByRole('dialog').getByTestId('movement-review-submit').click();
    await page.getByText('Đã ghi nhận sơ kết, tổng kết.').first().waitFor();
    await page.getByText('Đã tổng kết, kết thúc').first().waitFor();
    expect(await page.getByRole('button', { name: 'Sơ kết', exact: true }).count()).toBe(0);
    await shot(page, 'phong-trao');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'phong-trao-dien-thoai');
    await page.setViewportSize({ width: 1440, height: 900 });
    await signOut(page);
  });

  browserTest(() => browser, 'replication: the units without a plan, a unit head writes then revises the year’s plan, and the models that spread furthest', 'nhan-rong', async ({ page }) => {
    await signIn(page, app.baseUrl, 'truongdonvi2');
    await openMenu(page, 'Nhân rộng', 'Nhân rộng điển hình');
    await page.getByTestId('units-without-plan').waitFor();
    await page.getByRole('button', { name: 'Lập kế hoạch của đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kế hoạch xây dựng điển hình tiên tiến').fill('Mỗi xã xây dựng ít nhất một mô hình dân vận khéo.');
    await dialog.getByLabel('Kế hoạch nhân rộng điển hình tiên tiến').fill('Tổ chức hội nghị chia sẻ kinh nghiệm mỗi quý.');
    await dialog.getByLabel('Số, ký hiệu văn bản').fill('Kế hoạch số 08/KH-UBND');
    await dialog.getByTestId('unit-plan-submit').click();
    await page.getByRole('row', { name: /UBND xã Lạng Giang/ }).getByText('Lần 1').waitFor();
    await page.getByRole('button', { name: 'Sửa kế hoạch của đơn vị' }).click();
    await page.getByRole('dialog').getByText('Đang áp dụng bản lần 1', { exact: false }).waitFor();
    await page.getByRole('dialog').getByLabel('Kế hoạch nhân rộng điển hình tiên tiến').fill('Hội nghị chia sẻ kinh nghiệm mỗi quý; tuyên truyền trên cổng thông tin huyện.');
    await page.getByRole('dialog').getByTestId('unit-plan-submit').click();
    await page.getByRole('row', { name: /UBND xã Lạng Giang/ }).getByText('Lần 2').waitFor();
    await shot(page, 'nhan-rong-ke-hoach');
    await page.getByRole('tab', { name: 'Mô hình lan tỏa' }).click();
    await page.getByText('Mười mô hình lan tỏa rộng nhất (số đơn vị)').or(page.getByText('Chưa có điển hình nào được học tập, áp dụng.')).first().waitFor();
    await shot(page, 'nhan-rong-lan-toa');
    await signOut(page);
  });

});
