/**
 * The 2025 reorganisation in Chromium, in Vietnamese, at 1366 px and 390 px: the administrator merges three
 * communes into a new one through the guided form (preview first: what moves where), the communes' timeline names
 * the document, and the successor's unit head finds the candidates of the three communes, in every stage, and
 * carries on their work (a candidate nominated in a former commune is nurtured by the new one).
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { CANDIDATE_EVENTS } from '#workflow';
import { TEST_PASSWORD, type ActorClient } from '../support/app.js';
import { decideThroughCouncil } from '../support/council.js';
import { ADMIN, newUnit, pdfBytes } from '../support/factories.js';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, chooseInTree, overflowAfterResize, shot, signIn, signOut } from './support/ui.js';

const COMMUNES = ['Xã Phúc Hòa', 'Xã Liên Sơn', 'Xã Cao Thượng'];
const SUCCESSOR = 'Xã Tân Trung';
const STAGES = ['discovered', 'nurturing', 'underReview', 'recognised', 'replicating'] as const;
const HEAD = 'truong.phuchoa';
const DISTRICT_HEAD = 'truong.tanyen';

let app: ServedApp;

/** A candidate of a commune of Tân Yên, brought to `state` by that district's head and the council. */
async function candidateAt(head: ActorClient, unitId: string, state: (typeof STAGES)[number] | 'nurturing', name: string): Promise<string> {
  const created = await head
    .post('/api/candidates')
    .send({ kind: 'COLLECTIVE', name, unitId, field: 'ECONOMY', year: 2025, discoveryChannel: 'REVIEW_CONFERENCE', achievement: 'Mô hình sản xuất theo chuỗi giá trị.', newSubject: true });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const send = async (type: string, payload: Record<string, unknown> = {}) => {
    const current = await head.get(`/api/candidates/${id}`);
    const res = await head.post(`/api/candidates/${id}/events`).send({ type, expectedVersion: current.body.version, payload });
    expect({ type, status: res.status }).toEqual({ type, status: 200 });
  };
  if (state === 'discovered') return id;
  await send('START_NURTURING', { goals: 'Hoàn thiện mô hình', supporter: 'Phòng Kinh tế' });
  if (state === 'nurturing') return id;
  await send('RECORD_CHECK_IN', { date: '2025-04-01', strengths: 'Hiệu quả rõ rệt', shortcomings: 'Chưa lan tỏa' });
  expect((await head.post(`/api/candidates/${id}/evidence`).attach('file', pdfBytes(), { filename: 'Báo cáo.pdf', contentType: 'application/pdf' })).status).toBe(201);
  await send('PROPOSE_FOR_REVIEW');
  if (state === 'underReview') return id;
  await decideThroughCouncil(app.test, [id], 'RECOGNISE');
  if (state === 'recognised') return id;
  await send('START_REPLICATION');
  return id;
}
let browser: Browser;
const names: string[] = [];

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const t = app.test;
  // The demo province is already past 01/7/2025 (no district left): this journey replays a commune merger of that day
  // with a district of its own, Tân Yên, whose head nominates and carries the communes' candidates until the merger.
  const [province] = (await t.dataSource.query(`SELECT id FROM unit WHERE code = 'BN'`)) as { id: string }[];
  const district = await newUnit(t, { name: 'UBND huyện Tân Yên', level: 'DISTRICT', sector: 'LOCALITY', parentId: province!.id });
  const districtHead = await t.newAccount(DISTRICT_HEAD, 'UNIT_HEAD', district.id);
  for (const [i, name] of COMMUNES.entries()) {
    const commune = await newUnit(t, { name, parentId: district.id });
    if (i === 0) await t.newAccount(HEAD, 'UNIT_HEAD', commune.id);
    // Every stage across the three communes: discovery, nurturing, review, recognition, replication.
    for (const [j, state] of STAGES.entries()) {
      if ((i + j) % 3 !== 0 && state !== 'discovered') continue;
      const candidate = `${state === 'discovered' ? 'Tổ hợp tác' : 'Hợp tác xã'} ${name.replace('Xã ', '')} ${j + 1}`;
      await candidateAt(districtHead, commune.id, state, candidate);
      names.push(candidate);
    }
  }
  // A neighbouring commune's candidate, which the new commune's head must not see.
  const neighbour = await newUnit(t, { name: 'Xã Ngọc Thiện', parentId: district.id });
  await candidateAt(districtHead, neighbour.id, 'nurturing', 'Hồ sơ của xã bên cạnh');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

