import { describe, expect, it } from 'vitest';
import { filterKey } from '../../src/filter/filterKey';
import type { FilterNode } from '../../src/filter/tree';
import { describeFilter } from '../../src/planner/describe';

const compare = (value: unknown): FilterNode => ({ kind: 'compare', field: 'k', op: 'eq', value: value as never });
const bytesOf = (...values: number[]) => new Uint8Array(values).buffer;

describe('filterKey: the exact name of a filter tree', () => {
  it('tells apart values that explain() prints alike', () => {
    const alike: [unknown, unknown][] = [
      [bytesOf(1, 2), bytesOf(1, 3)],
      [0, -0],
      [Number.NaN, null],
      [Number.POSITIVE_INFINITY, null],
    ];
    for (const [a, b] of alike) {
      expect(describeFilter(compare(a))).toBe(describeFilter(compare(b)));
      expect(filterKey(compare(a))).not.toBe(filterKey(compare(b)));
    }
    expect(filterKey(compare(1))).not.toBe(filterKey(compare(1n)));
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
