import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { andNodes, type FilterNode } from '../../src/filter/tree';
import { convexTable, getTableConfig, index, integer, text } from '../../src/index';
import { planParams } from '../../src/planner/bind';
import { planQuery } from '../../src/planner/plan';
import type { OrderSpec } from '../../src/planner/types';

// A keyed read (a relation's or a join's, its key bound per parent or row) tells the planner its key
// columns (`pinned`): only an index whose equality prefix pins them all is chosen, the best of those as
// without a key; the others only when no index pins the key (DESIGN.md sections 6 and 14).
const links = convexTable('links', { a: text(), b: text(), c: text(), d: text(), e: text(), rank: integer() }, (t) => [
  index('by_c').on(t.c),
  index('by_c_d_rank').on(t.c, t.d, t.rank),
  index('by_a').on(t.a),
  index('by_a_rank').on(t.a, t.rank),
  index('by_b_a').on(t.b, t.a),
]);
const table = getTableConfig(links);
const withE = getTableConfig(
  convexTable('links', { a: text(), c: text(), e: text() }, (t) => [index('by_c').on(t.c), index('by_e').on(t.e)]),
);

const eq = (field: string, value: Value): FilterNode => ({ kind: 'compare', field, op: 'eq', value });
const [P0, P1] = planParams(2) as [Value, Value];
const desc = (field: string): OrderSpec => ({ field, direction: 'desc' });

describe('planQuery with a pinned key (a keyed read)', () => {
  it('an index pinning the key wins over a longer equality prefix that also serves the order', () => {
    const filter = andNodes([eq('a', P0), eq('c', 'x'), eq('d', 'y')]);
    // Unkeyed, the longest prefix serving the order wins: a walk of by_c_d_rank with `a` residual.
    expect(planQuery({ table, filter, orderBy: [desc('rank')] })).toMatchObject({ index: 'by_c_d_rank' });
    // Keyed by `a`: among the indexes pinning `a`, the one that also serves the order.
    expect(planQuery({ table, filter, orderBy: [desc('rank')], limit: 1, pinned: ['a'] })).toMatchObject({
      kind: 'index',
      index: 'by_a_rank',
      ranges: [{ eq: [P0] }],
      orderServed: true,
      order: 'desc',
      residual: andNodes([eq('c', 'x'), eq('d', 'y')]),
      fullScan: false,
    });
    // Without an order, the shortest index pinning `a` (ties by fewer fields, as unkeyed).
    expect(planQuery({ table, filter, pinned: ['a'] })).toMatchObject({ index: 'by_a', ranges: [{ eq: [P0] }] });
  });

  it('a two-column key is pinned in any order within the prefix, over an unrelated prefix serving the order', () => {
    const filter = andNodes([eq('a', P0), eq('b', P1), eq('c', 'x'), eq('d', 'y')]);
    expect(planQuery({ table, filter, orderBy: [desc('rank')] })).toMatchObject({ index: 'by_c_d_rank' });
    expect(planQuery({ table, filter, orderBy: [desc('rank')], pinned: ['a', 'b'] })).toMatchObject({
      index: 'by_b_a',
      ranges: [{ eq: [P1, P0] }],
      orderServed: false,
      residual: andNodes([eq('c', 'x'), eq('d', 'y')]),
    });
    // An index pinning only part of the key does not count as pinning it.
    expect(
      planQuery({ table, filter: andNodes([eq('a', P0), eq('d', P1), eq('c', 'x')]), pinned: ['a', 'd'] }),
    ).toMatchObject({ index: 'by_c_d_rank', ranges: [{ eq: ['x', P1] }] });
  });

  it('an equal-length tie goes to the index pinning the key, not the first declared', () => {
    const filter = andNodes([eq('a', P0), eq('c', 'x')]);
    expect(planQuery({ table, filter })).toMatchObject({ index: 'by_c' });
    expect(planQuery({ table, filter, pinned: ['a'] })).toMatchObject({
      index: 'by_a',
      ranges: [{ eq: [P0] }],
      residual: eq('c', 'x'),
    });
  });

  it('falls back to the best index of all when none pins the key; `_id` keys stay db.get', () => {
    const filter = andNodes([eq('e', P0), eq('c', 'x')]);
    // No index pins `e`: the plan is the unkeyed one (by_c, the key residual).
    expect(planQuery({ table, filter, pinned: ['e'] })).toEqual(planQuery({ table, filter }));
    expect(planQuery({ table, filter, pinned: ['e'] })).toMatchObject({ index: 'by_c', residual: eq('e', P0) });
    // Once an index pins it, that index is read (by_c is declared first and ties with it).
    expect(planQuery({ table: withE, filter, pinned: ['e'] })).toMatchObject({ index: 'by_e', residual: eq('c', 'x') });
    // Nothing narrows and nothing pins the key: the full scan of the unkeyed plan, with its suggestion.
    expect(planQuery({ table, filter: eq('e', P0), pinned: ['e'] })).toMatchObject({
      index: 'by_creation_time',
      fullScan: true,
      suggestedIndex: ['e'],
    });
    expect(planQuery({ table, filter: andNodes([eq('_id', P0), eq('c', 'x')]), pinned: ['_id'] })).toMatchObject({
      kind: 'get',
      ids: [P0],
      residual: eq('c', 'x'),
    });
  });
});
