import { describe, expect, it } from 'vitest';
import { aggregateStatuses, backfillBatch } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import { eq } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { authors, backend, backfillAll, orm, posts, tables } from './fixture';

describe('aggregate repair (after raw ctx.db writes)', () => {
  it('raw writes leave the count stale; repair rebuilds it online, counting rows written meanwhile once', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const [a] = await run((db) => db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id }));
    const post = (i: number) => ({ title: `p${i}`, authorId: a!._id, status: 'draft' as const, views: i });
    await run((db) => db.insert(posts).values(Array.from({ length: 30 }, (_, i) => post(i))));
    // Raw writes the maintenance does not see: 5 inserts and a delete.
    await t.run(async (ctx) => {
      for (let i = 30; i < 35; i++) await ctx.db.insert('posts', post(i));
      const first = await ctx.db.query('posts').first();
      await ctx.db.delete(first!._id);
    });
    const count = () =>
      t.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const db = orm.db(counted as never);
        const value = await db.query.posts.count({ where: { authorId: a!._id } });
        const sum = await db.query.posts.aggregate({ where: { authorId: a!._id }, _sum: { views: true } });
        const explained = await db.query.posts.count({ where: { authorId: a!._id } }).explain();
        return { value, sum: sum._sum.views, documents: reads.documents, explained: explained.aggregate };
      });
    const stale = await count();
    expect(stale.value).toBe(30); // the buckets still say 30; the table has 34 rows
    const truth = { value: 34, sum: Array.from({ length: 34 }, (_, i) => i + 1).reduce((x, y) => x + y) };

    const started = await t.run((ctx) =>
      startRepair(ctx.db as never, tables, { table: 'posts', index: 'posts_by_author' }),
    );
    expect(started).toEqual({ indexes: [{ table: 'posts', index: 'posts_by_author' }] });
    const statuses = async () =>
      Object.fromEntries(
        (await t.run((ctx) => aggregateStatuses(ctx.db as never, tables))).map(({ index, status }) => [index, status]),
      );
    expect((await statuses()).posts_by_author).toBe('clearing');
    // While it is repaired, reads fall back to the scan and are right; explain() says so.
    const during = await count();
    expect(during).toMatchObject(truth);
    expect(during.explained).toMatch(
      /^building: aggregate index posts_by_author .* is being repaired; the bounded scan runs/,
    );

    const table = tables[1]!;
    const aggregate = table.aggregateIndexes[0]!;
    // Clearing: the key's buckets (one per shard) go in batches of 2, then the rebuild starts.
    const cleared: string[] = [];
    for (;;) {
      const batch = await t.run((ctx) => backfillBatch(ctx.db as never, table, aggregate, 2));
      cleared.push(`${batch.status} ${batch.processed}`);
      if (batch.status !== 'clearing') break;
    }
    expect(cleared.at(-1)).toMatch(/^building [01]$/);
    expect(cleared.slice(0, -1).every((line) => line === 'clearing 2')).toBe(true);
    // ORM writes between rebuild batches: one row the rebuild has passed, one it has not, one new.
    await t.run((ctx) => backfillBatch(ctx.db as never, table, aggregate, 10));
    await run(async (db) => {
      const rows = await db.query.posts.findMany({ orderBy: { _creationTime: 'asc' } });
      await db.delete(posts).where(eq(posts._id, rows[0]!._id)); // counted already
      await db.delete(posts).where(eq(posts._id, rows.at(-1)!._id)); // not yet
      await db.insert(posts).values(post(100));
    });
    await backfillAll(t, 10);
    expect((await statuses()).posts_by_author).toBe('ready');
    const repaired = await count();
    const expected = await t.run(async (ctx) => {
      const rows = await ctx.db.query('posts').collect();
      const buckets = (await ctx.db.query('aggregate_bucket').collect()).filter((b) => b.index === 'posts_by_author');
      return {
        value: rows.length,
        sum: rows.reduce((total, row) => total + (row.views ?? 0), 0),
        buckets: buckets.length,
      };
    });
    expect(expected.value).toBe(33);
    expect(repaired).toMatchObject({ value: expected.value, sum: expected.sum });
    expect(repaired.explained).toMatch(/^aggregate index posts_by_author \(authorId = /);
    // Served again: count and aggregate each read the state and the key's bucket shards, explain the state.
    expect(expected.buckets).toBeLessThanOrEqual(aggregate.shards);
    expect(repaired.documents).toBe(2 * (1 + expected.buckets) + 1);
  });

  it('rejects an unknown table or index before writing anything', async () => {
    const { t } = backend();
    const attempt = (target: { table?: string; index?: string }) =>
      t.run((ctx) =>
        startRepair(ctx.db as never, tables, target).then(
          () => 'started',
          (error: any) => `${error.data.code}: ${error.data.message}`,
        ),
      );
    expect(await attempt({ table: 'nope' })).toBe(
      'INVALID_OPTION: Cannot repair aggregates of "nope": no such table in the schema.',
    );
    expect(await attempt({ table: 'posts', index: 'nope' })).toBe(
      'INVALID_OPTION: Nothing to repair: table "posts" has no aggregate index "nope".',
    );
    expect(await attempt({ table: 'authors' })).toBe(
      'INVALID_OPTION: Nothing to repair: table "authors" has no aggregate index.',
    );
    expect(await attempt({ index: 'nope' })).toBe(
      'INVALID_OPTION: Nothing to repair: no table has an aggregate index "nope".',
    );
    expect(await t.run((ctx) => ctx.db.query('aggregate_state').collect())).toEqual([]);
    expect(await attempt({})).toBe('started');
    expect((await t.run((ctx) => ctx.db.query('aggregate_state').collect())).map((s) => s.status)).toEqual([
      'clearing',
      'clearing',
      'clearing',
      'clearing',
    ]);
  });
});
