/**
 * Download names that keep their Vietnamese letters: `Content-Disposition: attachment` with an RFC 6266 / RFC 8187
 * (formerly 5987) `filename*` in UTF-8 ("Quyết định 125-QĐ-UBND.pdf") and a plain ASCII `filename` for clients that
 * read only that one ("Quyet dinh 125-QD-UBND.pdf"). Built by the `content-disposition` package (jshttp).
 */
import { create } from 'content-disposition';

/** Characters no file system accepts in a name (and the path separators): replaced by a hyphen. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** The name as saved: NFC, without path separators or characters file systems refuse, never empty. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE, '-').replace(/\s+/g, ' ').trim();
  return cleaned.length > 0 ? cleaned : 'tai-lieu';
}

/** The ASCII fallback: marks dropped after NFD, Đ/đ mapped by hand, anything else outside ASCII replaced. */
export function asciiFileName(name: string): string {
  return safeFileName(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
}

/** The `Content-Disposition` header value of a download named `name`. */
export function attachment(name: string): string {
  const safe = safeFileName(name);
  return create(safe, { type: 'attachment', fallback: asciiFileName(safe) });
}

/** The `Content-Disposition` of a file shown in the page (a PDF or picture previewed), named for a later save. */
export function inlineName(name: string): string {
  const safe = safeFileName(name);
  return create(safe, { type: 'inline', fallback: asciiFileName(safe) });
}
