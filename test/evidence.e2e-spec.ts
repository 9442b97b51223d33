/**
 * Evidence files through the API: upload with its hash and audit record, download of the very same bytes,
 * clean file names, and every refusal leaving no partial write behind.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import { AUDITOR, UNIT_HEAD, newCandidate, pdfBytes, uploadEvidence } from './support/factories.js';
import { FILE_NAME_MAX_BYTES, FILE_NAME_MAX_CHARS } from '../apps/api/src/evidence/evidence-policy.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]);
const TEXT = Buffer.from('Đây là một tệp văn bản, không phải PDF.\n', 'utf8');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>', 'utf8');

/** A PDF of exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x41), tail]);
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer | string;
}

/**
 * A multipart/form-data body written by hand, so the file name reaches the server exactly as given
 * (form-data strips folders from `filename` on the client side) and non-ASCII names travel as raw UTF-8, as browsers send them.
 */
function multipart(parts: Part[]): { body: Buffer; type: string } {
  const boundary = `----dth-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    head += '\r\n';
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

function postMultipart(app: TestApp, candidateId: string, parts: Part[], actor: string | null = UNIT_HEAD) {
  const { body, type } = multipart(parts);
  const req = actor === null ? app.http.post(`/api/candidates/${candidateId}/evidence`) : app.as(actor).post(`/api/candidates/${candidateId}/evidence`);
  return req.set('Content-Type', type).send(body);
}

const file = (filename: string, contentType: string, data: Buffer): Part => ({ name: 'file', filename, contentType, data });

/** Collects the response body as bytes, whatever its content type. */
function binary(res: unknown, cb: (err: Error | null, body: unknown) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

function download(app: TestApp, candidateId: string, evidenceId: string) {
  return app.as(AUDITOR).get(`/api/candidates/${candidateId}/evidence/${evidenceId}`).buffer(true).parse(binary);
}

/** Rows that an upload writes: all evidence files, all audit records, and this candidate's audit records and version. */
async function footprint(app: TestApp, candidateId: string) {
  const one = async (sql: string, params: unknown[] = []) => ((await app.dataSource.query(sql, params)) as { n: number }[])[0]!.n;
  return {
    evidenceFiles: await one('SELECT count(*)::int AS n FROM evidence_file'),
    auditRecords: await one('SELECT count(*)::int AS n FROM audit_event'),
    candidateAudit: await one('SELECT count(*)::int AS n FROM audit_event WHERE candidate_id = $1', [candidateId]),
    candidateVersion: (await one('SELECT coalesce(max(version), 0)::int AS n FROM candidate WHERE id = $1', [candidateId])) as number,
  };
}

describe('a successful upload', () => {
  it('stores a Vietnamese-named PDF with its SHA-256, lists it, serves the same bytes back and records it in the history', async () => {
    const c = await newCandidate(t);
    expect(c.version).toBe(1);
    const name = 'Báo cáo thành tích 2025.pdf';
    const bytes = pdfBytes('Bao cao thanh tich nam 2025');
    const hash = sha256(bytes);

    const res = await uploadEvidence(t, c.id, name, bytes);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ candidateId: c.id, event: 'ATTACH_EVIDENCE', previousState: 'discovered', state: 'discovered', version: 2 });
    expect(res.body.evidence).toMatchObject({ candidateId: c.id, fileName: name, contentType: 'application/pdf', sizeBytes: bytes.length, sha256: hash, uploadedBy: UNIT_HEAD });
    const evidenceId = res.body.evidence.id as string;

    const view = await t.as(AUDITOR).get(`/api/candidates/${c.id}`);
    expect(view.body).toMatchObject({ version: 2, counts: { evidenceFiles: 1 } });

    const list = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([res.body.evidence]);
    expect(list.body[0].fileName).toBe('Báo cáo thành tích 2025.pdf');

    const got = await download(t, c.id, evidenceId);
    expect(got.status).toBe(200);
    expect(Buffer.isBuffer(got.body)).toBe(true);
    expect((got.body as Buffer).equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(hash, 'hex').toString('base64')}:`);
    const disposition = got.headers['content-disposition'] as string;
    expect(disposition).toContain('attachment;');
    expect(disposition).toContain(`filename="Bao cao thanh tich 2025.pdf"`);
    expect(disposition).toContain(`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A0nh%20t%C3%ADch%202025.pdf`);

    const stored = (await t.dataSource.query('SELECT content, sha256, file_name FROM evidence_file WHERE id = $1', [evidenceId])) as { content: Buffer; sha256: string; file_name: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.content.equals(bytes)).toBe(true);
    expect(stored[0]!.sha256).toBe(hash);
    expect(stored[0]!.file_name).toBe(name);

    const history = await t.as(AUDITOR).get(`/api/candidates/${c.id}/history`);
    expect(history.body.records.map((r: { eventType: string }) => r.eventType)).toEqual(['DISCOVER', 'ATTACH_EVIDENCE']);
    const attach = history.body.records[1];
    expect(attach).toMatchObject({ seq: 2, fromState: 'discovered', toState: 'discovered', actor: UNIT_HEAD });
    expect(attach.payload).toMatchObject({ evidenceId, fileName: name, contentType: 'application/pdf', sizeBytes: bytes.length, sha256: hash });
  });

  it('a name sent as raw UTF-8 (as browsers do) is kept intact', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [file('Quyết định khen thưởng – Đợt 1.pdf', 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(201);
    expect(res.body.evidence.fileName).toBe('Quyết định khen thưởng – Đợt 1.pdf');
  });

  it('accepts the form field expectedVersion when it is current', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [{ name: 'expectedVersion', data: '1' }, file('minh-chung.pdf', 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(2);
  });

  it('accepts an image whose extension is in upper case', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [file('Ảnh hiện trường.PNG', 'image/png', PNG)]);
    expect(res.status).toBe(201);
    expect(res.body.evidence).toMatchObject({ fileName: 'Ảnh hiện trường.PNG', contentType: 'image/png', sha256: sha256(PNG) });
  });
});

