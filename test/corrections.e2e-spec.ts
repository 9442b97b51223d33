/**
 * Corrections and revocations that hold (issue 18): a correction corrects the candidate's own facts through the
 * statechart, so later decisions quote the corrected text; a revocation names the chain it ends (the recognition and
 * its corrections), rests on grounds of Luật Thi đua, khen thưởng 2022 Chương VII, and refuses every certificate of
 * the chain for those it names; superseded copies come stamped; recoveries of certificates and rewards are recorded.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type supertest from 'supertest';
import { Clock } from '../apps/api/src/common/clock.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { pdfPages, pdfText } from './support/pdf-text.js';
import { correctDecision, issueDecision, nextFreeNumber, numberAndIssue, revokeDecision } from './support/decisions.js';
import { CLERK } from './support/factories.js';

let t: TestApp;
let coop: { id: string };
let nurse: { id: string };
let original: { id: string; number: string };
let correction: { id: string; number: string; issuedOn: string };
let revocation: { id: string; number: string };
const SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };
const CORRECT_NAME = 'Nguyễn Thị Hương';
const CORRECT_ACHIEVEMENT = 'Cứu chữa kịp thời 12 ca cấp cứu sản khoa tại trạm y tế xã trong năm 2025.';

const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const textOf = async (req: supertest.Test) => {
  const res = await binary(req);
  expect(res.status).toBe(200);
  return (await pdfText(res.body as Buffer)).replace(/\s+/g, ' ');
};
/** The pages of a decision's certificates printed in bulk, one string each. */
const bulkPages = async (decisionId: string) => {
  const res = await binary(t.as(AUDITOR).get(`/api/decisions/${decisionId}/certificates.pdf`));
  expect(res.status).toBe(200);
  return (await pdfPages(res.body as Buffer)).map((p) => p.replace(/\s+/g, ' '));
};
/** The first line of a superseded copy's stamp, or null for a copy in force. */
const stampIn = (text: string) => /ĐÃ (?:ĐÍNH CHÍNH|THU HỒI(?: MỘT PHẦN)?) theo Quyết định số [^ ]+ ngày \d{2}\/\d{2}\/\d{4}/.exec(text)?.[0] ?? null;

