// docs/aggregates.md "Costs" says a `_count` of a relation served by an aggregate index reads "1 state per query + up
// to `s` buckets per distinct parent key", and docs/queries.md says a page loads its `with` and
// `_count` in batches of 1, 2, 4, … rows. A page of 7 users (batches 1 + 2 + 4) with
// `_count: { posts: true }` must still read the index state once, not once per batch: 7 users +
// 1 state + the bucket shards their posts fall in, over 1 + 1 + 7 ranges, the same as findMany
// with `limit: 7`.
import { describe, expect, it } from 'vitest';
import { shardOf } from '../../../src/aggregate/buckets';
import { getTableConfig } from '../../../src/schema/table';
import { counted, orm, posts, seeded } from './blogFixture';

describe('a page of _count served by an aggregate index', () => {
  it('reads the aggregate state once per page, then the buckets per parent key', async () => {
    const { t } = await seeded(10, 4);
    const out = await t.run(async (raw: any) => {
      const byAuthor = getTableConfig(posts).aggregateIndexes[0]!;
      const users = (await raw.db.query('users').take(7)) as any[];
      const mine = new Set(users.map((u) => u._id));
      const shards = new Set(
        ((await raw.db.query('posts').collect()) as any[])
          .filter((p) => mine.has(p.authorId))
          .map((p) => `${p.authorId}#${shardOf(byAuthor, p._id)}`),
      ).size;
      const page = await counted(raw, (ctx) =>
        orm
          .db(ctx)
          .query.users.paginate({ numItems: 7, cursor: null }, { columns: { name: true }, _count: { posts: true } }),
      );
      const many = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ limit: 7, columns: { name: true }, _count: { posts: true } }),
      );
      return { shards, page, many };
    });
    expect(out.page.result.page.map((u: any) => u._count.posts)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(out.page.reads).toEqual({ documents: 7 + 1 + out.shards, ranges: 1 + 1 + 7 });
    expect(out.many.reads).toEqual(out.page.reads);
  });
});
