import { describe, expect, it } from 'vitest';
import { evaluateFilter, matchesFilter } from '../../src/filter/evaluate';
import type { FilterNode } from '../../src/filter/tree';

const cmp = (field: string, op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', value: never | unknown): FilterNode =>
  ({ kind: 'compare', field, op, value }) as FilterNode;

describe('evaluateFilter: SQL three-valued logic', () => {
  const absent = {};
  const isNullRow = { age: null };
  const set = { age: 40 };

  it('a comparison with a null or absent value is UNKNOWN, never true or false', () => {
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const) {
      expect(evaluateFilter(cmp('age', op, 30), absent)).toBeNull();
      expect(evaluateFilter(cmp('age', op, 30), isNullRow)).toBeNull();
    }
    expect(evaluateFilter(cmp('age', 'eq', null), { age: null })).toBeNull();
    expect(evaluateFilter(cmp('age', 'gt', 30), set)).toBe(true);
    expect(evaluateFilter(cmp('age', 'ne', 40), set)).toBe(false);
  });

  it('NOT of UNKNOWN stays UNKNOWN; AND/OR are Kleene', () => {
    const unknown = cmp('age', 'gt', 30);
    expect(evaluateFilter({ kind: 'not', child: unknown }, absent)).toBeNull();
    const yes: FilterNode = { kind: 'const', value: true };
    const no: FilterNode = { kind: 'const', value: false };
    expect(evaluateFilter({ kind: 'and', children: [unknown, no] }, absent)).toBe(false);
    expect(evaluateFilter({ kind: 'and', children: [unknown, yes] }, absent)).toBeNull();
    expect(evaluateFilter({ kind: 'or', children: [unknown, yes] }, absent)).toBe(true);
    expect(evaluateFilter({ kind: 'or', children: [unknown, no] }, absent)).toBeNull();
  });

  it('NOT { OR: [age > 30, verified] } excludes a row whose age is null and verified is false (DESIGN.md 5)', () => {
    const filter: FilterNode = {
      kind: 'not',
      child: { kind: 'or', children: [cmp('age', 'gt', 30), cmp('verified', 'eq', true)] },
    };
    expect(matchesFilter(filter, { age: null, verified: false })).toBe(false);
    expect(matchesFilter(filter, { age: 20, verified: false })).toBe(true);
  });

  it('isNull matches absent and null and is never UNKNOWN', () => {
    const isNullNode: FilterNode = { kind: 'isNull', field: 'age', negated: false };
    expect([absent, isNullRow, set].map((row) => evaluateFilter(isNullNode, row))).toEqual([true, true, false]);
    const isNotNull: FilterNode = { kind: 'isNull', field: 'age', negated: true };
    expect([absent, isNullRow, set].map((row) => evaluateFilter(isNotNull, row))).toEqual([false, false, true]);
  });

  it('IN / NOT IN follow SQL, including a null in the list', () => {
    const inNode = (values: unknown[], negated = false) =>
      ({ kind: 'in', field: 'age', values, negated }) as FilterNode;
    expect(evaluateFilter(inNode([40, 50]), set)).toBe(true);
    expect(evaluateFilter(inNode([1, 2]), set)).toBe(false);
    expect(evaluateFilter(inNode([1, null]), set)).toBeNull();
    expect(evaluateFilter(inNode([1, 2], true), set)).toBe(true);
    expect(evaluateFilter(inNode([1, 2], true), absent)).toBeNull();
    expect(evaluateFilter(inNode([1, null], true), set)).toBeNull();
  });

  it('compares in Convex value order, not JavaScript order', () => {
    // Every bigint sorts before every number; strings compare by UTF-8 bytes.
    expect(evaluateFilter(cmp('n', 'lt', 0.1), { n: 5n })).toBe(true);
    expect(evaluateFilter(cmp('s', 'gt', '\uFFFF'), { s: '😀' })).toBe(true);
    expect(evaluateFilter(cmp('o', 'eq', { a: [1, 2] }), { o: { a: [1, 2] } })).toBe(true);
  });

  it('LIKE on a non-string is UNKNOWN; patterns honour %, _ and escapes', () => {
    const like = (pattern: string, caseInsensitive = false, negated = false): FilterNode => ({
      kind: 'like',
      field: 's',
      pattern,
      caseInsensitive,
      negated,
    });
    expect(evaluateFilter(like('a%'), { s: 1 })).toBeNull();
    expect(evaluateFilter(like('a_c'), { s: 'abc' })).toBe(true);
    expect(evaluateFilter(like('a\\_c'), { s: 'abc' })).toBe(false);
    expect(evaluateFilter(like('a\\_c'), { s: 'a_c' })).toBe(true);
    expect(evaluateFilter(like('A%'), { s: 'abc' })).toBe(false);
    expect(evaluateFilter(like('A%', true), { s: 'abc' })).toBe(true);
    expect(evaluateFilter(like('%.c', false, true), { s: 'a.c' })).toBe(false);
    expect(evaluateFilter(like('a.c'), { s: 'abc' })).toBe(false);
  });

  it('array operators: contains, contained, overlaps', () => {
    const arr = (op: 'contains' | 'contained' | 'overlaps', values: unknown[]) =>
      ({ kind: 'array', field: 'tags', op, values }) as FilterNode;
    const row = { tags: ['a', 'b'] };
    expect(evaluateFilter(arr('contains', ['a']), row)).toBe(true);
    expect(evaluateFilter(arr('contains', ['a', 'c']), row)).toBe(false);
    expect(evaluateFilter(arr('contained', ['a', 'b', 'c']), row)).toBe(true);
    expect(evaluateFilter(arr('contained', ['a']), row)).toBe(false);
    expect(evaluateFilter(arr('overlaps', ['c', 'b']), row)).toBe(true);
    expect(evaluateFilter(arr('overlaps', ['c']), { tags: null })).toBeNull();
  });

  it('relation nodes are answered by the resolver', () => {
    const node: FilterNode = { kind: 'relation', relation: 'posts', filter: null };
    expect(evaluateFilter(node, {}, () => true)).toBe(true);
    expect(() => evaluateFilter(node, {})).toThrow(/No resolver for relation filter "posts"/);
    expect(() => evaluateFilter(node, {})).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });
});