beforeAll(async () => {
  t = await startTestApp();
  const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
  coop = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
  nurse = await newCandidate(t, { unitId: unit.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
  const { sessionId } = await decideThroughCouncil(t, [coop.id, nurse.id], 'RECOGNISE');
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
  const issued = await issueDecision(t, { ...SIGNER, sessionId });
  expect(issued.status).toBe(201);
  original = issued.body;
}, 240_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
});

describe('a correction updates the facts it corrects', () => {
  it('moves the exemplar through CORRECT_RECOGNITION: its name and achievement are the corrected ones, the old text kept in the audit record', async () => {
    const before = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}`)).body;
    const res = await correctDecision(t, original.id, {
      ...SIGNER,
      reasons: 'Ghi sai tên và thành tích của cá nhân',
      recipients: [{ candidateId: nurse.id, name: CORRECT_NAME, achievement: CORRECT_ACHIEVEMENT }],
    });
    expect(res.status).toBe(201);
    correction = res.body;
    const after = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}`)).body;
    expect(after).toMatchObject({ name: CORRECT_NAME, achievement: CORRECT_ACHIEVEMENT, state: 'recognised', version: before.version + 1 });
    const history = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/history`)).body.records;
    expect(history.at(-1)).toMatchObject({
      eventType: 'CORRECT_RECOGNITION',
      fromState: 'recognised',
      toState: 'recognised',
      actor: expect.any(String),
      payload: { decisionId: correction.id, correctsDecisionId: original.id, name: CORRECT_NAME, corrected: { name: { from: 'Nguyễn Thị Hường', to: CORRECT_NAME }, achievement: { from: before.achievement, to: CORRECT_ACHIEVEMENT } } },
    });
    // The cooperative was not corrected: no event, its facts untouched.
    const coopHistory = (await t.as(UNIT_HEAD).get(`/api/candidates/${coop.id}/history`)).body.records;
    expect(coopHistory.some((r: { eventType: string }) => r.eventType === 'CORRECT_RECOGNITION')).toBe(false);
  });

  it('the corrected decision and the certificate it printed come stamped "ĐÃ ĐÍNH CHÍNH theo Quyết định số …"; the correction’s own are not', async () => {
    const stamp = `ĐÃ ĐÍNH CHÍNH theo Quyết định số ${correction.number}`;
    expect(await textOf(t.as(AUDITOR).get(`/api/decisions/${original.id}/pdf`))).toContain(stamp);
    const oldCert = await textOf(t.as(AUDITOR).get(`/api/decisions/${original.id}/certificates/${nurse.id}/pdf`));
    expect(oldCert).toContain(stamp);
    expect(oldCert).toContain('Nguyễn Thị Hường');
    const newCert = await textOf(t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${nurse.id}/pdf`));
    expect(newCert).not.toContain('ĐÃ ĐÍNH CHÍNH');
    expect(newCert).toContain(CORRECT_NAME);
    expect(newCert).toContain('12 ca cấp cứu sản khoa');
    expect(await textOf(t.as(AUDITOR).get(`/api/decisions/${correction.id}/pdf`))).not.toContain('ĐÃ ĐÍNH CHÍNH theo');
  });

  it('the certificates printed in bulk carry, page by page, the stamp each certificate carries downloaded alone', async () => {
    const pages = await bulkPages(original.id);
    expect(pages).toHaveLength(2);
    const nursePage = pages.find((p) => p.includes('Nguyễn Thị Hường'))!;
    expect(stampIn(nursePage)).toBe(`ĐÃ ĐÍNH CHÍNH theo Quyết định số ${correction.number} ngày ${correction.issuedOn.split('-').reverse().join('/')}`);
    for (const [candidate, name] of [
      [nurse, 'Nguyễn Thị Hường'],
      [coop, 'Hợp tác xã Nông nghiệp Tân Yên'],
    ] as const) {
      const alone = await textOf(t.as(AUDITOR).get(`/api/decisions/${original.id}/certificates/${candidate.id}/pdf`));
      expect(stampIn(pages.find((p) => p.includes(name))!)).toBe(stampIn(alone));
    }
    // The correction's own certificates are in force: no stamp on any page.
    for (const page of await bulkPages(correction.id)) expect(stampIn(page)).toBeNull();
  });
});

