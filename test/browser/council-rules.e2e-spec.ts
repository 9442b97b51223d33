/**
 * Council rule sets in a real browser, in Vietnamese, at 1366 px and 390 px: the administrator's rule-set screen
 * and its publish dialog; a session of 11 members whose secretariat takes attendance (present / written opinion /
 * absent) in the dialog, records a written opinion with its signed form, and, after the close of voting, the
 * session page showing the pinned rule set and the figures the candidate was judged by.
 * Screenshots go to test/browser/screenshots/ (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, ensureWebBuilt, launchChromium, newVietnamesePage, screenshotPath, startServedApp, type ServedApp } from './support/browser.js';
import { councilOf, fullChecklist } from '../support/council.js';
import { newCandidate, pdfBytes } from '../support/factories.js';

const TIMEOUT = 300_000;
let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${app.baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

describe('council rule sets in Chromium', () => {
  it(
    'the administrator reads the rule sets and opens the publish dialog (1366 and 390 px)',
    async () => {
      const { context, page, problems } = await newVietnamesePage(browser);
      try {
        await page.setViewportSize({ width: 1366, height: 900 });
        await signIn(page, 'admin');
        await page.goto(`${app.baseUrl}/quan-tri/quy-tac-hoi-dong`);
        await page.getByRole('heading', { name: 'Bộ quy tắc Hội đồng' }).first().waitFor();
        await page.getByTestId('rule-set-QUY_DINH_2025').getByText('Phiên họp xét khen thưởng: cần ít nhất 80% tổng số thành viên Hội đồng tham dự').waitFor();
        await shot(page, 'quy-tac-hoi-dong-1366');
        await page.getByTestId('rule-set-QUY_DINH_2025').getByRole('button', { name: 'Ban hành phiên bản mới' }).click();
        const dialog = page.getByRole('dialog', { name: 'Ban hành QUY_DINH_2025 phiên bản 2' });
        await dialog.waitFor();
        await expect(dialog.getByLabel('Tên (tiếng Việt)').inputValue()).resolves.toBe('Theo quy định thi đua, khen thưởng của tỉnh (2025)');
        await shot(page, 'quy-tac-hoi-dong-ban-hanh-1366');
        await dialog.getByRole('button', { name: /Hủy|Đóng/ }).first().click();
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${app.baseUrl}/quan-tri/quy-tac-hoi-dong`);
        await page.getByTestId('rule-set-QUY_DINH_2025').waitFor();
        await shot(page, 'quy-tac-hoi-dong-390');
        expect(problems).toEqual([]);
      } catch (error) {
        await page.screenshot({ path: screenshotPath('that-bai-quy-tac'), fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  it(
    'the secretariat takes attendance with a written opinion; the session page shows the pinned rule set and the figures',
    async () => {
      const t = app.test;
      const council = await councilOf(t, 11);
      const me = await t.as('truongdonvi').get('/api/auth/me');
      const candidate = await newCandidate(t, { name: 'Hợp tác xã Quy Tắc', unitId: me.body.unitId as string, state: 'underReview' });
      const secretary = t.as('thuongtruc');
      const session = await secretary.post('/api/review-sessions').send({ title: 'Phiên thử bộ quy tắc', year: 2025, chairName: 'Nguyễn Văn Mạnh', ballot: 'OPEN', memberIds: council.memberIds });
      expect(session.status).toBe(201);
      const sessionId = session.body.id as string;
      const itemId = (await secretary.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: candidate.id })).body.itemId as string;
      await secretary.post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 });
      const detail = (await secretary.get(`/api/review-sessions/${sessionId}`)).body;
      for (const reviewerId of detail.items[0].reviewers as string[]) {
        expect((await council.members[council.memberIds.indexOf(reviewerId)]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send(fullChecklist(detail.items[0].criteria))).status).toBe(201);
      }

      const { context, page, problems } = await newVietnamesePage(browser);
      try {
        await page.setViewportSize({ width: 1366, height: 900 });
        await signIn(page, 'thuongtruc');
        await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}`);
        await page.getByTestId('pinned-rule-set').waitFor();
        await page.getByTestId('secretariat').getByRole('button', { name: 'Điểm danh và mở biểu quyết' }).click();
        const dialog = page.getByRole('dialog', { name: 'Điểm danh và mở biểu quyết' });
        await dialog.waitFor();
        // Member 9 (index 8) gives a written opinion; members 10 and 11 are absent.
        const names = (await secretary.get(`/api/review-sessions/${sessionId}`)).body.members.map((m: { displayName: string }) => m.displayName) as string[];
        const ordered = council.memberIds.map((id) => (detail.members as { accountId: string; displayName: string }[]).find((m) => m.accountId === id)!.displayName);
        expect(names.length).toBe(11);
        await dialog.getByRole('radiogroup', { name: `Tham dự của ${ordered[8]}` }).getByText('Vắng, có ý kiến bằng văn bản').click();
        await dialog.getByRole('radiogroup', { name: `Tham dự của ${ordered[9]}` }).getByText('Vắng mặt').click();
        await dialog.getByRole('radiogroup', { name: `Tham dự của ${ordered[10]}` }).getByText('Vắng mặt').click();
        await shot(page, 'diem-danh-1366');
        await dialog.getByTestId('open-voting-submit').click();
        await dialog.waitFor({ state: 'hidden' });
        for (const i of [0, 1, 2, 3, 4, 5, 6, 7]) {
          expect((await council.members[i]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' })).status).toBe(201);
        }
        await page.reload();
        const written = page.getByTestId('written-opinions');
        await written.waitFor();
        await written.getByRole('combobox').first().click();
        await page.locator('.ant-select-item-option').filter({ hasText: /^Tán thành$/ }).click();
        await written.locator('input[type=file]').setInputFiles({ name: 'Phiếu ý kiến.pdf', mimeType: 'application/pdf', buffer: pdfBytes('phieu y kien') });
        await shot(page, 'y-kien-van-ban-1366');
        await written.getByRole('button', { name: 'Ghi nhận ý kiến' }).click();
        await written.getByText(/Đã ghi nhận ý kiến của/).waitFor();
        expect((await secretary.post(`/api/review-sessions/${sessionId}/voting/close`)).status).toBe(200);
        await page.reload();
        await page.getByTestId('verdict').first().waitFor();
        await page.getByText('9 tán thành trên cơ sở 11, cần 8').first().waitFor();
        await shot(page, 'phien-theo-quy-tac-1366');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.reload();
        await page.getByTestId('verdict').first().waitFor();
        await shot(page, 'phien-theo-quy-tac-390');
        expect(problems).toEqual([]);
      } catch (error) {
        await page.screenshot({ path: screenshotPath('that-bai-phien-quy-tac'), fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );
});
