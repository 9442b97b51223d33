/**
 * The public pages' HTML: one layout (Vietnamese, mobile first, no framework, one stylesheet and, on the comment
 * form only, one small script) and one function per page. Pure: each takes the facts to show and answers a string;
 * every value is escaped here and nowhere else.
 */
import { FIELDS, HONOURING_FORMS, SUBJECT_KINDS, labelOf, type Field } from '#domain';
import { ADOPTION_STAGES } from '#workflow';
import type { ExemplarPage, GalleryEntry, GalleryFilter, NoticeEntry, OpenNotice, PublishedAnswer, RevokedEntry } from './public-pages.repository.js';
import type { FieldProblem, PublicCommentForm } from './use-cases/submit-public-comment.js';

export const PUBLIC_ROOT = '/cong-khai';
export const ASSETS = `${PUBLIC_ROOT}/tai-nguyen`;
export const SHARE_CARD_PATH = `${PUBLIC_ROOT}/the-chia-se.png`;
const SITE_NAME = 'Điển hình tiên tiến';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 2025-03-09 → 09/03/2025. */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const fieldLabel = (code: string) => labelOf(FIELDS, code)?.vi ?? code;
const kindLabel = (code: string) => labelOf(SUBJECT_KINDS, code)?.vi ?? code;
const summary = (text: string, max = 320) => (text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, '')}…` : text);

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute address of the page (og:url, canonical). */
  url: string;
  /** Absolute address of the shared card image. */
  image: string;
  type?: 'website' | 'article' | 'profile';
  noindex?: boolean;
}

export function layout(meta: PageMeta, body: string, options: { script?: string; current?: 'notice' | 'gallery' | 'verify' } = {}): string {
  const title = meta.title === SITE_NAME ? SITE_NAME : `${meta.title} — ${SITE_NAME}`;
  const nav = (href: string, label: string, key: 'notice' | 'gallery' | 'verify') =>
    `<a href="${href}"${options.current === key ? ' aria-current="page"' : ''}>${label}</a>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(meta.description)}">
