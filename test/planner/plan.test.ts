import { describe, expect, it } from 'vitest';
import { boolean, convexTable, getTableConfig, id, index, integer, parseWhere, text, textEnum } from '../../src/index';
import { analyzeConditions } from '../../src/planner/conditions';
import { planQuery } from '../../src/planner/plan';
import type { IndexPlan, OrderSpec, Plan } from '../../src/planner/types';

const items = convexTable(
  'items',
  { owner: text().notNull(), kind: text(), rank: integer(), name: text(), tag: text() },
  (t) => [
    index('by_owner').on(t.owner),
    index('by_owner_kind').on(t.owner, t.kind),
    index('by_owner_rank').on(t.owner, t.rank),
    index('by_name').on(t.name),
  ],
);
const table = getTableConfig(items);

function plan(where: object | null, orderBy: OrderSpec[] = [], limit?: number): Plan {
  return planQuery({
    table,
    filter: where && parseWhere(where, { table }),
    orderBy,
    ...(limit === undefined ? {} : { limit }),
  });
}
function indexPlan(where: object | null, orderBy: OrderSpec[] = [], limit?: number): IndexPlan {
  const result = plan(where, orderBy, limit);
  if (result.kind !== 'index') throw new Error(`expected an index plan, got ${result.kind}`);
  return result;
}
const asc = (field: string): OrderSpec => ({ field, direction: 'asc' });
const desc = (field: string): OrderSpec => ({ field, direction: 'desc' });

