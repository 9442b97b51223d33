/**
 * Councils at every level in a real browser (Chromium, Vietnamese), on the demo province: the administrator sets
 * up the council of a commune (UBND xã Lạng Giang) and publishes its composition with positions; the commune's
 * council recognises an exemplar of the commune (the session page shows the positions); its secretariat proposes
 * it upward (liên thông) from the exemplar's page; the province's secretariat finds it in the proposals inbox; the
 * province council, under the regulation's rule set, asks and receives a clearance (hiệp y) and meets the 80 %
 * attendance of a session considering awards with a member's written opinion, and recognises it; the statistics
 * count it at both levels.
 *
 * Each step is a small function, so that steps of other features (clearances, the 80% attendance rule) can be
 * inserted between them. The review sessions themselves are driven through the API here (the council's screens are
 * walked through in journey.e2e-spec.ts); the council, composition, session view, proposal, inbox and statistics
 * are walked through in the browser, at 1366 px and 390 px. Screenshots go to test/browser/screenshots/.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { ActorClient } from '../support/app.js';
import { fullChecklist, later } from '../support/council.js';
import { pdfBytes } from '../support/factories.js';
import { DEMO_PASSWORD, ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { loginNamesShown } from './support/internal-codes.js';
import { BROWSER_TIMEOUT, browserTest, choose, chooseInTree, openMenu, shot, signIn, signOut } from './support/ui.js';

const COMMUNE = 'UBND xã Lạng Giang';
const COMMUNE_COUNCIL = `Hội đồng Thi đua – Khen thưởng ${COMMUNE}`;
const EXEMPLAR = 'Hợp tác xã Dịch vụ nông nghiệp Tân Thịnh';
const MEMBERS = [
  { username: 'ct-tanthinh', displayName: 'Lê Văn Chung', position: 'Chủ tịch Hội đồng' },
  { username: 'tk-tanthinh', displayName: 'Ngô Thị Thư', position: 'Ủy viên thư ký' },
  { username: 'uv-tanthinh', displayName: 'Trần Văn Ủy', position: 'Ủy viên' },
];
const SECRETARIAT = { username: 'tt-tanthinh', displayName: 'Vũ Thị Thường' };

let app: ServedApp;
let browser: Browser;
/** What the steps hand on to each other. */
const journey: { units: Record<string, string>; exemplarId?: string; communeSessionId?: string; upperCandidateId?: string } = { units: {} };

beforeAll(async () => {
  await ensureWebBuilt();
  [app, browser] = await Promise.all([startServedApp(), launchChromium()]);
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await app?.test.close();
});

const ok = (res: { status: number; body: unknown }, status = 200) => {
  expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
  return res.body as Record<string, unknown>;
};

