/**
 * Vietnamese text folded for search: "Nguyễn Văn Đông" and "nguyen van dong" fold to the same string.
 *
 * The same folding exists twice and the two must agree: here (the user's query), and in the database as
 * `fold_vietnamese(text)` (created by the Movements migration; the stored names are folded by it inside the
 * search indexes). Both decompose (NFD), drop the combining marks U+0300–U+036F (Vietnamese tones and the
 * circumflex, breve and horn), map đ/Đ to d (a letter of its own, not a mark) and lower-case.
 * test/lookup.e2e-spec.ts checks on both database paths that the database folds every Vietnamese letter as
 * this function does.
 */

/** Pure: NFD, strip combining marks, đ → d, lower case. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** The words of a query, folded: only letters and digits, as the `simple` text-search parser keeps them. */
export function searchWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
}

/**
 * A `to_tsquery('simple', …)` text in which every word of the query must begin a word of the name, in any
 * order ("nguyen va" finds "Nguyễn Văn An", "tan dinh" finds "Trường THCS Tân Dĩnh"). Words hold only
 * [a-z0-9], so nothing in them is tsquery syntax. Null when the query has no words.
 */
export function prefixQuery(text: string): string | null {
  const words = searchWords(text);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** The folded query as one phrase (words separated by single spaces), for ranking exact and phrase matches. */
export function foldedPhrase(text: string): string {
  return searchWords(text).join(' ');
}

/** Escapes LIKE's wildcards, so that user text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
