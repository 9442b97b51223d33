import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from './error-codes.js';
import { gatherErrorTables } from './errors.js';
import { SIGNATURE_ERRORS } from '../signatures/signatures.errors.js';

describe('error tables', () => {
  it('refuses a code declared by two features', () => {
    expect(() => gatherErrorTables({ A: { status: 404, vi: 'a', en: 'a' } }, { A: { status: 409, vi: 'b', en: 'b' } })).toThrow('Error code A is declared twice');
  });

  it('gives every code a status and words in both languages', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect({ code, vi: entry.vi.length > 0, en: entry.en.length > 0 }).toEqual({ code, vi: true, en: true });
    }
  });

  it('tells a signer what to do, never which configuration variable to set', () => {
    for (const [code, entry] of Object.entries(SIGNATURE_ERRORS)) {
      expect({ code, vi: entry.vi.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g), en: entry.en.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g) }).toEqual({ code, vi: null, en: null });
    }
    expect(SIGNATURE_ERRORS.SIGNING_NOT_CONFIGURED.vi).toContain('đề nghị quản trị hệ thống');
  });
});
