import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { accepts } from '../../src/cli/schemaDiff';
import { validatorJson } from '../../src/migrations/validatorJson';

const widens = (after: Parameters<typeof validatorJson>[0], before: Parameters<typeof validatorJson>[0]) =>
  accepts(validatorJson(after), validatorJson(before));

describe('accepts: does the new validator take every value the old one did?', () => {
  it.each([
    ['the same validator', v.string(), v.string()],
    ['any', v.any(), v.object({ a: v.string() })],
    ['a literal by its type', v.string(), v.literal('a')],
    ['a bigint literal by int64', v.int64(), v.literal(1n)],
    ['an enum by a larger enum', v.union(v.literal('a'), v.literal('b')), v.literal('a')],
    ['a union member by the union', v.union(v.string(), v.float64()), v.float64()],
    ['an id by a string', v.string(), v.id('users')],
    ['arrays of wider elements', v.array(v.union(v.null(), v.string())), v.array(v.string())],
    [
      'objects with a new optional field',
      v.object({ a: v.string(), b: v.optional(v.string()) }),
      v.object({ a: v.string() }),
    ],
    ['objects with a field made optional', v.object({ a: v.optional(v.string()) }), v.object({ a: v.string() })],
  ])('widens: %s', (_name, after, before) => {
    expect(widens(after, before)).toBe(true);
  });

  it.each([
    ['another type', v.float64(), v.string()],
    ['a narrower enum', v.literal('a'), v.union(v.literal('a'), v.literal('b'))],
    ['a literal for its type', v.literal('a'), v.string()],
    ['a string for an id', v.id('users'), v.string()],
    ['an id of another table', v.id('posts'), v.id('users')],
    ['float64 for int64', v.float64(), v.int64()],
    ['objects with a new required field', v.object({ a: v.string(), b: v.string() }), v.object({ a: v.string() })],
    ['objects without a field', v.object({}), v.object({ a: v.string() })],
    ['objects with a field made required', v.object({ a: v.string() }), v.object({ a: v.optional(v.string()) })],
    ['records that differ', v.record(v.string(), v.float64()), v.record(v.string(), v.string())],
  ])('narrows: %s', (_name, after, before) => {
    expect(widens(after, before)).toBe(false);
  });
});
