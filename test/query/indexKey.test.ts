import { describe, expect, it } from 'vitest';
import type { IndexPlan, Interval } from '../../src/planner/types';
import { chainsAfter, chainsUpTo } from '../../src/query/indexKey';

// An index on (status, rank): ranges pin status and bound rank; the sort key is rank, then the
// creation time and `_id`.
const plan = (order: 'asc' | 'desc', ...intervals: Interval[]) =>
  ({
    order,
    keyFields: ['status', 'rank', '_creationTime'],
    sortKey: ['rank', '_creationTime', '_id'],
    ranges: intervals.map((interval) => ({ eq: ['a'], interval })),
  }) as unknown as IndexPlan;
const below5: Interval = { upper: { value: 5, inclusive: false } };
const above5: Interval = { lower: { value: 5, inclusive: false } };

describe('chainsAfter: the ranges read after a key, one chain (read in turn) per planned range', () => {
  it('splits the interval the key stands in and keeps the later ones whole (ne 5, ascending)', () => {
    expect(chainsAfter(plan('asc', below5, above5), [3, 100, 'id'])).toEqual([
      [
        { eq: ['a', 3], interval: { lower: { value: 100, inclusive: false } } },
        { eq: ['a'], interval: { lower: { value: 3, inclusive: false }, upper: { value: 5, inclusive: false } } },
      ],
      [{ eq: ['a'], interval: above5 }],
    ]);
  });

  it('leaves out the intervals read before the key', () => {
    expect(chainsAfter(plan('asc', below5, above5), [7, 100, 'id'])).toEqual([
      [
        { eq: ['a', 7], interval: { lower: { value: 100, inclusive: false } } },
        { eq: ['a'], interval: { lower: { value: 7, inclusive: false } } },
      ],
    ]);
  });

  it('reads in descending order (ranges in read order): the intervals below the key come after it', () => {
    expect(chainsAfter(plan('desc', above5, below5), [7, 100, 'id'])).toEqual([
      [
        { eq: ['a', 7], interval: { upper: { value: 100, inclusive: false } } },
        { eq: ['a'], interval: { lower: { value: 5, inclusive: false }, upper: { value: 7, inclusive: false } } },
      ],
      [{ eq: ['a'], interval: below5 }],
    ]);
    expect(chainsAfter(plan('desc', above5, below5), [3, 100, 'id'])).toEqual([
      [
        { eq: ['a', 3], interval: { upper: { value: 100, inclusive: false } } },
        { eq: ['a'], interval: { upper: { value: 3, inclusive: false } } },
      ],
    ]);
  });

  it('a key on an exclusive bound stands outside the interval; on an inclusive one, inside', () => {
    const atFive = [5, 100, 'id'];
    expect(chainsAfter(plan('asc', above5), atFive)).toEqual([[{ eq: ['a'], interval: above5 }]]);
    const fromFive: Interval = { lower: { value: 5, inclusive: true } };
    expect(chainsAfter(plan('asc', fromFive), atFive)).toEqual([
      [
        { eq: ['a', 5], interval: { lower: { value: 100, inclusive: false } } },
        { eq: ['a'], interval: { lower: { value: 5, inclusive: false } } },
      ],
    ]);
  });
});

// A page pinned by endCursor reads its chains cut at the end's key, inclusive, so no range holds a row
// past it: "up to (rank, t)" is (before rank), then (rank, up to t).
describe('chainsUpTo: the chains cut at an end key, the mirror of chainsAfter', () => {
  const whole = (p: IndexPlan) => p.ranges.map((range) => [range]);

  it('cuts the interval the key stands in and leaves out the later ones (ne 5, ascending)', () => {
    const ne5 = plan('asc', below5, above5);
    expect(chainsUpTo(ne5, whole(ne5), [3, 100, 'id'])).toEqual([
      [
        { eq: ['a'], interval: { upper: { value: 3, inclusive: false } } },
        { eq: ['a', 3], interval: { upper: { value: 100, inclusive: true } } },
      ],
    ]);
    expect(chainsUpTo(ne5, whole(ne5), [7, 100, 'id'])).toEqual([
      [{ eq: ['a'], interval: below5 }],
      [
        { eq: ['a'], interval: { lower: { value: 5, inclusive: false }, upper: { value: 7, inclusive: false } } },
        { eq: ['a', 7], interval: { upper: { value: 100, inclusive: true } } },
      ],
    ]);
  });

  it('reads in descending order: the intervals above the key come before it', () => {
    const ne5 = plan('desc', above5, below5);
    expect(chainsUpTo(ne5, whole(ne5), [7, 100, 'id'])).toEqual([
      [
        { eq: ['a'], interval: { lower: { value: 7, inclusive: false } } },
        { eq: ['a', 7], interval: { lower: { value: 100, inclusive: true } } },
      ],
    ]);
  });

  it('cuts the chains a cursor resumed: ranges read before the end kept, the one it stands in cut, the rest left out', () => {
    const ne5 = plan('asc', below5, above5);
    const after = chainsAfter(ne5, [3, 100, 'id']);
    expect(chainsUpTo(ne5, after, [7, 50, 'id'])).toEqual([
      after[0],
      [
        { eq: ['a'], interval: { lower: { value: 5, inclusive: false }, upper: { value: 7, inclusive: false } } },
        { eq: ['a', 7], interval: { upper: { value: 50, inclusive: true } } },
      ],
    ]);
    // Start and end on one rank: one range between their creation times.
    expect(chainsUpTo(ne5, after, [3, 200, 'id'])).toEqual([
      [{ eq: ['a', 3], interval: { lower: { value: 100, inclusive: false }, upper: { value: 200, inclusive: true } } }],
    ]);
  });

  it('a key on an exclusive bound stands outside the interval; on an inclusive one, inside, and nothing is read before it', () => {
    const atFive = [5, 100, 'id'];
    expect(chainsUpTo(plan('asc', above5), whole(plan('asc', above5)), atFive)).toEqual([]);
    const fromFive: Interval = { lower: { value: 5, inclusive: true } };
    // (rank in [5, 5)) holds no value: not opened.
    expect(chainsUpTo(plan('asc', fromFive), whole(plan('asc', fromFive)), atFive)).toEqual([
      [{ eq: ['a', 5], interval: { upper: { value: 100, inclusive: true } } }],
    ]);
  });
});
