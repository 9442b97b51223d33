/**
 * A decision from draft to issue (issue 18): the secretariat drafts (PDF watermarked "DỰ THẢO", DOCX for Word), the
 * clerk (văn thư) gives the document register's number and date — entered and checked unique per register, symbol
 * and year, or reserved from the counter when the register is kept here — and issues; nothing is issued without a
 * number. Downloads keep their Vietnamese names; a decision's certificates print in bulk; the minutes carry the
 * shortcomings the council's decision recorded.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { unzipSync, strFromU8 } from 'fflate';
import type supertest from 'supertest';
import { Clock } from '../apps/api/src/common/clock.js';
import { SigningKeys } from '../apps/api/src/signatures/signing-keys.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { draftDecision } from './support/decisions.js';
import { ADMIN, AUDITOR, CLERK, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { pdfPages, pdfText } from './support/pdf-text.js';

let t: TestApp;
const SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };
const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
const flat = (s: string) => s.replace(/\s+/g, ' ');
const today = () => t.running.app.get(Clock).today();
/** The UTF-8 name a Content-Disposition gives, and its ASCII fallback. */
const names = (disposition: string) => ({
  utf8: decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!),
  ascii: /filename="([^"]+)"/.exec(disposition)?.[1],
});

let coop: { id: string };
let nurse: { id: string };
let sessionId: string;
let draftId: string;
/** Two more closed sessions (a register number taken; the register's counter), and one that returned its candidate. */
let s2: string;
let s3: string;
let returned: string;
const ADDED_SHORTCOMING = 'Chưa có báo cáo đánh giá hiệu quả mô hình của Ban Thi đua';

beforeAll(async () => {
  t = await startTestApp();
  const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
  coop = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
  nurse = await newCandidate(t, { unitId: unit.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
  ({ sessionId } = await decideThroughCouncil(t, [coop.id, nurse.id], 'RECOGNISE'));
  ({ sessionId: s2 } = await decideThroughCouncil(t, [(await newCandidate(t, { state: 'underReview', name: 'Trường THPT Ngô Sĩ Liên' })).id], 'RECOGNISE'));
  ({ sessionId: s3 } = await decideThroughCouncil(t, [(await newCandidate(t, { state: 'underReview', name: 'Hộ ông Trần Văn Minh', kind: 'HOUSEHOLD' })).id], 'RECOGNISE'));
  ({ sessionId: returned } = await decideThroughCouncil(t, [(await newCandidate(t, { state: 'underReview', name: 'Tổ dân phố số 3' })).id], 'RETURN_TO_NURTURING', { shortcomings: [ADDED_SHORTCOMING] }));
  // The sessions became final after their notice period: decisions are issued from then on.
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
}, 300_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
});

describe('the draft', () => {
  it('is the secretariat’s, opens the authority’s register, and is read by the clerk', async () => {
    expect((await draftDecision(t, { ...SIGNER, sessionId }, CLERK)).status).toBe(403);
    const res = await draftDecision(t, { ...SIGNER, sessionId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'DRAFT',
      number: null,
      issuedOn: null,
      decisionId: null,
      register: { symbol: 'QĐ-UBND', mode: 'CLERK_ENTERED', authority: { code: 'UBND_TINH' } },
      subject: 'Về việc công nhận điển hình tiên tiến năm 2025',
    });
    expect(res.body.recipients.map((r: { name: string }) => r.name).sort()).toEqual(['Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường']);
    draftId = res.body.id;
    expect((await draftDecision(t, { ...SIGNER, sessionId })).body.code).toBe('DECISION_DRAFT_EXISTS');
    expect((await t.as(CLERK).get(`/api/decision-drafts?sessionId=${sessionId}`)).body.map((d: { id: string }) => d.id)).toEqual([draftId]);
    expect((await t.as(UNIT_HEAD).get(`/api/decision-drafts/${draftId}`)).status).toBe(403);
  });

  it('prints watermarked "DỰ THẢO", with room left for the register’s number and date', async () => {
    const res = await binary(t.as(CLERK).get(`/api/decision-drafts/${draftId}/pdf`));
    expect(res.status).toBe(200);
    const pages = await pdfPages(res.body as Buffer);
    for (const page of pages) expect(page).toContain('DỰ THẢO');
    const text = flat(pages.join('\n'));
    expect(text).toMatch(/Số: \/QĐ-UBND/);
    expect(text).toMatch(/Bắc Ninh, ngày tháng năm \d{4}/);
    for (const s of ['QUYẾT ĐỊNH', 'Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường', 'Nguyễn Văn Mạnh']) expect(text).toContain(s);
    expect(names(res.headers['content-disposition'] as string)).toEqual({ utf8: 'Dự thảo Quyết định - Tổng kết năm 2025.pdf', ascii: 'Du thao Quyet dinh - Tong ket nam 2025.pdf' });
  });

  it('comes as a Word document the office can edit', async () => {
    const res = await binary(t.as(SECRETARY).get(`/api/decision-drafts/${draftId}/docx`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const xml = strFromU8(files['word/document.xml']!);
    const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'QUYẾT ĐỊNH', 'Về việc công nhận điển hình tiên tiến năm 2025', 'Điều 1.', 'Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường', 'Nơi nhận:', 'Nguyễn Văn Mạnh']) {
      expect(words).toContain(s);
    }
    const headers = Object.entries(files).filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, b]) => strFromU8(b));
    expect(headers.join('')).toContain('DỰ THẢO');
    expect(names(res.headers['content-disposition'] as string).utf8).toBe('Dự thảo Quyết định - Tổng kết năm 2025.docx');
  });
});

