/**
 * The public side without signing in (/cong-khai): the notice of the proposed exemplars during its period, a
 * comment from the public through moderation to a published answer, the refusals that keep abuse out (fields,
 * attachment type and size, proof of work, per-address limits), caching (ETag, 304), and the gallery of recognised
 * exemplars: search without diacritics, filters, revoked exemplars leaving it, shared-card tags and the Atom feed.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SaxesParser } from 'saxes';
import { solveChallenge } from '../apps/api/src/publicity/proof-of-work.js';
import { startTestApp, type TestApp } from './support/app.js';
import { decideThroughCouncil, later, revokeByDecision } from './support/council.js';
import { PublicPagesRepository } from '../apps/api/src/publicity/public-pages.repository.js';
import { AUDITOR, SECRETARY, UNIT_HEAD, newCandidate, newUnit, pdfBytes } from './support/factories.js';
import { issueDecision } from './support/decisions.js';

const BITS = 8;
let t: TestApp;
let onNotice: { id: string };
let noticeId: string;
let sessionId: string;
let itemId: string;

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_COMMENT_POW_BITS: String(BITS), PUBLIC_COMMENTS_PER_ADDRESS_PER_HOUR: '3', PUBLIC_ATTACHMENT_MAX_BYTES: String(64 * 1024) });
  const unit = await newUnit(t, { name: 'Trường THCS Tân Dĩnh' });
  onNotice = await newCandidate(t, { name: 'Nguyễn Thị Hoa', kind: 'INDIVIDUAL', unitId: unit.id, field: 'EDUCATION_SCIENCE', state: 'publicNotice' });
  const [row] = (await t.dataSource.query(
    `SELECT n.id AS "noticeId", i.session_id AS "sessionId", i.id AS "itemId" FROM review_item i JOIN public_notice n ON n.session_id = i.session_id WHERE i.candidate_id = $1`,
    [onNotice.id],
  )) as { noticeId: string; sessionId: string; itemId: string }[];
  ({ noticeId, sessionId, itemId } = row!);
});

afterAll(async () => {
  await t?.close();
});

const anonymous = () => t.http;

async function challenge(): Promise<string> {
  const res = await anonymous().get(`/cong-khai/thong-bao/${noticeId}/thu-thach`);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.body.bits).toBe(BITS);
  return res.body.challenge as string;
}

async function sendComment(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }, proof?: { challenge: string; nonce: string }) {
  const c = proof ?? (await challenge().then((ch) => ({ challenge: ch, nonce: solveChallenge(ch, BITS) })));
  let req = anonymous().post(`/cong-khai/thong-bao/${noticeId}/gop-y`);
  for (const [k, v] of Object.entries({ ...fields, ...c })) req = req.field(k, v);
  if (file) req = req.attach('attachment', file.bytes, { filename: file.name, contentType: file.type });
  return req;
}

const publicComments = async () => {
  const res = await t.as(SECRETARY).get(`/api/review-sessions/${sessionId}/notice/public-comments`);
  expect(res.status).toBe(200);
  return res.body as { id: string; authorName: string; contact: string; body: string; attachment: { fileName: string; sha256: string } | null; moderation: { decision: string; commentId: string | null } | null }[];
};

const storedCount = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM public_comment')) as { n: number }[])[0]!.n;

describe('the public notice', () => {
  it('lists, without signing in, the proposed exemplars in their notice period and nothing else', async () => {
    const recognised = await newCandidate(t, { name: 'Hợp tác xã Đã Xong', state: 'recognised' });
    const page = await anonymous().get('/cong-khai/thong-bao');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('Nguyễn Thị Hoa');
    expect(page.text).toContain('Trường THCS Tân Dĩnh');
    expect(page.text).toContain('Giáo dục, Khoa học công nghệ');
    expect(page.text).toMatch(/nhận ý kiến đến hết ngày <strong><time datetime="\d{4}-\d\d-\d\d">\d\d\/\d\d\/\d{4}<\/time><\/strong> \(\d+ ngày làm việc/);
    // A candidate whose notice is over (finalised) is not on it.
    expect(page.text).not.toContain('Hợp tác xã Đã Xong');
    expect(recognised.state).toBe('recognised');
    const notice = await anonymous().get(`/cong-khai/thong-bao/${noticeId}`);
    expect(notice.status).toBe(200);
    expect(notice.text).toContain(`/cong-khai/thong-bao/${noticeId}/gop-y?muc=${itemId}`);
    // After the period, the notice leaves the public pages.
    await later(t, 60, async () => {
      const after = await anonymous().get('/cong-khai/thong-bao');
      expect(after.status).toBe(200);
      expect(after.text).not.toContain('Nguyễn Thị Hoa');
      expect((await anonymous().get(`/cong-khai/thong-bao/${noticeId}`)).status).toBe(404);
    });
  });

  it('takes a comment into moderation; the secretariat accepts, answers and publishes, and the answer shows', async () => {
    const form = await anonymous().get(`/cong-khai/thong-bao/${noticeId}/gop-y?muc=${itemId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<noscript>');
    expect(form.text).toContain(`<option value="${itemId}" selected>`);
    const attachment = pdfBytes('phan anh');
    const sent = await sendComment(
      { itemId, name: 'Trần Văn Dân', contact: '0912 345 678', body: 'Đề nghị làm rõ số liệu thu nhập năm 2024 của mô hình.' },
      { bytes: attachment, name: 'Ảnh chụp văn bản.pdf', type: 'application/pdf' },
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/cong-khai/thong-bao/${noticeId}/da-gui`);
    expect((await anonymous().get(sent.headers.location!)).text).toContain('Đã nhận ý kiến của bạn');

    // Pending: not public, with the sender's contact for the secretariat only.
    let [pending] = await publicComments();
    expect(pending).toMatchObject({ authorName: 'Trần Văn Dân', contact: '0912 345 678', attachment: { fileName: 'Ảnh chụp văn bản.pdf' }, moderation: null });
    // The secretariat was told in the comment's transaction, with a link to the session.
    const told = await t.as(SECRETARY).get('/api/notifications');
    expect(told.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'PUBLIC_COMMENT_RECEIVED', link: `/hoi-dong/${sessionId}` })]));
    const file = await t.as(SECRETARY).get(`/api/review-sessions/${sessionId}/notice/public-comments/${pending!.id}/attachment`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, attachment)).toBe(0);
    expect((await t.as(UNIT_HEAD).get(`/api/review-sessions/${sessionId}/notice/public-comments`)).status).toBe(403);
    expect((await t.as(AUDITOR).get(`/api/review-sessions/${sessionId}/notice/public-comments`)).status).toBe(200);
    expect((await anonymous().get(`/cong-khai/thong-bao/${noticeId}`)).text).not.toContain('Đề nghị làm rõ số liệu');

    const accepted = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/public-comments/${pending!.id}/moderation`).send({ decision: 'ACCEPTED' });
    expect(accepted.status).toBe(201);
    const commentId = accepted.body.commentId as string;
    const again = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/public-comments/${pending!.id}/moderation`).send({ decision: 'REJECTED', reason: 'x' });
    expect(again.status).toBe(409);
    [pending] = await publicComments();
    expect(pending!.moderation).toMatchObject({ decision: 'ACCEPTED', commentId });

    const detail = await t.as(SECRETARY).get(`/api/review-sessions/${sessionId}`);
    const comment = (detail.body.comments as { id: string; author: string; itemId: string; answerPublishedAt: string | null }[]).find((c) => c.id === commentId);
    expect(comment).toMatchObject({ author: 'Trần Văn Dân', itemId, answerPublishedAt: null });
    expect((await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/comments/${commentId}/answer/publication`)).status).toBe(404);
    const answered = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/comments/${commentId}/answer`).send({ body: 'Số liệu đã được Phòng Giáo dục xác minh.', upheld: false });
    expect(answered.status).toBe(201);
    expect((await anonymous().get(`/cong-khai/thong-bao/${noticeId}`)).text).not.toContain('Số liệu đã được Phòng Giáo dục xác minh.');
    const published = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/comments/${commentId}/answer/publication`);
    expect(published.status).toBe(201);
    expect((await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/comments/${commentId}/answer/publication`)).status).toBe(409);
    const page = await anonymous().get(`/cong-khai/thong-bao/${noticeId}`);
    expect(page.text).toContain('Số liệu đã được Phòng Giáo dục xác minh.');
    expect(page.text).toContain('Đề nghị làm rõ số liệu thu nhập năm 2024 của mô hình.');
    // The sender's name and contact are never public.
    expect(page.text).not.toContain('Trần Văn Dân');
    expect(page.text).not.toContain('0912 345 678');
    const after = await t.as(SECRETARY).get(`/api/review-sessions/${sessionId}`);
    expect((after.body.comments as { id: string; answerPublishedAt: string | null }[]).find((c) => c.id === commentId)!.answerPublishedAt).toEqual(expect.any(String));

    // Every step is in the session's audit stream.
    const events = (await t.dataSource.query(`SELECT event_type AS type FROM audit_event WHERE stream = $1 ORDER BY seq`, [`review-session:${sessionId}`])) as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['PUBLIC_COMMENT_RECEIVED', 'PUBLIC_COMMENT_ACCEPTED', 'NOTICE_COMMENT_ANSWERED', 'NOTICE_ANSWER_PUBLISHED']));
  });

  it('refuses bad input with the message beside the field, and stores nothing', async () => {
    const before = await storedCount();
    const empty = await sendComment({ name: ' ', contact: 'khong-phai-lien-he', body: '' });
    expect(empty.status).toBe(400);
    expect(empty.type).toBe('text/html');
    expect(empty.text).toContain('<p class="error" id="loi-name">Vui lòng nhập họ và tên.</p>');
    expect(empty.text).toContain('<p class="error" id="loi-contact">Thông tin liên hệ phải là số điện thoại hoặc địa chỉ thư điện tử.</p>');
    expect(empty.text).toContain('<p class="error" id="loi-body">Vui lòng nhập nội dung ý kiến.</p>');
    expect(empty.text).toMatch(/id="truong-name"[^>]*aria-invalid="true"/);
    const tooLong = await sendComment({ name: 'A', contact: 'a@b.vn', body: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('Nội dung ý kiến dài quá 5000 ký tự.');
    const foreign = await sendComment({ itemId: '00000000-0000-4000-8000-000000000000', name: 'A', contact: 'a@b.vn', body: 'Nội dung' });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('Người được góp ý không có trong danh sách công khai.');
    const renamed = await sendComment({ name: 'A', contact: 'a@b.vn', body: 'Nội dung' }, { bytes: Buffer.from('MZ\x90\x00 not a pdf'), name: 'tep.pdf', type: 'application/pdf' });
    expect(renamed.status).toBe(415);
    expect(renamed.text).toContain('<p class="error" id="loi-attachment">Nội dung hoặc phần mở rộng của tệp không khớp với loại tệp khai báo.</p>');
    const exe = await sendComment({ name: 'A', contact: 'a@b.vn', body: 'Nội dung' }, { bytes: Buffer.from('MZ'), name: 'tep.exe', type: 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    const large = await sendComment({ name: 'A', contact: 'a@b.vn', body: 'Nội dung' }, { bytes: Buffer.concat([pdfBytes(), Buffer.alloc(65 * 1024)]), name: 'lon.pdf', type: 'application/pdf' });
    expect(large.status).toBe(413);
    expect(large.type).toBe('text/html');
    expect(large.text).toContain('Tệp đính kèm (trường attachment) vượt quá dung lượng cho phép.');
    expect(await storedCount()).toBe(before);
  });

  it('needs the proof of work, once per challenge, and holds back an address that sends too many (429)', async () => {
    const before = await storedCount();
    const fields = { name: 'Lê Thị Kiểm', contact: 'kiem@example.vn', body: 'Góp ý thử.' };
    const ch = await challenge();
    const missing = await sendComment(fields, undefined, { challenge: '', nonce: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Mã chống thư rác không hợp lệ hoặc đã hết hạn');
    // A nonce that does not meet the difficulty.
    let weak = '0';
    for (let n = 0; ; n++) {
      const nonce = n.toString(36);
      if (solveChallenge(`${ch}`, BITS) !== nonce) {
        weak = nonce;
        break;
      }
    }
    expect((await sendComment(fields, undefined, { challenge: ch, nonce: weak })).status).toBe(400);
    const stale = `v1.${noticeId}.${Date.now() - 3 * 3_600_000}.${'a'.repeat(24)}`;
    expect((await sendComment(fields, undefined, { challenge: stale, nonce: solveChallenge(stale, BITS) })).status).toBe(400);
    const good = { challenge: ch, nonce: solveChallenge(ch, BITS) };
    expect((await sendComment(fields, undefined, good)).status).toBe(303);
    const replay = await sendComment(fields, undefined, good);
    expect(replay.status).toBe(400);
    expect(await storedCount()).toBe(before + 1);
    // The limit is 3 an hour from one address: the comment of the earlier test, this one, one more.
    expect((await sendComment(fields)).status).toBe(303);
    const refused = await sendComment(fields);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('Địa chỉ của bạn đã gửi quá nhiều ý kiến. Vui lòng thử lại sau');
    expect(await storedCount()).toBe(before + 2);
    // Every comment is kept: rejecting one sets it aside with its reason, it is not deleted.
    const [, second] = await publicComments();
    expect((await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/public-comments/${second!.id}/moderation`).send({ decision: 'REJECTED' })).status).toBe(400);
    const rejected = await t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/notice/public-comments/${second!.id}/moderation`).send({ decision: 'REJECTED', reason: 'Trùng lặp' });
    expect(rejected.status).toBe(201);
    expect((await publicComments()).length).toBe(3);
    // The decision waits until every public comment is dealt with.
    const finalise = await later(t, 30, () => t.as(SECRETARY).post(`/api/review-sessions/${sessionId}/finalise`));
    expect({ status: finalise.status, code: finalise.body.code, pending: finalise.body.pending }).toEqual({ status: 409, code: 'PUBLIC_COMMENTS_PENDING', pending: 1 });
    await expect(t.admin.query('DELETE FROM public_comment')).rejects.toThrow();
  });

  it('answers 304 to a matching If-None-Match, with an ETag and Cache-Control on every page', async () => {
    for (const path of ['/cong-khai', '/cong-khai/thong-bao', `/cong-khai/thong-bao/${noticeId}`, `/cong-khai/thong-bao/${noticeId}/gop-y`, '/cong-khai/dien-hinh', '/cong-khai/dien-hinh.atom', '/cong-khai/tai-nguyen/trang.css', '/cong-khai/the-chia-se.png']) {
      // One site address (supertest listens on a new port for each request, and pages name their own address).
      const get = () => anonymous().get(path).set('Host', 'dienhinh.example.vn');
      const first = await get();
      expect({ path, status: first.status }).toEqual({ path, status: 200 });
      expect(first.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(first.headers['cache-control']).toMatch(/^public, (max-age=\d+|no-cache)$/);
      // Plain http://<address> must work: no upgrade-insecure-requests, scripts from the site only.
      expect(first.headers['content-security-policy']).toContain("script-src 'self'");
      expect(first.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      const second = await get().set('If-None-Match', first.headers.etag!);
      expect({ path, status: second.status }).toEqual({ path, status: 304 });
      expect(second.text ?? '').toBe('');
      expect((await get().set('If-None-Match', '"something-else"')).status).toBe(200);
    }
  });
});

describe('the gallery', () => {
  let lan: { id: string };
  let binh: { id: string };
  let revoked: { id: string };
  let district: { id: string };

  beforeAll(async () => {
    district = await newUnit(t, { name: 'UBND huyện Yên Dũng', level: 'DISTRICT', sector: 'LOCALITY' });
    const commune = await newUnit(t, { name: 'UBND xã Tư Mại', parentId: district.id });
    lan = await newCandidate(t, { name: 'Nguyễn Thị Lan', kind: 'INDIVIDUAL', unitId: commune.id, field: 'HEALTH', year: 2024, state: 'recognised' });
    binh = await newCandidate(t, { name: 'Trần Văn Bình', kind: 'INDIVIDUAL', field: 'ECONOMY', year: 2025, state: 'replicating' });
    revoked = await newCandidate(t, { name: 'Phạm Thị Thu Hồi', kind: 'INDIVIDUAL', field: 'ECONOMY', year: 2025, state: 'revoked' });
  });

  const list = async (query = '') => {
    const res = await anonymous().get(`/cong-khai/dien-hinh${query}`);
    expect(res.status).toBe(200);
    return res.text;
  };
  const names = (html: string) => [...html.matchAll(/<li class="card"><h2><a href="\/cong-khai\/dien-hinh\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]);

  it('shows recognised exemplars; search works without diacritics; filters by field, year and unit', async () => {
    const all = names(await list());
    expect(all).toEqual(expect.arrayContaining(['Nguyễn Thị Lan', 'Trần Văn Bình']));
    expect(all).not.toContain('Nguyễn Thị Hoa');
    expect(names(await list('?q=nguyen+thi'))).toEqual(['Nguyễn Thị Lan']);
    expect(names(await list('?q=NGUYỄN THỊ LAN'))).toEqual(['Nguyễn Thị Lan']);
    expect(names(await list('?q=tran+van'))).toEqual(['Trần Văn Bình']);
    expect(names(await list('?linh-vuc=HEALTH'))).toEqual(['Nguyễn Thị Lan']);
    expect(names(await list('?nam=2025'))).not.toContain('Nguyễn Thị Lan');
    expect(names(await list('?nam=2024'))).toEqual(['Nguyễn Thị Lan']);
    // A unit's filter takes in the units below it.
    expect(names(await list(`?don-vi=${district.id}`))).toEqual(['Nguyễn Thị Lan']);
    expect(await list('?q=khong+co+ai')).toContain('Không có điển hình nào khớp với điều kiện tìm kiếm.');
    // Nonsense in the query is ignored, not an error.
    expect(names(await list('?linh-vuc=XYZ&nam=abc&don-vi=1'))).toEqual(expect.arrayContaining(['Nguyễn Thị Lan', 'Trần Văn Bình']));
  });

  it('a revoked exemplar leaves the list with a note, and its page says by which decision', async () => {
    const html = await list();
    expect(names(html)).not.toContain('Phạm Thị Thu Hồi');
    expect(html).toContain('Đã bị thu hồi công nhận');
    expect(html).toMatch(/Phạm Thị Thu Hồi<\/a> \([^)]*\): Quyết định số \d+\/[^ ]+ ngày \d\d\/\d\d\/\d{4}/);
    const page = await anonymous().get(`/cong-khai/dien-hinh/${revoked.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<strong>Đã bị thu hồi công nhận<\/strong> theo Quyết định số \d+\/[^ ]+ ngày \d\d\/\d\d\/\d{4}\. Lý do: [^<]*Thành tích không trung thực/);
  });

  it('gives each exemplar a page with its facts and OpenGraph/Twitter tags, and only public facts', async () => {
    const page = await anonymous().get(`/cong-khai/dien-hinh/${lan.id}`);
    expect(page.status).toBe(200);
    const meta = (property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`).exec(page.text)?.[1];
    expect(meta('og:title')).toBe('Nguyễn Thị Lan');
    expect(meta('og:type')).toBe('profile');
    expect(meta('og:description')).toContain('UBND xã Tư Mại');
    expect(meta('og:url')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/cong-khai/dien-hinh/${lan.id}$`));
    expect(meta('twitter:card')).toBe('summary_large_image');
    const image = meta('og:image')!;
    const png = await anonymous().get(new URL(image).pathname);
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect((png.body as Buffer).readUInt32BE(16)).toBe(1200);
    expect(page.text).toContain('Mô hình sản xuất theo chuỗi giá trị');
    // No votes, no internal names: the secretariat and council members never appear.
    expect(page.text).not.toMatch(/thuongtruc|uyvien|IN_FAVOUR|phiếu/i);
    // A candidate that is not (or not yet) a recognised exemplar has no public page.
    expect((await anonymous().get(`/cong-khai/dien-hinh/${onNotice.id}`)).status).toBe(404);
    expect((await anonymous().get('/cong-khai/dien-hinh/khong-phai-ma')).status).toBe(404);
    expect((await anonymous().get(`/cong-khai/dien-hinh/${binh.id}`)).status).toBe(200);
  });

  it('publishes an Atom feed that parses as XML', async () => {
    const res = await anonymous().get('/cong-khai/dien-hinh.atom');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const xml = res.text;
    const parser = new SaxesParser({ xmlns: true });
    const titles: string[] = [];
    let inEntryTitle = false;
    let depth: string[] = [];
    parser.on('opentag', (tag) => {
      depth.push(tag.local);
      if (tag.local === 'feed') expect(tag.uri).toBe('http://www.w3.org/2005/Atom');
      inEntryTitle = depth.join('/') === 'feed/entry/title';
    });
    parser.on('text', (text) => {
      if (inEntryTitle) titles.push(text);
    });
    parser.on('closetag', () => {
      depth = depth.slice(0, -1);
      inEntryTitle = false;
    });
    parser.write(xml).close();
    expect(titles).toEqual(expect.arrayContaining(['Nguyễn Thị Lan', 'Trần Văn Bình']));
    expect(titles).not.toContain('Phạm Thị Thu Hồi');
  });

  it('shows the decision that recognised an exemplar once it is issued', async () => {
    const signer = { authorityCode: 'UBND_TINH', signerTitle: 'CHỦ TỊCH', signerName: 'Chủ tịch UBND tỉnh' };
    const { sessionId: s } = await decideThroughCouncil(t, [(await newCandidate(t, { name: 'Hộ ông Đỗ Văn Quyết', kind: 'HOUSEHOLD', state: 'underReview' })).id], 'RECOGNISE');
    const issued = await later(t, 31, () => issueDecision(t, { ...signer, sessionId: s }));
    expect(issued.status).toBe(201);
    const html = await list('?q=do+van+quyet');
    expect(names(html)).toEqual(['Hộ ông Đỗ Văn Quyết']);
    expect(html).toMatch(/<dt>Quyết định<\/dt><dd>Số \d+\/QĐ-UBND ngày \d\d\/\d\d\/\d{4}<\/dd>/);
  });
  it('a kept page is answered from memory until what it shows changes; a change shows at once, on the next request (the cache on, 300 s)', async () => {
    const repository = t.running.app.get(PublicPagesRepository);
    const gallery = jest.spyOn(repository, 'gallery');
    const exemplar = jest.spyOn(repository, 'exemplar');
    try {
      // One site address, so that the requests share their pages (supertest listens on a new port each time).
      const get = (path: string) => anonymous().get(path).set('Host', 'dienhinh.example.vn');
      const search = '/cong-khai/dien-hinh?q=le+thi+moi';
      const first = await get(search);
      expect(names(first.text)).toEqual([]);
      const lanPage = await get(`/cong-khai/dien-hinh/${lan.id}`);
      expect(lanPage.text).not.toContain('Đã bị thu hồi công nhận');
      const [galleryRenders, exemplarRenders] = [gallery.mock.calls.length, exemplar.mock.calls.length];
      for (let i = 0; i < 3; i++) {
        const again = await get(search);
        expect(again.headers.etag).toBe(first.headers.etag);
        expect(again.text).toBe(first.text);
        expect((await get(`/cong-khai/dien-hinh/${lan.id}`)).headers.etag).toBe(lanPage.headers.etag);
      }
      // Answered without rendering: nothing was read for them.
      expect([gallery.mock.calls.length, exemplar.mock.calls.length]).toEqual([galleryRenders, exemplarRenders]);

      // A new exemplar recognised: the kept search shows it on the very next request.
      await newCandidate(t, { name: 'Lê Thị Mới', kind: 'INDIVIDUAL', field: 'ECONOMY', year: 2025, state: 'recognised' });
      const after = await get(search);
      expect(names(after.text)).toEqual(['Lê Thị Mới']);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      // A revocation: the exemplar's kept page says so at once, and the old ETag gets the new page, not a 304.
      await revokeByDecision(t, lan.id);
      const revokedPage = await get(`/cong-khai/dien-hinh/${lan.id}`).set('If-None-Match', lanPage.headers.etag!);
      expect(revokedPage.status).toBe(200);
      expect(revokedPage.text).toContain('Đã bị thu hồi công nhận');
      // A change elsewhere (a candidate being nurtured) does not move the version: the page is still kept.
      const version = async () => ((await t.dataSource.query('SELECT version::text AS v FROM public_page_version')) as { v: string }[])[0]!.v;
      const before = await version();
      await newCandidate(t, { name: 'Hộ bà Vũ Thị Chưa', kind: 'HOUSEHOLD', unitId: district.id, state: 'nurturing' });
      expect(await version()).toBe(before);
    } finally {
      gallery.mockRestore();
      exemplar.mockRestore();
    }
  });
});
