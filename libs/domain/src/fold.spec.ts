import { describe, expect, it } from '@jest/globals';
import { escapeLike, foldVietnamese, foldedPhrase, prefixQuery, searchWords } from './fold.js';

describe('foldVietnamese', () => {
  it('drops tones and letter marks, maps đ to d, lower-cases', () => {
    expect(foldVietnamese('Nguyễn Văn Đông')).toBe('nguyen van dong');
    expect(foldVietnamese('TRƯỜNG THPT NGÔ SĨ LIÊN')).toBe('truong thpt ngo si lien');
    expect(foldVietnamese('Hộ ông Trần Văn Minh – Ứng Hòa')).toBe('ho ong tran van minh – ung hoa');
  });

  it('folds a decomposed (NFD) name exactly as the composed one', () => {
    const composed = 'Lạng Giang';
    expect(foldVietnamese(composed.normalize('NFD'))).toBe(foldVietnamese(composed));
  });
});

describe('query words', () => {
  it('keeps letters and digits only, so that nothing in a query is tsquery or LIKE syntax', () => {
    expect(searchWords("  Nguyễn-Văn  A's & | ! :* (x) ")).toEqual(['nguyen', 'van', 'a', 's', 'x']);
    expect(prefixQuery('nguyen van')).toBe('nguyen:* & van:*');
    expect(prefixQuery('!!!')).toBeNull();
    expect(foldedPhrase('Trường  THCS–Tân Dĩnh')).toBe('truong thcs tan dinh');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
