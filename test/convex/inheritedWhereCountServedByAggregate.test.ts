// Claim check (no existing test combines these): docs/queries.md "Relations" says an inverse
// relation without its own `where` inherits the reverse relation's filter, applied to its own
// *source* row ("with posts.author = r.one.users({ ..., where: { verified: true } }), an unverified
// user's posts is []"), as Drizzle rc.5 does (reference drizzle-v1.md §1.3 step 4, [verified]), and
// explain()'s `parentFilter` is "tested on the parent row before anything is read". `_count` of such
// a relation is answered by an aggregate index on the foreign key (docs "_count"), whose buckets
// know nothing of the parent's `verified`: the count must still be 0 for an unverified author with
// posts, and so must a relation order by count and a relation filter agree, on the per-key and the
// span paths. An unverified parent's count reads nothing beyond the parent rows.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  integer,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { countReads } from '../../src/testing/index';

const users = convexTable('users', { name: text().notNull(), verified: boolean().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id),
    rank: integer().notNull(),
  },
  (t) => [aggregateIndex('posts_by_author').on(t.authorId).count().shards(1)],
);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { verified: true } }) },
}));

async function backend() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    // u0..u5: u<i> has i posts; even users are verified.
    for (let u = 0; u < 6; u++) {
      const author = await ctx.db.insert('users', { name: `u${u}`, verified: u % 2 === 0 });
      for (let p = 0; p < u; p++) await ctx.db.insert('posts', { title: `p${u}.${p}`, authorId: author, rank: p });
    }
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [getTableConfig(posts)], 100));
    if (step.batch === null) return t;
  }
}

const expected = [
  { name: 'u0', _count: { posts: 0 } },
  { name: 'u1', _count: { posts: 0 } }, // unverified: 1 post, none through the relation
  { name: 'u2', _count: { posts: 2 } },
  { name: 'u3', _count: { posts: 0 } }, // unverified: 3 posts
  { name: 'u4', _count: { posts: 4 } },
  { name: 'u5', _count: { posts: 0 } }, // unverified: 5 posts
];

describe('_count of an inverse relation inheriting the reverse where, served by an aggregate index', () => {
  it.each([
    ['per key', createOrm({ relations })],
    ['span (few index ranges left)', createOrm({ relations, transactionBudget: { indexRanges: 6 } })],
  ] as const)('%s: unverified authors count 0, as their posts load is []', async (_label, orm) => {
    const t = await backend();
    const counted = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ columns: { name: true }, _count: { posts: true } }),
    );
    expect(counted).toEqual(expected);
    const explained = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.users.findMany({ columns: { name: true }, _count: { posts: true } })
        .explain(),
    );
    expect((explained as { _count?: Record<string, unknown> })._count?.posts).toMatch(
      /aggregate index posts_by_author/,
    );
    const loaded = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ columns: { name: true }, with: { posts: { columns: { title: true } } } }),
    );
    expect(loaded.map((u) => ({ name: u.name, _count: { posts: u.posts.length } }))).toEqual(expected);
    const ordered = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ columns: { name: true }, orderBy: { posts: 'desc(count)', name: 'asc' } }),
    );
    expect(ordered.map((u) => u.name)).toEqual(['u4', 'u2', 'u0', 'u1', 'u3', 'u5']);
    const filtered = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({ columns: { name: true }, where: { posts: true } }),
    );
    expect(filtered.map((u) => u.name)).toEqual(['u2', 'u4']);
  });

  it('the counts of unverified authors read nothing beyond the author rows', async () => {
    const t = await backend();
    const orm = createOrm({ relations });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ columns: { name: true }, where: { verified: false }, _count: { posts: true } });
      return { rows, reads: { ...reads } };
    });
    expect(out.rows).toEqual([
      { name: 'u1', _count: { posts: 0 } },
      { name: 'u3', _count: { posts: 0 } },
      { name: 'u5', _count: { posts: 0 } },
    ]);
    // users has no index on verified: one full scan of the 6 users, and no count read at all.
    expect(out.reads).toEqual({ documents: 6, ranges: 1 });
  });
});
