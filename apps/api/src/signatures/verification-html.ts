/**
 * The public verification page: a form (upload a PDF, or type a number) and, after it, the answer in words. In the
 * public side's layout; every value escaped by its `esc`.
 */
import type { VerificationView } from '#contracts';
import { esc, layout, viDate } from '../publicity/public-html.js';
import { VERIFICATION_PATH } from './verification-url.js';

export interface VerificationPageState {
  reference: string;
  result?: VerificationView;
  fileName?: string;
  error?: string;
}

const PROBLEM_WORDS: Record<string, string> = {
  NO_SIGNATURE: 'không có chữ ký số',
  MALFORMED: 'chữ ký số hỏng, không đọc được',
  NOT_WHOLE_FILE: 'chữ ký không bao trùm toàn bộ tệp (có nội dung thêm vào sau khi ký)',
  DIGEST_MISMATCH: 'nội dung tệp đã bị thay đổi sau khi ký',
  SIGNATURE_INVALID: 'chữ ký số không khớp với chứng thư',
  CERTIFICATE_EXPIRED: 'chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực',
  UNTRUSTED_CHAIN: 'chứng thư số không do tổ chức chứng thực được tin cậy cấp',
};

const time = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false }) : '');

function resultSection(r: VerificationView, fileName?: string): string {
  const good = r.verdict === 'VALID';
  const cls = good ? 'success' : r.verdict === 'UNSIGNED' ? '' : 'error';
  const d = r.document;
  const s = r.signature;
  const rows: string[] = [];
  if (fileName) rows.push(`<dt>Tệp đã kiểm tra</dt><dd>${esc(fileName)}</dd>`);
  if (d) {
    rows.push(`<dt>Văn bản</dt><dd>${d.kind === 'CERTIFICATE' ? `Giấy chứng nhận điển hình tiên tiến số ${esc(d.serial)}${d.recipientName ? ` — ${esc(d.recipientName)}` : ''}` : `Quyết định số ${esc(d.decisionNumber)}: ${esc(d.subject)}`}</dd>`);
    if (d.kind === 'CERTIFICATE') rows.push(`<dt>Theo quyết định</dt><dd>Số ${esc(d.decisionNumber)}: ${esc(d.subject)}</dd>`);
    rows.push(`<dt>Ban hành</dt><dd>Ngày ${viDate(d.issuedOn)}, ${esc(d.issuer)}</dd>`);
    rows.push(`<dt>Người ký (trên văn bản)</dt><dd>${esc(d.signerTitle.replace(/\n/g, ' '))} ${esc(d.signerName)}</dd>`);
  }
  if (s) {
    rows.push(
      `<dt>Chữ ký số</dt><dd data-ket-qua="chu-ky">${s.valid ? '<strong>Hợp lệ</strong>' : '<strong>Không hợp lệ</strong>'}${s.level ? ` (PAdES ${esc(s.level)})` : ''}${
        s.problems.length ? `: ${s.problems.map((p) => esc(PROBLEM_WORDS[p] ?? p)).join('; ')}` : ''
      }</dd>`,
    );
    if (s.signerName) rows.push(`<dt>Người ký số</dt><dd>${esc(s.signerName)}${s.issuerSubject ? `<br><span class="muted">Chứng thư do: ${esc(s.issuerSubject)}</span>` : ''}</dd>`);
    if (s.claimedSigningTime || s.timeStampedAt) rows.push(`<dt>Thời điểm ký</dt><dd>${s.timeStampedAt ? `${esc(time(s.timeStampedAt))} (dấu thời gian)` : esc(time(s.claimedSigningTime))}</dd>`);
  } else if (r.verdict === 'STAMPED_COPY') {
    rows.push('<dt>Chữ ký số</dt><dd data-ket-qua="chu-ky">Không có (bản in lại có đóng dấu không mang chữ ký số)</dd>');
  } else if (d) {
    rows.push('<dt>Chữ ký số</dt><dd data-ket-qua="chu-ky">Chưa có</dd>');
  }
  if (r.verdict === 'STAMPED_COPY') rows.push('<dt>Nội dung</dt><dd data-ket-qua="noi-dung"><strong>Bản in lại có đóng dấu của văn bản đã bị thay thế</strong>, không phải tệp văn bản đã ban hành</dd>');
  else if (r.contentUnchanged !== null) rows.push(`<dt>Nội dung</dt><dd data-ket-qua="noi-dung">${r.contentUnchanged ? 'Đúng nội dung đã ban hành, không bị sửa đổi' : '<strong>Đã bị thay đổi so với văn bản đã ban hành</strong>'}</dd>`);
  if (r.standing) {
    const by = r.standing.by.map((b) => `${b.kind === 'REVOCATION' ? 'thu hồi' : 'đính chính'} theo Quyết định số ${esc(b.number)} ngày ${viDate(b.issuedOn)}`).join('; ');
    const words = { IN_FORCE: 'Đang có hiệu lực', CORRECTED: `Đã được đính chính (${by})`, REVOKED: `<strong>Đã bị thu hồi</strong> (${by})` }[r.standing.status];
    rows.push(`<dt>Hiệu lực</dt><dd data-ket-qua="hieu-luc">${words}</dd>`);
  }
  return `<section aria-labelledby="ket-qua"><h2 id="ket-qua">Kết quả xác minh</h2>
<div class="alert ${cls}" role="status" data-verdict="${esc(r.verdict)}"><p><strong>${esc(r.message)}</strong></p></div>
${rows.length ? `<dl class="facts">${rows.join('\n')}</dl>` : ''}
${r.verdict === 'VALID' && r.contentUnchanged === null ? '<p class="hint">Để chắc chắn bản giấy tờ bạn có đúng là văn bản này, hãy tải tệp PDF lên.</p>' : ''}
</section>`;
}

