import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './audit-hash.js';

/** The outcome of a serialiser: its text, or the message it throws. */
function outcome(serialise: (value: unknown) => string | undefined, value: unknown): { text?: string; error?: string } {
  try {
    return { text: serialise(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('canonicalJson: the RFC 8785 text the canonicalize library gives, faster', () => {
  it('agrees with the library on any JSON value (as the driver parses jsonb)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on any full-Unicode strings, keys and numbers', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    const value = fc.dictionary(text, fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(text)));
    fc.assert(fc.property(value, (v) => expect(canonicalJson(v)).toBe(canonicalize(v))), { numRuns: 2000 });
  });

  it('agrees on what is not plain JSON: undefined members, Dates, nested toJSON, and refuses what the library refuses', () => {
    const cases: unknown[] = [
      { a: undefined, b: 1 },
      [1, undefined, 2],
      { at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)) },
      { nested: { toJSON: () => ({ z: 1, a: [2, 'x'] }) } },
      { s: 'a\uD800b' },
      { ['k\uDC00']: 1 },
      { n: Number.POSITIVE_INFINITY },
      { n: Number.NaN },
      { n: -0, m: 1e21, small: 1e-7 },
      'é\u2028\u0000"\\',
    ];
    for (const c of cases) expect(outcome(canonicalJson, c)).toEqual(outcome(canonicalize, c));
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expect(() => canonicalJson(circular)).toThrow('Circular reference detected');
  });
});
