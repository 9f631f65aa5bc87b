import { describe, expect, it } from 'vitest';
import { shardOf } from '../../../src/aggregate/buckets';
import { authors, backend, backfillAll, notes, posts, tables } from './fixture';

type Bucket = { _id: string; index: string; k0?: unknown; shard?: number; count: number };

describe('aggregate bucket shards (hot keys)', () => {
  it('inserts under one key spread over its shards; each insert writes only the bucket its _id picks', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a] = await run((db) => db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id }));
    const byAuthor = tables[1]!.aggregateIndexes[0]!;
    const buckets = () =>
      t.run(async (ctx) =>
        ((await ctx.db.query('aggregate_bucket').collect()) as unknown as Bucket[]).filter(
          (bucket) => bucket.index === 'posts_by_author',
        ),
      );
    for (let i = 0; i < 12; i++) {
      const before = await buckets();
      const [post] = await run((db) =>
        db
          .insert(posts)
          .values({ title: `p${i}`, authorId: a!._id, status: 'draft' })
          .returning({ _id: posts._id }),
      );
      const after = await buckets();
      const changed = after.filter((bucket) => before.find((old) => old._id === bucket._id)?.count !== bucket.count);
      expect(changed.map((bucket) => bucket.shard)).toEqual([shardOf(byAuthor, post!._id)]);
    }
    const final = await buckets();
    // 12 rows over the default 4 shards: every shard used, their counts adding up to the key's count.
    expect(final.map((bucket) => bucket.shard).sort()).toEqual([0, 1, 2, 3]);
    expect(final.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(12);
    expect(await run((db) => db.query.posts.count({ where: { authorId: a!._id } }))).toBe(12);
  });

  it('.shards(1) keeps one bucket per key', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    await run((db) => db.insert(notes).values(Array.from({ length: 10 }, () => ({ body: 'n', rank: 1 }))));
    const buckets = await t.run(async (ctx) =>
      ((await ctx.db.query('aggregate_bucket').collect()) as unknown as Bucket[]).filter(
        (bucket) => bucket.index === 'notes_by_rank',
      ),
    );
    expect(buckets.map(({ k0, shard, count }) => ({ k0, shard, count }))).toEqual([{ k0: 1, shard: 0, count: 10 }]);
  });
});
