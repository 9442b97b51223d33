/**
 * The dossier (issue 18): a candidate's achievement report pre-filled from its data, edited as versions (audited,
 * append-only), printed as PDF and DOCX; a session's submission memo, candidate list and public-notice list as PDF and
 * DOCX, with the legal bases and signatory blocks of the jurisdiction profile; Vietnamese file names.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type supertest from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil } from './support/council.js';
import { ADMIN, AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';

let t: TestApp;
let coop: { id: string };
let nurse: { id: string };
let sessionId: string;

const binary = (req: supertest.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

/** The text of a DOCX's main part (word/document.xml), read with unzip. */
function docxText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'docx-'));
  const file = join(dir, 'd.docx');
  writeFileSync(file, bytes);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
  return xml.replace(/<w:p[ >]/g, ' $&').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  t = await startTestApp();
  const unit = await newUnit(t, { name: 'UBND xã Tân Yên' });
  coop = await newCandidate(t, { unitId: unit.id, name: 'Hợp tác xã Nông nghiệp Tân Yên', state: 'underReview' });
  nurse = await newCandidate(t, { unitId: unit.id, kind: 'INDIVIDUAL', name: 'Nguyễn Thị Hường', field: 'HEALTH', state: 'underReview' });
  ({ sessionId } = await decideThroughCouncil(t, [coop.id, nurse.id], 'RECOGNISE'));
});
afterAll(async () => {
  await t?.close();
});

describe('the achievement report', () => {
  it('starts pre-filled from the candidate’s data (version 0, nothing stored)', async () => {
    const res = await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/achievement-report`);
    expect(res.status).toBe(200);
    const candidate = (await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}`)).body;
    expect(res.body).toMatchObject({ candidateName: 'Nguyễn Thị Hường', version: 0, versions: [], content: { achievements: candidate.achievement } });
    expect(res.body.content.profile).toContain('UBND xã Tân Yên');
  });

  it('is edited as versions: each audited, the older kept, a stale edit refused', async () => {
    const first = await t.as(UNIT_HEAD).post(`/api/candidates/${nurse.id}/achievement-report`).send({
      expectedVersion: 0,
      content: { profile: 'Điều dưỡng trạm y tế xã, 12 năm công tác.', achievements: 'Cứu chữa kịp thời 12 ca cấp cứu sản khoa.', methods: 'Tổ chức trực cấp cứu 24/24.', impact: 'Được 3 xã học tập.', earlierAwards: 'Chưa có.' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, versions: [{ version: 1 }] });
    // The second version by a secretary with a person's name (the fixture accounts are named by their logins).
    const created = await t.as(ADMIN).post('/api/accounts').send({ username: 'thu.lt', displayName: 'Lê Thị Thư', role: 'COUNCIL_SECRETARY', password: 'mat-khau-thu-nghiem-2025' });
    expect(created.status).toBe(201);
    const thu = await t.signIn('thu.lt', 'mat-khau-thu-nghiem-2025');
    const second = await thu.post(`/api/candidates/${nurse.id}/achievement-report`).send({ expectedVersion: 1, note: 'Bổ sung số liệu', content: { ...first.body.content, impact: 'Được 5 xã học tập, áp dụng.' } });
    expect(second).toMatchObject({ status: 201, body: { version: 2, content: { impact: 'Được 5 xã học tập, áp dụng.' } } });
    expect(second.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // Each version's writer is named by full name, role and unit (the screen's versions list shows it, never the login).
    const read = await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/achievement-report`);
    expect(read.body.people).toEqual({
      [UNIT_HEAD]: { name: { vi: UNIT_HEAD, en: UNIT_HEAD }, title: expect.objectContaining({ vi: expect.stringMatching(/^Thủ trưởng đơn vị/) }) },
      'thu.lt': { name: { vi: 'Lê Thị Thư', en: 'Lê Thị Thư' }, title: expect.objectContaining({ vi: expect.any(String) }) },
    });
    const stale = await t.as(UNIT_HEAD).post(`/api/candidates/${nurse.id}/achievement-report`).send({ expectedVersion: 1, content: first.body.content });
    expect(stale).toMatchObject({ status: 409, body: { code: 'STALE_VERSION' } });
    const bad = await t.as(UNIT_HEAD).post(`/api/candidates/${nurse.id}/achievement-report`).send({ expectedVersion: 2, content: { profile: 'x' } });
    expect(bad.status).toBe(400);
    const records = (await t.admin.query(`SELECT seq, event_type, payload FROM audit_event WHERE stream = $1 ORDER BY seq`, [`achievement-report:${nurse.id}`])) as { seq: number; event_type: string; payload: { version: number } }[];
    expect(records.map((r) => [r.seq, r.event_type, r.payload.version])).toEqual([
      [1, 'ACHIEVEMENT_REPORT_VERSION', 1],
      [2, 'ACHIEVEMENT_REPORT_VERSION', 2],
    ]);
    await expect(t.admin.query(`UPDATE achievement_report_version SET note = 'x' WHERE candidate_id = $1`, [nurse.id])).rejects.toThrow(/append-only/);
  });

  it('prints as PDF and DOCX with the edited text, under a Vietnamese file name', async () => {
    const pdf = await binary(t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/achievement-report/pdf`));
    expect(pdf.status).toBe(200);
    // To look at it: SAVE_PDF_DIR=/some/folder.
    if (process.env.SAVE_PDF_DIR) writeFileSync(join(process.env.SAVE_PDF_DIR, 'achievement-report.pdf'), pdf.body as Buffer);
    expect(pdf.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo thành tích - Nguyễn Thị Hường.pdf')}`);
    expect(pdf.headers['content-disposition']).toContain('filename="Bao cao thanh tich - Nguyen Thi Huong.pdf"');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['BÁO CÁO THÀNH TÍCH', 'Nguyễn Thị Hường', 'II. THÀNH TÍCH ĐẠT ĐƯỢC', 'Được 5 xã học tập, áp dụng.', 'XÁC NHẬN CỦA THỦ TRƯỞNG', 'Bản số 2']) expect(text).toContain(s);
    const docx = await binary(t.as(SECRETARY).get(`/api/candidates/${nurse.id}/achievement-report/docx`));
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const words = docxText(docx.body as Buffer);
    for (const s of ['BÁO CÁO THÀNH TÍCH', 'Nguyễn Thị Hường', 'Được 5 xã học tập, áp dụng.', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']) expect(words).toContain(s);
    // The last version's writer by full name, not by login.
    expect(words).toContain('bởi Lê Thị Thư.');
    expect(words).not.toContain('bởi thu.lt.');
    expect((await t.as(UNIT_HEAD).get(`/api/candidates/${nurse.id}/achievement-report/odt`)).status).toBe(400);
  });
});

