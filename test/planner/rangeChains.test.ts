// rangeChains: which ranges of a plan are read one after another (one chain) and which are merged.
import { describe, expect, it } from 'vitest';
import { rangeChains } from '../../src/planner/rangeChains';
import type { IndexPlan, IndexRange } from '../../src/planner/types';

const plan = (ranges: IndexRange[], sortKey: string[], order: 'asc' | 'desc' = 'asc'): IndexPlan =>
  ({ kind: 'index', keyFields: ['a', 'b', '_creationTime'], ranges, sortKey, order }) as unknown as IndexPlan;
const point = (...eq: unknown[]): IndexRange => ({ eq: eq as never });
const chained = (p: IndexPlan) => {
  const chains = rangeChains(p);
  return chains.length === 1 ? chains[0]!.map((range) => JSON.stringify(range)) : null;
};

describe('rangeChains', () => {
  it('points on the order field, given in any order, become one chain in the read order', () => {
    const ranges = [point(3), point(1), point(2)];
    expect(chained(plan(ranges, ['a', '_creationTime']))).toEqual(
      [point(1), point(2), point(3)].map((r) => JSON.stringify(r)),
    );
    expect(chained(plan(ranges, ['a', '_creationTime'], 'desc'))).toEqual(
      [point(3), point(2), point(1)].map((r) => JSON.stringify(r)),
    );
  });

  it("a ne's two intervals chain, and so do points on the second field under one equal first", () => {
    const below: IndexRange = { eq: [], interval: { upper: { value: 5, inclusive: false } } };
    const above: IndexRange = { eq: [], interval: { lower: { value: 5, inclusive: false } } };
    expect(chained(plan([above, below], ['a']))).toEqual([below, above].map((r) => JSON.stringify(r)));
    expect(chained(plan([point('x', 2), point('x', 1)], ['b', '_creationTime']))).toHaveLength(2);
  });

  it('merges ranges that overlap, or whose rows interleave in the order (or no order on their field)', () => {
    const touching: IndexRange[] = [
      { eq: [], interval: { upper: { value: 5, inclusive: true } } },
      { eq: [], interval: { lower: { value: 5, inclusive: true } } },
    ];
    expect(chained(plan(touching, ['a']))).toBeNull();
    // Points on `a` read in `b` order (`a in [...]` ordered by `b`), or in `_creationTime` order (no orderBy).
    expect(chained(plan([point(1), point(2)], ['b', '_creationTime']))).toBeNull();
    expect(chained(plan([point(1), point(2)], ['_creationTime', '_id']))).toBeNull();
    // Points on `b` under different `a`s.
    expect(chained(plan([point(1, 1), point(2, 2)], ['b']))).toBeNull();
    // A single range is its own chain.
    expect(rangeChains(plan([point(1)], ['a']))).toEqual([[point(1)]]);
  });
});
