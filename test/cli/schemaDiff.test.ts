import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { accepts, diffSnapshots } from '../../src/cli/schemaDiff';
import type { ConstraintSnapshot, TableSnapshot } from '../../src/cli/snapshot';
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

describe('diffSnapshots: constraints stored documents may break', () => {
  const table = (constraints?: ConstraintSnapshot[]): TableSnapshot => ({
    columns: {},
    indexes: [],
    searchIndexes: [],
    vectorIndexes: [],
    ...(constraints ? { constraints } : {}),
  });
  const unique = (fields: string[], nullsNotDistinct = false): ConstraintSnapshot => ({
    kind: 'unique',
    name: 'u',
    fields,
    nullsNotDistinct,
  });
  const diff = (before: TableSnapshot, after: TableSnapshot) =>
    diffSnapshots(
      { version: 1, tables: { t: before } },
      { version: 1, tables: { t: after } },
      { renames: [], drops: [] },
    ).constraints.map(({ change }) => change);

  it.each<[string, ConstraintSnapshot, ConstraintSnapshot]>([
    ['nulls made distinct', unique(['a'], true), unique(['a'])],
    ['a field added to the key', unique(['a']), unique(['a', 'b'])],
    ['a field added, nulls not distinct before and after', unique(['a'], true), unique(['a', 'b'], true)],
  ])('looser, nothing to verify: %s', (_name, before, after) => {
    expect(diff(table([before]), table([after]))).toEqual([]);
  });

  it.each<[string, ConstraintSnapshot, ConstraintSnapshot]>([
    ['nulls made not distinct', unique(['a']), unique(['a'], true)],
    ['a field removed from the key', unique(['a', 'b']), unique(['a'])],
    ['a field added, nulls made not distinct', unique(['a']), unique(['a', 'b'], true)],
    [
      'a check changed',
      { kind: 'check', name: 'c', filter: 'gte("a",n1)' },
      { kind: 'check', name: 'c', filter: 'gte("a",n2)' },
    ],
  ])('may be stricter, to verify: %s', (_name, before, after) => {
    expect(diff(table([before]), table([after]))).toEqual(['changed']);
  });

  it('new constraints of an existing table are added; of a new table, nothing (it starts empty); a snapshot without constraints names them all', () => {
    expect(diff(table([]), table([unique(['a'])]))).toEqual(['added']);
    expect(diff(table(), table([unique(['a'])]))).toEqual(['unrecorded']);
    expect(
      diffSnapshots(
        { version: 1, tables: {} },
        { version: 1, tables: { t: table([unique(['a'])]) } },
        { renames: [], drops: [] },
      ).constraints,
    ).toEqual([]);
  });
});
