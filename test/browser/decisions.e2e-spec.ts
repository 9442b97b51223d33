/**
 * A decision from a closed session to a certificate, in Chromium and in Vietnamese (issue 18): the secretariat
 * opens the session's decision page from the closed session and drafts the decision; the draft downloads as a PDF
 * watermarked "DỰ THẢO" and as a DOCX whose document.xml reads as the decision; the clerk (văn thư) enters the
 * document register's number and date, issues it, and downloads a certificate, named with its Vietnamese letters.
 * At 1366 px and 390 px. A wrong correction draft is abandoned (hủy dự thảo) with its reason, listed with its state,
 * and the correction drafted again.
 */
import { afterAll, beforeAll, describe, expect, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../apps/api/src/common/clock.js';
import { decideThroughCouncil } from '../support/council.js';
import { CLERK, SECRETARY, newCandidate } from '../support/factories.js';
import { pdfPages } from '../support/pdf-text.js';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, choose, shot, signIn, signOut } from './support/ui.js';

const EXEMPLAR = 'Tổ Toán Trường THPT Ngô Sĩ Liên';
const NUMBER = 2468;

let app: ServedApp;
let browser: Browser;
let sessionId: string;
let candidateId: string;
let issuedOn: string;

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const t = app.test;
  // A unit the demo's unit head (Sở Giáo dục và Đào tạo) reaches.
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  candidateId = (await newCandidate(t, { state: 'underReview', name: EXEMPLAR, unitId: school!.id })).id;
  ({ sessionId } = await decideThroughCouncil(t, [candidateId], 'RECOGNISE'));
  // The session became final after its notice period: the office works on its decision from then on.
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
  issuedOn = clock.today();
}, 300_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await browser?.close();
  await app?.test.close();
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path!) };
}