async function pickInTreeSelect(page: Page, label: string, titles: string[]) {
  const select = page.getByLabel(label, { exact: true });
  for (const title of titles) {
    await chooseInTree(page, select, title, title.slice(0, 8));
  }
  await page.keyboard.press('Escape');
}

describe('the 2025 reorganisation in Chromium', () => {
  browserTest(() => browser, 'today’s views of the demo: the merged department’s council reads as Sở Nội vụ’s, its former name in its history; the unit tree names no district level', 'hom-nay', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, ADMIN);
    await page.goto(`${app.baseUrl}/hoi-dong-cac-cap`);
    await page.getByRole('heading', { name: 'Hội đồng Thi đua – Khen thưởng Sở Nội vụ', exact: true, level: 2 }).waitFor();
    await page.getByText('Trước ngày 01/07/2025: Hội đồng Thi đua – Khen thưởng Sở Nội vụ tỉnh Bắc Giang', { exact: true }).waitFor();
    // The former province's council stays with Tỉnh Bắc Giang's history, marked as such.
    const former = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Hội đồng Thi đua – Khen thưởng Tỉnh Bắc Giang', level: 2 }) });
    await former.getByTestId('council-retired').waitFor();
    await shot(page, 'hoi-dong-sau-sap-xep-1366');
    await page.goto(`${app.baseUrl}/quan-tri/don-vi`);
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    await page.getByRole('tree').getByText('Tỉnh Bắc Ninh', { exact: true }).waitFor();
    // The page's own words name no district level (the journey below adds a district of its own to replay a merger).
    expect(await page.getByText('Cây đơn vị: tỉnh →', { exact: false }).textContent()).not.toContain('huyện');
    // A new unit is never a district (the level no longer exists).
    await page.getByRole('tree').getByText('Tỉnh Bắc Ninh', { exact: true }).click();
    // The province took over the work of the dissolved districts: its timeline says so, and never that it was formed
    // from them.
    const timeline = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Lịch sử đơn vị' }) });
    await timeline.getByText('Tiếp nhận công việc của đơn vị giải thể', { exact: false }).first().waitFor();
    expect(await timeline.textContent()).not.toMatch(/Hình thành từ: UBND huyện/);
    await page.getByLabel('Cấp', { exact: true }).click();
    await page.locator('.ant-select-dropdown').getByText('Cơ sở (xã, trường, công ty…)', { exact: true }).waitFor();
    expect(await page.locator('.ant-select-dropdown').getByText('Huyện, thành phố').count()).toBe(0);
    await page.keyboard.press('Escape');
    await shot(page, 'don-vi-hom-nay-1366');
    await signOut(page);
  });

  browserTest(() => browser, 'the administrator merges three communes through the guided form with a preview; their timeline names the document', 'sap-nhap', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, app.baseUrl, ADMIN);
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sắp xếp đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Sắp xếp đơn vị', level: 1 }).waitFor();
    await page.getByText('Sáp nhập', { exact: true }).first().click();
    await pickInTreeSelect(page, 'Các đơn vị sáp nhập', COMMUNES);
    await page.getByLabel('Tên đơn vị mới', { exact: true }).fill(SUCCESSOR);
    await page.getByLabel('Số văn bản', { exact: true }).fill('1658/NQ-UBTVQH15');
    await page.getByLabel('Ngày văn bản', { exact: true }).fill('2025-06-16');
    await page.getByLabel('Ngày có hiệu lực', { exact: true }).fill('2025-07-01');
    await page.getByLabel('Cơ quan ban hành', { exact: true }).fill('Ủy ban Thường vụ Quốc hội');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByText('Có thể thực hiện', { exact: false }).waitFor();
    // The preview says what moves where: every candidate of the three communes, now under the new commune.
    const candidates = page.locator('table').filter({ hasText: 'Đơn vị đề nghị' });
    await candidates.getByText(`→ ${SUCCESSOR}`).first().waitFor();
    expect(await page.getByText(`Hồ sơ chuyển đơn vị quản lý (${names.length})`).count()).toBe(1);
    await shot(page, 'sap-xep-xem-truoc-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    // Nothing reaches past the phone's edge (the culprits are named when something does).
    const narrow = await overflowAfterResize(page, 390);
    expect(narrow.culprits).toEqual([]);
    expect(narrow.width).toBeLessThanOrEqual(390);
    await shot(page, 'sap-xep-xem-truoc-390');
    await page.setViewportSize({ width: 1366, height: 900 });

    await page.getByRole('button', { name: 'Thực hiện' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Thực hiện' }).click();
    await page.getByText('Đã thực hiện: Sáp nhập.').waitFor();
    await page.locator('table').filter({ hasText: '1658/NQ-UBTVQH15' }).getByText(SUCCESSOR, { exact: false }).first().waitFor();

    // The unit tree: the former commune stays, retired, and its timeline says what it became, by which document.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    await page.getByRole('tree').getByText(`${COMMUNES[1]} (Ngừng hoạt động)`).click();
    const timeline = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Lịch sử đơn vị' }) });
    await timeline.getByText('Chuyển thành', { exact: false }).waitFor();
    await timeline.getByText(SUCCESSOR).first().waitFor();
    await timeline.getByText('1658/NQ-UBTVQH15', { exact: false }).first().waitFor();
    await shot(page, 'don-vi-lich-su-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    // Nothing reaches past the phone's edge (the culprits are named when something does).
    const timelineNarrow = await overflowAfterResize(page, 390);
    expect(timelineNarrow.culprits).toEqual([]);
    expect(timelineNarrow.width).toBeLessThanOrEqual(390);
    await shot(page, 'don-vi-lich-su-390');
    await signOut(page);
  });

  browserTest(() => browser, 'the successor’s head sees the three communes’ candidates in every stage and carries on their work', 'ke-thua', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(HEAD);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.goto(`${app.baseUrl}/ho-so`);
    await page.getByRole('heading', { name: 'Hồ sơ điển hình', level: 1 }).waitFor();
    for (const name of names) await page.getByRole('link', { name, exact: true }).waitFor();
    expect(await page.getByText('Hồ sơ của xã bên cạnh').count()).toBe(0);
    await shot(page, 'ke-thua-danh-sach-1366');

    // A candidate nominated in Xã Phúc Hòa (discovered): its unit read both ways, and nurturing started by the new commune.
    const discovered = names.find((n) => n.startsWith('Tổ hợp tác Phúc Hòa'))!;
    await page.getByRole('link', { name: discovered, exact: true }).click();
    await page.getByRole('heading', { name: discovered, level: 1 }).waitFor();
    await page.getByTestId('candidate-units').getByText(`nay thuộc ${SUCCESSOR}`).waitFor();
    expect(await page.getByTestId('candidate-units').textContent()).toContain(COMMUNES[0]);
    const label = CANDIDATE_EVENTS.find((e) => e.code === 'START_NURTURING')!.vi;
    await page.getByTestId('actions').getByRole('button', { name: label, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.waitFor();
    await dialog.getByLabel('Mục tiêu bồi dưỡng', { exact: true }).fill('Nhân rộng mô hình trên địa bàn xã mới');
    await dialog.getByLabel('Người, đơn vị hỗ trợ', { exact: true }).fill('UBND xã Tân Trung');
    await dialog.getByTestId('event-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('candidate-state').filter({ hasText: 'Đang bồi dưỡng' }).waitFor();
    await shot(page, 'ke-thua-ho-so-1366');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'ke-thua-ho-so-390');
  });
});