describe('planQuery', () => {
  it('inIndexOrder (a page) prefers an index that gives the order over an equality prefix that does not', () => {
    const where = parseWhere({ owner: 'a', kind: 'k' }, { table });
    const sorted = planQuery({ table, filter: where, orderBy: [asc('name')], limit: 5 });
    const paged = planQuery({ table, filter: where, orderBy: [asc('name')], limit: 5, inIndexOrder: true });
    expect(sorted).toMatchObject({ index: 'by_owner_kind', orderServed: false });
    expect(paged).toMatchObject({ index: 'by_name', orderServed: true, fullScan: true });
    // Among indexes that give the order, the longest equality prefix still wins.
    const ranked = planQuery({ table, filter: where, orderBy: [asc('rank')], inIndexOrder: true });
    expect(ranked).toMatchObject({ index: 'by_owner_rank', orderServed: true, fullScan: false });
  });

  it('equality on an indexed field: a one-field prefix, nothing residual; ties go to fewer fields', () => {
    const p = indexPlan({ owner: 'a' });
    expect(p).toMatchObject({ index: 'by_owner', ranges: [{ eq: ['a'] }], prefixLength: 1, residual: null });
    expect(p.fullScan).toBe(false);
  });

  it('on a tie, prefers pinning an id over a text, and a text over a boolean or an enum', () => {
    const posts = getTableConfig(
      convexTable(
        'posts',
        {
          authorId: id('users').notNull(),
          status: textEnum(['draft', 'live']).notNull(),
          title: text(),
          pinned: boolean(),
          publishedAt: integer(),
        },
        (t) => [
          index('by_status').on(t.status),
          index('by_pinned').on(t.pinned),
          index('by_title').on(t.title),
          index('by_author').on(t.authorId, t.publishedAt),
        ],
      ),
    );
    const chosen = (where: object) =>
      (planQuery({ table: posts, filter: parseWhere(where, { table: posts }) }) as IndexPlan).index;
    expect(chosen({ status: 'live', authorId: 'u1' })).toBe('by_author');
    expect(chosen({ pinned: true, title: 't' })).toBe('by_title');
    expect(chosen({ status: 'live', title: 't' })).toBe('by_title');
    // Otherwise still fewer fields, then the index order.
    expect(chosen({ status: 'live', pinned: true })).toBe('by_status');
  });

  it('prefers the longest equality prefix', () => {
    expect(indexPlan({ owner: 'a', kind: 'k' })).toMatchObject({
      index: 'by_owner_kind',
      ranges: [{ eq: ['a', 'k'] }],
      residual: null,
    });
  });

  it('a range on the field after the equality prefix, comparisons intersected', () => {
    const p = indexPlan({ owner: 'a', rank: { gt: 1, lte: 5, gte: 0 } });
    expect(p.index).toBe('by_owner_rank');
    expect(p.ranges).toEqual([
      { eq: ['a'], interval: { lower: { value: 1, inclusive: false }, upper: { value: 5, inclusive: true } } },
    ]);
    expect(p.residual).toBeNull();
  });

  it('an upper bound alone excludes null and absent (SQL comparisons never match null)', () => {
    const p = indexPlan({ owner: 'a', rank: { lt: 3 } });
    expect(p.ranges[0]!.interval).toEqual({
      lower: { value: null, inclusive: false },
      upper: { value: 3, inclusive: false },
    });
  });

  it('in and a same-field OR of equalities become one range per value, sorted and distinct', () => {
    expect(indexPlan({ owner: { in: ['c', 'a', 'c'] } }).ranges).toEqual([{ eq: ['a'] }, { eq: ['c'] }]);
    expect(indexPlan({ OR: [{ owner: 'b' }, { owner: { in: ['a'] } }] }).ranges).toEqual([
      { eq: ['a'] },
      { eq: ['b'] },
    ]);
    expect(indexPlan({ owner: { in: ['a', 'b'] }, kind: { in: ['x', 'y'] } }).ranges).toHaveLength(4);
  });

  it('two equalities on one field (a rule and the query) are intersected: the range reads the values both allow', () => {
    const p = indexPlan({ AND: [{ owner: { in: ['a', 'b', 'c'] } }, { owner: { in: ['d', 'c', 'b'] } }] });
    expect(p).toMatchObject({ index: 'by_owner', ranges: [{ eq: ['b'] }, { eq: ['c'] }], residual: null });
    // Whichever comes first: the query's where, or the rule ANDed after it.
    expect(indexPlan({ AND: [{ owner: 'b' }, { owner: { in: ['a', 'b'] } }] })).toMatchObject({
      ranges: [{ eq: ['b'] }],
      residual: null,
    });
  });

  it('equalities on one field that no value passes together plan no read (a where for another owner than the rule)', () => {
    expect(plan({ AND: [{ owner: 'vic' }, { owner: 'mal' }] })).toEqual({ kind: 'empty', table: 'items' });
    expect(plan({ AND: [{ owner: { in: ['a', 'b'] } }, { OR: [{ owner: 'c' }, { owner: 'd' }] }] })).toEqual({
      kind: 'empty',
      table: 'items',
    });
    // Values are equal as Convex's order has them: an integer() -0 stands for both stored zeros, so
    // beside 0 it is 0 (the zero a row passing both holds); raw -0 and 0 are two values.
    const zeros = analyzeConditions(parseWhere({ AND: [{ rank: -0 }, { rank: 0 }] }, { table }));
    expect(zeros.equalities.get('rank')).toEqual({ conjuncts: [0, 1], values: [0] });
    const raw = (value: number) => ({ kind: 'compare', field: 'rank', op: 'eq', value }) as const;
    expect(analyzeConditions({ kind: 'and', children: [raw(-0), raw(0)] }).never).toBe(true);
  });

  it('_id in beside a shorter _id list (a rule): the shorter one is read, in the order the first list gave', () => {
    const p = plan({ AND: [{ _id: { in: ['c', 'a', 'b'] } }, { _id: { in: ['a', 'c'] } }] });
    expect(p).toMatchObject({ kind: 'get', ids: ['c', 'a'] });
  });

  it('two _id lists read the ids both hold, none residual; lists sharing no id read nothing', () => {
    const p = plan({ AND: [{ _id: { in: ['c', 'a', 'b'] } }, { _id: { in: ['z', 'a'] } }] });
    expect(p).toEqual({ kind: 'get', table: 'items', ids: ['a'], residual: null, orderBy: [] });
    expect(plan({ AND: [{ _id: { in: ['c'] } }, { _id: { in: ['z', 'a'] } }] })).toEqual({
      kind: 'empty',
      table: 'items',
    });
  });

  it('ne and notIn become complement ranges that exclude null', () => {
    const p = indexPlan({ name: { ne: 'm' } });
    expect(p.index).toBe('by_name');
    expect(p.ranges.map((range) => range.interval)).toEqual([
      { lower: { value: null, inclusive: false }, upper: { value: 'm', inclusive: false } },
      { lower: { value: 'm', inclusive: false } },
    ]);
    expect(indexPlan({ name: { notIn: ['b', 'a'] } }).ranges).toHaveLength(3);
  });

  it('a NOT IN node over no values is no range: it is TRUE for null and absent fields too', () => {
    const filter = { kind: 'in', field: 'name', values: [], negated: true } as const;
    const p = planQuery({ table, filter });
    expect(p).toMatchObject({ kind: 'index', index: 'by_creation_time', residual: filter });
  });

  it('like "prefix%" becomes a prefix range; other patterns keep the residual', () => {
    const exact = indexPlan({ name: { like: 'ab%' } });
    expect(exact.ranges[0]!.interval).toEqual({
      lower: { value: 'ab', inclusive: true },
      upper: { value: 'ac', inclusive: false },
    });
    expect(exact.residual).toBeNull();
    const partial = indexPlan({ name: { like: 'ab%c' } });
    expect(partial.index).toBe('by_name');
    expect(partial.residual).toMatchObject({ kind: 'like', pattern: 'ab%c' });
    expect(indexPlan({ name: { ilike: 'ab%' } }).index).toBe('by_creation_time');
  });

  it('like without a wildcard is an equality: a prefix the next index field ranges after', () => {
    const literal = indexPlan({ owner: { like: 'a' }, rank: { gt: 3 } });
    expect(literal).toMatchObject({ index: 'by_owner_rank', residual: null });
    expect(literal.ranges).toHaveLength(1);
    expect(literal.ranges[0]).toEqual({ eq: ['a'], interval: { lower: { value: 3, inclusive: false } } });
    // Escaped wildcards are literal characters; the equality is on the unescaped string.
    expect(indexPlan({ name: { like: '100\\%' } }).ranges).toEqual([{ eq: ['100%'] }]);
    // ilike folds case and notLike is a complement: neither is an equality.
    expect(indexPlan({ owner: { ilike: 'a' }, rank: { gt: 3 } }).residual).toMatchObject({ kind: 'and' });
    expect(indexPlan({ name: { notLike: 'a' } })).toMatchObject({ index: 'by_creation_time' });
  });

  it('isNull becomes "lte null", isNotNull "gt null"', () => {
    expect(indexPlan({ name: { isNull: true } }).ranges[0]!.interval).toEqual({
      upper: { value: null, inclusive: true },
    });
    expect(indexPlan({ name: { isNotNull: true } }).ranges[0]!.interval).toEqual({
      lower: { value: null, inclusive: false },
    });
  });

  it('_id equality and in become db.get; the rest stays residual', () => {
    expect(plan({ _id: 'x', owner: 'a' })).toMatchObject({ kind: 'get', ids: ['x'], residual: { kind: 'compare' } });
  });

  it('_id in keeps the order of the list (vector search results by score), without duplicates', () => {
    expect(plan({ _id: { in: ['y', 'x', 'y', 'z'] } })).toMatchObject({
      kind: 'get',
      ids: ['y', 'x', 'z'],
      residual: null,
    });
  });

  it('what no index expresses is residual; no usable index is a full scan with a suggestion', () => {
    const p = indexPlan({ tag: 't', rank: { gt: 2 } }, [], 10);
    expect(p).toMatchObject({ index: 'by_creation_time', fullScan: true, suggestedIndex: ['tag', 'rank'] });
    expect(p.residual).toMatchObject({ kind: 'and' });
    expect(indexPlan({ owner: 'a', tag: 't' }).residual).toMatchObject({ kind: 'compare', field: 'tag' });
  });

  it('an `in` list takes one range per value up to the 4,000 a transaction may read by default, then stays residual', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${String(i).padStart(5, '0')}`);
    const fits = indexPlan({ name: { in: names(4_000) } });
    expect(fits).toMatchObject({ index: 'by_name', residual: null, fullScan: false, rangeOverflow: null });
    expect(fits.ranges).toHaveLength(4_000);
    const over = indexPlan({ name: { in: names(4_001) } });
    // by_name exists: the plan says why it went unused instead of suggesting it.
    expect(over).toMatchObject({ index: 'by_creation_time', fullScan: true, suggestedIndex: null });
    expect(over.rangeOverflow).toMatchObject({ index: 'by_name', field: 'name', ranges: 4_001 });
    // notIn: n values are n + 1 complement ranges.
    expect(indexPlan({ name: { notIn: names(3_999) } }).ranges).toHaveLength(4_000);
    expect(indexPlan({ name: { notIn: names(4_000) } }).rangeOverflow).toMatchObject({ field: 'name', ranges: 4_001 });
    // Ranges multiply across the prefix: 2 owners × 2,001 names is past the limit, so by_owner's prefix is kept.
    const product = indexPlan({ owner: { in: ['a', 'b'] }, kind: { in: names(2_001) } });
    expect(product).toMatchObject({ index: 'by_owner', prefixLength: 1 });
    expect(product.rangeOverflow).toMatchObject({ index: 'by_owner_kind', field: 'kind', ranges: 4_002 });
  });

  it('an unfiltered read is a full scan only without a limit', () => {
    expect(indexPlan(null, [], 10).fullScan).toBe(false);
    expect(indexPlan(null).fullScan).toBe(true);
    expect(indexPlan(null, [desc('_creationTime')], 5)).toMatchObject({ order: 'desc', orderServed: true });
  });

  it('an index serves orderBy on the first field after the pinned prefix', () => {
    expect(indexPlan({ owner: 'a' }, [desc('rank')])).toMatchObject({
      index: 'by_owner_rank',
      order: 'desc',
      orderServed: true,
    });
    expect(indexPlan({ owner: 'a' }, [asc('owner'), asc('kind')])).toMatchObject({
      index: 'by_owner_kind',
      orderServed: true,
    });
    expect(indexPlan({ owner: 'a' }, [asc('_creationTime')])).toMatchObject({ index: 'by_owner', orderServed: true });
  });

  it('prefers an index that serves filter and order over a longer prefix that does not', () => {
    const p = indexPlan({ owner: 'a', kind: 'k' }, [asc('rank')]);
    expect(p).toMatchObject({ index: 'by_owner_rank', orderServed: true });
    expect(p.residual).toMatchObject({ field: 'kind' });
  });

  it('prefers an equality prefix sorted in memory over a range read in order, whose reads grow with the table', () => {
    const p = indexPlan({ owner: 'a', name: { gt: 'm' } }, [asc('name')], 2);
    expect(p).toMatchObject({ index: 'by_owner', orderServed: false, ranges: [{ eq: ['a'] }] });
    expect(p.residual).toMatchObject({ field: 'name', op: 'gt' });
    // Without an equality, the range serving the order still wins.
    expect(indexPlan({ name: { gt: 'm' } }, [asc('name')], 2)).toMatchObject({ index: 'by_name', orderServed: true });
  });

  it('an order no index serves is sorted in memory; mixed directions are never index-served', () => {
    expect(indexPlan({ owner: 'a' }, [asc('tag')]).orderServed).toBe(false);
    expect(indexPlan({ owner: 'a' }, [asc('kind'), desc('_creationTime')]).orderServed).toBe(false);
    expect(indexPlan(null, [asc('name')], 3)).toMatchObject({ index: 'by_name', orderServed: true, fullScan: false });
  });

  it('several values on a prefix field keep order by merging on the rest of the key', () => {
    const p = indexPlan({ owner: { in: ['a', 'b'] } }, [desc('rank')]);
    expect(p).toMatchObject({ index: 'by_owner_rank', orderServed: true, sortKey: ['rank', '_creationTime', '_id'] });
  });

  it('a filter no row passes (a constant false, a comparison with null) plans no read', () => {
    const empty = { kind: 'empty', table: 'items' };
    expect(plan({ owner: { in: [] } })).toEqual(empty);
    expect(plan({ owner: 'a' }, [], 0).kind).toBe('empty');
    for (const op of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte']) expect(plan({ kind: { [op]: null } })).toEqual(empty);
    // `kind NOT IN ('a', NULL)` is FALSE or UNKNOWN; so are NOT, AND and OR of UNKNOWNs (SQL, evaluate.ts).
    expect(plan({ kind: { notIn: ['a', null] } })).toEqual(empty);
    expect(plan({ owner: 'a', NOT: { kind: { eq: null } } })).toEqual(empty);
    expect(plan({ OR: [{ kind: { gt: null } }, { NOT: { name: { lt: null } } }] })).toEqual(empty);
  });

  it('a condition with null that some row can pass keeps its three-valued meaning', () => {
    // NOT (kind NOT IN ('a', NULL)) is kind IN ('a', NULL), TRUE where kind is 'a'.
    expect(indexPlan({ NOT: { kind: { notIn: ['a', null] } } })).toMatchObject({
      residual: { kind: 'in', field: 'kind', values: ['a', null], negated: false },
    });
    // An OR branch no row passes adds no value: the other branch is the equality read.
    expect(indexPlan({ OR: [{ kind: { eq: null } }, { owner: 'a' }] })).toMatchObject({
      index: 'by_owner',
      ranges: [{ eq: ['a'] }],
      residual: null,
    });
    expect(indexPlan({ name: { OR: [{ eq: null }, { in: ['x', null] }] } })).toMatchObject({
      index: 'by_name',
      ranges: [{ eq: ['x'] }],
      residual: null,
    });
  });
});

describe('planQuery order with several prefix values', () => {
  it('orders by a multi-valued prefix field only in its key position', () => {
    expect(indexPlan({ owner: { in: ['a', 'b'] } }, [asc('owner'), asc('rank')])).toMatchObject({
      index: 'by_owner_rank',
      orderServed: true,
      sortKey: ['owner', 'rank', '_creationTime', '_id'],
    });
    expect(indexPlan({ owner: { in: ['a', 'b'] } }, [asc('rank'), asc('owner')]).orderServed).toBe(false);
  });
});
