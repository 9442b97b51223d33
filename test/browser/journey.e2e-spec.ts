/**
 * The web application in a real browser (Debian's Chromium through playwright-core), in Vietnamese, against
 * the real API with the demo province: a unit head nominates a candidate with an evidence PDF, nurtures it
 * and proposes it; the council's secretariat opens a review session, adds it and assigns a reviewer, who
 * submits a checklist; the members vote by secret ballot; the secretariat closes the vote, confirms the
 * outcome, publishes the notice and (the app's clock moved past the notice period) makes the recognition
 * final; the unit head starts its replication; the statistics count it and an auditor verifies the trail.
 * Also: the administrator's screens, server field errors next to the field, and a lost session sending the
 * person back to sign-in.
 * Screenshots go to test/browser/screenshots/ (not committed).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CANDIDATE_EVENTS, type CandidateEventType } from '#workflow';
import {
  DEMO_PASSWORD,
  ROOT,
  ensureWebBuilt,
  launchChromium,
  newVietnamesePage,
  samplePdf,
  screenshotPath,
  startServedApp,
  type ServedApp,
} from './support/browser.js';
import { choose, chooseInTree, openMenu } from './support/ui.js';
import { later } from '../support/council.js';

const BROWSER_TIMEOUT = 240_000;
const CANDIDATE = 'Phạm Thị Mai';
const PDF_NAME = 'Báo cáo thành tích Phạm Thị Mai.pdf';
const PDF = samplePdf('Bao cao thanh tich Pham Thi Mai');
const SESSION = 'Xét bổ sung năm nay';
const vi = (type: CandidateEventType) => CANDIDATE_EVENTS.find((e) => e.code === type)!.vi;

let app: ServedApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

/** Each test in a browser context of its own (no cookies from the one before); a failure leaves a screenshot. */
function browserTest(name: string, failureName: string, body: () => Promise<void>) {
  it(
    name,
    async () => {
      ({ context, page, problems } = await newVietnamesePage(browser));
      try {
        await body();
        expect(problems).toEqual([]);
      } catch (error) {
        await page.screenshot({ path: screenshotPath(`that-bai-${failureName}`), fullPage: true }).catch(() => undefined);
        throw error;
      } finally {
        await context.close();
      }
    },
    BROWSER_TIMEOUT,
  );
}

/** A screenshot once the page has settled (fonts, notices). */
async function shot(name: string, options: { fullPage?: boolean } = { fullPage: true }) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath(name), ...options });
}

