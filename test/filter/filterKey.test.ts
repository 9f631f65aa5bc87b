import { describe, expect, it } from 'vitest';
import { filterKey } from '../../src/filter/filterKey';
import type { FilterNode } from '../../src/filter/tree';
import { describeFilter } from '../../src/planner/describe';

const compare = (value: unknown): FilterNode => ({ kind: 'compare', field: 'k', op: 'eq', value: value as never });
const bytesOf = (...values: number[]) => new Uint8Array(values).buffer;

describe('filterKey: the exact name of a filter tree', () => {
  it('tells apart values that explain() prints alike (bytes), or that JSON would (-0, NaN, Infinity)', () => {
    expect(describeFilter(compare(bytesOf(1, 2)))).toBe(describeFilter(compare(bytesOf(1, 3))));
    expect([0, -0, Number.NaN, Number.POSITIVE_INFINITY, null].map((value) => describeFilter(compare(value)))).toEqual([
      'k = 0',
      'k = -0',
      'k = NaN',
      'k = Infinity',
      'k = null',
    ]);
    const apart: [unknown, unknown][] = [
      [bytesOf(1, 2), bytesOf(1, 3)],
      [0, -0],
      [Number.NaN, null],
      [Number.POSITIVE_INFINITY, null],
      [1, 1n],
    ];
    for (const [a, b] of apart) expect(filterKey(compare(a))).not.toBe(filterKey(compare(b)));
  });

  it('names equal trees alike and keeps structure, fields, operators and negation apart', () => {
    const children = (value: string): FilterNode[] => [
      compare(value),
      { kind: 'isNull', field: 'deletedAt', negated: false },
    ];
    const tree = (value: string): FilterNode => ({ kind: 'or', children: children(value) });
    expect(filterKey(tree('a'))).toBe(filterKey(tree('a')));
    const distinct: FilterNode[] = [
      tree('a'),
      tree('b'),
      { kind: 'and', children: children('a') },
      { kind: 'in', field: 'k', values: ['a', 'b'], negated: false },
      { kind: 'in', field: 'k', values: ['a', 'b'], negated: true },
      { kind: 'in', field: 'k', values: ['a,b'], negated: false },
      { kind: 'like', field: 'k', pattern: 'a%', caseInsensitive: false, negated: false },
      { kind: 'like', field: 'k', pattern: 'a%', caseInsensitive: true, negated: false },
      { kind: 'compare', field: 'j', op: 'eq', value: 'a' },
      { kind: 'compare', field: 'k', op: 'ne', value: 'a' },
      { kind: 'columns', field: 'k', op: 'eq', other: 'a' },
      { kind: 'not', child: compare('a') },
      { kind: 'relation', relation: 'posts', filter: compare('a') },
      { kind: 'relation', relation: 'posts', filter: null },
      { kind: 'const', value: true },
      { kind: 'test', label: 'rule', test: () => true },
    ];
    expect(new Set(distinct.map(filterKey)).size).toBe(distinct.length);
  });
});
