// Bad input: a resultValidator shape that is no object (an array, a string, a Map) was read as a
// query config: `[]` threw "\"with\" must be an object" (a key the caller never gave), a string
// "A query config must be an object", and a Map passed as `{}`. It is INVALID_QUERY naming the
// table and what was given. An absent shape (or `null`, for JavaScript callers) is `{}`.
import { describe, expect, it } from 'vitest';
import { OrmError, resultValidator } from '../../src/index';
import { relations } from './authorsBooks';

function refusal(shape: unknown): OrmError | undefined {
  try {
    resultValidator(relations, 'authors', shape as never);
  } catch (error) {
    if (error instanceof OrmError) return error;
    throw error;
  }
  return undefined;
}

describe('resultValidator with a shape that is no object', () => {
  it.each([
    ['an array', []],
    ['"columns"', 'columns'],
    ['5', 5],
    ['a Map', new Map()],
  ])('%s is INVALID_QUERY naming the table and what was given', (given, shape) => {
    const error = refusal(shape);
    expect(error?.code).toBe('INVALID_QUERY');
    expect(error?.message).toContain('The resultValidator shape of "authors" must be an object');
    expect(error?.message).toContain(`got ${given}`);
  });

  it('an absent shape, null and an object of no prototype are shapes', () => {
    for (const shape of [undefined, null, Object.create(null), { columns: { name: true } }]) {
      expect(refusal(shape)).toBeUndefined();
    }
    expect(Object.keys(resultValidator(relations, 'authors', { columns: { name: true } }).fields)).toEqual(['name']);
  });
});