describe('a decision from draft to certificate in Chromium', () => {
  browserTest(() => browser, 'the secretariat drafts from the closed session; the clerk numbers from the register, issues, and prints a certificate', 'quyet-dinh', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, SECRETARY);
    await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}`);
    await page.getByTestId('session-decision-link').click();
    await page.getByRole('heading', { name: 'Quyết định của đợt xét' }).waitFor();
    await page.getByTestId('create-draft').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lập dự thảo' }).click();
    await page.getByTestId('draft-status').filter({ hasText: 'Dự thảo — chưa có số' }).waitFor();

    const pdf = await download(page, () => page.getByTestId('draft-pdf').click());
    expect(pdf.name).toBe('Dự thảo Quyết định - Tổng kết năm 2025.pdf');
    const pages = await pdfPages(pdf.bytes);
    for (const p of pages) expect(p).toContain('DỰ THẢO');
    // The name sits in a table cell, wrapped over lines: its first words are on one.
    expect(pages.join(' ')).toContain('Tổ Toán');
    const docx = await download(page, () => page.getByTestId('draft-docx').click());
    expect(docx.name).toBe('Dự thảo Quyết định - Tổng kết năm 2025.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))['word/document.xml']!);
    const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const s of ['QUYẾT ĐỊNH', 'Về việc công nhận điển hình tiên tiến năm 2025', EXEMPLAR, 'Điều 1.']) expect(words).toContain(s);
    await shot(page, 'quyet-dinh-1-du-thao');
    await signOut(page);

    await signIn(page, app.baseUrl, CLERK);
    await page.getByRole('heading', { name: 'Quyết định công nhận' }).waitFor();
    await page.getByTestId('decision-drafts').getByRole('link', { name: 'Tổng kết năm 2025' }).first().click();
    await page.getByTestId('number-draft').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số văn bản (…/QĐ-UBND)').fill(String(NUMBER));
    const date = dialog.getByLabel('Ngày ban hành');
    await date.fill(issuedOn.split('-').reverse().join('/'));
    await date.press('Enter');
    await dialog.getByRole('button', { name: 'Ghi số' }).click();
    await page.getByTestId('draft-status').filter({ hasText: 'Đã lấy số — chờ ban hành' }).waitFor();
    await page.getByTestId('issue-draft').click();
    await page.getByTestId('issued-decision').filter({ hasText: `Quyết định số ${NUMBER}/QĐ-UBND` }).waitFor();
    await shot(page, 'quyet-dinh-2-ban-hanh');

    const certificate = await download(page, () => page.getByTestId(`certificate-${candidateId}`).click());
    expect(certificate.name).toMatch(new RegExp(`^Giấy chứng nhận ĐHTT-\\d{4}-${NUMBER}-001 - ${EXEMPLAR}\\.pdf$`));
    const certText = (await pdfPages(certificate.bytes)).join(' ').replace(/\s+/g, ' ');
    expect(certText).toContain('Tổ Toán');
    expect(certText).toContain(`${NUMBER}/QĐ-UBND`);
    const decision = await download(page, () => page.getByTestId('decision-pdf').click());
    expect(decision.name).toBe(`Quyết định ${NUMBER}-QĐ-UBND.pdf`);
    expect((await pdfPages(decision.bytes)).join(' ')).not.toContain('DỰ THẢO');

    // On a phone: the same page, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('issued-decision').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'quyet-dinh-3-dien-thoai');

    // The candidate page names the decision.
    await page.setViewportSize({ width: 1366, height: 900 });
    await signOut(page);
    await signIn(page, app.baseUrl, SECRETARY);
    await page.goto(`${app.baseUrl}/ho-so/${candidateId}`);
    await page.getByTestId('replication-decisions').filter({ hasText: `${NUMBER}/QĐ-UBND` }).waitFor();

    // A correction drafted wrong is abandoned (with its reason, after confirmation), then drafted again.
    await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
    const draftCorrection = async (name: string) => {
      await page.getByTestId('draft-correction').click();
      const dialog = page.getByRole('dialog');
      await choose(page, dialog.getByLabel('Điển hình được đính chính'), EXEMPLAR);
      await dialog.getByLabel('Tên đúng').fill(name);
      await dialog.getByLabel('Lý do').fill('Ghi sai tên tổ chuyên môn');
      await dialog.getByRole('button', { name: 'Lập dự thảo' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('decision-draft-correction').filter({ hasText: name }).waitFor();
    };
    await draftCorrection('Tổ Toán - Tin Trường THPT Ngô Sĩ Liên');
    await page.getByTestId('abandon-draft-correction').click();
    const abandon = page.getByRole('dialog');
    await abandon.getByText('Dự thảo bị hủy được giữ lại làm lịch sử').waitFor();
    // The reason is required.
    await abandon.getByRole('button', { name: 'Xác nhận hủy dự thảo' }).click();
    await abandon.getByText('Vui lòng nhập thông tin này.').waitFor();
    await abandon.getByLabel('Lý do hủy dự thảo').fill('Lập nhầm: tên đúng là Tổ Toán - Tin học');
    await shot(page, 'quyet-dinh-4-huy-du-thao');
    await abandon.getByRole('button', { name: 'Xác nhận hủy dự thảo' }).click();
    await abandon.waitFor({ state: 'hidden' });
    await page.getByTestId('decision-draft-correction').waitFor({ state: 'detached' });
    // Drafted again: the abandoned draft no longer stands in the way.
    await draftCorrection('Tổ Toán - Tin học Trường THPT Ngô Sĩ Liên');
    await page.getByTestId('draft-status-correction').filter({ hasText: 'Dự thảo — chưa có số' }).waitFor();
    // The decisions page lists both drafts, each with its state in Vietnamese.
    await page.goto(`${app.baseUrl}/quyet-dinh`);
    const drafts = page.getByTestId('decision-drafts');
    await drafts.getByText('Đã hủy dự thảo').waitFor();
    await drafts.getByText('Dự thảo — chưa có số').waitFor();
    // The abandoned one says when and why; nobody can number it any more.
    await drafts.getByText(/Hủy dự thảo lúc \d{2}\/\d{2}\/\d{4}.*Lý do hủy dự thảo: Lập nhầm: tên đúng là Tổ Toán - Tin học/).waitFor();
    await shot(page, 'quyet-dinh-5-danh-sach-du-thao');
  });
});
