import { convexTable, createOrm, defineRelations, integer, placeholder, searchIndex, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

// KnownKeysOnly (src/query/types/config.ts) checked the keys of `columns`, `where`, `orderBy`, `_count`
// and `with` but left other config objects unchecked: an unknown key inside `search`, or inside `_sum` /
// `_avg` / `_min` / `_max` of aggregate / groupBy, type-checked beside a valid key; at run time each is
// INVALID_QUERY (parseSearch: 'takes only index and query'; aggregate/spec.ts: 'not a column' / 'cannot use').

const posts = convexTable('posts', { title: text().notNull(), status: text().notNull(), views: integer() }, (t) => [
  searchIndex('search_title').on(t.title).filter(t.status),
]);
const relations = defineRelations({ posts });
const orm = createOrm({ relations });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('unknown keys inside search and aggregate field objects are type errors', () => {
  it('search takes only index and query', () => {
    // @ts-expect-error search has no "filter" (INVALID_QUERY at run time); filter with where
    db.query.posts.findMany({ search: { index: 'search_title', query: 'a', filter: { status: 'x' } } });
    // @ts-expect-error search has no "limit"
    db.query.posts.findFirst({ search: { index: 'search_title', query: 'a', limit: 3 } });
    const page = { numItems: 1, cursor: null };
    // @ts-expect-error search has no "fields"
    db.query.posts.paginate(page, { search: { index: 'search_title', query: 'a', fields: 1 } });
    // @ts-expect-error search has no "filter" in a query to prepare either
    orm.query.posts.findMany({ search: { index: 'search_title', query: 'a', filter: { status: placeholder('s') } } });
    expectTypeOf(db).not.toBeAny();
  });

  it('_min / _max / _sum / _avg name columns of the right kind only', () => {
    // @ts-expect-error no column "titel" (INVALID_QUERY at run time)
    db.query.posts.aggregate({ _min: { title: true, titel: true } });
    // @ts-expect-error _sum of a text column (INVALID_QUERY at run time)
    db.query.posts.aggregate({ _sum: { views: true, title: true } });
    // @ts-expect-error _avg of a text column
    db.query.posts.groupBy({ by: ['status'], _avg: { views: true, status: true } });
    // @ts-expect-error no column "veiws"
    db.query.posts.groupBy({ by: ['status'], _max: { title: true, veiws: true } });
  });
});