export function verificationPage(state: VerificationPageState): string {
  const meta = {
    title: 'Xác minh văn bản',
    description: 'Kiểm tra một quyết định hoặc giấy chứng nhận điển hình tiên tiến: đúng văn bản đã ban hành, chữ ký số hợp lệ, còn hiệu lực.',
    url: VERIFICATION_PATH,
    image: '/cong-khai/the-chia-se.png',
    noindex: true,
  };
  return layout(
    meta,
    `<h1>Xác minh quyết định, giấy chứng nhận</h1>
<p>Tải lên tệp PDF của quyết định hoặc giấy chứng nhận điển hình tiên tiến, hoặc nhập số của văn bản, để biết: đó là văn bản nào, ai ban hành, ngày nào; chữ ký số có hợp lệ không; nội dung có bị sửa đổi không; văn bản đã bị đính chính hay thu hồi chưa. Không cần đăng nhập.</p>
${state.error ? `<div class="alert error" role="alert"><p>${esc(state.error)}</p></div>` : ''}
${state.result ? resultSection(state.result, state.fileName) : ''}
<div class="cards">
<form class="card" method="post" action="${VERIFICATION_PATH}" enctype="multipart/form-data">
<h2>Kiểm tra tệp PDF</h2>
<div class="field"><label for="truong-file">Tệp PDF (quyết định hoặc giấy chứng nhận)</label>
<input id="truong-file" name="file" type="file" accept=".pdf,application/pdf" required></div>
<p><button type="submit" class="button">Kiểm tra tệp</button></p>
</form>
<form class="card" method="get" action="${VERIFICATION_PATH}" role="search">
<h2>Tra theo số văn bản</h2>
<div class="field"><label for="truong-so">Số quyết định (ví dụ 12/QĐ-UBND) hoặc số giấy chứng nhận (ví dụ ĐHTT-2025-0001-001)</label>
<input id="truong-so" name="so" maxlength="100" value="${esc(state.reference)}" required></div>
<p><button type="submit" class="button secondary">Tra cứu</button></p>
</form>
</div>`,
    { current: 'verify' },
  );
}