describe('the session’s documents', () => {
  it('the submission memo cites the profile’s legal bases, lists those recommended and is signed as the profile says', async () => {
    const text = (await pdfText((await binary(t.as(SECRETARY).get(`/api/review-sessions/${sessionId}/dossier/to-trinh/pdf`))).body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['TỜ TRÌNH', 'HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', 'Kính gửi', 'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15', 'Hợp tác xã Nông nghiệp Tân Yên', 'Nguyễn Thị Hường', 'Nơi nhận']) expect(text).toContain(s);
    if (process.env.SAVE_PDF_DIR) writeFileSync(join(process.env.SAVE_PDF_DIR, 'to-trinh.pdf'), (await binary(t.as(SECRETARY).get(`/api/review-sessions/${sessionId}/dossier/to-trinh/pdf`))).body as Buffer);
    const docx = await binary(t.as(SECRETARY).get(`/api/review-sessions/${sessionId}/dossier/to-trinh/docx`));
    expect(docx.status).toBe(200);
    expect(docxText(docx.body as Buffer)).toContain('TỜ TRÌNH');
  });

  it('the candidate list and the public-notice list', async () => {
    const list = (await pdfText((await binary(t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/dossier/danh-sach/pdf`))).body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['DANH SÁCH', '2 hồ sơ được xét', 'Đề nghị công nhận', 'UBND xã Tân Yên']) expect(list).toContain(s);
    const notice = (await pdfText((await binary(t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/dossier/danh-sach-cong-khai/pdf`))).body as Buffer)).replace(/\s+/g, ' ');
    for (const s of ['Công khai lấy ý kiến', 'Thời gian công khai: từ ngày', 'Cổng thông tin điện tử tỉnh', 'Nguyễn Thị Hường']) expect(notice).toContain(s);
    const docx = docxText((await binary(t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/dossier/danh-sach-cong-khai/docx`))).body as Buffer);
    expect(docx).toContain('Hợp tác xã Nông nghiệp Tân Yên');
    expect((await t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/dossier/bien-ban/pdf`)).status).toBe(400);
    expect((await t.as(UNIT_HEAD).get(`/api/review-sessions/${sessionId}/dossier/danh-sach/pdf`)).status).toBe(403);
  });
});