describe('a revocation ends the whole chain', () => {
  it('needs grounds of Chương VII as codes (a clear 400 naming the field otherwise)', async () => {
    const none = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, reasons: 'Không trung thực', candidateIds: [nurse.id] });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('grounds');
    const unknown = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['BAD_LUCK'], reasons: 'x', candidateIds: [nurse.id] });
    expect(unknown.status).toBe(400);
    expect((await t.as(AUDITOR).get(`/api/decisions?sessionId=${(await t.as(AUDITOR).get(`/api/decisions/${original.id}`)).body.sessionId}`)).body).toHaveLength(2);
  });

  it('issue, correct, revoke the original: the correction’s certificate is refused too (it was 200 before)', async () => {
    const res = await revokeDecision(t, original.id, {
      ...SIGNER,
      grounds: ['FALSE_INFORMATION_OR_FORGED_RECORDS'],
      reasons: 'Hồ sơ đề nghị kèm giấy xác nhận không đúng sự thật',
      candidateIds: [nurse.id],
    });
    expect(res.status).toBe(201);
    revocation = res.body;
    const refused = await t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${nurse.id}/pdf`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'CERTIFICATE_REVOKED', revokedBy: [{ id: revocation.id, number: revocation.number }] } });
    expect(refused.body.message).toContain(`Quyết định số ${revocation.number}`);
    expect(await t.as(AUDITOR).get(`/api/decisions/${original.id}/certificates/${nurse.id}/pdf`)).toMatchObject({ status: 409, body: { code: 'CERTIFICATE_REVOKED' } });
    // The cooperative's certificates stand.
    expect((await binary(t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${coop.id}/pdf`))).status).toBe(200);
    // A certificate of the chain's decisions is refused whichever of them names it, and the views agree.
    for (const id of [original.id, correction.id]) {
      const view = (await t.as(AUDITOR).get(`/api/decisions/${id}`)).body;
      expect(view.status).toBe('PARTLY_REVOKED');
      expect(view.recipients.find((r: { candidateId: string }) => r.candidateId === nurse.id).revoked).toBe(true);
    }
    const revView = (await t.as(AUDITOR).get(`/api/decisions/${revocation.id}`)).body;
    expect(revView.status).toBe('IN_FORCE');
  });

  it('names the chain it ends and quotes the corrected text, with its grounds cited', async () => {
    const view = (await t.as(AUDITOR).get(`/api/decisions/${revocation.id}`)).body;
    expect(view.subject).toContain(`Quyết định số ${original.number}`);
    expect(view.subject).toContain(`Quyết định số ${correction.number}`);
    expect(view.recipients).toEqual([expect.objectContaining({ candidateId: nurse.id, name: CORRECT_NAME, achievement: CORRECT_ACHIEVEMENT })]);
    // The grounds cite the law and its chapter only: the sources hold no article number for them.
    expect(view.reasons).toContain('Cung cấp thông tin sai sự thật hoặc làm giả hồ sơ, giấy tờ để đề nghị công nhận, khen thưởng (Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15)');
    expect(view.reasons).not.toMatch(/Điều \d+|khoản \d+|điểm [a-đ]\b/);
    const text = await textOf(t.as(AUDITOR).get(`/api/decisions/${revocation.id}/pdf`));
    for (const s of [CORRECT_NAME, `Quyết định số ${correction.number}`, 'Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15']) expect(text).toContain(s);
    expect(text).not.toContain('Điều 93');
    expect(text).not.toContain('ĐÃ THU HỒI');
    const record = (await t.as(AUDITOR).get(`/api/decisions/${revocation.id}/revocation`)).body;
    expect(record).toMatchObject({
      number: revocation.number,
      grounds: [{ code: 'FALSE_INFORMATION_OR_FORGED_RECORDS', article: 'Chương VII Luật Thi đua, khen thưởng 2022', citation: 'Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15' }],
      chain: [expect.objectContaining({ id: original.id, kind: 'RECOGNITION' }), expect.objectContaining({ id: correction.id, kind: 'CORRECTION' })],
      recipients: [{ candidateId: nurse.id, name: CORRECT_NAME, certificateRecovered: false }],
      recoveries: [],
    });
  });

  it('the superseded decisions come stamped "ĐÃ THU HỒI … theo Quyết định số …"; the revoked certificate only as a stamped archive copy', async () => {
    const partly = `ĐÃ THU HỒI MỘT PHẦN theo Quyết định số ${revocation.number}`;
    const first = await textOf(t.as(AUDITOR).get(`/api/decisions/${original.id}/pdf`));
    expect(first).toContain(partly);
    expect(first).toContain(`ĐÃ ĐÍNH CHÍNH theo Quyết định số ${correction.number}`);
    expect(await textOf(t.as(AUDITOR).get(`/api/decisions/${correction.id}/pdf`))).toContain(partly);
    const archivedCopy = await binary(t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${nurse.id}/pdf?archived=true`));
    // To look at the stamped copy: SAVE_PDF_DIR=/some/folder.
    if (process.env.SAVE_PDF_DIR) writeFileSync(join(process.env.SAVE_PDF_DIR, 'stamped-certificate.pdf'), archivedCopy.body as Buffer);
    const archive = await textOf(t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${nurse.id}/pdf?archived=true`));
    expect(archive).toContain(`ĐÃ THU HỒI theo Quyết định số ${revocation.number}`);
    expect(archive).toContain(CORRECT_NAME);
    expect(await t.as(AUDITOR).get(`/api/decisions/${correction.id}/certificates/${coop.id}/pdf?archived=true`)).toMatchObject({ status: 422, body: { code: 'CERTIFICATE_NOT_REVOKED' } });
  });

  it('the certificates printed in bulk leave the revoked one out (its download is refused) and stamp the others as downloaded alone', async () => {
    for (const id of [original.id, correction.id]) {
      const pages = await bulkPages(id);
      expect(pages).toHaveLength(1);
      expect(pages[0]).not.toContain(CORRECT_NAME);
      expect(pages[0]).not.toContain('Nguyễn Thị Hường');
      const alone = await textOf(t.as(AUDITOR).get(`/api/decisions/${id}/certificates/${coop.id}/pdf`));
      expect(stampIn(pages[0]!)).toBe(stampIn(alone));
    }
  });

  it('a revoked exemplar is neither corrected nor revoked again', async () => {
    const fix = await t.as(SECRETARY).post(`/api/decisions/${correction.id}/corrections`).send({ ...SIGNER, reasons: 'x', recipients: [{ candidateId: nurse.id, name: 'Khác' }] });
    expect(fix).toMatchObject({ status: 409, body: { code: 'DECISION_REVOKED' } });
    const again = await t.as(SECRETARY).post(`/api/decisions/${correction.id}/revocations`).send({ ...SIGNER, grounds: ['UNLAWFUL_APPRAISAL'], reasons: 'x', candidateIds: [nurse.id] });
    expect(again).toMatchObject({ status: 409, body: { code: 'DECISION_REVOKED' } });
  });
});

