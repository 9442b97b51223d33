/**
 * The receipt of a secret ballot, as a person copies it by hand: Crockford's base32 (no I, L, O or U, so nothing
 * looks like 1 or 0), 15 random symbols and one check symbol, in four groups of four ("7K3M-Q9XD-2VHT-B4RA").
 * Typing is forgiven the way Crockford's alphabet intends (lower case, O for 0, I or L for 1, hyphens and spaces
 * anywhere); the check symbol tells a mistyped receipt from one that is simply not in the urn.
 *
 * The check is a weighted sum of the symbols' values modulo 31 (a prime, so every single wrong symbol and every
 * swap of two neighbours changes it, except a 0 typed for a Z or the reverse), written as one more symbol of the
 * alphabet. Receipts issued before this format (20 characters of base64url) still verify: they are not
 * normalised, since their case matters.
 *
 * Pure: the caller supplies the random symbols' values.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random symbols in a receipt (75 bits), followed by one check symbol. */
export const RECEIPT_RANDOM_SYMBOLS = 15;
const RECEIPT_SYMBOLS = RECEIPT_RANDOM_SYMBOLS + 1;
const GROUP = 4;

function checkSymbol(values: readonly number[]): string {
  const sum = values.reduce((acc, v, i) => acc + v * (i + 1), 0);
  return CROCKFORD_ALPHABET[sum % 31]!;
}

const group = (symbols: string) => symbols.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** A receipt from 15 random values in 0..31 (the caller draws them), with its check symbol, grouped. */
export function formatReceipt(values: readonly number[]): string {
  if (values.length !== RECEIPT_RANDOM_SYMBOLS || values.some((v) => !Number.isInteger(v) || v < 0 || v > 31)) {
    throw new RangeError(`a receipt needs ${RECEIPT_RANDOM_SYMBOLS} values in 0..31`);
  }
  return group(values.map((v) => CROCKFORD_ALPHABET[v]!).join('') + checkSymbol(values));
}

export type ReceiptReading =
  /** A receipt of the current format, written the way it was issued (the urn keeps the hash of this form). */
  | { kind: 'receipt'; canonical: string }
  /** A receipt of the first format (base64url, 20 characters), taken as typed. */
  | { kind: 'legacy'; canonical: string }
  /** Neither: a symbol outside the alphabet, too many or too few symbols, or a check symbol that does not match. */
  | { kind: 'mistyped'; reason: 'length' | 'symbol' | 'check' };

const LEGACY = /^[A-Za-z0-9_-]{20}$/;

/** Reads a receipt as a person typed it. */
export function readReceipt(typed: string): ReceiptReading {
  const trimmed = typed.trim();
  const symbols = trimmed.replace(/[\s-]+/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const inAlphabet = [...symbols].every((c) => CROCKFORD_ALPHABET.includes(c));
  if (symbols.length === RECEIPT_SYMBOLS && inAlphabet) {
    const values = [...symbols].map((c) => CROCKFORD_ALPHABET.indexOf(c));
    if (checkSymbol(values.slice(0, RECEIPT_RANDOM_SYMBOLS)) !== symbols[RECEIPT_RANDOM_SYMBOLS]) return { kind: 'mistyped', reason: 'check' };
    return { kind: 'receipt', canonical: group(symbols) };
  }
  // An old receipt has 20 characters and usually a lower-case letter, an underscore or a hyphen inside a group.
  if (LEGACY.test(trimmed)) return { kind: 'legacy', canonical: trimmed };
  if (!inAlphabet) return { kind: 'mistyped', reason: 'symbol' };
  return { kind: 'mistyped', reason: 'length' };
}