async function signIn(username: string) {
  await page.goto(`${app.baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

async function signOut() {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/** Clicks an action on the candidate page, fills its form, confirms, and waits for the new state. */
async function act(type: CandidateEventType, fields: Record<string, string>, expectedState: string) {
  await page.getByTestId('actions').getByRole('button', { name: vi(type), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: vi(type) });
  await dialog.waitFor();
  for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByTestId('event-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('candidate-state').filter({ hasText: expectedState }).waitFor();
}

async function currentState(): Promise<string | null> {
  return page.getByTestId('statechart').getAttribute('data-current');
}

describe('the web application in Chromium', () => {
  it('has every Vietnamese text in English too, and the other way round', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`.replace(/_(one|other)$/, '')]));
    const load = (language: string) => new Set(keys(JSON.parse(readFileSync(join(ROOT, 'apps/web/src/i18n/locales', `${language}.json`), 'utf8'))));
    expect([...load('vi')].sort()).toEqual([...load('en')].sort());
  });

  browserTest('nominate → nurture → propose → council session (checklist, secret vote, outcome, notice) → recognised → replicate → statistics → audit verify', 'hanh-trinh', async () => {
    // A candidate of the unit head's own unit whose last check-in is long past: it must show as overdue.
    const head = app.test.as('truongdonvi');
    const me = await head.get('/api/auth/me');
    const overdue = await head.post('/api/candidates').send({
      kind: 'COLLECTIVE',
      name: 'Tổ Toán trường THPT Ngô Sĩ Liên',
      unitId: me.body.unitId,
      field: 'EDUCATION_SCIENCE',
      year: 2024,
      discoveryChannel: 'REVIEW_CONFERENCE',
      achievement: 'Đổi mới phương pháp dạy học.',
    });
    expect(overdue.status).toBe(201);
    for (const [type, payload] of [
      ['START_NURTURING', { goals: 'Tổng kết kinh nghiệm', supporter: 'Phòng Giáo dục Trung học' }],
      ['RECORD_CHECK_IN', { date: '2024-01-02', strengths: 'Tích cực', shortcomings: 'Chưa có sản phẩm' }],
    ] as const) {
      const current = await head.get(`/api/candidates/${overdue.body.id}`);
      expect((await head.post(`/api/candidates/${overdue.body.id}/events`).send({ type, expectedVersion: current.body.version, payload })).status).toBe(200);
    }

    // 1. The unit head signs in (an address inside the app leads to sign-in first) and sees their tasks.
    await page.goto(`${app.baseUrl}/ho-so`);
    await page.waitForURL(/\/dang-nhap\?tiep=%2Fho-so/);
    await shot('01-dang-nhap', {});
    await signIn('truongdonvi');
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Việc cần làm', level: 1 }).waitFor();
    const overdueGroup = page.getByTestId('task-group-overdueCheckIns');
    await overdueGroup.getByRole('link', { name: 'Tổ Toán trường THPT Ngô Sĩ Liên' }).waitFor();
    await expect(overdueGroup.getByText('hạn kiểm tra 01/04/2024 (lần gần nhất: 02/01/2024)', { exact: false }).count()).resolves.toBe(1);
    await shot('02-viec-can-lam-truong-don-vi');

    // 2. Nominate with an evidence PDF; the form first shows what is missing, next to each field.
    await page.getByRole('link', { name: 'Đề xuất điển hình mới' }).click();
    await page.getByRole('heading', { name: 'Đề xuất điển hình mới', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Ghi nhận điển hình' }).click();
    await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).count()).resolves.toBeGreaterThanOrEqual(3);
    await page.getByText('Cá nhân', { exact: true }).click();
    await page.getByLabel('Tên tập thể, cá nhân, hộ gia đình').fill(CANDIDATE);
    await page.getByLabel('Lĩnh vực').click();
    await page.locator('.ant-select-item-option[title="Giáo dục, Khoa học công nghệ"]').click();
    await page.getByText('Thông qua tổ chức các hội nghị sơ kết', { exact: false }).click();
    await page.getByLabel('Thành tích tiêu biểu').fill('Giáo viên dạy giỏi cấp tỉnh ba năm liền; sáng kiến "Lớp học đảo ngược" được áp dụng ở 12 trường.');
    // A woman: her share of women counts when the council prefers among equals (NĐ 152/2025 Điều 4.6).
    await page.getByLabel('Tỷ lệ nữ (%)').fill('100');
    await page.locator('input[type="file"]').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF });
    await page.getByText(PDF_NAME).waitFor();
    await shot('03-de-xuat');
    await page.getByRole('button', { name: 'Ghi nhận điển hình' }).click();

    // 3. The candidate page: discovered, with its evidence, the diagram and the actions allowed now.
    await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
    await page.getByText('Đã ghi nhận điển hình mới.').waitFor();
    await page.locator('[data-testid="statechart"][data-current="discovered"]').waitFor();
    await page.getByTestId('evidence').getByRole('link', { name: `Tải xuống ${PDF_NAME}` }).waitFor();
    const actions = page.getByTestId('actions');
    expect(await actions.getByRole('button').allTextContents()).toEqual([vi('ATTACH_EVIDENCE'), vi('START_NURTURING'), vi('WITHDRAW')]);
    const candidateUrl = page.url();

    // 4. Start nurturing, record a check-in, propose for review: each through its own form.
    await act('START_NURTURING', { 'Mục tiêu bồi dưỡng': 'Tổng kết sáng kiến thành tài liệu hướng dẫn cho toàn ngành', 'Người, đơn vị hỗ trợ': 'Phòng Giáo dục Trung học' }, 'Đang bồi dưỡng');
    expect(await currentState()).toBe('nurturing');
    await page.getByTestId('nurturing').getByText('Tổng kết sáng kiến thành tài liệu hướng dẫn cho toàn ngành').waitFor();
    // Proposing needs a check-in: not offered yet, and the page says why.
    expect(await actions.getByRole('button', { name: vi('PROPOSE_FOR_REVIEW') }).count()).toBe(0);
    await actions.getByText('Cần ít nhất một lần kiểm tra, đánh giá bồi dưỡng', { exact: false }).waitFor();

    await act('RECORD_CHECK_IN', { 'Ưu điểm cần phát huy': 'Nhiệt tình chia sẻ kinh nghiệm', 'Hạn chế, thiếu sót cần khắc phục': 'Chưa có số liệu so sánh kết quả học tập' }, 'Đang bồi dưỡng');
    await page.getByTestId('nurturing').getByText('Nhiệt tình chia sẻ kinh nghiệm').waitFor();
    await act('PROPOSE_FOR_REVIEW', { 'Ghi chú': 'Đề nghị xét trong đợt tổng kết năm học' }, 'Đang xét (tổng kết)');
    expect(await currentState()).toBe('underReview');
    // The decision is the council's: the unit head may only withdraw now.
    expect(await actions.getByRole('button').allTextContents()).toEqual([vi('WITHDRAW')]);
    await shot('04-ho-so-dang-xet');
    await signOut();

    // 5. The council's secretariat finds it among the proposals not yet in a session, opens a session
    //    (secret ballot, the rules' defaults shown), adds the candidate and assigns a reviewer by hand.
    await signIn('thuongtruc');
    // The secretariat lands on the office's dashboard; its tasks are one entry away.
    await page.getByRole('heading', { name: 'Bảng điều hành', level: 1 }).waitFor();
    await openMenu(page, 'Việc cần làm');
    await page.getByTestId('task-group-proposedNotInSession').getByRole('link', { name: CANDIDATE }).waitFor();
    await openMenu(page, 'Hội đồng xét');
    await page.getByRole('button', { name: 'Mở đợt xét mới' }).click();
    const opening = page.getByRole('dialog', { name: 'Mở đợt xét mới' });
    await opening.getByLabel('Tên đợt xét').fill(SESSION);
    await opening.getByLabel('Chủ tọa phiên họp').fill('Nguyễn Văn Mạnh, Phó Chủ tịch UBND tỉnh');
    await opening.getByLabel('Địa điểm họp').fill('Phòng họp số 2, UBND tỉnh');
    // The council rule set in force is pinned when the session opens (the regulation's, unless another is chosen).
    await opening.getByLabel('Bộ quy tắc Hội đồng').waitFor();
    expect(await opening.getByLabel('Số ngày làm việc công khai').inputValue()).toBe('10');
    await opening.getByRole('button', { name: 'Mở đợt xét' }).click();
    await page.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
    const sessionUrl = page.url();
    await page.getByTestId('session-status').getByText('Chuẩn bị (thêm hồ sơ, phân công, đánh giá)').waitFor();
    await page.getByTestId('rules').getByText('ít nhất 2/3 tổng số thành viên', { exact: false }).waitFor();
    await page.getByTestId('rules').getByText('ít nhất 70% tổng số thành viên', { exact: false }).waitFor();
    expect(await page.getByTestId('members').locator('tbody tr').count()).toBe(3);
    await choose(page, page.getByLabel('Đưa hồ sơ vào đợt xét'), CANDIDATE);
    await page.getByRole('button', { name: 'Đưa vào đợt xét' }).click();
    const item = page.locator(`[data-candidate="${CANDIDATE}"]`);
    await item.waitFor();
    await choose(page, item.getByLabel(`Chỉ định thành viên đánh giá «${CANDIDATE}»`), 'Đỗ Thu Hà (Sở Y tế)');
    await item.getByRole('button', { name: 'Phân công' }).click();
    await item.getByTestId('reviewers').getByText('Đỗ Thu Hà (Sở Y tế)').waitFor();
    await item.getByTestId('reviewers').getByText('chưa nộp phiếu').waitFor();
    await signOut();

    // 6. The reviewer finds the checklist among their tasks and fills it in, with the candidate's evidence beside it.
    await signIn('uyvien1');
    await page.getByTestId('task-group-myChecklists').getByRole('link', { name: CANDIDATE }).click();
    await page.getByRole('heading', { name: `Phiếu đánh giá: ${CANDIDATE}`, level: 1 }).waitFor();
    await page.getByTestId('checklist-evidence').getByRole('link', { name: `Tải xuống ${PDF_NAME}` }).waitFor();
    const criteria = page.locator('fieldset.criterion');
    expect(await criteria.count()).toBe(3);
    for (let i = 1; i <= 3; i++) {
      await criteria.nth(i - 1).locator('label.ant-radio-button-wrapper').filter({ hasText: /^Đạt$/ }).click();
      await page.getByLabel(`Nhận xét tiêu chí ${i}`, { exact: true }).fill(`Đạt; sáng kiến được áp dụng ở 12 trường (tiêu chí ${i}).`);
    }
    await choose(page, page.getByLabel('Minh chứng cho tiêu chí 2', { exact: true }), PDF_NAME);
    await page.getByTestId('checklist-submit').click();
    await page.getByTestId('checklist-confirm').click();
    await page.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
    await item.getByTestId('reviewers').getByText('đã nộp phiếu').waitFor();
    await signOut();

    // 7. The secretariat takes attendance (everyone present) and opens the vote.
    await signIn('thuongtruc');
    await page.goto(sessionUrl);
    await page.getByRole('button', { name: 'Điểm danh và mở biểu quyết' }).click();
    await page.getByTestId('open-voting-submit').click();
    await page.getByTestId('session-status').getByText('Đang biểu quyết').waitFor();
    await signOut();

    // 8. The three members vote in favour by secret ballot; each gets a receipt, shown once.
    for (const member of ['uyvien1', 'uyvien2', 'uyvien3']) {
      await signIn(member);
      await page.getByTestId('task-group-myVotes').getByRole('link', { name: CANDIDATE }).click();
      await page.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
      await item.getByText('Tán thành', { exact: true }).click();
      await item.getByRole('button', { name: 'Biểu quyết' }).click();
      await page.getByRole('dialog', { name: 'Xác nhận biểu quyết' }).getByRole('button', { name: 'Gửi phiếu' }).click();
      const receipt = page.getByRole('dialog', { name: 'Mã biên nhận phiếu kín' });
      expect((await receipt.getByTestId('receipt-value').textContent())?.trim()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      await receipt.getByRole('button', { name: 'Tôi đã lưu mã biên nhận' }).click();
      await item.getByText('Bạn đã biểu quyết hồ sơ này.').waitFor();
      await signOut();
    }

    // 9. The secretariat closes the vote: the outcome is explained (3/3 in favour, quorum and threshold met) and
    //    confirmed; the proposed recognition is published for 10 working days.
    await signIn('thuongtruc');
    await openMenu(page, 'Việc cần làm');
    await page.getByTestId('task-group-sessionsRunning').getByRole('link', { name: SESSION }).click();
    await page.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
    await item.getByText('3/3 thành viên được biểu quyết đã biểu quyết.').waitFor();
    await page.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
    await page.getByTestId('close-voting-submit').click();
    await page.getByTestId('session-status').getByText('Đã kết thúc biểu quyết').waitFor();
    const verdict = item.getByTestId('verdict');
    await verdict.getByText('Đề nghị công nhận').waitFor();
    await verdict.getByText('3/3 phiếu tán thành, đạt ít nhất 70% tổng số thành viên (cần 3).').waitFor();
    expect(await verdict.getByText('Đạt', { exact: true }).count()).toBe(2);
    await item.getByRole('button', { name: 'Xác nhận kết luận' }).click();
    await page.getByRole('dialog', { name: `Xác nhận kết luận: ${CANDIDATE}` }).getByRole('button', { name: 'Xác nhận đề nghị công nhận' }).click();
    await item.locator('[data-item-status="DECIDED"]').waitFor();
    await page.getByLabel('Hình thức, nơi công khai').fill('Cổng thông tin điện tử tỉnh; trụ sở Ban Thi đua - Khen thưởng');
    await page.getByRole('button', { name: 'Công khai danh sách' }).click();
    await page.getByTestId('session-status').getByText('Đang công khai lấy ý kiến').waitFor();
    expect(await page.getByTestId('notice-ends-on').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // A comment received during the notice is recorded and answered (every comment must be, before the decision).
    const notice = page.getByTestId('notice');
    await notice.getByTestId('record-comment').click();
    const comment = page.getByRole('dialog', { name: 'Ghi nhận ý kiến' });
    await choose(page, comment.getByLabel('Về hồ sơ'), CANDIDATE);
    await comment.getByLabel('Người, đơn vị gửi ý kiến').fill('Trường THPT Lục Ngạn số 1');
    await comment.getByLabel('Nội dung ý kiến').fill('Đề nghị nêu rõ số trường đã áp dụng sáng kiến.');
    await comment.getByRole('button', { name: 'Ghi nhận' }).click();
    await notice.getByText('Đề nghị nêu rõ số trường đã áp dụng sáng kiến.').waitFor();
    await notice.getByRole('button', { name: 'Trả lời ý kiến của Trường THPT Lục Ngạn số 1' }).click();
    const answer = page.getByRole('dialog', { name: 'Trả lời ý kiến của Trường THPT Lục Ngạn số 1' });
    await answer.getByLabel('Trả lời').fill('Sáng kiến đã được áp dụng ở 12 trường, có xác nhận của Sở.');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await notice.getByText('không chấp nhận').waitFor();
    await shot('05-dot-xet-cong-khai');

    // The candidate page shows the council's review and the new public-notice state on the diagram.
    await item.getByRole('link', { name: CANDIDATE }).click();
    await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
    await page.locator('[data-testid="statechart"][data-current="publicNotice"]').waitFor();
    await page.getByTestId('council-holds').getByText(`Hồ sơ đang được Hội đồng xét trong «${SESSION}».`).waitFor();
    const reviews = page.getByTestId('reviews');
    await reviews.getByText('3/3 phiếu tán thành, đạt ít nhất 70% tổng số thành viên (cần 3).').waitFor();
    await reviews.getByText('Đỗ Thu Hà (Sở Y tế)').waitFor();
    await shot('06-ho-so-cong-khai');

    // 10. After the notice period (the app's clock moved 30 days on), the final decision: recognised.
    await later(app.test, 30, async () => {
      await page.goto(sessionUrl);
      await page.getByRole('heading', { name: SESSION, level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Quyết định công nhận chính thức' }).click();
      await page.getByTestId('finalise-submit').click();
      await page.getByTestId('session-status').getByText('Đã kết thúc').waitFor();
    });
    await signOut();

    // 11. Back as the unit head: recognised; start the replication.
    await signIn('truongdonvi');
    await page.goto(candidateUrl);
    await page.getByRole('heading', { name: CANDIDATE, level: 1 }).waitFor();
    expect(await currentState()).toBe('recognised');
    await act('START_REPLICATION', { 'Ghi chú': 'Hội thảo chia sẻ tại 12 trường THPT' }, 'Đang nhân rộng');
    expect(await currentState()).toBe('replicating');

    // 12. The history shows every step, in Vietnamese, oldest first, with who and what.
    const history = page.getByTestId('history');
    await expect(history.locator('.history-record').evaluateAll((records) => records.map((r) => r.getAttribute('data-event')))).resolves.toEqual([
      'DISCOVER',
      'ATTACH_EVIDENCE',
      'START_NURTURING',
      'RECORD_CHECK_IN',
      'PROPOSE_FOR_REVIEW',
      'RECOGNISE',
      'CONFIRM_RECOGNITION',
      'START_REPLICATION',
    ]);
    const titles = await history.locator('.history-record > .ant-space strong').allTextContents();
    expect(titles).toEqual(['Ghi nhận phát hiện điển hình', vi('ATTACH_EVIDENCE'), vi('START_NURTURING'), vi('RECORD_CHECK_IN'), vi('PROPOSE_FOR_REVIEW'), vi('RECOGNISE'), vi('CONFIRM_RECOGNITION'), vi('START_REPLICATION')]);
    const text = (await history.textContent()) ?? '';
    for (const words of ['Phạm Minh Đức', 'Trần Văn Hùng', 'Nhiệt tình chia sẻ kinh nghiệm', PDF_NAME, 'Đang xét (tổng kết)', 'Đề nghị công nhận, đang công khai lấy ý kiến', 'Được công nhận', 'Đang nhân rộng', 'Giáo dục, Khoa học công nghệ']) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // 13. The evidence downloads as the same bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence').getByRole('link', { name: `Tải xuống ${PDF_NAME}` }).click()]);
    expect(download.suggestedFilename()).toBe(PDF_NAME);
    expect(readFileSync((await download.path())!)).toEqual(PDF);

    await page.getByTestId('statechart').scrollIntoViewIfNeeded();
    await shot('07-ho-so-nhan-rong');
    await page.getByTestId('statechart').screenshot({ path: screenshotPath('08-so-do-trang-thai') });

    // 14. English is one click away, and back.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByTestId('actions').getByRole('button', { name: 'End replication' }).waitFor();
    await page.getByTestId('reviews').getByRole('heading', { name: 'Council review' }).waitFor();
    await shot('09-candidate-english');
    await page.getByText('VI', { exact: true }).click();
    await page.getByRole('heading', { name: 'Lịch sử hồ sơ' }).waitFor();

    // 15. The statistics count the new exemplar in its year and field.
    await openMenu(page, 'Thống kê', 'Thống kê điển hình tiên tiến');
    // The current year is the last of the table; in it, education and science counts one individual.
    const educationThisYear = page.getByTestId('statistics-table').locator('tbody tr').filter({ hasText: 'Giáo dục, Khoa học công nghệ' }).last();
    // The table loads after the page: wait for the row rather than read it at once (a loaded machine is slow).
    const cells = async () => educationThisYear.locator('td').allTextContents();
    for (let waited = 0; waited < 30_000 && JSON.stringify(await cells()) !== JSON.stringify(['Giáo dục, Khoa học công nghệ', '0', '1']); waited += 250) await page.waitForTimeout(250);
    expect(await cells()).toEqual(['Giáo dục, Khoa học công nghệ', '0', '1']);

    // 16. The list finds it by name and by state.
    await page.getByRole('link', { name: 'Hồ sơ điển hình' }).first().click();
    await page.getByLabel('Tìm theo tên').fill('mai');
    await page.getByLabel('Tìm theo tên').press('Enter');
    await page.waitForURL(/q=mai/);
    await page.getByRole('row', { name: new RegExp(CANDIDATE) }).getByText('Đang nhân rộng').waitFor();
    await shot('10-danh-sach');
    await signOut();

    // 17. An auditor verifies the whole trail after all of it: intact.
    await signIn('kiemtra');
    await openMenu(page, 'Kiểm tra, giám sát');
    await page.getByRole('tab', { name: 'Kiểm tra toàn vẹn' }).click();
    await page.getByTestId('verify-run').click();
    await page.locator('[data-testid="verify-report"][data-ok="true"]').getByText('Nhật ký toàn vẹn', { exact: true }).waitFor();
    await signOut();
  });

  browserTest('administrators: the unit tree (create, rename) and accounts (server field errors, create, disable, reset)', 'quan-tri', async () => {
    await signIn('admin');
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    const tree = page.getByRole('tree');
    await tree.getByText('Sở Giáo dục và Đào tạo', { exact: true }).click();
    const create = page.locator('form[id="create-unit"]');
    await create.getByLabel('Tên đơn vị').fill('Trường THPT Lục Nam');
    await create.getByRole('button', { name: /Tạo đơn vị trực thuộc/ }).click();
    await page.getByText('Đã tạo đơn vị «Trường THPT Lục Nam».').waitFor();
    await tree.getByText('Trường THPT Lục Nam').waitFor();
    const rename = page.locator('form[id="rename-unit"]');
    await rename.getByLabel('Tên mới').fill('Trường THPT Lục Nam số 1');
    await rename.getByRole('button', { name: 'Đổi tên' }).click();
    await tree.getByText('Trường THPT Lục Nam số 1').waitFor();
    // A code already in use: the server's words appear under the code field.
    await tree.getByText('Tỉnh Bắc Ninh', { exact: true }).click();
    await create.getByLabel('Tên đơn vị').fill('Sở Giáo dục (trùng mã)');
    // The code of the former Bắc Giang's department, retired on 01/7/2025: codes stay taken.
    await create.getByLabel('Mã đơn vị').fill('BG-SGDDT');
    await create.getByRole('button', { name: /Tạo đơn vị trực thuộc/ }).click();
    await create.locator('.ant-form-item-explain-error', { hasText: 'Mã đơn vị đã được sử dụng.' }).waitFor();
    await shot('11-don-vi');

    await page.getByRole('link', { name: 'Tài khoản', exact: true }).click();
    await page.getByRole('heading', { name: 'Tài khoản', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo tài khoản' });
    await dialog.getByLabel('Tên đăng nhập').fill('truongdonvi');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await dialog.getByLabel('Mật khẩu ban đầu').fill('mat-khau-moi-2025');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    // A unit head needs a unit: the API refuses, and its Vietnamese words sit under the unit field.
    await dialog.locator('.ant-form-item-explain-error', { hasText: 'Thủ trưởng đơn vị và thành viên Hội đồng phải thuộc một đơn vị.' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'Vui lòng kiểm tra lại các trường được đánh dấu.' }).waitFor();
    await chooseInTree(page, dialog.getByLabel('Đơn vị công tác'), 'Trường THPT Lục Nam số 1');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    // The username is taken: refused by the API, shown under the username field.
    await dialog.locator('.ant-form-item-explain-error', { hasText: 'Tên đăng nhập đã được sử dụng.' }).waitFor();
    await shot('12-tai-khoan-loi-truong', {});
    await dialog.getByLabel('Tên đăng nhập').fill('nguyenvanan');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await page.getByText('Đã tạo tài khoản nguyenvanan.').waitFor();
    const row = page.getByRole('row', { name: /nguyenvanan/ });
    await row.getByText('Đang hoạt động').waitFor();
    await row.getByRole('button', { name: 'Khóa tài khoản nguyenvanan' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Đồng ý' }).click();
    await row.getByText('Đã khóa').waitFor();
    await row.getByRole('button', { name: 'Đặt lại mật khẩu cho nguyenvanan' }).click();
    const reset = page.getByRole('dialog', { name: 'Đặt lại mật khẩu cho nguyenvanan' });
    await reset.getByLabel('Mật khẩu mới').fill('ngan');
    await reset.getByRole('button', { name: 'Đặt lại' }).click();
    await reset.getByText('Cần ít nhất 12 ký tự.').waitFor();
    await reset.getByLabel('Mật khẩu mới').fill('mat-khau-dat-lai-2025');
    await reset.getByRole('button', { name: 'Đặt lại' }).click();
    await page.getByText('Đã đặt lại mật khẩu cho nguyenvanan.').waitFor();
    await shot('13-tai-khoan');
    // Clearing an account's sign-in limits (audited on the server).
    await row.getByRole('button', { name: 'Gỡ hạn chế đăng nhập của nguyenvanan' }).click();
    await page.locator('.ant-popconfirm', { hasText: 'Gỡ hạn chế đăng nhập của nguyenvanan?' }).getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã gỡ hạn chế đăng nhập của nguyenvanan.').waitFor();
    await signOut();
  });

  browserTest('a session that ends on the server sends the person back to sign-in, then back where they were', 'het-phien', async () => {
    // Signing in with the keyboard alone; the first Tab then reaches the "skip to content" link.
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.keyboard.type('kiemtra');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    // An auditor lands on their overview.
    await page.getByRole('heading', { name: 'Tổng quan kiểm tra, giám sát', level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Bỏ qua, đến nội dung chính');
    await page.getByRole('link', { name: 'Hồ sơ điển hình' }).first().click();
    // Moving to another screen puts focus on its heading, so a screen reader announces it.
    await page.getByRole('heading', { name: 'Hồ sơ điển hình', level: 1 }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('page-title');
    await page.getByRole('link', { name: 'Nguyễn Thị Hoa' }).click();
    await page.getByRole('heading', { name: 'Nguyễn Thị Hoa', level: 1 }).waitFor();
    // An auditor reads everything and changes nothing: no action buttons.
    await page.getByTestId('actions').getByText('Các thao tác tiếp theo do người có vai trò khác thực hiện.').waitFor();
    const where = new URL(page.url()).pathname;
    await context.clearCookies();
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await page.getByText('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.').waitFor();
    expect(new URL(page.url()).searchParams.get('tiep')).toBe(where);
    await page.getByLabel('Tên đăng nhập').fill('kiemtra');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Nguyễn Thị Hoa', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(where);
  });
});