describe('reading a file inside the page (inline=true)', () => {
  it('a PDF and a picture are served inline, under a policy that lets only this origin frame them; anything else stays a download', async () => {
    const c = await newCandidate(t);
    const pdf = (await uploadEvidence(t, c.id, 'Báo cáo thành tích.pdf', pdfBytes('xem trong trang'))).body.evidence.id as string;
    const png = (await postMultipart(t, c.id, [file('Ảnh mô hình.png', 'image/png', PNG)])).body.evidence.id as string;
    for (const [id, type] of [[pdf, 'application/pdf'], [png, 'image/png']] as const) {
      const got = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/${id}?inline=true`).buffer(true).parse(binary);
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe(type);
      expect(got.headers['content-disposition']).toMatch(/^inline; filename="/);
      expect(got.headers['content-security-policy']).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
      expect(got.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      // Not asked for: a download, as before.
      expect((await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/${id}?inline=false`).buffer(true).parse(binary)).headers['content-disposition']).toMatch(/^attachment;/);
    }
    const word = await postMultipart(t, c.id, [file('Báo cáo.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', Buffer.from('504b0304140000000800', 'hex'))]);
    expect(word.status).toBe(201);
    const asked = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/${word.body.evidence.id}?inline=true`).buffer(true).parse(binary);
    expect(asked.headers['content-disposition']).toMatch(/^attachment;/);
    expect(asked.headers['content-security-policy']).not.toContain("object-src 'self'");
    const bad = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/${pdf}?inline=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toMatchObject([{ field: 'inline' }]);
  });
});

describe('file names', () => {
  it.each([
    ['a path that climbs out of its folder', '../../etc/passwd.pdf', 'passwd.pdf'],
    ['an absolute path', '/var/lib/postgresql/data/bao-cao.pdf', 'bao-cao.pdf'],
    ['a decomposed (NFD) Vietnamese name', 'Bằng khen tập thể.pdf'.normalize('NFD'), 'Bằng khen tập thể.pdf'.normalize('NFC')],
    ['a hidden-file name', '...an.pdf', 'an.pdf'],
    ['a right-to-left override (U+202E)', 'Báo cáo\u202Efdp.pdf', 'Báo cáofdp.pdf'],
    ['bidirectional isolates and marks (U+2066–U+2069, U+200E/F)', '\u2067Tên\u2069 \u200Eẩn\u200F\u2066.pdf', 'Tên ẩn.pdf'],
    ['C1 control characters (C0 ones are refused by the multipart parser already)', 'Bằng\u0085 khen\u009b.pdf', 'Bằng khen.pdf'],
  ])('%s is cleaned', async (_label, sent, storedAs) => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [file(sent, 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(201);
    expect(res.body.evidence.fileName).toBe(storedAs);
    const [row] = (await t.dataSource.query('SELECT file_name FROM evidence_file WHERE id = $1', [res.body.evidence.id])) as { file_name: string }[];
    expect(row!.file_name).toBe(storedAs);
  });

  it('a name of 300 characters with a right-to-left override is stored without it, short, with its extension, and downloads under its Vietnamese name', async () => {
    const c = await newCandidate(t);
    const sent = `Báo cáo thành tích\u202E ${'Điển hình tiên tiến '.repeat(15)}`.slice(0, 296) + '.pdf';
    expect(sent.length).toBe(300);
    const res = await postMultipart(t, c.id, [file(sent, 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(201);
    const stored = res.body.evidence.fileName as string;
    expect(stored).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u0000-\u001f\u007f-\u009f]/);
    expect([...stored].length).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
    expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(stored.startsWith('Báo cáo thành tích Điển hình tiên tiến')).toBe(true);
    expect(stored.endsWith('.pdf')).toBe(true);
    expect(stored.normalize('NFC')).toBe(stored);
    const [row] = (await t.dataSource.query('SELECT file_name FROM evidence_file WHERE id = $1', [res.body.evidence.id])) as { file_name: string }[];
    expect(row!.file_name).toBe(stored);

    const got = await download(t, c.id, res.body.evidence.id);
    expect(got.status).toBe(200);
    const disposition = got.headers['content-disposition'] as string;
    // The ASCII fallback for old clients; the RFC 5987/8187 filename* keeps the Vietnamese letters.
    expect(disposition).toMatch(/^attachment; filename="Bao cao thanh tich Dien hinh tien tien /);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]*)/.exec(disposition)![1]!)).toBe(stored);
  });

  it('a name of nothing but unwanted characters and ".pdf" is left without an extension, so it is refused (415), not stored nameless', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [file('\u202E\u2066.pdf', 'application/pdf', pdfBytes())]);
    // ".pdf" alone is a hidden-file name: the leading dot goes, and with it the extension, so the type check refuses it.
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
  });

  it('a name with parentheses and apostrophes round-trips through the download header', async () => {
    const c = await newCandidate(t);
    const name = "Quyết định (bản sao) 'Lao động giỏi'.pdf";
    const res = await postMultipart(t, c.id, [file(name, 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(201);
    expect(res.body.evidence.fileName).toBe(name);
    const got = await download(t, c.id, res.body.evidence.id);
    expect(got.status).toBe(200);
    const disposition = got.headers['content-disposition'] as string;
    expect(disposition).toContain(`filename="Quyet dinh (ban sao) 'Lao dong gioi'.pdf"`);
    const extValue = /filename\*=UTF-8''([^;]*)/.exec(disposition)?.[1];
    expect(extValue).toBeDefined();
    // RFC 8187 attr-char excludes ' ( ) * as well as spaces, quotes and non-ASCII.
    expect(extValue).not.toMatch(/[\s"';()*\u0080-\uffff]/);
    expect(decodeURIComponent(extValue!)).toBe(name);
  });
});

describe('refused uploads leave nothing behind', () => {
  type Case = [label: string, parts: Part[], status: number, code: string];
  const rows: Case[] = [
    ['a declared type outside the allow-list (text/html)', [file('trang.html', 'text/html', HTML)], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['text/html disguised with a .pdf name', [file('trang.pdf', 'text/html', HTML)], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['declared application/pdf but the bytes are a PNG', [file('anh.pdf', 'application/pdf', PNG)], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['declared application/pdf but the bytes are plain text', [file('ghi-chu.pdf', 'application/pdf', TEXT)], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['declared application/pdf with an .exe extension', [file('a.exe', 'application/pdf', pdfBytes())], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['declared application/pdf without an extension', [file('baocao', 'application/pdf', pdfBytes())], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['declared image/png but the bytes are a PDF', [file('anh.png', 'image/png', pdfBytes())], 415, 'EVIDENCE_TYPE_NOT_ALLOWED'],
    ['no file, only a form field', [{ name: 'expectedVersion', data: '1' }], 400, 'EVIDENCE_FILE_MISSING'],
    ['an empty file', [file('rong.pdf', 'application/pdf', Buffer.alloc(0))], 400, 'EVIDENCE_FILE_MISSING'],
    ['a stale expectedVersion form field', [{ name: 'expectedVersion', data: '5' }, file('minh-chung.pdf', 'application/pdf', pdfBytes())], 409, 'STALE_VERSION'],
    ['a non-numeric expectedVersion form field', [{ name: 'expectedVersion', data: 'abc' }, file('minh-chung.pdf', 'application/pdf', pdfBytes())], 400, 'VALIDATION_FAILED'],
  ];

  const cases = rows.map(([label, parts, status, code]) => ({ label, parts, status, code }));
  it.each(cases)('$label → $status $code', async ({ parts, status, code }) => {
    const c = await newCandidate(t);
    const before = await footprint(t, c.id);
    const res = await postMultipart(t, c.id, parts);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body).toMatchObject({ statusCode: status });
    expect(typeof res.body.message).toBe('string');
    expect(typeof res.body.correlationId).toBe('string');
    expect(await footprint(t, c.id)).toEqual(before);
    expect(before.candidateVersion).toBe(1);
  });

  it('type refusals name the field and the declared type', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [file('trang.html', 'text/html', HTML)]);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'EVIDENCE_TYPE_NOT_ALLOWED', field: 'file', contentType: 'text/html' });
    expect(res.body.allowed).toContain('application/pdf');
  });

  it('a stale expectedVersion reports the current version', async () => {
    const c = await newCandidate(t);
    const res = await postMultipart(t, c.id, [{ name: 'expectedVersion', data: '5' }, file('minh-chung.pdf', 'application/pdf', pdfBytes())]);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STALE_VERSION', expectedVersion: 5, currentVersion: 1 });
  });

  it('a request that is not multipart at all → 400 EVIDENCE_FILE_MISSING', async () => {
    const c = await newCandidate(t);
    const before = await footprint(t, c.id);
    const res = await t.as(UNIT_HEAD).post(`/api/candidates/${c.id}/evidence`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'EVIDENCE_FILE_MISSING', field: 'file' });
    expect(await footprint(t, c.id)).toEqual(before);
  });

  it('an unknown candidate → 404 CANDIDATE_NOT_FOUND', async () => {
    const id = randomUUID();
    const before = await footprint(t, id);
    const res = await uploadEvidence(t, id);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'CANDIDATE_NOT_FOUND', candidateId: id });
    expect(await footprint(t, id)).toEqual(before);
  });

  it('a candidate in a final state (withdrawn) → 409 EVENT_NOT_ALLOWED and no evidence row', async () => {
    const c = await newCandidate(t, { state: 'withdrawn' });
    const before = await footprint(t, c.id);
    const res = await uploadEvidence(t, c.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'EVENT_NOT_ALLOWED', state: 'withdrawn', event: 'ATTACH_EVIDENCE', allowedEvents: [] });
    expect(await footprint(t, c.id)).toEqual(before);
    const [row] = (await t.dataSource.query('SELECT count(*)::int AS n FROM evidence_file WHERE candidate_id = $1', [c.id])) as { n: number }[];
    expect(row!.n).toBe(0);
  });

  it('no session → 401 SESSION_REQUIRED', async () => {
    const c = await newCandidate(t);
    const before = await footprint(t, c.id);
    const res = await postMultipart(t, c.id, [file('minh-chung.pdf', 'application/pdf', pdfBytes())], null);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_REQUIRED');
    expect(await footprint(t, c.id)).toEqual(before);
  });
});

describe('downloads', () => {
  it('an evidence id that belongs to another candidate → 404 EVIDENCE_NOT_FOUND', async () => {
    const owner = await newCandidate(t);
    const other = await newCandidate(t);
    const up = await uploadEvidence(t, owner.id);
    expect(up.status).toBe(201);
    const evidenceId = up.body.evidence.id as string;
    expect((await download(t, owner.id, evidenceId)).status).toBe(200);

    const res = await t.as(AUDITOR).get(`/api/candidates/${other.id}/evidence/${evidenceId}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'EVIDENCE_NOT_FOUND', candidateId: other.id, evidenceId });
    expect((await t.as(AUDITOR).get(`/api/candidates/${other.id}/evidence`)).body).toEqual([]);
  });

  it('an unknown evidence id → 404 EVIDENCE_NOT_FOUND; a malformed one → 400 naming evidenceId', async () => {
    const c = await newCandidate(t);
    const unknown = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EVIDENCE_NOT_FOUND');
    const bad = await t.as(AUDITOR).get(`/api/candidates/${c.id}/evidence/abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'evidenceId' })]);
  });

  it('listing the evidence of an unknown candidate → 404 CANDIDATE_NOT_FOUND', async () => {
    const res = await t.as(AUDITOR).get(`/api/candidates/${randomUUID()}/evidence`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CANDIDATE_NOT_FOUND');
  });
});

describe('the size limit (EVIDENCE_MAX_BYTES=2048)', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ EVIDENCE_MAX_BYTES: '2048' });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('a file of exactly the limit is accepted', async () => {
    const c = await newCandidate(small);
    const bytes = pdfOfSize(2048);
    const res = await uploadEvidence(small, c.id, 'vua-du.pdf', bytes);
    expect(res.status).toBe(201);
    expect(res.body.evidence).toMatchObject({ sizeBytes: 2048, sha256: sha256(bytes) });
  });

  it('one byte over → 413, and no evidence row and no audit record are written', async () => {
    const c = await newCandidate(small);
    const before = await footprint(small, c.id);
    const res = await uploadEvidence(small, c.id, 'qua-lon.pdf', pdfOfSize(2049));
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
    expect(res.body).toMatchObject({ code: 'EVIDENCE_TOO_LARGE', field: 'file' });
    expect(await footprint(small, c.id)).toEqual(before);
  });

  it('a file far over the limit → 413 as well', async () => {
    const c = await newCandidate(small);
    const before = await footprint(small, c.id);
    const res = await uploadEvidence(small, c.id, 'rat-lon.pdf', pdfOfSize(64 * 1024));
    expect(res.status).toBe(413);
    expect(await footprint(small, c.id)).toEqual(before);
  });
});
