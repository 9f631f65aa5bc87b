import { describe, expect, it } from 'vitest';
import { compileLike, escapeLike, likePrefix, matchCodePoints, matchesLike } from '../../src/filter/like';

const like = (pattern: string, value: string) => matchesLike(compileLike(pattern, false), value);
const ilike = (pattern: string, value: string) => matchesLike(compileLike(pattern, true), value);

/** The code points of `value` behind a proxy that counts every position the matcher reads. */
function counted(value: string): { text: ArrayLike<string>; reads: () => number } {
  const chars = Array.from(value);
  let reads = 0;
  const text = new Proxy(chars, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { text, reads: () => reads };
}

describe('LIKE patterns', () => {
  it('extracts the literal prefix and recognises prefix% patterns and patterns without a wildcard', () => {
    expect(likePrefix('abc%')).toEqual({ prefix: 'abc', exactPrefixPattern: true, whole: false });
    expect(likePrefix('ab%c')).toEqual({ prefix: 'ab', exactPrefixPattern: false, whole: false });
    expect(likePrefix('a_%')).toEqual({ prefix: 'a', exactPrefixPattern: false, whole: false });
    expect(likePrefix('ab_')).toEqual({ prefix: 'ab', exactPrefixPattern: false, whole: false });
    expect(likePrefix('50\\%%')).toEqual({ prefix: '50%', exactPrefixPattern: true, whole: false });
    expect(likePrefix('exact')).toEqual({ prefix: 'exact', exactPrefixPattern: false, whole: true });
    // Escaped wildcards are literals: the pattern matches '100%_' alone.
    expect(likePrefix('100\\%\\_')).toEqual({ prefix: '100%_', exactPrefixPattern: false, whole: true });
    expect(likePrefix('')).toEqual({ prefix: '', exactPrefixPattern: false, whole: true });
  });

  it('escapeLike makes a string match itself literally', () => {
    const raw = '100%_\\done';
    expect(like(escapeLike(raw), raw)).toBe(true);
    expect(like(escapeLike(raw), '100x_\\done')).toBe(false);
  });

  it('matches across newlines and astral characters', () => {
    expect(like('a%b', 'a\nb')).toBe(true);
    expect(like('_', '😀')).toBe(true);
    expect(like('__', '😀')).toBe(false);
  });

  it('matches anchored at both ends, with % as any run and _ as one code point', () => {
    const cases: [string, string, boolean][] = [
      ['', '', true],
      ['', 'a', false],
      ['%', '', true],
      ['%', 'anything', true],
      ['abc', 'abc', true],
      ['abc', 'abcd', false],
      ['a%', 'a', true],
      ['%a', 'ba', true],
      ['%a', 'ab', false],
      ['a%c', 'abbbc', true],
      ['a%c', 'ac', true],
      ['a%c', 'acb', false],
      ['a%b%c', 'axbyc', true],
      ['a%b%c', 'axcyb', false],
      ['%ab%ab%', 'abab', true],
      ['%ab%ab%', 'aba', false],
      ['a%a', 'a', false],
      ['_%_', 'a', false],
      ['_%_', 'ab', true],
      ['%_b_%', 'xxbx', true],
      ['%_b_%', 'bx', false],
      ['%%', 'x', true],
      ['a\\%', 'a%', true],
      ['a\\%', 'ab', false],
      ['a\\_', 'a_', true],
      ['a\\_', 'ab', false],
      ['a\\\\', 'a\\', true],
      ['a\\', 'a\\', true],
      ['\\a', 'a', true],
      ['Hello%', 'hello world', false],
    ];
    for (const [pattern, value, expected] of cases)
      expect([pattern, value, like(pattern, value)]).toEqual([pattern, value, expected]);
  });

  it('ilike folds each code point as Postgres lower() does under UTF-8', () => {
    expect(ilike('hello%', 'HeLLo world')).toBe(true);
    expect(ilike('äbc', 'ÄBC')).toBe(true);
    // lower('ΣΑΣ') is 'σασ' in Postgres (no final sigma), lower('İ') is 'i'.
    expect(ilike('σασ', 'ΣΑΣ')).toBe(true);
    expect(ilike('σας', 'ΣΑΣ')).toBe(false);
    expect(ilike('i', 'İ')).toBe(true);
    expect(ilike('_', 'İ')).toBe(true);
    expect(ilike('strasse', 'straße')).toBe(false);
  });

  it('does linear work on patterns a backtracking matcher explodes on', () => {
    const pattern = compileLike('%a%a%a%a%a%a%a%a%b', false);
    const unanchored = compileLike('%a%a%a%a%a%a%a%a%b%', false);
    for (const size of [1_000, 10_000, 100_000]) {
      const { text, reads } = counted('a'.repeat(size));
      expect(matchCodePoints(unanchored, text)).toBe(false);
      // A read per position searched for `b`, one per `%a`: never more than one pass.
      expect(reads()).toBeLessThanOrEqual(size + 8);
    }
    const { text, reads } = counted(`${'a'.repeat(50_000)}b`);
    expect(matchCodePoints(pattern, text)).toBe(true);
    expect(reads()).toBeLessThanOrEqual(20);
  });

  it('finishes a pathological match on a million characters', () => {
    expect(like('%a%a%a%a%a%a%a%a%a%a%a%a%b', 'a'.repeat(1_000_000))).toBe(false);
    expect(ilike('%A%A%A%A%A%A%A%A%A%A%A%A%_C', `${'a'.repeat(1_000_000)}bc`)).toBe(true);
  });
});