describe('recovery of certificates and rewards', () => {
  it('is recorded against the revocation, audited in its authority’s stream, append-only', async () => {
    const cert = await t.as(SECRETARY).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: nurse.id, item: 'CERTIFICATE', quantity: 1, recoveredOn: t.running.app.get(Clock).today(), document: 'Biên bản thu hồi số 01/BB-SNV' });
    expect(cert.status).toBe(201);
    expect(cert.body).toMatchObject({ item: 'CERTIFICATE', itemLabel: { vi: 'Giấy chứng nhận' }, quantity: 1, amount: null, candidateName: CORRECT_NAME });
    const money = await t.as(SECRETARY).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: nurse.id, item: 'REWARD_MONEY', amount: 1_490_000, recoveredOn: t.running.app.get(Clock).today(), document: 'Phiếu thu số 12' });
    expect(money).toMatchObject({ status: 201, body: { amount: 1_490_000 } });
    const view = (await t.as(AUDITOR).get(`/api/decisions/${revocation.id}/revocation`)).body;
    expect(view.recipients[0].certificateRecovered).toBe(true);
    expect(view.recoveries).toHaveLength(2);
    const [row] = (await t.admin.query(`SELECT event_type, payload FROM audit_event WHERE payload->>'recoveryId' = $1`, [cert.body.id])) as { event_type: string; payload: { number: string } }[];
    expect(row).toMatchObject({ event_type: 'REVOCATION_RECOVERY', payload: { number: revocation.number } });
    await expect(t.admin.query(`UPDATE revocation_recovery SET document = 'x' WHERE id = $1`, [cert.body.id])).rejects.toThrow(/append-only/);
  });

  it('refuses what does not fit: no amount for money, a candidate not revoked, a decision that is not a revocation, a unit head', async () => {
    const today = t.running.app.get(Clock).today();
    expect(await t.as(SECRETARY).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: nurse.id, item: 'REWARD_MONEY', recoveredOn: today, document: 'x' })).toMatchObject({ status: 422, body: { code: 'RECOVERY_AMOUNT_REQUIRED', field: 'amount' } });
    expect(await t.as(SECRETARY).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: coop.id, item: 'CERTIFICATE', quantity: 1, recoveredOn: today, document: 'x' })).toMatchObject({ status: 422, body: { code: 'RECOVERY_NOT_IN_REVOCATION' } });
    expect(await t.as(SECRETARY).post(`/api/decisions/${original.id}/recoveries`).send({ candidateId: nurse.id, item: 'CERTIFICATE', quantity: 1, recoveredOn: today, document: 'x' })).toMatchObject({ status: 422, body: { code: 'NOT_A_REVOCATION' } });
    expect((await t.as(SECRETARY).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: nurse.id, item: 'MEDAL', quantity: 1, recoveredOn: today, document: 'x' })).status).toBe(400);
    expect((await t.as(UNIT_HEAD).post(`/api/decisions/${revocation.id}/recoveries`).send({ candidateId: nurse.id, item: 'CERTIFICATE', quantity: 1, recoveredOn: today, document: 'x' })).status).toBe(403);
  });

  it('the audit trail verifies', async () => {
    const res = await t.as(AUDITOR).get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body.replay.mismatches).toBe(0);
    expect(res.body.ok).toBe(true);
  });
});

