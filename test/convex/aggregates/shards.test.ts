import { describe, expect, it } from 'vitest';
import { shardOf } from '../../../src/aggregate/buckets';
import { eq } from '../../../src/index';
import { authors, backend, backfillAll, notes, posts, tables, twoAuthors } from './fixture';

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

  it('a key whose buckets add up to no rows (a bucket from before its shard) is no group', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a, b] = await run(twoAuthors);
    await run((db) =>
      db.insert(posts).values([
        { title: 'a1', authorId: a!._id, status: 'draft' },
        { title: 'b1', authorId: b!._id, status: 'draft' },
      ]),
    );
    // As written before shards: a's bucket has no shard, so the delete below offsets it from another.
    await t.run(async (ctx) => {
      const buckets = (await ctx.db.query('aggregate_bucket').collect()) as unknown as Bucket[];
      const old = buckets.find((bucket) => bucket.index === 'posts_by_author' && bucket.k0 === a!._id)!;
      const { _id, _creationTime, shard, ...rest } = old as Bucket & { _creationTime: number };
      await ctx.db.replace(_id as never, rest as never);
    });
    await run((db) => db.delete(posts).where(eq(posts.authorId, a!._id)));
    const groups = await run((db) => db.query.posts.groupBy({ by: ['authorId'], _count: true }));
    expect(groups).toEqual([{ authorId: b!._id, _count: 1 }]);
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
