/**
 * The office's documents end to end, in Chromium and in Vietnamese (issue 18, "done when"): from a closed session
 * the secretariat drafts the decision, the clerk (văn thư) numbers it from the document register and issues it, the
 * secretariat signs it with the server's certificate (a PKCS#12 of the test's own CA, configured as an office would)
 * — the screen shows signer, time, validity and the authority the certificate chains to, and poppler's pdfsig
 * validates the downloaded decision. A certificate is downloaded and verified on the public page; then the
 * secretariat drafts its revocation on a ground of Luật Thi đua, khen thưởng 2022 (shown with its chapter), the clerk
 * numbers and issues it, the recovery of the certificate is recorded on screen; the stamped copy reads "ĐÃ THU HỒI
 * theo Quyết định số …" and the public page recognises it as that certificate's stamped copy and refuses it as valid,
 * naming the revocation; the signed certificate it refuses as revoked.
 *
 * SAVE_PDF_DIR=/some/folder keeps the draft, the signed decision, the stamped certificate and the achievement report.
 */
import { afterAll, beforeAll, describe, expect, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../apps/api/src/common/clock.js';
import { issuePki, pkcs12Of, type IssuedPki } from '../../apps/api/src/signatures/credentials.js';
import { decideThroughCouncil } from '../support/council.js';
import { CLERK, SECRETARY, newCandidate } from '../support/factories.js';
import { pdfPages } from '../support/pdf-text.js';
import { pdfsig } from '../support/pdfsig.js';
import { ensureWebBuilt, launchChromium, startServedApp, type ServedApp } from './support/browser.js';
import { browserTest, choose, shot, signIn, signOut } from './support/ui.js';

const EXEMPLAR = 'Tổ Ngữ văn Trường THPT Ngô Sĩ Liên';
const NUMBER = 3579;
const REVOCATION_NUMBER = 3580;
const GROUND = 'Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị công nhận, khen thưởng';
/** What the sources support of the grounds' law: the law and its chapter, no article number (libs/domain/src/revocation.ts). */
const GROUND_LAW = 'Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15';
const VERIFY_FILE = 'Tệp PDF (quyết định hoặc giấy chứng nhận)';

let app: ServedApp;
let browser: Browser;
let sessionId: string;
let candidateId: string;
let issuedOn: string;
let pki: IssuedPki;
let keyDir: string;
const saveDir = process.env.SAVE_PDF_DIR;
const keep = (name: string, bytes: Buffer) => saveDir && writeFileSync(join(saveDir, name), bytes);

beforeAll(async () => {
  await ensureWebBuilt();
  const now = Date.now();
  pki = await issuePki({ rootName: 'CN=Tổ chức chứng thực thử nghiệm', signerName: 'CN=Nguyễn Văn Mạnh, O=UBND tỉnh Bắc Ninh', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 3 * 365 * 86_400_000) });
  keyDir = mkdtempSync(join(tmpdir(), 'journey-keys-'));
  writeFileSync(join(keyDir, 'office.p12'), pkcs12Of(pki, 'mật khẩu'));
  writeFileSync(join(keyDir, 'roots.pem'), pki.pem.root);
  [app, browser] = await Promise.all([
    startServedApp({ SIGNING_P12_FILE: join(keyDir, 'office.p12'), SIGNING_P12_PASSPHRASE: 'mật khẩu', SIGNING_TRUSTED_ROOTS: join(keyDir, 'roots.pem') }),
    launchChromium(),
  ]);
  const t = app.test;
  const [school] = (await t.dataSource.query(`SELECT id FROM unit WHERE name = 'Trường THPT Ngô Sĩ Liên'`)) as { id: string }[];
  candidateId = (await newCandidate(t, { state: 'underReview', name: EXEMPLAR, unitId: school!.id })).id;
  ({ sessionId } = await decideThroughCouncil(t, [candidateId], 'RECOGNISE'));
  // The session became final after its notice period: the office works on its decision from then on.
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
  issuedOn = clock.today();
}, 600_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await browser?.close();
  await app?.test.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** The clerk opens the session's decision page and gives the draft (recognition or revocation) its number. */
async function numberAndIssue(page: Page, suffix: '' | '-revocation', number: number) {
  await page.getByTestId(`number-draft${suffix}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Số văn bản (…/QĐ-UBND)').fill(String(number));
  const date = dialog.getByLabel('Ngày ban hành');
  await date.fill(issuedOn.split('-').reverse().join('/'));
  await date.press('Enter');
  await dialog.getByRole('button', { name: 'Ghi số' }).click();
  await page.getByTestId(`draft-status${suffix}`).filter({ hasText: 'Đã lấy số — chờ ban hành' }).waitFor();
  await page.getByTestId(`issue-draft${suffix}`).click();
}

async function verifyUpload(page: Page, name: string, bytes: Buffer) {
  await page.goto(`${app.baseUrl}/cong-khai/xac-minh`);
  await page.getByLabel(VERIFY_FILE).setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
}

describe('the office’s documents from a closed session to a revoked, stamped certificate', () => {
  browserTest(
    () => browser,
    'draft, number, sign, issue; certificate verified; revoked on a ground of the law, numbered by the clerk; the stamped copy refused as valid',
    'van-ban',
    async ({ page }) => {
      await page.setViewportSize({ width: 1366, height: 900 });
      // The secretariat drafts from the closed session.
      await signIn(page, app.baseUrl, SECRETARY);
      await page.goto(`${app.baseUrl}/hoi-dong/${sessionId}`);
      await page.getByTestId('session-decision-link').click();
      await page.getByTestId('create-draft').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Lập dự thảo' }).click();
      await page.getByTestId('draft-status').filter({ hasText: 'Dự thảo — chưa có số' }).waitFor();
      const draft = await download(page, () => page.getByTestId('draft-pdf').click());
      for (const p of await pdfPages(draft.bytes)) expect(p).toContain('DỰ THẢO');
      keep('1-du-thao.pdf', draft.bytes);
      await signOut(page);

      // The clerk numbers it from the register and issues it.
      await signIn(page, app.baseUrl, CLERK);
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await numberAndIssue(page, '', NUMBER);
      await page.getByTestId('issued-decision').filter({ hasText: `Quyết định số ${NUMBER}/QĐ-UBND` }).waitFor();
      const [recipient] = (await app.test.dataSource.query(`SELECT serial FROM decision_recipient WHERE candidate_id = $1`, [candidateId])) as { serial: string }[];
      const serial = recipient!.serial;
      await signOut(page);

      // The secretariat signs with the server's certificate; the screen shows who, when, valid, the chain.
      await signIn(page, app.baseUrl, SECRETARY);
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await page.getByTestId('signature-missing').waitFor();
      // A file without a signature is refused, the refusal naming the field by its label.
      const issuedCopy = await download(page, () => page.getByTestId('issued-copy').click());
      await page.getByTestId('upload-signed').click();
      const upload = page.getByRole('dialog');
      await upload.locator('input[type=file]').setInputFiles({ name: issuedCopy.name, mimeType: 'application/pdf', buffer: issuedCopy.bytes });
      await upload.getByRole('button', { name: 'Tải lên' }).click();
      await upload.getByText('Tệp tải lên (trường Tệp đã ký) không có chữ ký số.').first().waitFor();
      await upload.getByRole('button', { name: 'Hủy' }).click();
      await page.getByTestId('sign-on-server').click();
      const decisionSignature = page.getByTestId('signature-valid-decision');
      await decisionSignature.filter({ hasText: 'Hợp lệ' }).waitFor();
      const signatures = page.getByTestId(/^signatures-/).first();
      for (const s of ['Nguyễn Văn Mạnh', 'Tổ chức chứng thực thử nghiệm', 'Ký trên máy chủ (PAdES B-B)']) await signatures.getByText(s).first().waitFor();
      await expect(page.getByTestId(`signature-valid-${candidateId}`).innerText()).resolves.toBe('Hợp lệ');
      await shot(page, 'van-ban-1-da-ky');
      const signedDecision = await download(page, () => page.getByTestId('decision-pdf').click());
      keep('2-quyet-dinh-da-ky.pdf', signedDecision.bytes);
      const checked = pdfsig(signedDecision.bytes, pki.pem.root);
      expect(checked).toContain('Signature is Valid');
      expect(checked).toContain('Certificate is Trusted');
      const certificate = await download(page, () => page.getByTestId(`certificate-${candidateId}`).click());
      expect(pdfsig(certificate.bytes, pki.pem.root)).toContain('Signature is Valid');
      await signOut(page);

      // Anyone verifies the certificate on the public page.
      await verifyUpload(page, 'giay-chung-nhan.pdf', certificate.bytes);
      await page.getByRole('status').getByText('Văn bản hợp lệ: đúng văn bản đã ban hành, chữ ký số hợp lệ.').waitFor();
      await page.getByText(EXEMPLAR).first().waitFor();

      // The secretariat drafts the revocation on a ground of the law, shown with the law's chapter.
      await signIn(page, app.baseUrl, SECRETARY);
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await page.getByTestId('draft-revocation').click();
      const revoke = page.getByRole('dialog');
      // Without a ground the form refuses.
      await revoke.getByRole('button', { name: 'Lập dự thảo' }).click();
      await revoke.getByText('Vui lòng nhập thông tin này.').first().waitFor();
      await choose(page, revoke.getByLabel('Căn cứ thu hồi'), GROUND);
      await revoke.getByLabel('Sự việc cụ thể').fill('Giấy xác nhận thành tích kèm hồ sơ đề nghị không đúng sự thật');
      await revoke.getByRole('button', { name: 'Lập dự thảo' }).click();
      const revocationDraft = page.getByTestId('decision-draft-revocation');
      await revocationDraft.getByText('Chương VII Luật Thi đua, khen thưởng 2022').waitFor();
      await page.getByTestId('draft-status-revocation').filter({ hasText: 'Dự thảo — chưa có số' }).waitFor();
      const revocationDraftPdf = await download(page, () => page.getByTestId('draft-pdf-revocation').click());
      expect((await pdfPages(revocationDraftPdf.bytes)).join(' ').replace(/\s+/g, ' ')).toContain(`${GROUND} (${GROUND_LAW})`);
      await shot(page, 'van-ban-2-du-thao-thu-hoi');
      await signOut(page);

      // Nothing is issued without the clerk's number.
      await signIn(page, app.baseUrl, CLERK);
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await numberAndIssue(page, '-revocation', REVOCATION_NUMBER);
      const revocation = page.getByText(`Quyết định thu hồi số ${REVOCATION_NUMBER}/QĐ-UBND`);
      await revocation.waitFor();
      await signOut(page);

      // The secretariat records the certificate's recovery; the history shows it.
      await signIn(page, app.baseUrl, SECRETARY);
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await page.getByTestId('revocation-record').getByText(GROUND_LAW, { exact: false }).waitFor();
      await page.getByTestId('record-recovery').click();
      const recovery = page.getByRole('dialog');
      // The server's clock runs a month ahead of the browser's (the session's notice period is over): its date.
      const recoveredOn = recovery.getByLabel('Ngày thu hồi');
      await recoveredOn.fill(issuedOn.split('-').reverse().join('/'));
      await recoveredOn.press('Enter');
      await recovery.getByLabel('Biên bản, chứng từ thu hồi').fill('Biên bản thu hồi số 07/BB-SNV');
      await recovery.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.getByTestId('recoveries').getByText('Biên bản thu hồi số 07/BB-SNV').waitFor();
      await page.getByTestId('revocation-record').getByText(`${EXEMPLAR}: đã thu hồi`).waitFor();
      await shot(page, 'van-ban-3-thu-hoi');

      // The stamped copy says so, and the public page refuses it — and the signed certificate — as valid.
      const stamped = await download(page, () => page.getByTestId(`archived-certificate-${candidateId}`).click());
      keep('3-giay-chung-nhan-da-thu-hoi.pdf', stamped.bytes);
      expect((await pdfPages(stamped.bytes)).join(' ').replace(/\s+/g, ' ')).toContain(`ĐÃ THU HỒI theo Quyết định số ${REVOCATION_NUMBER}/QĐ-UBND`);
      if (saveDir) {
        const report = await app.test.as(SECRETARY).get(`/api/candidates/${candidateId}/achievement-report/pdf`).buffer(true).parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
        keep('4-bao-cao-thanh-tich.pdf', report.body as Buffer);
      }
      await signOut(page);
      await verifyUpload(page, 'giay-chung-nhan-da-thu-hoi.pdf', stamped.bytes);
      const status = page.getByRole('status');
      const revokedOn = issuedOn.split('-').reverse().join('/');
      await status
        .getByText(`Văn bản KHÔNG hợp lệ: đây là bản đóng dấu “ĐÃ THU HỒI” của Giấy chứng nhận số ${serial} (${EXEMPLAR}), đã bị thu hồi theo Quyết định số ${REVOCATION_NUMBER}/QĐ-UBND ngày ${revokedOn}. Bản này không có giá trị sử dụng.`)
        .waitFor();
      await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('STAMPED_COPY');
      await expect(page.locator('[data-ket-qua="hieu-luc"]').innerText()).resolves.toContain(`thu hồi theo Quyết định số ${REVOCATION_NUMBER}/QĐ-UBND`);
      await expect(page.locator('[data-ket-qua="noi-dung"]').innerText()).resolves.toContain('Bản in lại có đóng dấu');
      await shot(page, 'van-ban-4-xac-minh-ban-dong-dau');
      await verifyUpload(page, 'giay-chung-nhan.pdf', certificate.bytes);
      await status.getByText('Văn bản đã bị THU HỒI, không còn hiệu lực.').waitFor();
      await page.getByText(`${REVOCATION_NUMBER}/QĐ-UBND`).first().waitFor();
      await expect(page.locator('[data-ket-qua="hieu-luc"]').innerText()).resolves.toContain('thu hồi');
      await shot(page, 'van-ban-5-xac-minh-thu-hoi');

      // The candidate page names both decisions and leads to the decision screen.
      await signIn(page, app.baseUrl, SECRETARY);
      await page.goto(`${app.baseUrl}/ho-so/${candidateId}`);
      const named = page.getByTestId('replication-decisions');
      await named.filter({ hasText: `${NUMBER}/QĐ-UBND` }).filter({ hasText: `${REVOCATION_NUMBER}/QĐ-UBND` }).waitFor();
      await named.getByRole('link', { name: 'Mở trang quyết định' }).first().click();
      await page.getByTestId('issued-decision').waitFor();

      // On a phone the decision page with its signatures and revocation fits the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${app.baseUrl}/quyet-dinh/dot-xet/${sessionId}`);
      await page.getByTestId('recoveries').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'van-ban-6-dien-thoai');
    },
    420_000,
  );
});
