/**
 * Digital signatures of issued decisions and certificates (PAdES): signed on the server with the configured
 * PKCS#12 certificate, or signed elsewhere and uploaded (checked: the same document, a valid signature, a certificate
 * in force chaining to a configured root); checked by an independent verifier (poppler's pdfsig); verified by anyone
 * from the file or the number, with the document's standing after a revocation.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type supertest from 'supertest';
import { Clock } from '../apps/api/src/common/clock.js';
import { credentialsFromPem, issuePki, pkcs12Of, type IssuedPki } from '../apps/api/src/signatures/credentials.js';
import { signPdf } from '../apps/api/src/signatures/pades.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { pdfsig } from './support/pdfsig.js';
import { issueDecision, revokeDecision } from './support/decisions.js';

const YEAR = 365 * 86_400_000;
const SIGNER = { authorityCode: 'UBND_TINH', signerTitle: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signerName: 'Nguyễn Văn Mạnh' };
let t: TestApp;
let dir: string;
let office: IssuedPki;
let token: IssuedPki;
let stranger: IssuedPki;
let expired: IssuedPki;
let decisionId: string;
let coop: { id: string };
let nurse: { id: string };
let nurseSerial: string;
let signedCertificate: Buffer;

const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

const signWith = async (pki: IssuedPki, pdf: Buffer) =>
  (await signPdf(pdf, await credentialsFromPem(pki.pem.signerKey, pki.pem.chain), { reason: 'Ky bang thiet bi', location: 'Bac Ninh', name: 'Nguyen Van Manh', signingTime: new Date() })).pdf;

beforeAll(async () => {
  const now = Date.now();
  const valid = { notBefore: new Date(now - YEAR), notAfter: new Date(now + 5 * YEAR) };
  [office, token, stranger, expired] = await Promise.all([
    issuePki({ rootName: 'CN=Văn phòng thử nghiệm Root', signerName: 'CN=UBND tỉnh Bắc Ninh (máy chủ)', ...valid }),
    issuePki({ rootName: 'CN=Tổ chức chứng thực Chính phủ (thử)', signerName: 'CN=Nguyễn Văn Mạnh, O=UBND tỉnh Bắc Ninh', ...valid }),
    issuePki({ rootName: 'CN=Kẻ lạ', signerName: 'CN=Nguyễn Văn Giả', ...valid }),
    issuePki({ rootName: 'CN=Gốc có chứng thư hết hạn', signerName: 'CN=Người ký hết hạn', notBefore: new Date(now - 3 * YEAR), notAfter: new Date(now + YEAR), signerNotAfter: new Date(now - 86_400_000) }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'dth-signing-'));
  writeFileSync(join(dir, 'office.p12'), pkcs12Of(office, 'mật khẩu ký số'));
  writeFileSync(join(dir, 'roots.pem'), office.pem.root + token.pem.root + expired.pem.root);
  t = await startTestApp({ SIGNING_P12_FILE: join(dir, 'office.p12'), SIGNING_P12_PASSPHRASE: 'mật khẩu ký số', SIGNING_TRUSTED_ROOTS: join(dir, 'roots.pem') });
  const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
  coop = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
  nurse = await newCandidate(t, { unitId: unit.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
  const { sessionId } = await decideThroughCouncil(t, [coop.id, nurse.id], 'RECOGNISE');
  const clock = t.running.app.get(Clock);
  const real = clock.now.bind(clock);
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(real().getTime() + 31 * 86_400_000));
  decisionId = (await issueDecision(t, { ...SIGNER, sessionId })).body.id;
  nurseSerial = (await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body.recipients.find((r: { candidateId: string }) => r.candidateId === nurse.id).serial;
}, 240_000);
afterAll(async () => {
  jest.restoreAllMocks();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a certificate signed with the signer’s own token and uploaded', () => {
  const copyUrl = () => `/api/decisions/${decisionId}/certificates/${nurse.id}/issued-copy`;
  const uploadUrl = () => `/api/decisions/${decisionId}/certificates/${nurse.id}/signed-copy`;
  const upload = (pdf: Buffer) => t.as(SECRETARY).post(uploadUrl()).attach('file', pdf, { filename: 'da-ky.pdf', contentType: 'application/pdf' });

  it('the issued copy is frozen: the same bytes every time, with the verification QR code’s address', async () => {
    const a = await binary(t.as(SECRETARY).get(copyUrl()));
    const b = await binary(t.as(SECRETARY).get(copyUrl()));
    expect(a.status).toBe(200);
    expect((a.body as Buffer).equals(b.body as Buffer)).toBe(true);
    expect((await binary(t.as(UNIT_HEAD).get(copyUrl()))).status).toBe(403);
  });

  it('refuses another document, an untrusted chain, an expired certificate and changed bytes, each with its code', async () => {
    const issued = (await binary(t.as(SECRETARY).get(copyUrl()))).body as Buffer;
    const coopCopy = (await binary(t.as(SECRETARY).get(`/api/decisions/${decisionId}/certificates/${coop.id}/issued-copy`))).body as Buffer;
    const wrong = await upload(await signWith(token, coopCopy));
    expect(wrong).toMatchObject({ status: 422, body: { code: 'SIGNED_FILE_WRONG_DOCUMENT', field: 'file' } });
    expect(wrong.body.message).toMatch(/không phải là văn bản đã ban hành/);
    expect(await upload(await signWith(stranger, issued))).toMatchObject({ status: 422, body: { code: 'SIGNED_FILE_UNTRUSTED', field: 'file' } });
    expect(await upload(await signWith(expired, issued))).toMatchObject({ status: 422, body: { code: 'SIGNED_FILE_CERTIFICATE_EXPIRED', field: 'file' } });
    const tampered = Buffer.from(await signWith(token, issued));
    const at = tampered.indexOf('/Title');
    tampered[at + 10] = tampered[at + 10]! ^ 0x01;
    expect(await upload(tampered)).toMatchObject({ status: 422, body: { code: 'SIGNED_FILE_TAMPERED', field: 'file' } });
    expect(await upload(issued)).toMatchObject({ status: 422, body: { code: 'SIGNED_FILE_UNSIGNED' } });
    expect(await upload(Buffer.from('not a pdf'))).toMatchObject({ status: 415, body: { code: 'SIGNED_FILE_NOT_PDF' } });
    expect(await t.as(SECRETARY).post(uploadUrl())).toMatchObject({ status: 400, body: { code: 'SIGNED_FILE_REQUIRED' } });
    expect((await t.admin.query(`SELECT count(*)::int AS n FROM document_signature`))[0].n).toBe(0);
  });

  it('takes the issued copy signed by a certificate of a trusted root, and hands out the signed file from then on', async () => {
    const issued = (await binary(t.as(SECRETARY).get(copyUrl()))).body as Buffer;
    const signed = await signWith(token, issued);
    const res = await upload(signed);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'CERTIFICATE', reference: nurseSerial, signature: { method: 'UPLOAD', level: 'B-B', signerName: 'Nguyễn Văn Mạnh' } });
    expect(await upload(signed)).toMatchObject({ status: 409, body: { code: 'DOCUMENT_ALREADY_SIGNED' } });
    const download = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/certificates/${nurse.id}/pdf`));
    expect((download.body as Buffer).equals(signed)).toBe(true);
    const out = pdfsig(download.body as Buffer, token.pem.root);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
    signedCertificate = download.body as Buffer;
    const [record] = (await t.admin.query(`SELECT payload FROM audit_event WHERE event_type = 'DOCUMENT_SIGNED'`)) as { payload: Record<string, unknown> }[];
    expect(record!.payload).toMatchObject({ method: 'UPLOAD', reference: nurseSerial, signedSha256: res.body.signature.sha256 });
  });
});

describe('signing on the server with the configured certificate', () => {
  it('signs the decision and every certificate not signed yet (PAdES B-B), which pdfsig validates', async () => {
    expect((await t.as(UNIT_HEAD).post(`/api/decisions/${decisionId}/signatures`)).status).toBe(403);
    const res = await t.as(SECRETARY).post(`/api/decisions/${decisionId}/signatures`);
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(3);
    expect(res.body.map((d: { kind: string; signature: { method: string } }) => `${d.kind}:${d.signature.method}`).sort()).toEqual(['CERTIFICATE:SERVER', 'CERTIFICATE:UPLOAD', 'DECISION:SERVER']);
    expect(await t.as(SECRETARY).post(`/api/decisions/${decisionId}/signatures`)).toMatchObject({ status: 409, body: { code: 'DOCUMENT_ALREADY_SIGNED' } });
    const decision = await binary(t.as(AUDITOR).get(`/api/decisions/${decisionId}/pdf`));
    const out = pdfsig(decision.body as Buffer, office.pem.root);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    const coopPdf = await binary(t.as(AUDITOR).get(`/api/decisions/${decisionId}/certificates/${coop.id}/pdf`));
    expect(pdfsig(coopPdf.body as Buffer, office.pem.root)).toContain('Signature Validation: Signature is Valid.');
    const listed = await t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/signatures`);
    expect(listed.status).toBe(200);
    expect(listed.body[0]).toMatchObject({ kind: 'DECISION', signature: { method: 'SERVER', signerName: 'UBND tỉnh Bắc Ninh (máy chủ)' } });
  });
});

describe('verification by anyone, without signing in', () => {
  it('says which document a signed file is, that its signature is valid and its content the issued one', async () => {
    const res = await t.http.post('/api/verifications').attach('file', signedCertificate, { filename: 'gcn.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verdict: 'VALID',
      contentUnchanged: true,
      document: { kind: 'CERTIFICATE', serial: nurseSerial, recipientName: 'Nguyễn Thị Hường', decisionNumber: expect.stringMatching(/\/QĐ-UBND$/), signerName: 'Nguyễn Văn Mạnh' },
      signature: { valid: true, signerName: 'Nguyễn Văn Mạnh', problems: [] },
      standing: { status: 'IN_FORCE', by: [] },
    });
    const byNumber = await t.http.get(`/api/verifications?reference=${encodeURIComponent(nurseSerial.replace('Đ', 'D').toLowerCase())}`);
    expect(byNumber.body).toMatchObject({ verdict: 'VALID', contentUnchanged: null, document: { serial: nurseSerial } });
  });

  it('finds a changed file not valid, an unknown number not found, and asks for a file or a number', async () => {
    const changed = Buffer.from(signedCertificate);
    const at = changed.indexOf('/Title');
    changed[at + 10] = changed[at + 10]! ^ 0x01;
    const res = await t.http.post('/api/verifications').attach('file', changed, { filename: 'gcn.pdf', contentType: 'application/pdf' });
    expect(res.body).toMatchObject({ verdict: 'NOT_VALID', signature: { valid: false, problems: ['DIGEST_MISMATCH'] } });
    expect((await t.http.get('/api/verifications?reference=999/QĐ-UBND')).body).toMatchObject({ verdict: 'NOT_FOUND', document: null });
    expect(await t.http.get('/api/verifications')).toMatchObject({ status: 400, body: { code: 'VERIFICATION_INPUT_REQUIRED', field: 'reference' } });
  });

  it('the public page answers in Vietnamese, for a typed number and for an uploaded file', async () => {
    const page = await t.http.get(`/cong-khai/xac-minh?so=${encodeURIComponent(nurseSerial)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Văn bản hợp lệ');
    expect(page.text).toContain('Nguyễn Thị Hường');
    const upload = await t.http.post('/cong-khai/xac-minh').attach('file', signedCertificate, { filename: 'gcn.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(200);
    expect(upload.text).toContain('data-verdict="VALID"');
    expect(upload.text).toContain('Đúng nội dung đã ban hành');
  });

  it('after a revocation, the same signed file verifies as revoked, naming the revocation', async () => {
    const revocation = await revokeDecision(t, decisionId, { ...SIGNER, grounds: ['FRAUDULENT_DECLARATION'], reasons: 'Thành tích không trung thực', candidateIds: [nurse.id] });
    expect(revocation.status).toBe(201);
    const res = await t.http.post('/api/verifications').attach('file', signedCertificate, { filename: 'gcn.pdf', contentType: 'application/pdf' });
    expect(res.body).toMatchObject({ verdict: 'REVOKED', contentUnchanged: true, signature: { valid: true }, standing: { status: 'REVOKED', by: [{ kind: 'REVOCATION', number: revocation.body.number }] } });
    // The coop's certificate is untouched by it.
    const coopRes = await t.http.get(`/api/verifications?reference=${encodeURIComponent((await t.as(AUDITOR).get(`/api/decisions/${decisionId}`)).body.recipients.find((r: { candidateId: string }) => r.candidateId === coop.id).serial)}`);
    expect(coopRes.body).toMatchObject({ verdict: 'VALID', standing: { status: 'IN_FORCE' } });
    expect((await binary(t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/certificates/${nurse.id}/pdf`))).status).toBe(409);
  });

  it('an uploaded stamped copy is recognised as that document’s copy and refused as valid, naming the revocation', async () => {
    const stamped = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/certificates/${nurse.id}/pdf?archived=true`));
    expect(stamped.status).toBe(200);
    const res = await t.http.post('/api/verifications').attach('file', stamped.body as Buffer, { filename: 'gcn-da-thu-hoi.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verdict: 'STAMPED_COPY',
      contentUnchanged: false,
      signature: null,
      document: { kind: 'CERTIFICATE', serial: nurseSerial, recipientName: 'Nguyễn Thị Hường' },
      standing: { status: 'REVOKED', by: [{ kind: 'REVOCATION' }] },
    });
    const number = res.body.standing.by[0].number as string;
    expect(res.body.message).toMatch(new RegExp(`^Văn bản KHÔNG hợp lệ: đây là bản đóng dấu “ĐÃ THU HỒI” của Giấy chứng nhận số ${nurseSerial} \\(Nguyễn Thị Hường\\), đã bị thu hồi theo Quyết định số ${number.replace('/', '\\/')} ngày \\d{2}/\\d{2}/\\d{4}\\.`));
    // The decision, revoked in part, downloaded again: its stamped copy is refused too.
    const decision = await binary(t.as(UNIT_HEAD).get(`/api/decisions/${decisionId}/pdf`));
    const byDecision = await t.http.post('/api/verifications').attach('file', decision.body as Buffer, { filename: 'qd.pdf', contentType: 'application/pdf' });
    expect(byDecision.body).toMatchObject({ verdict: 'STAMPED_COPY', document: { kind: 'DECISION', serial: null }, standing: { status: 'REVOKED' } });
    // The public page says it in Vietnamese, not "not found".
    const page = await t.http.post('/cong-khai/xac-minh').attach('file', stamped.body as Buffer, { filename: 'gcn-da-thu-hoi.pdf', contentType: 'application/pdf' });
    expect(page.text).toContain('data-verdict="STAMPED_COPY"');
    expect(page.text).toContain('đây là bản đóng dấu “ĐÃ THU HỒI” của Giấy chứng nhận số');
    expect(page.text).not.toContain('Không tìm thấy văn bản này');
    // A forged mark naming a document in force does not make a file valid.
    const forged = Buffer.from((stamped.body as Buffer).toString('latin1').replace(/dhtt-superseded-copy:[0-9a-f-]{36}:[0-9a-f-]{36}/, `dhtt-superseded-copy:${decisionId}:${coop.id}`), 'latin1');
    expect((await t.http.post('/api/verifications').attach('file', forged, { filename: 'gia.pdf', contentType: 'application/pdf' })).body).toMatchObject({ verdict: 'NOT_VALID', standing: { status: 'IN_FORCE' } });
  });
});
