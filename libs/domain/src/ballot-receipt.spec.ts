import { describe, expect, it } from '@jest/globals';
import { CROCKFORD_ALPHABET, formatReceipt, readReceipt } from './ballot-receipt.js';

const values = [7, 19, 3, 21, 23, 9, 29, 13, 2, 27, 17, 25, 11, 4, 31];

describe('ballot receipts', () => {
  it('are four groups of four symbols of Crockford base32, the last one a check symbol', () => {
    const receipt = formatReceipt(values);
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(receipt.slice(0, 4)).toBe('7K3N');
    expect(readReceipt(receipt)).toEqual({ kind: 'receipt', canonical: receipt });
  });

  it('forgive case, spaces, hyphens and the look-alikes O, I and L', () => {
    const receipt = formatReceipt([0, 1, 0, 1, 0, 1, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const typed = ` ${receipt.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o').replace(/1/g, (_, i: number) => (i % 2 ? 'I' : 'l'))} `;
    expect(readReceipt(typed)).toEqual({ kind: 'receipt', canonical: receipt });
  });

  it('detect every single wrong symbol but 0 for Z, and every swap of two different neighbours but 0 with Z', () => {
    const symbols = formatReceipt(values).replace(/-/g, '');
    for (let i = 0; i < symbols.length; i++) {
      for (const c of CROCKFORD_ALPHABET) {
        if (c === symbols[i] || (`${c}${symbols[i]}` === '0Z' || `${c}${symbols[i]}` === 'Z0')) continue;
        expect(readReceipt(`${symbols.slice(0, i)}${c}${symbols.slice(i + 1)}`)).toEqual({ kind: 'mistyped', reason: 'check' });
      }
    }
    for (let i = 0; i + 1 < symbols.length; i++) {
      if (symbols[i] === symbols[i + 1]) continue;
      const swapped = `${symbols.slice(0, i)}${symbols[i + 1]}${symbols[i]}${symbols.slice(i + 2)}`;
      expect(readReceipt(swapped).kind).toBe('mistyped');
    }
  });

  it('tell a receipt of the first format (base64url, case kept) from a short or foreign one', () => {
    expect(readReceipt(' q7Zr_2mX-k0LpA9sWe4b ')).toEqual({ kind: 'legacy', canonical: 'q7Zr_2mX-k0LpA9sWe4b' });
    expect(readReceipt('7K3P-NQ9D')).toEqual({ kind: 'mistyped', reason: 'length' });
    expect(readReceipt('7K3P-NQ9D-2VHT-B4R!')).toEqual({ kind: 'mistyped', reason: 'symbol' });
    expect(() => formatReceipt([1, 2, 3])).toThrow(RangeError);
  });
});