async function unitIds(): Promise<Record<string, string>> {
  const rows = (await app.test.dataSource.query('SELECT id, name FROM unit')) as { id: string; name: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

async function accountIdOf(username: string): Promise<string> {
  return ((await app.test.dataSource.query('SELECT id FROM account WHERE username = $1', [username])) as { id: string }[])[0]!.id;
}

/** Step 0 (API): the commune's people and an exemplar of the commune proposed for review by the district's unit head. */
async function prepareCommune() {
  const admin = app.test.as('admin');
  journey.units = await unitIds();
  // The members sit in the commune's office, beside the commune's unit (not above the exemplar: no conflict of interest).
  const office = ok(await admin.post('/api/units').send({ name: 'Văn phòng HĐND và UBND xã Lạng Giang', level: 'GRASSROOTS', sector: 'LOCALITY', parentId: journey.units['Tỉnh Bắc Ninh'] }), 201);
  for (const m of MEMBERS) ok(await admin.post('/api/accounts').send({ username: m.username, displayName: m.displayName, role: 'COUNCIL_MEMBER', unitId: office.id, password: DEMO_PASSWORD }), 201);
  ok(await admin.post('/api/accounts').send({ username: SECRETARIAT.username, displayName: SECRETARIAT.displayName, role: 'COUNCIL_SECRETARY', unitId: journey.units[COMMUNE], password: DEMO_PASSWORD }), 201);

  const head = await app.test.signIn('truongdonvi2', DEMO_PASSWORD);
  const created = ok(
    await head.post('/api/candidates').send({
      kind: 'COLLECTIVE',
      name: EXEMPLAR,
      unitId: journey.units[COMMUNE],
      field: 'ECONOMY',
      year: 2025,
      discoveryChannel: 'REVIEW_CONFERENCE',
      achievement: 'Liên kết 320 hộ sản xuất lúa hữu cơ theo chuỗi, thu nhập thành viên tăng 35%.',
    }),
    201,
  );
  journey.exemplarId = created.id as string;
  ok(await head.post(`/api/candidates/${journey.exemplarId}/evidence`).attach('file', pdfBytes('bao cao HTX'), { filename: 'Báo cáo thành tích HTX.pdf', contentType: 'application/pdf' }), 201);
  for (const [type, payload] of [
    ['START_NURTURING', { goals: 'Mở rộng liên kết chuỗi', supporter: 'Phòng Kinh tế huyện' }],
    ['RECORD_CHECK_IN', { date: '2025-06-10', strengths: 'Sản lượng ổn định', shortcomings: 'Chưa có nhãn hiệu tập thể' }],
    ['PROPOSE_FOR_REVIEW', { note: 'Đề nghị xét cấp xã' }],
  ] as const) {
    const current = await head.get(`/api/candidates/${journey.exemplarId}`);
    ok(await head.post(`/api/candidates/${journey.exemplarId}/events`).send({ type, expectedVersion: current.body.version, payload }));
  }
}

/** Step 1 (browser, administrator): set up the commune's council and publish its composition with positions. */
async function setUpCommuneCouncil(page: Page) {
  await signIn(page, app.baseUrl, 'admin');
  await openMenu(page, 'Hội đồng các cấp', 'Hội đồng Thi đua – Khen thưởng các cấp');
  await page.getByRole('button', { name: 'Thành lập Hội đồng' }).click();
  const setUp = page.getByRole('dialog', { name: 'Thành lập Hội đồng Thi đua – Khen thưởng của đơn vị' });
  await chooseInTree(page, setUp.getByLabel('Đơn vị'), COMMUNE);
  await setUp.getByTestId('set-up-council-submit').click();
  await setUp.waitFor({ state: 'hidden' });
  const card = page.getByTestId(`council-${journey.units[COMMUNE]}`);
  await card.getByRole('heading', { name: COMMUNE_COUNCIL }).waitFor();
  await card.getByText('Cấp trên: Hội đồng Thi đua – Khen thưởng Tỉnh Bắc Ninh').waitFor();

  await card.getByTestId('compose').click();
  const compose = page.getByRole('dialog', { name: `Thành phần ${COMMUNE_COUNCIL} — phiên bản 1` });
  for (let i = 1; i < MEMBERS.length; i++) await compose.getByRole('button', { name: 'Thêm thành viên' }).click();
  for (const [i, m] of MEMBERS.entries()) {
    await choose(page, compose.getByLabel(`Chức danh của thành viên ${i + 1}`), m.position);
    await choose(page, compose.getByLabel(`Tài khoản của thành viên ${i + 1}`), `${m.displayName} (${m.username} · Văn phòng HĐND và UBND xã Lạng Giang)`);
  }
  await choose(page, compose.getByLabel('Thường trực Hội đồng'), `${SECRETARIAT.displayName} (${SECRETARIAT.username} · ${COMMUNE})`);
  await page.keyboard.press('Escape');
  await compose.getByLabel('Căn cứ').fill('Quyết định số 12/QĐ-UBND ngày 05/01/2026 kiện toàn Hội đồng');
  await shot(page, 'hd-01-ban-hanh-thanh-phan');
  await compose.getByTestId('publish-composition-submit').click();
  await compose.waitFor({ state: 'hidden' });
  await card.getByText('Thành phần phiên bản 1', { exact: false }).waitFor();
  for (const m of MEMBERS) await card.getByRole('row', { name: new RegExp(`${m.position}.*${m.displayName}`) }).waitFor();
  await shot(page, 'hd-02-hoi-dong-cac-cap-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await card.getByRole('heading', { name: COMMUNE_COUNCIL }).scrollIntoViewIfNeeded();
  await shot(page, 'hd-03-hoi-dong-cac-cap-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await signOut(page);
}

/** A whole session of a council recognising one candidate, through the API, every member present and in favour. */
async function recogniseThroughSession(secretary: ActorClient, members: ActorClient[], memberIds: string[], candidateId: string, title: string, extra: Record<string, unknown> = {}) {
  const sessionId = ok(await secretary.post('/api/review-sessions').send({ title, year: 2025, ballot: 'OPEN', ...extra }), 201).id as string;
  const itemId = ok(await secretary.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId }), 201).itemId as string;
  ok(await secretary.post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  const detail = ok(await secretary.get(`/api/review-sessions/${sessionId}`)) as { items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
  for (const reviewerId of detail.items[0]!.reviewers) {
    ok(await members[memberIds.indexOf(reviewerId)]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send(fullChecklist(detail.items[0]!.criteria)), 201);
  }
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: memberIds }));
  for (const member of members) ok(await member.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/close`));
  ok(await secretary.post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome: 'RECOGNISE' }));
  ok(await secretary.post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Trang thông tin điện tử' }), 201);
  await later(app.test, 30, async () => ok(await secretary.post(`/api/review-sessions/${sessionId}/finalise`)));
  return sessionId;
}

/** Step 2: the commune council recognises the exemplar (API); its session page shows the composition's positions. */
async function communeCouncilRecognises(page: Page) {
  const secretary = await app.test.signIn(SECRETARIAT.username, DEMO_PASSWORD);
  const members = await Promise.all(MEMBERS.map((m) => app.test.signIn(m.username, DEMO_PASSWORD)));
  const memberIds = await Promise.all(MEMBERS.map((m) => accountIdOf(m.username)));
  journey.communeSessionId = await recogniseThroughSession(secretary, members, memberIds, journey.exemplarId!, 'Tổng kết xã Lạng Giang năm 2025');

  await signIn(page, app.baseUrl, SECRETARIAT.username);
  await page.goto(`${app.baseUrl}/hoi-dong/${journey.communeSessionId}`);
  await page.getByRole('heading', { name: 'Tổng kết xã Lạng Giang năm 2025', level: 1 }).waitFor();
  await page.getByTestId('session-council').getByText(COMMUNE_COUNCIL).waitFor();
  const rows = page.getByTestId('members').locator('tbody tr');
  await expect(rows.allTextContents()).resolves.toEqual(MEMBERS.map((m) => expect.stringContaining(`${m.position}${m.displayName}`)));
  await shot(page, 'hd-04-dot-xet-xa-chuc-danh');
  // The commune's secretariat does not see the province's sessions.
  await openMenu(page, 'Hội đồng xét');
  expect(await page.getByRole('link', { name: 'Tổng kết năm 2025' }).count()).toBe(0);
}

/** Step 3 (browser, commune secretariat): propose the recognised exemplar to the province's council. */
async function proposeUpward(page: Page) {
  await page.goto(`${app.baseUrl}/ho-so/${journey.exemplarId}`);
  await page.getByRole('heading', { name: EXEMPLAR, level: 1 }).waitFor();
  await page.getByTestId('candidate-state').filter({ hasText: 'Được công nhận' }).waitFor();
  await page.getByTestId('propose-upward').click();
  const dialog = page.getByRole('dialog', { name: 'Đề nghị Hội đồng cấp trên xét' });
  await dialog.getByLabel('Lý do đề nghị').fill('Mô hình liên kết chuỗi tiêu biểu, có thể nhân rộng toàn tỉnh.');
  await shot(page, 'hd-05-de-nghi-lien-thong');
  await dialog.getByTestId('propose-upward-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  // The candidacy at the province level opens, already under the province council's review.
  await page.getByText('Đã gửi đề nghị lên Hội đồng cấp trên.').waitFor();
  await page.getByTestId('candidate-state').filter({ hasText: 'Đang xét (tổng kết)' }).waitFor();
  journey.upperCandidateId = page.url().split('/ho-so/')[1]!.split(/[?#]/)[0];
  expect(journey.upperCandidateId).not.toBe(journey.exemplarId);
  await openMenu(page, 'Đề nghị liên thông', 'Đề nghị liên thông lên cấp trên');
  await page.getByTestId('proposals').getByRole('row', { name: new RegExp(`Đi.*${EXEMPLAR}`) }).waitFor();
  await signOut(page);
}

/** Step 4 (browser, province secretariat): the proposal arrives in the inbox with the commune's minutes. */
async function provinceInbox(page: Page) {
  await signIn(page, app.baseUrl, 'thuongtruc');
  await openMenu(page, 'Đề nghị liên thông', 'Đề nghị liên thông lên cấp trên');
  await page.getByText('Đến Hội đồng/đơn vị của tôi (1)').click();
  const row = page.getByTestId('proposals').getByRole('row', { name: new RegExp(`Đến.*${EXEMPLAR}`) });
  await row.waitFor();
  await row.getByRole('link', { name: 'Biên bản cấp dưới (PDF)' }).waitFor();
  // Who proposed it, by name, never by login.
  expect(await loginNamesShown(page)).toEqual([]);
  await shot(page, 'hd-06-lien-thong-den-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'hd-07-lien-thong-den-390');
  await page.setViewportSize({ width: 1366, height: 900 });
}

/**
 * Step 5: the province council decides under the regulation's rule set (pinned when the session opens): a clearance
 * (hiệp y) is asked of the provincial police and answered with its document, and the vote is taken with one member
 * present and the other absent with a signed written opinion, which makes up the 80 % attendance a session
 * considering awards needs. The session page shows the rule set, the attendance, the clearance and the figures.
 */
async function provinceCouncilDecides(page: Page) {
  // uyvien3 sits in the district above the commune (a conflict of interest): the province's session seats uyvien1,
  // uyvien2 and a member from the education department, added now.
  ok(await app.test.as('admin').post('/api/accounts').send({ username: 'uyvien4', displayName: 'Hoàng Thị Giáo', role: 'COUNCIL_MEMBER', unitId: journey.units['Sở Giáo dục và Đào tạo'], password: DEMO_PASSWORD }), 201);
  const secretary = app.test.as('thuongtruc');
  const members = [app.test.as('uyvien1'), await app.test.signIn('uyvien2', DEMO_PASSWORD), await app.test.signIn('uyvien4', DEMO_PASSWORD)];
  const memberIds = [await accountIdOf('uyvien1'), await accountIdOf('uyvien2'), await accountIdOf('uyvien4')];
  const title = 'Tổng kết cấp tỉnh năm 2025 (liên thông)';
  const sessionId = ok(await secretary.post('/api/review-sessions').send({ title, year: 2025, ballot: 'OPEN', memberIds, chairName: 'Nguyễn Văn Mạnh, Chủ tịch Hội đồng' }), 201).id as string;
  const itemId = ok(await secretary.post(`/api/review-sessions/${sessionId}/items`).send({ candidateId: journey.upperCandidateId }), 201).itemId as string;
  ok(await secretary.post(`/api/review-sessions/${sessionId}/assignments/automatic`).send({ perCandidate: 1 }));
  const detail = ok(await secretary.get(`/api/review-sessions/${sessionId}`)) as { items: { id: string; reviewers: string[]; criteria: { code: string }[] }[] };
  for (const reviewerId of detail.items[0]!.reviewers) {
    ok(await members[memberIds.indexOf(reviewerId)]!.post(`/api/review-sessions/${sessionId}/items/${itemId}/checklists`).send(fullChecklist(detail.items[0]!.criteria)), 201);
  }
  // The clearance: asked of the provincial police, answered "agrees" with its document.
  const asked = ok(await secretary.post(`/api/review-sessions/${sessionId}/items/${itemId}/clearances`).send({ agencyCodes: ['CONG_AN_TINH'] }), 201) as unknown as { id: string; requestedOn: string }[];
  const today = asked[0]!.requestedOn;
  ok(
    await secretary
      .post(`/api/review-sessions/${sessionId}/clearances/${asked[0]!.id}/answer`)
      .field('answer', 'AGREES')
      .field('documentNumber', '88/CAT-PV01')
      .field('documentDate', today)
      .attach('file', pdfBytes('Cong an tinh: khong vi pham'), { filename: 'Công an tỉnh - hiệp y.pdf', contentType: 'application/pdf' }),
    201,
  );
  // Attendance: two of three present (the meeting's 2/3 quorum), the third absent with a signed written opinion,
  // which makes up the 80 % of all members a session considering awards needs (2 of 3 alone would be 67 %).
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/open`).send({ presentMemberIds: [memberIds[0], memberIds[1]], writtenOpinionMemberIds: [memberIds[2]] }));
  for (const member of members.slice(0, 2)) ok(await member.post(`/api/review-sessions/${sessionId}/items/${itemId}/votes`).send({ choice: 'IN_FAVOUR' }), 201);
  ok(
    await secretary
      .post(`/api/review-sessions/${sessionId}/written-opinions`)
      .field('memberId', memberIds[2]!)
      .field('choices', JSON.stringify({ [itemId]: 'IN_FAVOUR' }))
      .attach('file', pdfBytes('phieu y kien uyvien2'), { filename: 'Phiếu lấy ý kiến.pdf', contentType: 'application/pdf' }),
    201,
  );
  ok(await secretary.post(`/api/review-sessions/${sessionId}/voting/close`));
  const closed = ok(await secretary.get(`/api/review-sessions/${sessionId}`)) as { items: { outcome: string; verdict: { ruleSet?: { code: string; awardSessionAttendance: unknown }; tally: { present: number; writtenOpinions: number; members: number; inFavour: number }; clearances?: { state: string }[] } }[] };
  expect(closed.items[0]).toMatchObject({
    outcome: 'RECOGNISE',
    verdict: { ruleSet: { code: 'QUY_DINH_2025', awardSessionAttendance: { numerator: 4, denominator: 5 } }, tally: { members: 3, present: 2, writtenOpinions: 1, inFavour: 3 }, clearances: [{ state: 'AGREES' }] },
  });

  // In the browser: the pinned rule set, the attendance with the written opinion, the clearance and the outcome.
  await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}`);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  await page.getByText('80%', { exact: false }).first().waitFor();
  await page.getByText('Công an tỉnh', { exact: false }).first().waitFor();
  await page.getByText('88/CAT-PV01', { exact: false }).first().waitFor();
  await page.getByText('ý kiến bằng văn bản', { exact: false }).first().waitFor();
  await shot(page, 'hd-08-tinh-hiep-y-tham-du-1366');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'hd-09-tinh-hiep-y-tham-du-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  ok(await secretary.post(`/api/review-sessions/${sessionId}/items/${itemId}/decision`).send({ outcome: 'RECOGNISE' }));
  ok(await secretary.post(`/api/review-sessions/${sessionId}/notice`).send({ channels: 'Cổng thông tin điện tử tỉnh' }), 201);
  await later(app.test, 30, async () => ok(await secretary.post(`/api/review-sessions/${sessionId}/finalise`)));

  await page.goto(`${app.baseUrl}/ho-so/${journey.upperCandidateId}`);
  await page.getByTestId('candidate-state').filter({ hasText: 'Được công nhận' }).waitFor();
  await page.getByTestId('history').getByText('Tiếp nhận đề nghị của cấp dưới, đưa vào xét').waitFor();
  await openMenu(page, 'Thống kê');
  const byLevel = page.getByTestId('by-level');
  await byLevel.getByRole('row', { name: /^Cơ sở \(xã, trường, công ty…\)\s*1/ }).waitFor();
  await byLevel.getByRole('row', { name: /^Tỉnh/ }).waitFor();
  await byLevel.scrollIntoViewIfNeeded();
  await shot(page, 'hd-10-thong-ke-theo-cap', {});
}

describe('councils at every level in Chromium', () => {
  browserTest(
    () => browser,
    'a commune council recognises an exemplar and proposes it upward; the province council, with a clearance and the 80% attendance made up by a written opinion, recognises it',
    'lien-thong',
    async ({ page }) => {
      await prepareCommune();
      await setUpCommuneCouncil(page);
      await communeCouncilRecognises(page);
      await proposeUpward(page);
      await provinceInbox(page);
      await provinceCouncilDecides(page);
    },
    BROWSER_TIMEOUT * 2,
  );
});
