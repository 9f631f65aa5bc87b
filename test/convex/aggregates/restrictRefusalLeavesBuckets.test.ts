/**
 * docs/aggregates.md: a statement that fails writes nothing, buckets included. Deleting two authors
 * whose cascade (posts, comments, each with aggregate indexes) reaches a `restrict` reference
 * (pins) is refused with FOREIGN_KEY_VIOLATION; caught in the same mutation, the rows and buckets
 * are as before, and served counts, sums and groupBy match the rows.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  type AnyColumn,
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

const authors = convexTable('authors', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('authors')
      .notNull()
      .references((): AnyColumn => authors._id, { onDelete: 'cascade' }),
    views: integer(),
  },
  (t) => [
    index('by_author').on(t.authorId),
    aggregateIndex('p_author').on(t.authorId).count().sum(t.views),
    aggregateIndex('p_all').all().count().sum(t.views),
  ],
);
const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references((): AnyColumn => posts._id, { onDelete: 'cascade' }),
    n: integer().notNull(),
  },
  (t) => [index('by_post').on(t.postId), aggregateIndex('c_post').on(t.postId).count().sum(t.n).shards(1)],
);
const pins = convexTable(
  'pins',
  {
    commentId: id('comments')
      .notNull()
      .references((): AnyColumn => comments._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_comment').on(t.commentId)],
);
const all = { authors, posts, comments, pins };
const schema = defineSchema(all);
const relations = defineRelations(all);
const orm = createOrm({ relations });

it('a cascade refused by a restrict two levels down leaves rows and buckets as they were', async () => {
  const t = convexTest(schema, modules);
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, Object.values(all).map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a, b] = await db
      .insert(authors)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning({ _id: authors._id });
    const ps = await db
      .insert(posts)
      .values([
        { title: 'a1', authorId: a!._id, views: 1 },
        { title: 'a2', authorId: a!._id, views: 2 },
        { title: 'b1', authorId: b!._id, views: 4 },
      ])
      .returning({ _id: posts._id });
    const cs = await db
      .insert(comments)
      .values(
        ps.flatMap((p, i) => [
          { postId: p._id, n: i },
          { postId: p._id, n: 10 + i },
        ]),
      )
      .returning({ _id: comments._id });
    // The last comment (of b's post) is pinned: deleting b must be refused.
    await db.insert(pins).values({ commentId: cs[cs.length - 1]!._id });
    return { a: a!._id, b: b!._id };
  });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const error = await db
      .delete(authors)
      .where({ _id: { in: [ids.a, ids.b] } })
      .then(
        () => null,
        (e: any) => e?.data?.code ?? String(e),
      );
    const rawPosts: any[] = await ctx.db.query('posts').collect();
    const rawComments: any[] = await ctx.db.query('comments').collect();
    const served = {
      posts: await db.query.posts.aggregate({ _count: true, _sum: { views: true } }),
      byA: await db.query.posts.count({ where: { authorId: ids.a } }),
      byB: await db.query.posts.count({ where: { authorId: ids.b } }),
      comments: await db.query.comments.groupBy({ by: ['postId'], _count: true, _sum: { n: true } }),
      explain: (await db.query.posts.count({ where: { authorId: ids.a } }).explain()).aggregate,
    };
    return { error, rawPosts: rawPosts.length, rawComments: rawComments.length, served };
  });
  expect(out.error).toBe('FOREIGN_KEY_VIOLATION');
  expect(out.rawPosts).toBe(3);
  expect(out.rawComments).toBe(6);
  expect(out.served.explain).toMatch(/^aggregate index p_author/);
  expect(out.served.posts).toEqual({ _count: 3, _sum: { views: 7 } });
  expect(out.served.byA).toBe(2);
  expect(out.served.byB).toBe(1);
  expect(out.served.comments.map((g: any) => g._count)).toEqual([2, 2, 2]);
});
