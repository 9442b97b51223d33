/**
 * Recognition decisions and certificates: issued from a closed review session, numbered per authority and year
 * without gaps (also under concurrent issuing), corrected or revoked only by new decisions that refer to them.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../apps/api/src/common/clock.js';
import type supertest from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { ADMIN, AUDITOR, CLERK, SECRETARY, UNIT_HEAD, newCandidate, newUnit, sendEvent } from './support/factories.js';
import { correctDecision, draftDecision, issueDecision, revokeDecision } from './support/decisions.js';
import { pdfText } from './support/pdf-text.js';

let t: TestApp;
let sessionId: string;
let coop: { id: string };
let nurse: { id: string };
let decisionId: string;
/** A second session's nineteen exemplars: corrected all at once, each by a draft of its own (see the numbering test). */
let crowdSessionId: string;
let crowd: { id: string }[];
const SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };

const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const year = () => Number(t.running.app.get(Clock).today().slice(0, 4));

beforeAll(async () => {
  // The numbering test sends sixty requests in one burst: they may wait for a connection (the embedded database has
  // one) as long as they need, rather than be answered 503 busy after the default five seconds.
  t = await startTestApp({ DB_CONNECTION_TIMEOUT_MS: '60000' });
  const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
  coop = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
  nurse = await newCandidate(t, { unitId: unit.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
  ({ sessionId } = await decideThroughCouncil(t, [coop.id, nurse.id], 'RECOGNISE'));
  crowd = [];
  for (let i = 1; i <= 19; i++) crowd.push(await newCandidate(t, { unitId: unit.id, name: `Tổ sản xuất số ${i}`, state: 'underReview' }));
  ({ sessionId: crowdSessionId } = await decideThroughCouncil(t, crowd.map((c) => c.id), 'RECOGNISE'));
  // The session became final after its notice period (the factory moved the clock on by 30 days to close it):
  // the decisions are issued from then on.
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
}, 300_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
});

describe('the recognition decision of a session', () => {
  it('is refused while the session is not closed', async () => {
    const other = await newCandidate(t, { state: 'underReview' });
    const open = await decideThroughCouncil(t, [other.id], 'RECOGNISE', { final: false });
    const res = await draftDecision(t, { ...SIGNER, sessionId: open.sessionId });
    expect(res).toMatchObject({ status: 409, body: { code: 'SESSION_NOT_CLOSED', field: 'sessionId' } });
  });

  it('is issued with the number the clerk gives from the register, listing every exemplar the session recognised', async () => {
    const res = await issueDecision(t, { ...SIGNER, sessionId, number: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: '1/QĐ-UBND', year: year(), kind: 'RECOGNITION', recipients: 2 });
    decisionId = res.body.id;
    const view = await t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}`);
    expect(view.body).toMatchObject({ status: 'IN_FORCE', subject: 'Về việc công nhận điển hình tiên tiến năm 2025', amendedBy: [] });
    expect(view.body.recipients.map((r: { name: string }) => r.name).sort()).toEqual(['Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường']);
    expect(view.body.recipients[0].serial).toMatch(new RegExp(`^ĐHTT-${year()}-0001-00[12]$`));
    const again = await draftDecision(t, { ...SIGNER, sessionId });
    expect(again).toMatchObject({ status: 409, body: { code: 'DECISION_ALREADY_ISSUED' } });
    expect((await draftDecision(t, { ...SIGNER, sessionId }, UNIT_HEAD)).status).toBe(403);
    expect((await draftDecision(t, { ...SIGNER, sessionId }, CLERK)).status).toBe(403);
  });

  it('prints as an administrative decision in Vietnamese, and each exemplar gets its certificate', async () => {
    const pdf = await binary(t.as(AUDITOR).get(`/api/decisions/${decisionId}/pdf`));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 1/QĐ-UBND', 'QUYẾT ĐỊNH', 'Về việc công nhận điển hình tiên tiến năm 2025', 'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 152/2025/NĐ-CP', 'Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường', 'Nguyễn Văn Mạnh', 'Nơi nhận']) {
      expect(text).toContain(s);
    }
    const view = (await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body;
    const recipient = view.recipients.find((r: { name: string }) => r.name === 'Nguyễn Thị Hường');
    const cert = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/certificates/${recipient.candidateId}/pdf`));
    expect(cert.status).toBe(200);
    const certText = (await pdfText(cert.body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['GIẤY CHỨNG NHẬN', 'ĐIỂN HÌNH TIÊN TIẾN', 'Nguyễn Thị Hường', recipient.serial, '1/QĐ-UBND']) expect(certText).toContain(s);
  });
});

