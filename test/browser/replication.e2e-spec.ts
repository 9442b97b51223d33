/**
 * The replicate stage on the candidate page, in Chromium and in Vietnamese: a candidate recognised through a real
 * council session (and named in an issued recognition decision) is opened by its unit head, who
 * - sees the decision with its status and the links to the decision's and the certificate's PDFs;
 * - records an honouring act and an adoption by another unit through the forms, and sees both listed;
 * - sends a yearly follow-up the server refuses (a year before the exemplar's), and reads why under the field.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { later } from '../support/council.js';
import { SECRETARY, UNIT_HEAD, newCandidate } from '../support/factories.js';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { loginNamesShown } from './support/internal-codes.js';
import { browserTest, choose, chooseInTree, shot, signIn } from './support/ui.js';
import { issueDecision } from '../support/decisions.js';

const NAME = 'Tổ Toán Trường THPT Ngô Sĩ Liên';

let app: ServedApp;
let browser: Browser;
let candidateId: string;
let decision: { id: string; number: string };

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
  const t = app.test;
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  const candidate = await newCandidate(t, { state: 'recognised', name: NAME, unitId: school!.id, year: 2025 });
  candidateId = candidate.id;
  // The decision of the session that recognised it, issued once the session has closed.
  const [item] = (await t.dataSource.query(`SELECT session_id AS "sessionId" FROM review_item WHERE candidate_id = $1 AND outcome = 'RECOGNISE'`, [candidateId])) as { sessionId: string }[];
  const issued = await later(t, 31, () =>
    issueDecision(t, { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh', sessionId: item!.sessionId }),
  );
  expect(issued.status).toBe(201);
  decision = issued.body as { id: string; number: string };
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

describe('the replicate stage in Chromium', () => {
  browserTest(() => browser, 'the unit head records honouring and an adoption, sees the decision, and reads the server’s refusal under the field', 'nhan-rong', async ({ page }) => {
    await signIn(page, app.baseUrl, UNIT_HEAD);
    // The tasks page reminds the unit head of the yearly dossier deadline the jurisdiction profile sets (10/12).
    await page.getByTestId('yearly-deadlines').getByText(/Hạn gửi hồ sơ đề nghị khen thưởng: 10\/12\/\d{4} \(còn \d+ ngày\)/).waitFor();
    await page.goto(`${app.baseUrl}/ho-so/${candidateId}`);
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    const section = page.getByTestId('replication');
    await section.getByRole('heading', { name: 'Nhân rộng' }).waitFor();

    // The recognition decision, in force, with its PDFs.
    const decisions = section.getByTestId('replication-decisions');
    const row = decisions.locator('tr', { hasText: decision.number });
    await row.getByText('Đang có hiệu lực').waitFor();
    await expect(row.getByRole('link', { name: 'Quyết định (PDF)' }).getAttribute('href')).resolves.toBe(`/api/decisions/${decision.id}/pdf`);
    await expect(row.getByRole('link', { name: 'Giấy chứng nhận (PDF)' }).getAttribute('href')).resolves.toBe(`/api/decisions/${decision.id}/certificates/${candidateId}/pdf`);
    await section.getByText('Chưa ghi nhận lần tuyên truyền, tôn vinh nào.').waitFor();

    // 1. An article in the provincial newspaper, dated 15/06/2025 with the date picker typed as dd/mm/yyyy.
    await section.getByRole('button', { name: 'Ghi nhận tuyên truyền, tôn vinh' }).click();
    let dialog = page.getByRole('dialog', { name: 'Ghi nhận tuyên truyền, tôn vinh' });
    await choose(page, dialog.getByLabel('Hình thức tuyên truyền, tôn vinh'), 'Báo Bắc Giang');
    const date = dialog.getByLabel('Ngày đăng, phát sóng, tổ chức');
    await date.fill('15/06/2025');
    await date.press('Enter');
    await dialog.getByLabel('Cơ quan, kênh, nơi tuyên truyền').fill('Báo Bắc Giang');
    await dialog.getByLabel('Tiêu đề bài viết, phóng sự, sự kiện').fill('Tổ Toán lan tỏa phương pháp dạy học tích cực');
    await dialog.getByLabel('Số người tiếp cận').fill('12000');
    await dialog.getByTestId('event-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const honouring = section.getByTestId('replication-honouring');
    const article = honouring.locator('tr', { hasText: 'Tổ Toán lan tỏa phương pháp dạy học tích cực' });
    await article.waitFor();
    await expect(article.innerText()).resolves.toMatch(/15\/06\/2025[\s\S]*Báo Bắc Giang[\s\S]*12\.000/);
    await honouring.getByRole('heading', { name: 'Tuyên truyền, tôn vinh (1)' }).waitFor();

    // 2. The provincial hospital adopted the model (the school itself cannot be chosen).
    await section.getByRole('button', { name: 'Ghi nhận đơn vị học tập, áp dụng mô hình' }).click();
    dialog = page.getByRole('dialog', { name: 'Ghi nhận đơn vị học tập, áp dụng mô hình' });
    await dialog.getByLabel('Đơn vị học tập, áp dụng').click();
    await expect(page.locator('.ant-select-tree-treenode-disabled .ant-select-tree-node-content-wrapper[title="Trường THPT Ngô Sĩ Liên"]').count()).resolves.toBe(1);
    await chooseInTree(page, dialog.getByLabel('Đơn vị học tập, áp dụng'), 'Bệnh viện Đa khoa tỉnh Bắc Giang', 'Bệnh viện Đa khoa');
    await choose(page, dialog.getByLabel('Mức độ'), 'Áp dụng, nhân rộng mô hình');
    await dialog.getByLabel('Nội dung, kết quả').fill('Áp dụng cách sinh hoạt chuyên môn theo nghiên cứu bài học cho khối đào tạo.');
    await dialog.getByTestId('event-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const adoption = section.getByTestId('replication-adoptions').locator('tr', { hasText: 'Bệnh viện Đa khoa tỉnh Bắc Giang' });
    await adoption.getByText('Áp dụng, nhân rộng mô hình').waitFor();
    await section.getByText('Mô hình đã lan tỏa tới 1 đơn vị, trong đó 1 đơn vị áp dụng.').waitFor();
    // Who recorded each line: the unit head's full name with role and unit, never the login.
    await adoption.getByText('Trần Văn Hùng (Giám đốc Sở Giáo dục và Đào tạo)').waitFor();
    expect(await loginNamesShown(page)).toEqual([]);

    // 3. A follow-up for a year before the exemplar's: the server's refusal stands under the year, in Vietnamese.
    await section.getByRole('button', { name: 'Ghi nhận theo dõi hằng năm' }).click();
    dialog = page.getByRole('dialog', { name: 'Ghi nhận theo dõi hằng năm' });
    await dialog.getByLabel('Năm theo dõi').fill('2024');
    await dialog.getByLabel('Nhận xét, đánh giá').fill('Vẫn duy trì tốt.');
    await dialog.getByTestId('event-submit').click();
    const yearItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('Năm theo dõi') });
    await yearItem.locator('.ant-form-item-explain-error').filter({ hasText: 'Năm theo dõi không hợp lệ: không được trước năm của điển hình' }).waitFor();
    await shot(page, 'nhan-rong-loi-nam-theo-doi', { fullPage: false });
    await dialog.getByRole('button', { name: 'Hủy' }).click();

    // Nothing of the refused follow-up was stored; the two records are.
    const stored = await app.test.as(UNIT_HEAD).get(`/api/candidates/${candidateId}/replication`);
    expect({ honouring: stored.body.honouring.length, adoptions: stored.body.adoptions.length, followUps: stored.body.followUps.length }).toEqual({ honouring: 1, adoptions: 1, followUps: 0 });
    await shot(page, 'nhan-rong');
  });
});
