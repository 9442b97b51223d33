/** What a notification mail says: Vietnamese first, English second, a plain-text part and an HTML part. */
import type { Notification } from './notification.entities.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const PRODUCT = 'Điển hình tiên tiến';
export const PREFERENCES_ROUTE = '/thong-bao/cai-dat';

type Item = Pick<Notification, 'title' | 'titleEn' | 'body' | 'bodyEn' | 'link'>;

/** One notification, mailed at once. */
export function immediateMail(n: Item, displayName: string, appUrl: string): MailContent {
  return compose(`[${PRODUCT}] ${n.title}`, displayName, [n], appUrl, 'Bạn nhận được thông báo sau.', 'You have the following notification.');
}

/** A day's notifications in one mail. */
export function digestMail(items: Item[], displayName: string, appUrl: string, day: string): MailContent {
  return compose(
    `[${PRODUCT}] Tổng hợp thông báo ngày ${formatDateVi(day)} (${items.length})`,
    displayName,
    items,
    appUrl,
    `Tổng hợp ${items.length} thông báo trong ngày.`,
    `A digest of ${items.length} notification(s) of the day.`,
  );
}

function compose(subject: string, displayName: string, items: Item[], appUrl: string, introVi: string, introEn: string): MailContent {
  const base = appUrl.replace(/\/$/, '');
  const url = (link: string) => `${base}${link}`;
  const text = [
    `Kính gửi ${displayName},`,
    '',
    introVi,
    '',
    ...items.flatMap((n) => [`• ${n.title}`, `  ${n.body}`, `  Xem và xử lý: ${url(n.link)}`, '']),
    `Thay đổi cách nhận thư thông báo: ${url(PREFERENCES_ROUTE)}`,
    '',
    '— English —',
    introEn,
    '',
    ...items.flatMap((n) => [`• ${n.titleEn}`, `  ${n.bodyEn}`, `  Open: ${url(n.link)}`, '']),
    `Mail settings: ${url(PREFERENCES_ROUTE)}`,
    '',
    `${PRODUCT} — thư gửi tự động, vui lòng không trả lời. / An automatic message: please do not reply.`,
  ].join('\n');
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escape(subject)}</title></head><body style="font-family:Arial,sans-serif;line-height:1.5">
<p>Kính gửi ${escape(displayName)},</p><p>${escape(introVi)}</p>
${items.map((n) => `<p><strong>${escape(n.title)}</strong><br>${escape(n.body)}<br><a href="${escape(url(n.link))}">Xem và xử lý</a></p>`).join('\n')}
<p><a href="${escape(url(PREFERENCES_ROUTE))}">Thay đổi cách nhận thư thông báo</a></p>
<hr><div lang="en"><p>${escape(introEn)}</p>
${items.map((n) => `<p><strong>${escape(n.titleEn)}</strong><br>${escape(n.bodyEn)}<br><a href="${escape(url(n.link))}">Open</a></p>`).join('\n')}
</div><p style="color:#666">${PRODUCT} — thư gửi tự động, vui lòng không trả lời.</p></body></html>`;
  return { subject, text, html };
}