describe('a correction or revocation takes the clerk’s number from the register', () => {
  it('is a draft until the clerk numbers it: not issued without a number, a number used in the register refused, the draft watermarked', async () => {
    const drafted = await t.as(SECRETARY).post(`/api/decisions/${original.id}/corrections`).send({ ...SIGNER, reasons: 'Ghi sai đơn vị', recipients: [{ candidateId: coop.id, unitName: 'UBND xã Tân Yên, tỉnh Bắc Ninh' }] });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ kind: 'CORRECTION', status: 'DRAFT', number: null, amends: { id: original.id, number: original.number }, reasons: 'Ghi sai đơn vị', subject: expect.stringContaining(`đính chính Quyết định số ${original.number}`) });
    expect(drafted.body.recipients.find((r: { candidateId: string }) => r.candidateId === coop.id).unitName).toBe('UBND xã Tân Yên, tỉnh Bắc Ninh');
    // Nothing issued yet: the decision's session still has one decision, and the issue needs the number first.
    expect(await t.as(CLERK).post(`/api/decision-drafts/${drafted.body.id}/issue`).send({})).toMatchObject({ status: 409, body: { code: 'DECISION_NOT_NUMBERED' } });
    const pdf = await textOf(t.as(SECRETARY).get(`/api/decision-drafts/${drafted.body.id}/pdf`));
    for (const s of ['DỰ THẢO', `đính chính Quyết định số ${original.number}`, 'Ghi sai đơn vị']) expect(pdf).toContain(s);
    // The number of the recognition itself is taken in the register (same symbol, same year).
    const today = t.running.app.get(Clock).today();
    const taken = await t.as(CLERK).post(`/api/decision-drafts/${drafted.body.id}/number`).send({ number: Number(original.number.split('/')[0]), issuedOn: today });
    expect(taken).toMatchObject({ status: 409, body: { code: 'REGISTER_NUMBER_TAKEN', field: 'number' } });
    // Only the clerk numbers.
    expect((await t.as(SECRETARY).post(`/api/decision-drafts/${drafted.body.id}/number`).send({ number: 900, issuedOn: today })).status).toBe(403);
    const number = await nextFreeNumber(t, 'UBND_TINH', Number(today.slice(0, 4)));
    const issued = await numberAndIssue(t, drafted.body, { number });
    expect(issued).toMatchObject({ status: 201, body: { kind: 'CORRECTION', number: `${number}/QĐ-UBND` } });
    const after = (await t.as(SECRETARY).get(`/api/decision-drafts/${drafted.body.id}`)).body;
    expect(after).toMatchObject({ status: 'ISSUED', decisionId: issued.body.id, numberedBy: expect.any(String) });
  });

  it('a revocation draft shows its grounds with the article they cite', async () => {
    const drafted = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['UNLAWFUL_APPRAISAL'], reasons: 'Xét trái quy định', candidateIds: [coop.id] });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ kind: 'REVOCATION', status: 'DRAFT', grounds: [{ code: 'UNLAWFUL_APPRAISAL', article: 'Chương VII Luật Thi đua, khen thưởng 2022' }], recipients: [expect.objectContaining({ candidateId: coop.id })] });
    const pdf = await textOf(t.as(SECRETARY).get(`/api/decision-drafts/${drafted.body.id}/pdf`));
    for (const s of ['DỰ THẢO', 'Thẩm định, xét, duyệt, đề nghị công nhận, khen thưởng trái quy định của pháp luật (Chương VII Luật Thi đua, khen thưởng số 06/2022/QH15)']) expect(pdf).toContain(s);
    // Left a draft: the cooperative stays recognised.
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${coop.id}`)).body.state).toBe('recognised');
  });
});

describe('one open draft at a time for an exemplar', () => {
  it('a second correction or revocation draft naming an exemplar an open draft names is refused (409, stable code, Vietnamese words)', async () => {
    // The revocation draft of the cooperative above is open (drafted, not issued).
    const open = (await t.as(SECRETARY).get(`/api/decision-drafts?status=DRAFT`)).body.filter((d: { kind: string; amends: { id: string } | null }) => d.kind === 'REVOCATION' && d.amends?.id === original.id);
    expect(open).toHaveLength(1);
    const again = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Lần hai', candidateIds: [coop.id] });
    expect(again).toMatchObject({ status: 409, body: { code: 'AMENDMENT_DRAFT_CONFLICT', field: 'candidateIds', draftId: open[0].id, kind: 'REVOCATION', candidateIds: [coop.id] } });
    expect(again.body.message).toMatch(/^Đã có dự thảo quyết định thu hồi chưa ban hành \(lập ngày \d{2}\/\d{2}\/\d{4}\) cũng nêu Hợp tác xã Nông nghiệp Tân Yên: hãy để văn thư ban hành dự thảo đó trước khi lập dự thảo mới\.$/);
    // A correction of the same exemplar, drafted from a later decision of the chain, conflicts too; so does a revocation of the whole chain.
    const fix = await t.as(SECRETARY).post(`/api/decisions/${correction.id}/corrections`).send({ ...SIGNER, reasons: 'Sai tên', recipients: [{ candidateId: coop.id, name: 'HTX Nông nghiệp Tân Yên' }] });
    expect(fix).toMatchObject({ status: 409, body: { code: 'AMENDMENT_DRAFT_CONFLICT', field: 'recipients' } });
    const whole = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Toàn bộ' });
    expect(whole).toMatchObject({ status: 409, body: { code: 'AMENDMENT_DRAFT_CONFLICT' } });
    // Nothing was written: still one open draft.
    expect((await t.as(SECRETARY).get(`/api/decision-drafts?status=DRAFT`)).body.filter((d: { amends: { id: string } | null }) => d.amends !== null)).toHaveLength(1);
  });

  it('a wrong draft is abandoned (hủy dự thảo): kept with its reason, audited, no longer open, its number free again; then drafted anew and issued', async () => {
    const [wrong] = (await t.as(SECRETARY).get(`/api/decision-drafts?status=DRAFT`)).body.filter((d: { kind: string; amends: { id: string } | null }) => d.kind === 'REVOCATION' && d.amends?.id === original.id);
    const today = t.running.app.get(Clock).today();
    // The clerk had numbered it: that number must not be lost to the register.
    const number = await nextFreeNumber(t, 'UBND_TINH', Number(today.slice(0, 4)));
    expect((await t.as(CLERK).post(`/api/decision-drafts/${wrong.id}/number`).send({ number, issuedOn: today })).body).toMatchObject({ status: 'NUMBERED', number: `${number}/QĐ-UBND` });
    // The reason is required: a 400 naming the field by its Vietnamese label; nothing changed.
    for (const body of [{}, { reason: '   ' }]) {
      const refused = await t.as(SECRETARY).post(`/api/decision-drafts/${wrong.id}/abandon`).send(body);
      expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'reason', message: expect.stringContaining('«Lý do»') })] } });
    }
    // Abandoned by whoever drafts corrections and revocations (the secretariat), not by the clerk or a unit head.
    for (const who of [CLERK, UNIT_HEAD]) expect((await t.as(who).post(`/api/decision-drafts/${wrong.id}/abandon`).send({ reason: 'x' })).status).toBe(403);
    expect((await t.as(SECRETARY).get(`/api/decision-drafts/${wrong.id}`)).body.status).toBe('NUMBERED');

    const reason = 'Lập nhầm căn cứ thu hồi: phải là khai man thành tích';
    const abandoned = await t.as(SECRETARY).post(`/api/decision-drafts/${wrong.id}/abandon`).send({ reason });
    expect(abandoned).toMatchObject({ status: 200, body: { id: wrong.id, status: 'ABANDONED', abandonReason: reason, abandonedBy: expect.any(String), abandonedAt: expect.any(String), decisionId: null } });
    // Nothing deleted: listed with its state; the audit record says who, why, and the number it freed.
    expect((await t.as(AUDITOR).get('/api/decision-drafts?status=ABANDONED')).body.map((d: { id: string }) => d.id)).toContain(wrong.id);
    const records = (await t.admin.query(`SELECT event_type, payload FROM audit_event WHERE stream = $1 ORDER BY seq`, [`decision-draft:${wrong.id}`])) as { event_type: string; payload: Record<string, unknown> }[];
    expect(records.map((r) => r.event_type)).toEqual(['DECISION_DRAFTED', 'DECISION_NUMBERED', 'DECISION_DRAFT_ABANDONED']);
    expect(records[2]!.payload).toMatchObject({ draftId: wrong.id, kind: 'REVOCATION', reason, fromStatus: 'NUMBERED', released: { number } });
    // An abandoned draft is neither numbered, issued nor abandoned again.
    expect(await t.as(CLERK).post(`/api/decision-drafts/${wrong.id}/number`).send({ number: number + 1, issuedOn: today })).toMatchObject({ status: 409, body: { code: 'DECISION_DRAFT_ABANDONED' } });
    expect(await t.as(CLERK).post(`/api/decision-drafts/${wrong.id}/issue`).send({})).toMatchObject({ status: 409, body: { code: 'DECISION_DRAFT_ABANDONED' } });
    expect(await t.as(SECRETARY).post(`/api/decision-drafts/${wrong.id}/abandon`).send({ reason })).toMatchObject({ status: 409, body: { code: 'DECISION_DRAFT_ABANDONED' } });

    // No longer open: the exemplar is drafted again (no AMENDMENT_DRAFT_CONFLICT), and the freed number is given to it.
    const again = await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Khai man thành tích', candidateIds: [coop.id] });
    expect(again).toMatchObject({ status: 201, body: { status: 'DRAFT', kind: 'REVOCATION' } });
    const issued = await numberAndIssue(t, again.body, { number });
    expect(issued).toMatchObject({ status: 201, body: { kind: 'REVOCATION', number: `${number}/QĐ-UBND` } });
    // An issued draft is not abandoned: a stable code, in Vietnamese.
    const late = await t.as(SECRETARY).post(`/api/decision-drafts/${again.body.id}/abandon`).send({ reason });
    expect(late).toMatchObject({ status: 409, body: { code: 'ISSUED_DRAFT_NOT_ABANDONED' } });
    expect(late.body.message).toMatch(/^Dự thảo đã được ban hành thành quyết định nên không hủy được/);
    // The exemplar is revoked now and the usual refusal applies.
    expect((await t.as(SECRETARY).post(`/api/decisions/${original.id}/revocations`).send({ ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'x', candidateIds: [coop.id] })).body.code).toBe('DECISION_REVOKED');
    // The abandoned row is vouched for by its audit record like every other.
    const verify = await t.as(AUDITOR).get('/api/audit/verify');
    expect(verify.body).toMatchObject({ ok: true, replay: { mismatches: 0 } });
  });
});