describe('numbering from the document register, then issue', () => {
  it('nothing is issued without a number', async () => {
    expect(await t.as(CLERK).post(`/api/decision-drafts/${draftId}/issue`).send({})).toMatchObject({ status: 409, body: { code: 'DECISION_NOT_NUMBERED' } });
    expect((await t.as(SECRETARY).post(`/api/decision-drafts/${draftId}/issue`).send({})).status).toBe(403);
  });

  it('the clerk enters the number and date the office’s register gave; each is checked', async () => {
    expect((await t.as(SECRETARY).post(`/api/decision-drafts/${draftId}/number`).send({ number: 125, issuedOn: today() })).status).toBe(403);
    expect(await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ issuedOn: today() })).toMatchObject({ status: 422, body: { code: 'REGISTER_NUMBER_REQUIRED', field: 'number' } });
    expect(await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ number: 125, issuedOn: '2099-01-01' })).toMatchObject({ status: 422, body: { code: 'ISSUED_ON_OUT_OF_RANGE', field: 'issuedOn' } });
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ number: 0, issuedOn: today() })).status).toBe(400);
    // A typing error is corrected before issue: the record keeps the earlier entry.
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ number: 152, issuedOn: today() })).body).toMatchObject({ status: 'NUMBERED', number: '152/QĐ-UBND' });
    const res = await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ number: 125, issuedOn: today() });
    expect(res).toMatchObject({ status: 200, body: { status: 'NUMBERED', number: '125/QĐ-UBND', issuedOn: today(), numberSource: 'CLERK_ENTERED', numberedBy: CLERK } });
    const [record] = await t.admin.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM audit_event WHERE stream = $1 AND event_type = 'DECISION_NUMBERED' ORDER BY seq DESC LIMIT 1`, [`decision-draft:${draftId}`]);
    expect(record!.payload).toMatchObject({ number: '125/QĐ-UBND', source: 'CLERK_ENTERED', previous: { number: 152 } });
    // The numbered draft shows its number, still watermarked.
    const text = flat(await pdfText((await binary(t.as(AUDITOR).get(`/api/decision-drafts/${draftId}/pdf`))).body as Buffer));
    expect(text).toContain('Số: 125/QĐ-UBND');
    expect(text).toContain('DỰ THẢO');
  });

  it('a number used in the register (same symbol, same year) is refused for another decision', async () => {
    const draft2 = (await draftDecision(t, { ...SIGNER, sessionId: s2 })).body;
    const taken = await t.as(CLERK).post(`/api/decision-drafts/${draft2.id}/number`).send({ number: 125, issuedOn: today() });
    expect(taken).toMatchObject({ status: 409, body: { code: 'REGISTER_NUMBER_TAKEN', field: 'number' } });
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draft2.id}/number`).send({ number: 126, issuedOn: today() })).status).toBe(200);
  });

  it('the clerk issues it under that number and date; the decision prints without the watermark, named with its letters', async () => {
    const res = await t.as(CLERK).post(`/api/decision-drafts/${draftId}/issue`).send({});
    expect(res).toMatchObject({ status: 201, body: { number: '125/QĐ-UBND', kind: 'RECOGNITION', issuedOn: today(), recipients: 2 } });
    const draft = (await t.as(CLERK).get(`/api/decision-drafts/${draftId}`)).body;
    expect(draft).toMatchObject({ status: 'ISSUED', decisionId: res.body.id, issuedBy: CLERK });
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draftId}/issue`).send({})).body.code).toBe('DECISION_DRAFT_ISSUED');
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draftId}/number`).send({ number: 127, issuedOn: today() })).body.code).toBe('DECISION_DRAFT_ISSUED');

    const pdf = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${res.body.id}/pdf`));
    const text = flat(await pdfText(pdf.body as Buffer));
    expect(text).toContain('Số: 125/QĐ-UBND');
    expect(text).not.toContain('DỰ THẢO');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="Quyet dinh 125-QD-UBND.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20125-Q%C4%90-UBND.pdf`);

    const view = (await t.as(UNIT_HEAD).get(`/api/decisions/${res.body.id}`)).body;
    const cert = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${res.body.id}/certificates/${nurse.id}/pdf`));
    const serial = view.recipients.find((r: { candidateId: string }) => r.candidateId === nurse.id).serial;
    expect(names(cert.headers['content-disposition'] as string)).toEqual({ utf8: `Giấy chứng nhận ${serial} - Nguyễn Thị Hường.pdf`, ascii: `Giay chung nhan ${serial.replace('Đ', 'D')} - Nguyen Thi Huong.pdf` });

    // Every certificate of the decision in one PDF, one page each, to print in bulk.
    const bulk = await binary(t.as(AUDITOR).get(`/api/decisions/${res.body.id}/certificates.pdf`));
    expect(bulk.status).toBe(200);
    const pages = await pdfPages(bulk.body as Buffer);
    expect(pages).toHaveLength(2);
    expect(flat(pages.join('\n'))).toMatch(/Hợp tác xã Nông nghiệp Tân Yên[^]*Nguyễn Thị Hường|Nguyễn Thị Hường[^]*Hợp tác xã Nông nghiệp Tân Yên/);
    for (const page of pages) expect(page).toContain('125/QĐ-UBND');
    expect(names(bulk.headers['content-disposition'] as string).utf8).toBe('Giấy chứng nhận - Quyết định 125-QĐ-UBND.pdf');

    const events = (await t.admin.query<{ event_type: string }>(`SELECT event_type FROM audit_event WHERE stream = $1 ORDER BY seq`, [`decision-draft:${draftId}`])).map((r) => r.event_type);
    expect(events).toEqual(['DECISION_DRAFTED', 'DECISION_NUMBERED', 'DECISION_NUMBERED', 'DECISION_DRAFT_ISSUED']);
  });

  it('without a server-side signing certificate, signing on the server is refused with guidance in words, no variable name', async () => {
    const decisionId = (await t.as(CLERK).get(`/api/decision-drafts/${draftId}`)).body.decisionId as string;
    // As a production server without SIGNING_P12_FILE (the embedded database is a rehearsal, which signs with its demo key).
    const noKey = jest.spyOn(t.running.app.get(SigningKeys), 'credentials').mockResolvedValue(null);
    const res = await t.as(SECRETARY).post(`/api/decisions/${decisionId}/signatures`);
    noKey.mockRestore();
    expect(res).toMatchObject({ status: 409, body: { code: 'SIGNING_NOT_CONFIGURED' } });
    expect(res.body.message).toContain('Hãy đề nghị quản trị hệ thống cài đặt chứng thư số ký trên máy chủ');
    expect(res.body.message).toContain('ký bằng thiết bị ký số (USB token) của người ký rồi tải tệp đã ký lên');
    expect(`${res.body.message} ${res.body.messageEn}`).not.toMatch(/[A-Z][A-Z0-9]*_[A-Z0-9_]+/);
  });

  it('a register kept in this product reserves its next number; an administrator sets that, audited', async () => {
    const registers = (await t.as(AUDITOR).get('/api/document-registers')).body as { id: string; symbol: string; version: number; mode: string }[];
    const register = registers.find((r) => r.symbol === 'QĐ-UBND')!;
    expect((await t.as(CLERK).post(`/api/document-registers/${register.id}/mode`).send({ mode: 'COUNTER', expectedVersion: register.version })).status).toBe(403);
    expect((await t.as(ADMIN).post(`/api/document-registers/${register.id}/mode`).send({ mode: 'COUNTER', expectedVersion: register.version + 5 })).body.code).toBe('DOCUMENT_REGISTER_VERSION_CONFLICT');
    const changed = await t.as(ADMIN).post(`/api/document-registers/${register.id}/mode`).send({ mode: 'COUNTER', expectedVersion: register.version });
    expect(changed).toMatchObject({ status: 200, body: { mode: 'COUNTER', version: register.version + 1, modeLabel: { vi: expect.stringContaining('hệ thống') } } });

    const draft3 = (await draftDecision(t, { ...SIGNER, sessionId: s3 })).body;
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draft3.id}/number`).send({ number: 500, issuedOn: today() })).body.code).toBe('REGISTER_NUMBER_FROM_COUNTER');
    // Above every number used in the register: 125 (issued) and 126 (a draft).
    const numbered = await t.as(CLERK).post(`/api/decision-drafts/${draft3.id}/number`).send({ issuedOn: today() });
    expect(numbered).toMatchObject({ status: 200, body: { number: '127/QĐ-UBND', numberSource: 'COUNTER' } });
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draft3.id}/number`).send({ issuedOn: today() })).body.code).toBe('REGISTER_RENUMBER_REFUSED');
    expect((await t.as(CLERK).post(`/api/decision-drafts/${draft3.id}/issue`).send({})).body).toMatchObject({ number: '127/QĐ-UBND' });
    const events = (await t.admin.query<{ event_type: string }>(`SELECT event_type FROM audit_event WHERE stream = $1 ORDER BY seq`, [`document-register:${register.id}`])).map((r) => r.event_type);
    expect(events).toEqual(['DOCUMENT_REGISTER_OPENED', 'DOCUMENT_REGISTER_MODE_CHANGED']);
  });

  it('a correction draft abandoned after the counter numbered it gives its number back: the next draft numbered gets it', async () => {
    const decisionId = (await t.as(CLERK).get(`/api/decision-drafts/${draftId}`)).body.decisionId as string;
    const correct = () => t.as(SECRETARY).post(`/api/decisions/${decisionId}/corrections`).send({ ...SIGNER, reasons: 'Ghi sai tên', recipients: [{ candidateId: coop.id, name: 'HTX Nông nghiệp Tân Yên' }] });
    const wrong = (await correct()).body;
    // The counter's next: above 125, 126 (the second session's draft) and 127.
    expect((await t.as(CLERK).post(`/api/decision-drafts/${wrong.id}/number`).send({ issuedOn: today() })).body).toMatchObject({ number: '128/QĐ-UBND', numberSource: 'COUNTER' });
    expect((await t.as(SECRETARY).post(`/api/decision-drafts/${wrong.id}/abandon`).send({ reason: 'Lập nhầm' })).body).toMatchObject({ status: 'ABANDONED', number: '128/QĐ-UBND' });
    const again = await correct();
    expect(again.status).toBe(201);
    expect((await t.as(CLERK).post(`/api/decision-drafts/${again.body.id}/number`).send({ issuedOn: today() })).body).toMatchObject({ number: '128/QĐ-UBND', numberSource: 'COUNTER' });
    expect((await t.as(CLERK).post(`/api/decision-drafts/${again.body.id}/issue`).send({})).body).toMatchObject({ number: '128/QĐ-UBND', kind: 'CORRECTION' });
    const s2Draft = (await t.as(CLERK).get(`/api/decision-drafts?sessionId=${s2}`)).body[0];
    // A session's recognition draft is not abandoned: it is numbered and issued as it stands.
    expect(await t.as(SECRETARY).post(`/api/decision-drafts/${s2Draft.id}/abandon`).send({ reason: 'x' })).toMatchObject({ status: 409, body: { code: 'RECOGNITION_DRAFT_NOT_ABANDONED' } });
  });
});

describe('the minutes', () => {
  it('list every shortcoming the council’s decision recorded, the secretariat’s additions included', async () => {
    const [item] = await t.admin.query<{ candidateId: string }>(`SELECT candidate_id AS "candidateId" FROM review_item WHERE session_id = $1`, [returned]);
    const nurturing = (await t.as(SECRETARY).get(`/api/candidates/${item!.candidateId}/nurturing`)).body;
    expect(nurturing.shortcomingsToAddress).toContain(ADDED_SHORTCOMING);
    const res = await binary(t.as(SECRETARY).get(`/api/review-sessions/${returned}/minutes.pdf`));
    expect(res.status).toBe(200);
    const text = flat(await pdfText(res.body as Buffer));
    expect(text).toContain(ADDED_SHORTCOMING);
    expect(text).toContain('Chưa có số liệu đánh giá hiệu quả');
    expect(names(res.headers['content-disposition'] as string)).toEqual({ utf8: 'Biên bản họp Hội đồng - Tổng kết năm 2025.pdf', ascii: 'Bien ban hop Hoi dong - Tong ket nam 2025.pdf' });
  });
});
