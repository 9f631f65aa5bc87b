import { describe, expect, it } from 'vitest';
import { aggregateStatuses } from '../../../src/aggregate/backfill';
import { shardOf } from '../../../src/aggregate/buckets';
import { createOrm, defineTriggers, eq } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { authors, backend, backfillAll, orm, posts, relations, tables, twoAuthors } from './fixture';

describe('aggregate reads', () => {
  it('count by an indexed key reads the state and its shards of buckets, not the 10,000 rows', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a, b] = await run(twoAuthors);
    for (let chunk = 0; chunk < 10; chunk++) {
      await run((db) =>
        db.insert(posts).values(
          Array.from({ length: 1000 }, (_, i) => ({
            title: `p${chunk}-${i}`,
            authorId: (i % 10 === 0 ? a : b)!._id,
            status: i % 2 === 0 ? ('draft' as const) : ('published' as const),
            views: i,
          })),
        ),
      );
    }
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const count = await orm.db(counted as never).query.posts.count({ where: { authorId: a!._id } });
      const served = { ...reads };
      const all = await orm.db(counted as never).query.posts.count();
      return { count, served, all, total: reads };
    });
    expect(result.count).toBe(1000);
    expect(result.all).toBe(10_000);
    // One state document and the key's 4 bucket shards (the default `.shards(4)`): O(1) in the table's size.
    expect(result.served.documents).toBe(5);
    expect(result.total.documents).toBe(10);
  }, 60_000);

  it('aggregate: _count, _sum, _avg, _min, _max with SQL nulls; explain names the index', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const result = await run(async (db) => {
      const [a, b] = await twoAuthors(db);
      await db.insert(posts).values([
        { title: 'x', slug: 'x', authorId: a!._id, status: 'draft', views: 10, publishedAt: 5 },
        { title: 'y', slug: 'y', authorId: a!._id, status: 'draft', views: null, publishedAt: 1 },
        { title: 'z', slug: 'z', authorId: a!._id, status: 'published', views: 20, publishedAt: null },
        { title: 'w', slug: 'w', authorId: b!._id, status: 'published', views: null },
      ]);
      const spec = {
        _count: true,
        _sum: { views: true },
        _avg: { views: true },
        _min: { publishedAt: true },
        _max: { publishedAt: true },
      } as const;
      const query = db.query.posts.aggregate({ where: { authorId: a!._id }, ...spec });
      return {
        a: await query,
        b: await db.query.posts.aggregate({ where: { authorId: b!._id }, ...spec }),
        none: await db.query.posts.aggregate({ where: { authorId: a!._id, title: 'nope' }, ...spec }),
        explained: (await query.explain()).aggregate,
        scanExplained: (await db.query.posts.aggregate({ where: { title: 'x' }, _count: true }).explain()).aggregate,
      };
    });
    expect(result.a).toEqual({
      _count: 3,
      _sum: { views: 30 },
      _avg: { views: 15 },
      _min: { publishedAt: 1 },
      _max: { publishedAt: 5 },
    });
    expect(result.b).toEqual({
      _count: 1,
      _sum: { views: null },
      _avg: { views: null },
      _min: { publishedAt: null },
      _max: { publishedAt: null },
    });
    expect(result.none).toEqual({
      _count: 0,
      _sum: { views: null },
      _avg: { views: null },
      _min: { publishedAt: null },
      _max: { publishedAt: null },
    });
    expect(result.explained).toMatch(/^aggregate index posts_by_author \(authorId = /);
    expect(result.scanExplained).toMatch(/^none: bounded scan/);
    // explain() is lazy like the query: a bad config rejects it, nothing throws synchronously.
    const bad = await t.run(async (ctx) => {
      const explained = orm
        .db(ctx as never)
        .query.posts.aggregate({ _sum: { title: true } } as never)
        .explain();
      return explained.then(
        () => 'resolved',
        (error: any) => error.data.code,
      );
    });
    expect(bad).toBe('INVALID_QUERY');
  });

  it('groupBy: served groups by a key prefix, ordered by _count, limited; the scan gives the same rows', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const result = await run(async (db) => {
      const [a, b] = await twoAuthors(db);
      await db.insert(posts).values([
        { title: 'x', slug: 'x', authorId: a!._id, status: 'draft', views: 1 },
        { title: 'y', slug: 'y', authorId: b!._id, status: 'draft', views: 2 },
        { title: 'z', slug: 'z', authorId: b!._id, status: 'draft', views: 3 },
        { title: 'w', slug: 'w', authorId: b!._id, status: 'published', views: 4 },
      ]);
      const config = { by: ['status'], _count: true, _sum: { views: true }, orderBy: { _count: 'desc' } } as const;
      return {
        served: await db.query.posts.groupBy(config),
        explained: (await db.query.posts.groupBy(config).explain()).aggregate,
        byAuthor: await db.query.posts.groupBy({
          by: ['authorId'],
          _count: true,
          orderBy: { _count: 'desc' },
          limit: 1,
        }),
        scanned: await db.query.posts.groupBy({ ...config, where: { title: { ne: 'nope' } } }),
        b: b!._id,
      };
    });
    expect(result.served).toEqual([
      { status: 'draft', _count: 3, _sum: { views: 6 } },
      { status: 'published', _count: 1, _sum: { views: 4 } },
    ]);
    expect(result.explained).toMatch(/posts_by_status_author/);
    expect(result.scanned).toEqual(result.served);
    expect(result.byAuthor).toEqual([{ authorId: result.b, _count: 3 }]);
  });

  it('min/max of groups on a key prefix when the where pins the whole key: only the pinned rows', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const result = await run(async (db) => {
      const [a, b] = await twoAuthors(db);
      await db.insert(posts).values([
        { title: 'a1', authorId: a!._id, status: 'published', views: 5 },
        { title: 'a2', authorId: a!._id, status: 'published', views: 7 },
        { title: 'b1', authorId: b!._id, status: 'published', views: 1 },
        { title: 'b2', authorId: b!._id, status: 'published', views: 90 },
      ]);
      const config = {
        by: ['status'],
        where: { status: 'published', authorId: a!._id },
        _min: { views: true },
        _max: { views: true },
      } as const;
      const query = db.query.posts.groupBy(config);
      return { served: await query, explained: (await query.explain()).aggregate };
    });
    // Author b's rows (1 and 90) share the status but not the author the where pins.
    expect(result.served).toEqual([{ status: 'published', _min: { views: 5 }, _max: { views: 7 } }]);
    expect(result.explained).toMatch(/^aggregate index posts_by_status_author/);
  });

  it('a range on the next key field is served; strict mode refuses a full-scan fallback', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const result = await run(async (db) => {
      const [a] = await db
        .insert(authors)
        .values([{ name: 'a' }])
        .returning({ _id: authors._id });
      await db.insert(posts).values([
        { title: 'x', slug: 'x', authorId: a!._id, status: 'draft' },
        { title: 'y', slug: 'y', authorId: a!._id, status: 'published' },
      ]);
      const ranged = db.query.posts.count({ where: { status: { gte: 'published' } } });
      return { count: await ranged, explained: (await ranged.explain()).aggregate };
    });
    expect(result).toEqual({
      count: 1,
      explained: expect.stringMatching(/posts_by_status_author \(status >= "published"\)/),
    });
    const strict = await t.run(async (ctx) => {
      const { createOrm } = await import('../../../src/index');
      const { relations } = await import('./fixture');
      const db = createOrm({ relations, strict: true }).db(ctx as never);
      return db.query.posts.count({ where: { title: 'x' } }).then(
        () => 'resolved',
        (error: any) => error.data.code,
      );
    });
    expect(strict).toBe('FULL_SCAN_FORBIDDEN');
  });

  it('before the backfill the read falls back to the scan; the backfill counts every row exactly once', async () => {
    const { t, run } = backend();
    const [a] = await run(async (db) => {
      const rows = await db
        .insert(authors)
        .values([{ name: 'a' }])
        .returning({ _id: authors._id });
      await db.insert(posts).values(
        Array.from({ length: 25 }, (_, i) => ({
          title: `p${i}`,
          slug: `p${i}`,
          authorId: rows[0]!._id,
          status: 'draft' as const,
        })),
      );
      return rows;
    });
    const before = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const count = await orm.db(counted as never).query.posts.count({ where: { authorId: a!._id } });
      return { count, documents: reads.documents };
    });
    expect(before).toEqual({ count: 25, documents: 25 }); // no state document yet: the 25 rows through by_author
    const explain = () =>
      t.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const plan = await orm
          .db(counted as never)
          .query.posts.count({ where: { authorId: a!._id } })
          .explain();
        return { aggregate: plan.aggregate, table: plan.table, index: plan.index, documents: reads.documents };
      });
    // explain() reads the index's state (one document) and says what runs: the scan of by_author.
    expect(await explain()).toEqual({
      aggregate: expect.stringMatching(
        /^building: aggregate index posts_by_author \(authorId = .*\) is not backfilled yet; the bounded scan runs/,
      ),
      table: 'posts',
      index: 'by_author',
      documents: 0,
    });
    // A write between two batches: the first batch has passed 10 rows; one of them is deleted, a new row added.
    const table = (await import('./fixture')).tables[1]!;
    const { backfillBatch } = await import('../../../src/aggregate/backfill');
    const aggregate = table.aggregateIndexes[0]!;
    await t.run((ctx) => backfillBatch(ctx.db as never, table, aggregate, 10));
    expect(await explain()).toEqual({
      aggregate: expect.stringMatching(
        /^building: aggregate index posts_by_author .* is being backfilled; the bounded scan runs/,
      ),
      table: 'posts',
      index: 'by_author',
      documents: 1,
    });
    await run(async (db) => {
      const first = await db.query.posts.findFirst({ orderBy: { _creationTime: 'asc' } });
      await db.delete(posts).where(eq(posts._id, first!._id));
      await db.insert(posts).values({ title: 'late', slug: 'late', authorId: a!._id, status: 'draft' });
    });
    const statuses = async () =>
      (await t.run((ctx) => aggregateStatuses(ctx.db as never, tables))).map(
        ({ index, status }) => `${index} ${status}`,
      );
    expect(await statuses()).toEqual([
      'posts_by_author building',
      'posts_by_status_author pending',
      'posts_all pending',
      'notes_by_rank pending',
    ]);
    // posts_by_author: 1 more batch of 10, then one of 4 that finishes; 3 batches each for the other posts
    // indexes (10, 10, 5 rows) and 1 for the empty notes table.
    expect(await backfillAll(t, 10)).toBe(9);
    expect(await statuses()).toEqual([
      'posts_by_author ready',
      'posts_by_status_author ready',
      'posts_all ready',
      'notes_by_rank ready',
    ]);
    const after = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const count = await orm.db(counted as never).query.posts.count({ where: { authorId: a!._id } });
      return { count, documents: reads.documents };
    });
    expect(after).toEqual({ count: 25, documents: 5 }); // the state and 4 bucket shards
    expect(await explain()).toEqual({
      aggregate: expect.stringMatching(/^aggregate index posts_by_author \(authorId = /),
      table: 'aggregate_bucket',
      index: 'by_key',
      documents: 1,
    });
  });

  it('_count relation counts: per row from the aggregate index (also inside with), a where the index cannot serve scans', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    await run(async (db) => {
      const [a, b] = await twoAuthors(db);
      await db.insert(posts).values([
        { title: 'x', authorId: a!._id, status: 'draft' },
        { title: 'y', authorId: a!._id, status: 'published' },
        { title: 'z', authorId: a!._id, status: 'published' },
        { title: 'w', authorId: b!._id, status: 'draft' },
      ]);
    });
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted as never);
      const query = db.query.authors.findMany({
        columns: { name: true },
        orderBy: { name: 'asc' },
        _count: { posts: true },
      });
      const rows = await query;
      const served = reads.documents;
      const filtered = await db.query.authors.findMany({
        columns: { name: true },
        orderBy: { name: 'asc' },
        _count: { posts: { where: { title: { ne: 'x' } } } },
      });
      const nested = await db.query.posts.findFirst({
        where: { title: 'w' },
        columns: { title: true },
        with: { author: { columns: { name: true }, _count: { posts: true } } },
      });
      // The bucket shards the posts fall in, one per distinct shard of each author's posts.
      const byAuthor = tables[1]!.aggregateIndexes[0]!;
      const shards = new Set(
        (await ctx.db.query('posts').collect()).map((post) => `${post.authorId}#${shardOf(byAuthor, post._id)}`),
      ).size;
      return { rows, served, shards, filtered, nested, explained: query.explain()._count };
    });
    expect(result.rows).toEqual([
      { name: 'a', _count: { posts: 3 } },
      { name: 'b', _count: { posts: 1 } },
    ]);
    // 2 authors, the index's state once for the whole query, and per author one bucket per shard its posts fall in.
    expect(result.served).toBe(2 + 1 + result.shards);
    expect(result.filtered).toEqual([
      { name: 'a', _count: { posts: 2 } },
      { name: 'b', _count: { posts: 1 } },
    ]);
    expect(result.nested).toEqual({ title: 'w', author: { name: 'b', _count: { posts: 1 } } });
    expect(result.explained).toEqual({
      posts: expect.stringMatching(
        /^per distinct parent key: aggregate index posts_by_author.*, the first one backfilled; while none is, a bounded scan/,
      ),
    });
  });

  it("a statement's bucket writes are in the meter: the next hook-level operation needs no transaction metrics", async () => {
    // The check stage reserves the most the buckets cost with the rows: an after-hook's operation
    // checks its budget against that, with no getTransactionMetrics() call.
    const { t } = backend();
    await backfillAll(t);
    const hooked = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        posts: { afterInsert: async (_change, ctx) => void (await ctx.db.query.authors.findMany({ limit: 1 })) },
        authors: { afterInsert: async (_change, ctx) => void (await ctx.db.query.authors.findMany({ limit: 1 })) },
      }),
    });
    const syncs = await t.run(async (raw) => {
      let calls = 0;
      const meta = {
        getTransactionMetrics: () => {
          calls++;
          return (raw as any).meta.getTransactionMetrics();
        },
      };
      const db = hooked.db({ ...raw, meta } as never);
      const [author] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
      const afterAuthors = calls;
      await db.insert(posts).values({ title: 't', authorId: author!._id, status: 'draft' });
      return { afterAuthors, afterPosts: calls - afterAuthors };
    });
    // authors has no aggregate index: its hook's query does not sync again.
    expect(syncs.afterAuthors).toBe(1);
    // posts has three: only the statement syncs.
    expect(syncs.afterPosts).toBe(1);
  });

  it('set(fn) maintains the buckets with the computed values', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const sums = await run(async (db) => {
      const [a] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
      await db.insert(posts).values([
        { title: 'x', slug: 'x', authorId: a!._id, status: 'draft', views: 10 },
        { title: 'y', slug: 'y', authorId: a!._id, status: 'draft', views: null },
      ]);
      await db
        .update(posts)
        .set((post) => ({ views: (post.views ?? 1) * 3 }))
        .where(eq(posts.authorId, a!._id));
      return db.query.posts.aggregate({ where: { authorId: a!._id }, _count: true, _sum: { views: true } });
    });
    expect(sums).toEqual({ _count: 2, _sum: { views: 33 } });
  });
});