describe('corrections and revocations are new decisions that refer to the old one', () => {
  it('a correction keeps the original as it was, marked as corrected', async () => {
    const before = (await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body;
    const res = await correctDecision(t, decisionId, {
      ...SIGNER,
      reasons: 'Ghi sai tên hợp tác xã',
      recipients: [{ candidateId: coop.id, name: 'Hợp tác xã Dịch vụ Nông nghiệp Tân Yên' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: '2/QĐ-UBND', kind: 'CORRECTION' });
    const after = (await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body;
    expect(after.status).toBe('CORRECTED');
    expect(after.amendedBy).toEqual([expect.objectContaining({ id: res.body.id, kind: 'CORRECTION', number: '2/QĐ-UBND' })]);
    expect(after.recipients).toEqual(before.recipients);
    const correction = (await t.as(AUDITOR).get(`/api/decisions/${res.body.id}`)).body;
    expect(correction).toMatchObject({ amendsId: decisionId, reasons: 'Ghi sai tên hợp tác xã', subject: expect.stringContaining('đính chính Quyết định số 1/QĐ-UBND') });
    expect(correction.recipients.map((r: { name: string }) => r.name)).toContain('Hợp tác xã Dịch vụ Nông nghiệp Tân Yên');
    const text = (await pdfText((await binary(t.as(AUDITOR).get(`/api/decisions/${res.body.id}/pdf`))).body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain('Ghi sai tên hợp tác xã');
    // The database refuses to edit a decision in place.
    await expect(t.admin.query(`UPDATE recognition_decision SET subject = 'x' WHERE id = $1`, [decisionId])).rejects.toThrow(/append-only/);
  });

  it('a revocation moves the exemplar it names to revoked through the statechart, and its certificate is no longer issued', async () => {
    const res = await revokeDecision(t, decisionId, { ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Thành tích được xác minh là không trung thực', candidateIds: [nurse.id] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: '3/QĐ-UBND', kind: 'REVOCATION', recipients: 1 });
    const candidate = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}`)).body;
    expect(candidate).toMatchObject({ state: 'revoked', allowedEvents: [] });
    const history = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/history`)).body.records;
    expect(history.at(-1)).toMatchObject({ eventType: 'REVOKE_RECOGNITION', fromState: 'recognised', toState: 'revoked', payload: { decisionId: res.body.id } });
    expect((await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body.status).toBe('PARTLY_REVOKED');
    const cert = await t.as(AUDITOR).get(`/api/decisions/${decisionId}/certificates/${nurse.id}/pdf`);
    expect(cert).toMatchObject({ status: 409, body: { code: 'CERTIFICATE_REVOKED' } });
    // Never by hand, and not twice.
    expect((await sendEvent(t, coop.id, 'REVOKE_RECOGNITION', { decisionId, reasons: 'x' }, SECRETARY)).body.code).toBe('DECISION_ONLY_IN_REVIEW_SESSION');
    const twice = await t.as(SECRETARY).post(`/api/decisions/${decisionId}/revocations`).send({ ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Lần nữa', candidateIds: [nurse.id] });
    expect(twice).toMatchObject({ status: 409, body: { code: 'DECISION_REVOKED' } });
  });

  it('numbers stay unique and gapless under concurrent issuing from the register kept here; a refused request takes no number', async () => {
    // The office keeps its register in this product: each document's number is reserved from the counter.
    const [register] = (await t.as(AUDITOR).get('/api/document-registers')).body.filter((r: { authority: { code: string } }) => r.authority.code === 'UBND_TINH');
    expect((await t.as(ADMIN).post(`/api/document-registers/${register.id}/mode`).send({ mode: 'COUNTER', expectedVersion: register.version })).status).toBe(200);
    const crowdDecision = await issueDecision(t, { ...SIGNER, sessionId: crowdSessionId });
    expect(crowdDecision.body).toMatchObject({ number: '4/QĐ-UBND', recipients: 19 });
    // Twenty requests at once: nineteen corrections, each of its own exemplar (two open drafts naming the same
    // exemplar would conflict), and one naming nobody of the decision, refused before it takes a number.
    const issuedOn = t.running.app.get(Clock).today();
    const attempts = Array.from({ length: 20 }, async (_, i) => {
      const body =
        i === 7
          ? { ...SIGNER, reasons: 'Sai', recipients: [{ candidateId: '00000000-0000-4000-8000-000000000000', name: 'Không có' }] }
          : { ...SIGNER, reasons: `Đính chính lần ${i}`, recipients: [{ candidateId: crowd[i < 7 ? i : i - 1]!.id, achievement: `Thành tích ghi đúng (${i})` }] };
      const drafted = await t.as(SECRETARY).post(`/api/decisions/${crowdDecision.body.id}/corrections`).send(body);
      if (drafted.status !== 201) return drafted;
      const numbered = await t.as(CLERK).post(`/api/decision-drafts/${drafted.body.id}/number`).send({ issuedOn });
      if (numbered.status !== 200 && numbered.status !== 201) return numbered;
      return t.as(CLERK).post(`/api/decision-drafts/${drafted.body.id}/issue`).send({});
    });
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body?.code])).toEqual([[422, 'RECIPIENT_NOT_IN_DECISION']]);
    expect(results[7]).toMatchObject({ status: 422, body: { code: 'RECIPIENT_NOT_IN_DECISION' } });
    const numbers = ((await t.dataSource.query(`SELECT number FROM recognition_decision WHERE authority_code = 'UBND_TINH' AND year = $1 ORDER BY number`, [year()])) as { number: number }[]).map((r) => r.number);
    expect(numbers).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it('each authority numbers on its own', async () => {
    const res = await correctDecision(t, decisionId, { ...SIGNER, authorityCode: 'HDTDKT_TINH', reasons: 'Đính chính', recipients: [{ candidateId: coop.id }] });
    expect(res.body).toMatchObject({ number: '1/QĐ-HĐTĐKT' });
  });
});
