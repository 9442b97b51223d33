/**
 * Holds and one achievement, one recognition on the candidate page, in Chromium and in Vietnamese, at 1366 px and
 * 390 px:
 * - the unit head puts a candidate on hold with the document's file; the "Đang tạm dừng xét" banner shows the grounds
 *   and the proposal is no longer offered; the secretariat lifts the hold with its conclusion and the banner goes;
 * - a candidacy of a subject already recognised for the same year shows the earlier decision, and its proposal asks
 *   for the unit head's justification before it is sent.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { later } from '../support/council.js';
import { SECRETARY, UNIT_HEAD, newCandidate, sendEvent, uploadEvidence } from '../support/factories.js';
import { ensureWebBuilt, launchChromium, samplePdf, startServedApp, type ServedApp } from './support/browser.js';
import { findInternalCodes } from './support/internal-codes.js';
import { browserTest, choose, shot, signIn, signOut } from './support/ui.js';
import { issueDecision } from '../support/decisions.js';

const HELD = 'Tổ Ngữ văn Trường THPT Ngô Sĩ Liên';
const REPEATED = 'Tổ Tin học Trường THPT Ngô Sĩ Liên';

let app: ServedApp;
let browser: Browser;
let heldId: string;
let repeatId: string;
let decisionNumber: string;

async function readyForReview(id: string) {
  const t = app.test;
  expect((await sendEvent(t, id, 'RECORD_CHECK_IN', { date: '2026-10-01', strengths: 'Đổi mới phương pháp', shortcomings: 'Chưa lan tỏa' })).status).toBe(200);
  expect((await uploadEvidence(t, id)).status).toBe(201);
}

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const t = app.test;
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  heldId = (await newCandidate(t, { state: 'nurturing', name: HELD, unitId: school!.id, year: 2026 })).id;
  await readyForReview(heldId);

  const first = await newCandidate(t, { state: 'recognised', name: REPEATED, unitId: school!.id, year: 2026 });
  const [item] = (await t.dataSource.query(`SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1 AND outcome = 'RECOGNISE'`, [first.id])) as { sessionId: string }[];
  const issued = await later(t, 31, () =>
    issueDecision(t, { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh', sessionId: item!.sessionId }),
  );
  expect(issued.status).toBe(201);
  decisionNumber = issued.body.number as string;
  repeatId = (await newCandidate(t, { state: 'nurturing', name: REPEATED, unitId: school!.id, year: 2026, sameSubjectAs: first.id, repeatJustification: 'Đề cử bổ sung' })).id;
  await readyForReview(repeatId);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

describe('holds and repeated recognitions in Chromium', () => {
  browserTest(() => browser, 'a hold placed with its document blocks the proposal and shows why; the secretariat lifts it with its conclusion', 'tam-dung', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, UNIT_HEAD);
    await page.goto(`${app.baseUrl}/ho-so/${heldId}`);
    await page.getByRole('heading', { name: HELD, level: 1 }).waitFor();
    const actions = page.getByTestId('actions');
    await actions.getByRole('button', { name: 'Đề nghị Hội đồng xét' }).waitFor();

    const holds = page.getByTestId('holds');
    await holds.getByText('Chưa có trường hợp tạm dừng xét nào.').waitFor();
    await holds.getByTestId('place-hold').click();
    const dialog = page.getByRole('dialog', { name: 'Tạm dừng xét hồ sơ' });
    await choose(page, dialog.getByLabel('Lý do tạm dừng'), 'Có đơn thư khiếu nại, tố cáo đang được xác minh');
    await dialog.getByLabel('Nội dung, căn cứ tạm dừng').fill('Đơn phản ánh về kết quả thi học sinh giỏi đang được Thanh tra tỉnh xác minh');
    await dialog.getByLabel('Số văn bản').fill('125/TTr-NV');
    const date = dialog.getByLabel('Ngày văn bản');
    await date.fill('20/11/2026');
    await date.press('Enter');
    await dialog.getByLabel('Cơ quan ban hành').fill('Thanh tra tỉnh Bắc Ninh');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'Công văn 125.pdf', mimeType: 'application/pdf', buffer: samplePdf('Cong van 125') });
    await dialog.getByTestId('hold-submit').click();
    await dialog.waitFor({ state: 'hidden' });

    const banner = page.getByTestId('hold-banner');
    await banner.getByText('Đang tạm dừng xét (1 trường hợp chưa có kết luận)').waitFor();
    await banner.getByText(/Văn bản số 125\/TTr-NV ngày 20\/11\/2026 của Thanh tra tỉnh Bắc Ninh/).waitFor();
    await expect(banner.getByRole('link', { name: /Công văn 125\.pdf/ }).getAttribute('href')).resolves.toMatch(new RegExp(`/api/candidates/${heldId}/holds/.+/document$`));
    await expect(actions.getByRole('button', { name: 'Đề nghị Hội đồng xét' }).count()).resolves.toBe(0);
    await actions.getByText(/Hồ sơ đang tạm dừng xét/).waitFor();
    await holds.getByText('Chờ kết luận (Thường trực Hội đồng chấm dứt)').waitFor();
    await shot(page, 'tam-dung-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await banner.waitFor();
    await shot(page, 'tam-dung-390');
    await page.setViewportSize({ width: 1366, height: 900 });
    await signOut(page);

    await signIn(page, app.baseUrl, SECRETARY);
    await page.goto(`${app.baseUrl}/ho-so/${heldId}`);
    await page.getByTestId('hold-banner').waitFor();
    await page.getByTestId('lift-hold').click();
    const lift = page.getByRole('dialog', { name: 'Chấm dứt tạm dừng xét với kết luận' });
    await lift.getByLabel('Kết luận').fill('Kết luận: nội dung phản ánh không có cơ sở');
    await lift.getByLabel('Số văn bản').fill('140/KL-TTr');
    await lift.getByLabel('Cơ quan ban hành').fill('Thanh tra tỉnh Bắc Ninh');
    await lift.getByTestId('hold-submit').click();
    await lift.waitFor({ state: 'hidden' });
    await page.getByTestId('hold-banner').waitFor({ state: 'detached' });
    const row = page.getByTestId('holds').locator('tr', { hasText: 'Kết luận: nội dung phản ánh không có cơ sở' });
    await row.getByText('Đã chấm dứt').waitFor();
    // Who placed and who lifted it, by full name: never a login.
    const names = (await app.test.dataSource.query('SELECT username, display_name FROM account WHERE username = ANY($1::text[])', [[UNIT_HEAD, SECRETARY]])) as { username: string; display_name: string }[];
    const nameOf = (login: string) => names.find((n) => n.username === login)!.display_name;
    const rowText = await row.innerText();
    expect(rowText).toContain(`Ghi nhận bởi ${nameOf(UNIT_HEAD)}`);
    expect(rowText).toContain(`Chấm dứt bởi ${nameOf(SECRETARY)}`);
    expect(findInternalCodes(rowText).filter((f) => f.kind === 'login')).toEqual([]);
    await shot(page, 'tam-dung-da-cham-dut-1366');
  });

  browserTest(() => browser, 'a repeated recognition shows the earlier decision and the proposal needs the unit head’s justification', 'mot-thanh-tich', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, UNIT_HEAD);
    await page.goto(`${app.baseUrl}/ho-so/${repeatId}`);
    await page.getByRole('heading', { name: REPEATED, level: 1 }).waitFor();
    const notice = page.getByTestId('repeat-recognition');
    await notice.getByText(new RegExp(`Quyết định số ${decisionNumber.replace(/[/.]/g, '\\$&')} ngày`)).waitFor();
    await notice.getByText('Đề cử bổ sung').waitFor();

    await page.getByTestId('actions').getByRole('button', { name: 'Đề nghị Hội đồng xét' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đề nghị Hội đồng xét' });
    await dialog.getByTestId('repeat-recognition').waitFor();
    await dialog.getByTestId('event-submit').click();
    await dialog.getByText('Vui lòng nhập thông tin này.').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
    await shot(page, 'mot-thanh-tich-de-nghi-1366', { fullPage: false });
    await dialog.getByLabel(/Lý do vẫn đề nghị/).fill('Thành tích năm 2026 là mô hình học tập mới, khác thành tích đã được công nhận');
    await dialog.getByTestId('event-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('candidate-state').getByText('Đang xét (tổng kết)').waitFor();
    await page.getByTestId('repeat-recognition').getByText(/mô hình học tập mới/).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'mot-thanh-tich-390');
  });
});
