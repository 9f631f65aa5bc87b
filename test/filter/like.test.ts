import { describe, expect, it } from 'vitest';
import { escapeLike, likePrefix, likeToRegExp } from '../../src/filter/like';

describe('LIKE patterns', () => {
  it('extracts the literal prefix and recognises prefix% patterns', () => {
    expect(likePrefix('abc%')).toEqual({ prefix: 'abc', exactPrefixPattern: true });
    expect(likePrefix('ab%c')).toEqual({ prefix: 'ab', exactPrefixPattern: false });
    expect(likePrefix('a_%')).toEqual({ prefix: 'a', exactPrefixPattern: false });
    expect(likePrefix('50\\%%')).toEqual({ prefix: '50%', exactPrefixPattern: true });
    expect(likePrefix('exact')).toEqual({ prefix: 'exact', exactPrefixPattern: false });
  });

  it('escapeLike makes a string match itself literally', () => {
    const raw = '100%_\\done';
    expect(likeToRegExp(escapeLike(raw), false).test(raw)).toBe(true);
    expect(likeToRegExp(escapeLike(raw), false).test('100x_\\done')).toBe(false);
  });

  it('matches across newlines and astral characters', () => {
    expect(likeToRegExp('a%b', false).test('a\nb')).toBe(true);
    expect(likeToRegExp('_', false).test('😀')).toBe(true);
  });
});
