import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { getTableConfig } from '../../src/schema/table';
import { backfillAll } from '../convex/aggregates/fixture';
import { orm, posts, schema, users } from './aggregates';
import { guide, missingBlocks, tsBlocks } from './guideBlocks';

/** Ada's posts: views 10, 20 and none, published at 1 and 5 and not; Bob's two drafts: views 1 and 5. */
async function seeded() {
  const t = convexTest(schema, modules);
  await backfillAll(t, 100, [getTableConfig(users), getTableConfig(posts)]);
  const ada = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const [ada, bob] = await db
      .insert(users)
      .values([{ name: 'Ada' }, { name: 'Bob' }])
      .returning();
    await db.insert(posts).values([
      { title: 'a1', authorId: ada!._id, status: 'published', views: 10, publishedAt: 1 },
      { title: 'a2', authorId: ada!._id, status: 'published', views: 20, publishedAt: 5 },
      { title: 'a3', authorId: ada!._id, status: 'draft' },
      { title: 'b1', authorId: bob!._id, status: 'draft', views: 1 },
      { title: 'b2', authorId: bob!._id, status: 'draft', views: 5 },
    ]);
    return ada!._id;
  });
  return { t, ada };
}

describe('docs/aggregates.md', () => {
  it('shows the type-checked aggregates.ts', () => {
    expect(tsBlocks(guide('aggregates'))).toHaveLength(3);
    expect(missingBlocks('aggregates', ['aggregates.ts', 'aggregates.functions.ts'])).toEqual([]);
  });

  it('runs the reads: the results and the count read as their comments say', async () => {
    const { t, ada: authorId } = await seeded();
    const result = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const count = await db.query.posts.count({ where: { authorId } });
      const countReads_ = { ...reads };
      const aggregate = await db.query.posts.aggregate({
        where: { authorId },
        _count: true,
        _sum: { views: true },
        _avg: { views: true },
        _min: { publishedAt: true },
        _max: { publishedAt: true },
      });
      const groups = await db.query.posts.groupBy({
        by: ['status'],
        _count: true,
        _sum: { views: true },
        orderBy: { _count: 'desc' },
        limit: 10,
      });
      const counted = await db.query.users.findMany({ columns: { name: true }, _count: { posts: true } });
      return { count, countReads: countReads_, aggregate, groups, counted };
    });
    expect(result).toEqual({
      count: 3,
      countReads: { documents: 4, ranges: 2 }, // the index state and the 3 shards Ada's 3 posts fall in
      aggregate: {
        _count: 3,
        _sum: { views: 30 },
        _avg: { views: 15 },
        _min: { publishedAt: 1 },
        _max: { publishedAt: 5 },
      },
      groups: [
        { status: 'draft', _count: 3, _sum: { views: 6 } },
        { status: 'published', _count: 2, _sum: { views: 30 } },
      ],
      counted: [
        { name: 'Ada', _count: { posts: 3 } },
        { name: 'Bob', _count: { posts: 2 } },
      ],
    });
  });

  it('reads at most the state and 4 shards for a count, however many rows the key has', async () => {
    const { t, ada: authorId } = await seeded();
    const reads = await t.run(async (raw) => {
      await orm
        .db(raw)
        .insert(posts)
        .values(Array.from({ length: 40 }, (_, i) => ({ title: `x${i}`, authorId, status: 'draft' as const })));
      const { ctx, reads } = countReads(raw);
      expect(await orm.db(ctx).query.posts.count({ where: { authorId } })).toBe(43);
      return { ...reads };
    });
    expect(reads).toEqual({ documents: 5, ranges: 2 });
  });
});
