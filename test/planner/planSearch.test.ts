import { describe, expect, it } from 'vitest';
import { convexTable, getTableConfig, parseWhere, searchIndex, text } from '../../src/index';
import { planSearch } from '../../src/planner/planSearch';

const posts = convexTable('posts', { title: text().notNull(), status: text().notNull() }, (t) => [
  searchIndex('search_title').on(t.title).filter(t.status),
]);
const table = getTableConfig(posts);
const index = table.searchIndexes[0]!;
const plan = (where: object) =>
  planSearch({ table: 'posts', index, query: 'intro', filter: parseWhere(where, { table }) });

describe('planSearch', () => {
  it('an equality on a filter field goes into withSearchIndex; the rest is residual', () => {
    expect(plan({ status: 'published', title: { like: 'a%' } })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: { kind: 'like', field: 'title' },
    });
  });

  it('a like without a wildcard on a filter field is that equality; with one (or ilike) it stays residual', () => {
    expect(plan({ status: { like: 'published' } })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: null,
    });
    expect(plan({ status: { like: 'pub%' } })).toMatchObject({ filters: [], residual: { kind: 'like' } });
    expect(plan({ status: { ilike: 'published' } })).toMatchObject({ filters: [], residual: { kind: 'like' } });
    expect(plan({ status: { notLike: 'published' } })).toMatchObject({ filters: [], residual: { kind: 'like' } });
  });

  it('an in list beside one value on the same field (a rule and the query): the value both allow filters the search', () => {
    expect(plan({ AND: [{ status: { in: ['draft', 'published'] } }, { status: 'published' }] })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: null,
    });
    // A value the list does not hold: no search at all, so no result tells what the other value's rows hold.
    expect(plan({ AND: [{ status: { in: ['draft'] } }, { status: 'published' }] })).toMatchObject({ kind: 'empty' });
  });

  it('ranges that allow one value together are that equality: the search filters by it', () => {
    expect(plan({ status: { gte: 'published', lte: 'published' } })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: null,
    });
    // A `like` beside the point says more than its interval: it stays residual.
    expect(plan({ status: { gte: 'published', lte: 'published', like: '%ish%' } })).toMatchObject({
      filters: [{ field: 'status', value: 'published' }],
      residual: { kind: 'like', field: 'status' },
    });
    // A range of more than one value, or an exclusive bound, is no equality.
    expect(plan({ status: { gte: 'a', lte: 'b' } })).toMatchObject({ filters: [], residual: { kind: 'and' } });
    expect(plan({ status: { gt: 'a', lte: 'a' } })).toMatchObject({ kind: 'empty' });
    // isNull is no filter equality: Convex's equality on null also takes documents without the field.
    expect(plan({ status: { isNull: true } })).toMatchObject({ filters: [], residual: { kind: 'isNull' } });
  });

  it("takes at most Convex's 8 filter equalities, in the index's field order; the others stay residual", () => {
    const fields = Array.from({ length: 10 }, (_, i) => `f${i}`);
    const wide = convexTable(
      'wide',
      { body: text().notNull(), ...Object.fromEntries(fields.map((f) => [f, text().notNull()])) },
      (t) => [
        searchIndex('search_body')
          .on(t.body)
          .filter(...[...fields].reverse().map((f) => (t as unknown as Record<string, typeof t.body>)[f]!)),
      ],
    );
    const config = getTableConfig(wide);
    const where = parseWhere(Object.fromEntries(fields.map((f) => [f, 'x'])), { table: config });
    const planned = planSearch({ table: 'wide', index: config.searchIndexes[0]!, query: 'a', filter: where });
    expect(planned).toMatchObject({
      filters: ['f9', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3', 'f2'].map((field) => ({ field, value: 'x' })),
      residual: { kind: 'and', children: [{ field: 'f0' }, { field: 'f1' }] },
    });
  });
});
