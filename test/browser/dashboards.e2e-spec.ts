/**
 * The office's and the auditors' dashboards as those roles' home pages, the unit head's tasks with candidates
 * before the council, the administrators' account search and role change, the candidate page's outline and its
 * printable dossier (also rendered to PDF), in Chromium, in Vietnamese, at 1366 px, against the demo province.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CANDIDATE_EVENTS } from '#workflow';
import { DEMO_PASSWORD, ensureWebBuilt, launchChromium, samplePdf, screenshotPath, startServedApp, type ServedApp } from './support/browser.js';
import { findInternalCodes } from './support/internal-codes.js';
import { browserTest, choose, openMenu, shot, signIn } from './support/ui.js';
import { pdfText } from '../support/pdf-text.js';
import { AuditCheckpoints } from '../../apps/api/src/audit/audit-checkpoints.service.js';

const CANDIDATE = 'Tổ Sinh học trường THPT chuyên Bắc Giang';
const EVIDENCE = 'Bao cao sang kien to Sinh hoc.pdf';
const STRENGTHS = 'Xây dựng vườn thực nghiệm cho học sinh';
const GOALS = 'Nhân rộng mô hình vườn thực nghiệm ra các trường';

let app: ServedApp;
let browser: Browser;
let candidateId: string;

const vnNumber = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const mainText = (page: Page) => page.locator('#main').innerText();
/** Waits until `read` gives a value `ok` accepts (a scroll or a filter takes a moment), failing with the last one. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  if (!ok(value)) throw new Error(`${what}: got ${JSON.stringify(value)}`);
  return value;
}

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  // A candidate of the unit head's department, nurtured, with evidence and a check-in long ago: overdue.
  const head = await app.test.signIn('truongdonvi', DEMO_PASSWORD);
  const me = (await head.get('/api/auth/me')).body as { unitId: string };
  const created = await head.post('/api/candidates').send({ kind: 'COLLECTIVE', name: CANDIDATE, unitId: me.unitId, field: 'EDUCATION_SCIENCE', year: 2026, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Mô hình vườn thực nghiệm sinh học.', newSubject: true });
  expect(created.status).toBe(201);
  candidateId = created.body.id;
  expect((await head.post(`/api/candidates/${candidateId}/evidence`).attach('file', samplePdf('sang kien'), { filename: EVIDENCE, contentType: 'application/pdf' })).status).toBe(201);
  for (const [type, payload] of [
    ['START_NURTURING', { goals: GOALS, supporter: 'Phòng Giáo dục trung học' }],
    ['RECORD_CHECK_IN', { date: '2025-01-02', strengths: STRENGTHS, shortcomings: 'Chưa có tài liệu hướng dẫn' }],
  ] as const) {
    const current = await head.get(`/api/candidates/${candidateId}`);
    expect((await head.post(`/api/candidates/${candidateId}/events`).send({ type, expectedVersion: current.body.version, payload })).status).toBe(200);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

describe('dashboards', () => {
  browserTest(() => browser, 'the secretariat lands on the office dashboard: its figures are the API’s, an overdue candidate opens from it', 'bang-dieu-hanh', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'thuongtruc');
    await page.getByRole('heading', { name: 'Bảng điều hành', level: 1 }).waitFor();
    const data = (await page.evaluate(async () => (await fetch('/api/dashboards/office')).json())) as {
      pipeline: { total: number; rows: { stageLabel: { vi: string }; total: number }[] };
      overdueNurturing: { total: number; items: { candidate: { name: string } }[] };
      sessions: { title: string; deadlines: unknown[] }[];
      years: { current: { year: number; nominated: number }; previous: { year: number; nominated: number } };
    };
    expect(await page.getByTestId('dashboard-pipeline-total').innerText()).toBe(vnNumber(data.pipeline.total));
    const pipeline = page.getByTestId('dashboard-pipeline');
    for (const row of data.pipeline.rows) {
      await expect(pipeline.locator('tr', { hasText: row.stageLabel.vi }).locator('td').last().innerText()).resolves.toBe(vnNumber(row.total));
    }
    // The overdue candidate made above is listed, and the count in the heading is the API's.
    expect(data.overdueNurturing.items.map((i) => i.candidate.name)).toContain(CANDIDATE);
    await page.getByRole('heading', { name: `Bồi dưỡng quá hạn kiểm tra (${data.overdueNurturing.total})` }).waitFor();
    // Every open session with its stage's dates; the demo's 2026 session is being prepared.
    const sessions = page.getByTestId('dashboard-sessions');
    for (const s of data.sessions) await sessions.getByRole('link', { name: s.title }).waitFor();
    expect(data.sessions.map((s) => s.title)).toContain('Tổng kết năm 2026');
    const years = page.getByTestId('dashboard-years');
    await years.getByRole('columnheader', { name: String(data.years.current.year) }).waitFor();
    await expect(years.locator('tr', { hasText: 'Hồ sơ được phát hiện, đề xuất' }).innerText()).resolves.toContain(vnNumber(data.years.current.nominated));
    expect(findInternalCodes(await mainText(page))).toEqual([]);
    await shot(page, 'bang-dieu-hanh-1366');
    await page.getByTestId('dashboard-overdue').getByRole('link', { name: CANDIDATE }).click();
    await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
  });

  browserTest(() => browser, 'an auditor lands on the audit overview: the checkpoint with its signature, the status, a refusal by name and reason', 'tong-quan-kiem-tra', async ({ page }) => {
    await app.test.running.app.get(AuditCheckpoints).build();
    // A unit head asks for what only auditors may read: refused, and written down.
    const other = await app.test.signIn('truongdonvi2', DEMO_PASSWORD);
    expect((await other.get('/api/audit/checkpoints')).status).toBe(403);
    const name = ((await other.get('/api/auth/me')).body as { displayName: string }).displayName;

    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'kiemtra');
    await page.getByRole('heading', { name: 'Tổng quan kiểm tra, giám sát', level: 1 }).waitFor();
    const data = (await page.evaluate(async () => (await fetch('/api/dashboards/audit')).json())) as { latestCheckpoint: { treeSize: number }; records: { total: number; covered: number } };
    await page.locator('[data-testid="audit-dashboard-status"][data-ok="true"]').getByText('Điểm kiểm được ký đúng hạn; chưa có nơi chứng thực để đối chiếu').waitFor();
    const checkpoint = page.getByTestId('audit-dashboard-checkpoint');
    await checkpoint.getByText(`gồm ${vnNumber(data.latestCheckpoint.treeSize)} bản ghi`, { exact: false }).waitFor();
    await checkpoint.getByText('Chữ ký hợp lệ').waitFor();
    await checkpoint.getByText('Chưa cấu hình nơi chứng thực bên ngoài cơ sở dữ liệu.').waitFor();
    await page.getByText(`Nhật ký có ${vnNumber(data.records.total)} bản ghi, ${vnNumber(data.records.covered)} bản ghi đã nằm trong điểm kiểm đã ký.`, { exact: false }).waitFor();
    const refusal = page.getByTestId('audit-dashboard-refusals').locator('.ant-list-item').first();
    await refusal.getByText(name).waitFor();
    await refusal.getByText('Vai trò không được phép dùng chức năng này', { exact: false }).waitFor();
    expect(findInternalCodes(await mainText(page))).toEqual([]);
    await shot(page, 'tong-quan-kiem-tra-1366');
    await page.getByRole('link', { name: 'Kiểm tra toàn vẹn đầy đủ và xem nhật ký' }).click();
    await page.getByRole('heading', { name: 'Kiểm tra, giám sát', level: 1 }).waitFor();
  });
});

describe('tasks, accounts, the candidate page and its dossier', () => {
  browserTest(() => browser, 'the unit head’s tasks list their candidates before the council with the next date', 'viec-hoi-dong', async ({ page }) => {
    await signIn(page, app.baseUrl, 'truongdonvi');
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const data = (await page.evaluate(async () => (await fetch('/api/dashboards/office')).json())) as { underCouncil: { candidate: { name: string }; session: { title: string } | null; next: { date: string } | null }[] };
    expect(data.underCouncil.length).toBeGreaterThan(0);
    const group = page.getByTestId('task-group-underCouncil');
    for (const item of data.underCouncil) {
      const row = group.getByRole('listitem').filter({ has: page.getByRole('link', { name: item.candidate.name, exact: true }) });
      await row.waitFor();
      const text = await row.innerText();
      if (item.session) expect(text).toContain(item.session.title);
      if (item.next) expect(text).toContain(item.next.date.split('-').reverse().join('/'));
      if (!item.session) expect(text).toContain('chờ Hội đồng đưa vào đợt xét');
    }
  });

  browserTest(() => browser, 'administrators search accounts without diacritics and change a role; a unit head without a unit is refused under the field', 'tai-khoan-vai-tro', async ({ page }) => {
    const admin = await app.test.signIn('admin', DEMO_PASSWORD);
    expect((await admin.post('/api/accounts').send({ username: 'pham.thu', displayName: 'Phạm Thị Thu', role: 'AUDITOR', password: 'mat-khau-thu-nghiem-2025' })).status).toBe(201);
    await signIn(page, app.baseUrl, 'admin');
    await openMenu(page, 'Tài khoản');
    const search = page.getByLabel('Tìm tài khoản', { exact: true });
    await search.fill('pham thi thu');
    await search.press('Enter');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await until(() => rows.count(), (n) => n === 1, 'rows found by the search');
    await rows.first().getByText('Phạm Thị Thu').waitFor();

    await page.getByRole('button', { name: 'Đổi vai trò, đơn vị của pham.thu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đổi vai trò, đơn vị: Phạm Thị Thu' });
    await choose(page, dialog.getByLabel('Vai trò'), 'Thủ trưởng đơn vị');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.locator('.ant-form-item-explain-error').filter({ hasText: 'Thủ trưởng đơn vị và thành viên Hội đồng phải thuộc một đơn vị.' }).waitFor();
    await dialog.getByLabel('Đơn vị công tác').click();
    await page.keyboard.type('Sở Y tế');
    await page.locator('.ant-select-dropdown:visible [title="Sở Y tế"]').first().click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã đổi vai trò của Phạm Thị Thu thành Thủ trưởng đơn vị.').waitFor();
    await rows.first().getByText('Thủ trưởng đơn vị').waitFor();
    const accounts = (await admin.get('/api/accounts?q=pham.thu')).body as { role: string; unit: { name: string } }[];
    expect(accounts).toEqual([expect.objectContaining({ role: 'UNIT_HEAD', unit: expect.objectContaining({ name: 'Sở Y tế' }) })]);
  });

  browserTest(() => browser, 'the candidate page’s outline leads to each section; the printable dossier holds the whole candidate and prints to PDF', 'ban-in-ho-so', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, app.baseUrl, 'truongdonvi');
    await page.goto(`${app.baseUrl}/ho-so/${candidateId}`);
    await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
    const outline = page.getByRole('navigation', { name: 'Các mục của hồ sơ' });
    expect(await outline.getByRole('link').allInnerTexts()).toEqual(['Thông tin', 'Quy trình', 'Tạm dừng xét', 'Phong trào', 'Bồi dưỡng', 'Hội đồng xét', 'Báo cáo thành tích', 'Minh chứng', 'Lịch sử']);
    await page.getByTestId('history').locator('.history-record').first().waitFor();
    await shot(page, 'ho-so-1366', { fullPage: false });
    await outline.getByRole('link', { name: 'Lịch sử' }).click();
    await page.waitForURL(/#lich-su$/);
    // The section's heading comes into view, below the outline.
    await until(async () => (await page.getByRole('heading', { name: 'Lịch sử hồ sơ' }).boundingBox())?.y ?? -1, (y) => y >= 0 && y < 300, 'the history heading’s place');
    // The outline stays in view.
    expect((await outline.boundingBox())!.y).toBeLessThan(60);
    await outline.getByRole('link', { name: 'Bồi dưỡng' }).click();
    await page.waitForURL(/#boi-duong$/);

    await page.getByRole('button', { name: 'Bản in hồ sơ' }).click();
    await page.getByRole('heading', { name: 'HỒ SƠ ĐIỂN HÌNH TIÊN TIẾN', level: 1 }).waitFor();
    const dossier = page.getByTestId('dossier');
    const text = await dossier.innerText();
    const started = CANDIDATE_EVENTS.find((e) => e.code === 'START_NURTURING')!.vi;
    for (const expected of [CANDIDATE, 'Mô hình vườn thực nghiệm sinh học.', EVIDENCE, GOALS, STRENGTHS, '02/01/2025', 'B. Báo cáo thành tích', 'E. Kết quả xét của Hội đồng', 'Chưa có quyết định nào nêu tên hồ sơ này.', started]) {
      expect(text).toContain(expected);
    }
    await expect(dossier.getByTestId('dossier-history').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(4);
    expect(findInternalCodes(text)).toEqual([]);
    await shot(page, 'ho-so-ban-in-1366');

    // Printed: only the document, on A4.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pdfPath = screenshotPath('ho-so-ban-in').replace(/\.png$/, '.pdf');
    writeFileSync(pdfPath, pdf);
    // Words a table cell wraps come back on two lines.
    const printed = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(printed).toContain('HỒ SƠ ĐIỂN HÌNH TIÊN TIẾN');
    expect(printed).toContain(EVIDENCE);
    for (const chrome of ['Đăng xuất', 'In hồ sơ', 'Tra cứu', 'Việc cần làm']) expect(printed).not.toContain(chrome);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, pdfPath.replace(/\.pdf$/, '-trang-1')]);
  });
});