<link rel="canonical" href="${esc(meta.url)}">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:locale" content="vi_VN">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${esc(meta.title)}">
<meta property="og:description" content="${esc(meta.description)}">
<meta property="og:url" content="${esc(meta.url)}">
<meta property="og:image" content="${esc(meta.image)}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${SITE_NAME}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${esc(meta.title)}">
<meta name="twitter:description" content="${esc(meta.description)}">
<meta name="twitter:image" content="${esc(meta.image)}">
${meta.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="alternate" type="application/atom+xml" title="Điển hình tiên tiến mới công nhận" href="${PUBLIC_ROOT}/dien-hinh.atom">
<link rel="stylesheet" href="${ASSETS}/trang.css">
${options.script ? `<script src="${options.script}" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site"><div class="wrap">
<a class="brand" href="${PUBLIC_ROOT}">${SITE_NAME}</a>
<nav aria-label="Trang công khai">${nav(`${PUBLIC_ROOT}/thong-bao`, 'Lấy ý kiến', 'notice')}${nav(`${PUBLIC_ROOT}/dien-hinh`, 'Điển hình', 'gallery')}${nav(`${PUBLIC_ROOT}/xac-minh`, 'Xác minh', 'verify')}</nav>
</div></header>
<main id="noi-dung" class="wrap">
${body}
</main>
<footer class="site"><div class="wrap"><p>Trang công khai của chương trình phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến. Không cần đăng nhập.</p>
<p lang="en">Public pages of the advanced-exemplar programme (Vietnamese).</p></div></footer>
</body>
</html>
`;
}

export function homePage(meta: PageMeta, notices: number, exemplars: number): string {
  return layout(meta, `<h1>Điển hình tiên tiến</h1>
<div class="cards">
<section class="card"><h2><a href="${PUBLIC_ROOT}/thong-bao">Lấy ý kiến nhân dân</a></h2><p>${notices > 0 ? `${notices} danh sách đề nghị công nhận đang lấy ý kiến.` : 'Hiện không có danh sách nào đang lấy ý kiến.'} Mọi người đều có thể góp ý hoặc phản ánh.</p></section>
<section class="card"><h2><a href="${PUBLIC_ROOT}/dien-hinh">Điển hình tiên tiến đã được công nhận</a></h2><p>${exemplars} điển hình: thành tích, quyết định công nhận, tuyên truyền và nhân rộng.</p></section>
</div>`);
}

function entryCard(notice: OpenNotice, e: NoticeEntry): string {
  return `<li class="card" id="muc-${esc(e.itemId)}">
<h3>${esc(e.name)}</h3>
<dl class="facts"><dt>Loại</dt><dd>${esc(kindLabel(e.kind))}</dd><dt>Đơn vị</dt><dd>${esc(e.unitName)}</dd><dt>Lĩnh vực</dt><dd>${esc(fieldLabel(e.field))}</dd></dl>
<p class="achievement">${esc(summary(e.achievement, 600))}</p>
<p><a class="button" href="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}/gop-y?muc=${esc(e.itemId)}">Góp ý về ${esc(e.name)}</a></p>
</li>`;
}

function answersSection(answers: PublishedAnswer[]): string {
  if (answers.length === 0) return '';
  return `<section aria-labelledby="tra-loi"><h2 id="tra-loi">Trả lời ý kiến</h2><ul class="answers">${answers
    .map(
      (a) => `<li class="card"><p class="muted">Ý kiến nhận ngày ${viDate(a.receivedOn)}${a.about ? ` về ${esc(a.about)}` : ' về danh sách'}</p>
<blockquote>${esc(a.body)}</blockquote>
<p><strong>Trả lời${a.upheld ? ' (ý kiến được chấp nhận)' : ''}:</strong> <span class="pre">${esc(a.answer)}</span></p></li>`,
    )
    .join('')}</ul></section>`;
}

export function noticeSection(notice: OpenNotice, entries: NoticeEntry[], answers: PublishedAnswer[], heading: 'h1' | 'h2'): string {
  return `<section class="notice" aria-labelledby="tb-${esc(notice.id)}">
<${heading} id="tb-${esc(notice.id)}">${heading === 'h2' ? `<a href="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}">` : ''}Danh sách đề nghị công nhận điển hình tiên tiến — ${esc(notice.sessionTitle)}${heading === 'h2' ? '</a>' : ''}</${heading}>
<p class="period">Công khai từ ngày <time datetime="${esc(notice.publishedOn)}">${viDate(notice.publishedOn)}</time>; nhận ý kiến đến hết ngày <strong><time datetime="${esc(notice.endsOn)}">${viDate(notice.endsOn)}</time></strong> (${notice.workingDays} ngày làm việc, không kể ngày nghỉ, ngày lễ).</p>
<ul class="entries">${entries.map((e) => entryCard(notice, e)).join('')}</ul>
<p><a class="button secondary" href="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}/gop-y">Góp ý chung về danh sách</a></p>
${answersSection(answers)}
</section>`;
}

export function noticesPage(meta: PageMeta, notices: { notice: OpenNotice; entries: NoticeEntry[]; answers: PublishedAnswer[] }[]): string {
  const body = notices.length
    ? notices.map((n) => noticeSection(n.notice, n.entries, n.answers, 'h2')).join('\n')
    : '<p>Hiện không có danh sách nào đang trong thời gian lấy ý kiến.</p>';
  return layout(meta, `<h1>Lấy ý kiến nhân dân về danh sách đề nghị công nhận</h1>
<p>Trước khi quyết định công nhận, danh sách được công khai để mọi người góp ý hoặc phản ánh. Ý kiến được Thường trực Hội đồng tiếp nhận, xem xét và trả lời.</p>
${body}`, { current: 'notice' });
}

export function noticePage(meta: PageMeta, notice: OpenNotice, entries: NoticeEntry[], answers: PublishedAnswer[]): string {
  return layout(meta, noticeSection(notice, entries, answers, 'h1'), { current: 'notice' });
}

export interface CommentFormState {
  values: PublicCommentForm;
  problems: FieldProblem[];
  /** A refusal not tied to one field (closed notice, too many comments). */
  general?: string;
}

export function commentFormPage(meta: PageMeta, notice: OpenNotice, entries: NoticeEntry[], state: CommentFormState, limits: { maxBytes: number; bits: number }): string {
  const problem = (field: string) => state.problems.find((p) => p.field === field);
  const describedBy = (field: string, hint?: string) => {
    const ids = [hint, problem(field) ? `loi-${field}` : undefined].filter(Boolean);
    return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
  };
  const invalid = (field: string) => (problem(field) ? ' aria-invalid="true"' : '');
  const error = (field: string) => (problem(field) ? `<p class="error" id="loi-${field}">${esc(problem(field)!.vi)}</p>` : '');
  const v = state.values;
  const about = entries.find((e) => e.itemId === v.itemId);
  const summaryBox = state.problems.length || state.general
    ? `<div class="alert" role="alert" tabindex="-1" id="thong-bao-loi"><p><strong>Chưa gửi được ý kiến.</strong> ${esc(state.general ?? 'Vui lòng sửa các mục dưới đây:')}</p>${
        state.problems.length ? `<ul>${state.problems.map((p) => `<li><a href="#truong-${p.field}">${esc(p.vi)}</a></li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  const mb = Math.round((limits.maxBytes / 1024 / 1024) * 10) / 10;
  return layout(
    { ...meta, noindex: true },
    `<p><a href="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}">← ${esc(notice.sessionTitle)}</a></p>
<h1>Góp ý, phản ánh${about ? ` về ${esc(about.name)}` : ' về danh sách đề nghị công nhận'}</h1>
<p>Nhận ý kiến đến hết ngày <strong>${viDate(notice.endsOn)}</strong>. Ý kiến được Thường trực Hội đồng kiểm duyệt và trả lời; họ tên, thông tin liên hệ của bạn không được công bố.</p>
${summaryBox}
<form method="post" action="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}/gop-y" enctype="multipart/form-data" class="comment-form" data-bits="${limits.bits}" data-challenge-url="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}/thu-thach" novalidate>
<div class="field"><label for="truong-itemId">Góp ý về</label>
<select id="truong-itemId" name="itemId"${invalid('itemId')}${describedBy('itemId')}><option value="">Danh sách nói chung</option>${entries
      .map((e) => `<option value="${esc(e.itemId)}"${e.itemId === v.itemId ? ' selected' : ''}>${esc(e.name)} — ${esc(e.unitName)}</option>`)
      .join('')}</select>${error('itemId')}</div>
<div class="field"><label for="truong-name">Họ và tên <span class="req">(bắt buộc)</span></label>
<input id="truong-name" name="name" autocomplete="name" maxlength="200" required value="${esc(v.name)}"${invalid('name')}${describedBy('name')}>${error('name')}</div>
<div class="field"><label for="truong-contact">Số điện thoại hoặc thư điện tử <span class="req">(bắt buộc)</span></label>
<p class="hint" id="goi-y-contact">Chỉ dùng để Thường trực Hội đồng liên hệ khi cần; không công bố.</p>
<input id="truong-contact" name="contact" autocomplete="email" maxlength="200" required value="${esc(v.contact)}"${invalid('contact')}${describedBy('contact', 'goi-y-contact')}>${error('contact')}</div>
<div class="field"><label for="truong-body">Nội dung góp ý, phản ánh <span class="req">(bắt buộc)</span></label>
<textarea id="truong-body" name="body" rows="7" maxlength="5000" required${invalid('body')}${describedBy('body')}>${esc(v.body)}</textarea>${error('body')}</div>
<div class="field"><label for="truong-attachment">Tệp đính kèm (không bắt buộc)</label>
<p class="hint" id="goi-y-attachment">PDF, ảnh (JPEG, PNG, WebP), Word, Excel hoặc MP4; tối đa ${mb} MB.</p>
<input id="truong-attachment" name="attachment" type="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.mp4"${invalid('attachment')}${describedBy('attachment', 'goi-y-attachment')}>${error('attachment')}</div>
<input type="hidden" name="challenge" value=""><input type="hidden" name="nonce" value="">
<noscript><p class="alert" id="truong-proof">Để chống thư rác mà không dùng dịch vụ bên ngoài, trang này cần bật JavaScript: trình duyệt tính một mã kiểm tra nhỏ (khoảng một giây) trước khi gửi. Nếu không thể bật JavaScript, vui lòng gửi ý kiến bằng văn bản qua kênh đã công bố: ${esc(notice.channels)}.</p></noscript>
${error('proof')}
<p class="status" role="status" aria-live="polite"></p>
<p><button type="submit" class="button">Gửi ý kiến</button></p>
</form>`,
    { script: `${ASSETS}/gop-y.js`, current: 'notice' },
  );
}

export function commentSentPage(meta: PageMeta, notice: OpenNotice): string {
  return layout({ ...meta, noindex: true }, `<h1>Đã nhận ý kiến của bạn</h1>
<div class="alert success" role="status"><p>Cảm ơn bạn. Ý kiến đã được ghi nhận và đang chờ Thường trực Hội đồng kiểm duyệt. Câu trả lời (nếu được công bố) sẽ hiển thị trên trang thông báo.</p></div>
<p><a href="${PUBLIC_ROOT}/thong-bao/${esc(notice.id)}">← Quay lại danh sách lấy ý kiến</a></p>`, { current: 'notice' });
}

export function messagePage(meta: PageMeta, heading: string, message: string): string {
  return layout({ ...meta, noindex: true }, `<h1>${esc(heading)}</h1><p>${esc(message)}</p><p><a href="${PUBLIC_ROOT}">Về trang công khai</a></p>`);
}

export interface GalleryView {
  filter: GalleryFilter;
  page: number;
  pageSize: number;
  total: number;
  entries: GalleryEntry[];
  revoked: RevokedEntry[];
  choices: { years: number[]; units: { id: string; name: string }[]; movements: { id: string; name: string }[] };
}

export function galleryQuery(filter: GalleryFilter, page = 1): string {
  const q = new URLSearchParams();
  if (filter.q) q.set('q', filter.q);
  if (filter.field) q.set('linh-vuc', filter.field);
  if (filter.year) q.set('nam', String(filter.year));
  if (filter.unitId) q.set('don-vi', filter.unitId);
  if (filter.movementId) q.set('phong-trao', filter.movementId);
  if (page > 1) q.set('trang', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function galleryPage(meta: PageMeta, g: GalleryView): string {
  const f = g.filter;
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const pages = Math.max(1, Math.ceil(g.total / g.pageSize));
  const filtered = Boolean(f.q || f.field || f.year || f.unitId || f.movementId);
  const list = g.entries.length
    ? `<ul class="entries">${g.entries
        .map(
          (e) => `<li class="card"><h2><a href="${PUBLIC_ROOT}/dien-hinh/${esc(e.id)}">${esc(e.name)}</a></h2>
<dl class="facts"><dt>Đơn vị</dt><dd>${esc(e.unitName)}</dd><dt>Lĩnh vực</dt><dd>${esc(fieldLabel(e.field))}</dd><dt>Năm</dt><dd>${e.year}</dd>${
            e.decisionNumber ? `<dt>Quyết định</dt><dd>Số ${esc(e.decisionNumber)} ngày ${viDate(e.decisionDate)}</dd>` : ''
          }</dl>
<p class="achievement">${esc(summary(e.achievement))}</p></li>`,
        )
        .join('')}</ul>`
    : `<p>${filtered ? 'Không có điển hình nào khớp với điều kiện tìm kiếm.' : 'Chưa có điển hình nào được công nhận.'}</p>`;
  const nav =
    pages > 1
      ? `<nav class="pages" aria-label="Trang kết quả">${g.page > 1 ? `<a href="${PUBLIC_ROOT}/dien-hinh${galleryQuery(f, g.page - 1)}" rel="prev">← Trang trước</a>` : ''}<span>Trang ${g.page}/${pages}</span>${
          g.page < pages ? `<a href="${PUBLIC_ROOT}/dien-hinh${galleryQuery(f, g.page + 1)}" rel="next">Trang sau →</a>` : ''
        }</nav>`
      : '';
  const revoked = g.revoked.length
    ? `<section class="note" aria-labelledby="thu-hoi"><h2 id="thu-hoi">Đã bị thu hồi công nhận</h2><p>Các điển hình sau không còn trong danh sách vì quyết định công nhận đã bị thu hồi:</p><ul>${g.revoked
        .map((r) => `<li><a href="${PUBLIC_ROOT}/dien-hinh/${esc(r.id)}">${esc(r.name)}</a> (${esc(r.unitName)}): Quyết định số ${esc(r.decisionNumber)} ngày ${viDate(r.decisionDate)}</li>`)
        .join('')}</ul></section>`
    : '';
  return layout(meta, `<h1>Điển hình tiên tiến đã được công nhận</h1>
<form method="get" action="${PUBLIC_ROOT}/dien-hinh" class="filters" role="search">
<div class="field"><label for="loc-q">Tìm theo tên (gõ có dấu hoặc không dấu)</label><input id="loc-q" name="q" type="search" value="${esc(f.q)}" maxlength="100"></div>
<div class="field"><label for="loc-linh-vuc">Lĩnh vực</label><select id="loc-linh-vuc" name="linh-vuc">${option('', 'Tất cả', !f.field)}${FIELDS.map((x) => option(x.code, x.vi, f.field === x.code)).join('')}</select></div>
<div class="field"><label for="loc-nam">Năm</label><select id="loc-nam" name="nam">${option('', 'Tất cả', !f.year)}${g.choices.years.map((y) => option(String(y), String(y), f.year === y)).join('')}</select></div>
<div class="field"><label for="loc-don-vi">Đơn vị</label><select id="loc-don-vi" name="don-vi">${option('', 'Tất cả', !f.unitId)}${g.choices.units.map((u) => option(u.id, u.name, f.unitId === u.id)).join('')}</select></div>
<div class="field"><label for="loc-phong-trao">Phong trào thi đua</label><select id="loc-phong-trao" name="phong-trao">${option('', 'Tất cả', !f.movementId)}${g.choices.movements.map((m) => option(m.id, m.name, f.movementId === m.id)).join('')}</select></div>
<p><button type="submit" class="button">Tìm</button>${filtered ? ` <a href="${PUBLIC_ROOT}/dien-hinh">Bỏ lọc</a>` : ''}</p>
</form>
<p class="muted" role="status">${g.total} điển hình${filtered ? ' khớp điều kiện' : ''}.</p>
${list}
${nav}
${revoked}
<p><a href="${PUBLIC_ROOT}/dien-hinh.atom">Theo dõi điển hình mới (Atom)</a></p>`, { current: 'gallery' });
}

export function exemplarPage(meta: PageMeta, e: ExemplarPage): string {
  const revocation = [...e.decisions].reverse().find((d) => d.kind === 'REVOCATION');
  const recognitions = e.decisions.filter((d) => d.kind !== 'REVOCATION');
  const decisions = e.decisions.length
    ? `<ul>${e.decisions
        .map((d) => `<li>Quyết định số ${esc(d.number)} ngày ${viDate(d.issuedOn)} — ${esc(d.kind === 'REVOCATION' ? 'thu hồi quyết định công nhận' : d.kind === 'CORRECTION' ? 'đính chính' : 'công nhận')}: ${esc(d.subject)}${d.reasons ? ` (lý do: ${esc(d.reasons)})` : ''}</li>`)
        .join('')}</ul>`
    : '<p>Đã được Hội đồng công nhận; quyết định công nhận đang được ban hành.</p>';
  const honouring = e.honouring.length
    ? `<ul>${e.honouring
        .map((h) => `<li>${viDate(h.honouredOn)} — ${esc(labelOf(HONOURING_FORMS, h.form)?.vi ?? h.form)}: ${h.link && /^https?:\/\//.test(h.link) ? `<a href="${esc(h.link)}" rel="nofollow noopener">${esc(h.title)}</a>` : esc(h.title)} (${esc(h.outlet)})</li>`)
        .join('')}</ul>`
    : '<p>Chưa có.</p>';
  const adoptions = e.adoptions.length
    ? `<ul>${e.adoptions.map((a) => `<li>${viDate(a.occurredOn)} — ${esc(a.unitName)}: ${esc(labelOf(ADOPTION_STAGES, a.stage)?.vi ?? a.stage)}. ${esc(a.description)}</li>`).join('')}</ul>`
    : '<p>Chưa có.</p>';
  const revokedNote = revocation
    ? `<div class="alert" role="note"><p><strong>Đã bị thu hồi công nhận</strong> theo Quyết định số ${esc(revocation.number)} ngày ${viDate(revocation.issuedOn)}${revocation.reasons ? `. Lý do: ${esc(revocation.reasons)}` : ''}.</p></div>`
    : e.state === 'revoked'
      ? '<div class="alert" role="note"><p><strong>Đã bị thu hồi công nhận.</strong></p></div>'
      : '';
  return layout(meta, `<p><a href="${PUBLIC_ROOT}/dien-hinh">← Danh sách điển hình</a></p>
<article class="exemplar">
<h1>${esc(e.name)}</h1>
${revokedNote}
<dl class="facts"><dt>Loại</dt><dd>${esc(kindLabel(e.kind))}</dd><dt>Đơn vị</dt><dd>${esc(e.unitName)}</dd><dt>Lĩnh vực</dt><dd>${esc(fieldLabel(e.field as Field))}</dd><dt>Năm</dt><dd>${e.year}</dd>${
    recognitions.length ? `<dt>Quyết định công nhận</dt><dd>Số ${esc(recognitions[0]!.number)} ngày ${viDate(recognitions[0]!.issuedOn)}</dd>` : ''
  }${e.movements.length ? `<dt>Phong trào</dt><dd>${e.movements.map((m) => esc(m.name)).join('; ')}</dd>` : ''}</dl>
<section aria-labelledby="thanh-tich"><h2 id="thanh-tich">Thành tích</h2><p class="pre">${esc(e.achievement)}</p></section>
<section aria-labelledby="quyet-dinh"><h2 id="quyet-dinh">Quyết định</h2>${decisions}</section>
<section aria-labelledby="ton-vinh"><h2 id="ton-vinh">Tuyên truyền, tôn vinh</h2>${honouring}</section>
<section aria-labelledby="nhan-rong"><h2 id="nhan-rong">Học tập, nhân rộng</h2>${adoptions}</section>
</article>`, { current: 'gallery' });
}

/** The gallery as an Atom feed (RFC 4287): the newest recognitions first. */
export function atomFeed(base: string, entries: GalleryEntry[], updated: Date): string {
  const x = (s: unknown) => esc(s);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<title>Điển hình tiên tiến đã được công nhận</title>
<subtitle>Các tập thể, cá nhân, hộ gia đình được công nhận điển hình tiên tiến</subtitle>
<id>${x(base)}${PUBLIC_ROOT}/dien-hinh</id>
<link rel="self" type="application/atom+xml" href="${x(base)}${PUBLIC_ROOT}/dien-hinh.atom"/>
<link rel="alternate" type="text/html" href="${x(base)}${PUBLIC_ROOT}/dien-hinh"/>
<updated>${updated.toISOString()}</updated>
<author><name>Ban Thi đua – Khen thưởng</name></author>
${entries
  .map(
    (e) => `<entry>
<title>${x(e.name)}</title>
<id>urn:uuid:${x(e.id)}</id>
<link rel="alternate" type="text/html" href="${x(base)}${PUBLIC_ROOT}/dien-hinh/${x(e.id)}"/>
<updated>${new Date(e.updatedAt).toISOString()}</updated>
<category term="${x(e.field)}" label="${x(fieldLabel(e.field))}"/>
<summary>${x(`${e.unitName}. ${e.decisionNumber ? `Quyết định số ${e.decisionNumber} ngày ${viDate(e.decisionDate)}. ` : ''}${summary(e.achievement)}`)}</summary>
</entry>`,
  )
  .join('\n')}
</feed>
`;
}
