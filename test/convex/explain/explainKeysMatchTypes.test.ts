// Every key explain() returns at run time, at any depth (findMany with relation filters, orders,
// loads and _count; search; paginate; count and groupBy; selects with joins, grouping and $count),
// is a key of its declared type (QueryExplain, SelectExplain, JoinExplain); the key lists are
// Record<keyof X, true>, so tsc keeps them equal to the types.
import { expect, it } from 'vitest';
import { count, eq, type JoinExplain, type QueryExplain, type SelectExplain } from '../../../src/index';
import { plain, posts, ruled, users, world } from './explainReviewFixture';

const queryKeys: Record<keyof QueryExplain, true> = {
  table: true,
  read: true,
  index: true,
  indexes: true,
  ranges: true,
  residual: true,
  search: true,
  order: true,
  fullScan: true,
  suggestedIndex: true,
  unusedIndex: true,
  rangesRead: true,
  boundWithin: true,
  scanBudget: true,
  aggregate: true,
  load: true,
  parentFilter: true,
  junction: true,
  exists: true,
  with: true,
  orderReads: true,
  prepared: true,
  page: true,
  cursors: true,
  _count: true,
  fromEarlierRead: true,
};
const selectKeys: Record<keyof SelectExplain, true> = {
  table: true,
  read: true,
  index: true,
  indexes: true,
  ranges: true,
  residual: true,
  search: true,
  order: true,
  fullScan: true,
  suggestedIndex: true,
  unusedIndex: true,
  rangesRead: true,
  boundWithin: true,
  scanBudget: true,
  aggregate: true,
  exists: true,
  joins: true,
  filter: true,
  groupBy: true,
  having: true,
  execution: true,
  counts: true,
};
const joinKeys: Record<keyof JoinExplain, true> = {
  table: true,
  read: true,
  index: true,
  indexes: true,
  ranges: true,
  residual: true,
  search: true,
  order: true,
  fullScan: true,
  suggestedIndex: true,
  unusedIndex: true,
  rangesRead: true,
  boundWithin: true,
  exists: true,
  kind: true,
  on: true,
  load: true,
  before: true,
  condition: true,
};

function untyped(e: unknown, kind: 'query' | 'select' | 'join', path: string, out: string[]) {
  const known = kind === 'query' ? queryKeys : kind === 'select' ? selectKeys : joinKeys;
  for (const [k, v] of Object.entries(e as object)) {
    if (!(k in known)) out.push(`${path}.${k}`);
    if (k === 'exists' || k === 'with' || k === 'orderReads')
      for (const [n, s] of Object.entries(v)) untyped(s, 'query', `${path}.${k}.${n}`, out);
    if (k === 'junction') untyped(v, 'query', `${path}.junction`, out);
    if (k === 'joins') for (const [i, j] of (v as unknown[]).entries()) untyped(j, 'join', `${path}.joins[${i}]`, out);
    if (k === 'counts') for (const [n, s] of Object.entries(v)) untyped(s, 'select', `${path}.counts.${n}`, out);
  }
}

it('explain keys are typed', async () => {
  const t = await world();
  const out = await t.run(async (ctx) => {
    const found: string[] = [];
    for (const orm of [plain, ruled]) {
      const db = orm.db(ctx);
      untyped(
        db.query.users
          .findMany({
            where: { posts: { title: 'x' } },
            orderBy: { posts: 'desc(count)' },
            with: { posts: true, profile: true },
            _count: { posts: true },
          })
          .explain(),
        'query',
        'fm',
        found,
      );
      untyped(
        db.query.posts.findMany({ search: { index: 'search_title', query: 'a' }, with: { author: true } }).explain(),
        'query',
        'search',
        found,
      );
      if (orm === plain)
        untyped(
          db.query.posts.paginate({ numItems: 2, cursor: null }, { where: { authorId: 'x' as never } }).explain(),
          'query',
          'page',
          found,
        );
      untyped(await db.query.posts.count({ where: { authorId: 'x' as never } }).explain(), 'query', 'count', found);
      untyped(
        await db.query.users.groupBy({ by: ['org'], _count: true, _sum: { age: true } }).explain(),
        'query',
        'groupBy',
        found,
      );
      untyped(
        db
          .select({ n: users.name, c: count(), k: db.$count(posts, eq(posts.authorId, users._id)) })
          .from(users)
          .leftJoin(posts, eq(posts.authorId, users._id))
          .groupBy(users._id, users.name)
          .explain(),
        'select',
        'select',
        found,
      );
      untyped(
        db
          .select({ n: users.name, k: db.$count(posts, eq(posts.authorId, users._id)) })
          .from(users)
          .explain(),
        'select',
        'select2',
        found,
      );
    }
    return found;
  });
  expect(out).toEqual([]);
});
