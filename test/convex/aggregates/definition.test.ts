import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { aggregateStatuses, backfillNext } from '../../../src/aggregate/backfill';
import { definitionOf } from '../../../src/aggregate/state';
import {
  type AggregateIndexDefinition,
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig, type TableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';

/** One version of the schema: `posts_by_author` as `index` defines it over the same Convex tables. */
function version(index: (t: { authorId: any; views: any; likes: any }) => AggregateIndexDefinition) {
  const authors = convexTable('authors', { name: text().notNull() });
  const posts = convexTable('posts', { authorId: id('authors').notNull(), views: integer(), likes: integer() }, (t) => [
    index(t),
  ]);
  const orm = createOrm({ relations: defineRelations({ authors, posts }) });
  return {
    schema: defineSchema({ authors, posts }),
    orm,
    authors,
    posts,
    tables: [authors, posts].map(getTableConfig),
  };
}

const bySumOfViews = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views));
type Version = typeof bySumOfViews;

async function backfill(t: ReturnType<typeof convexTest>, tables: TableConfig[]): Promise<number> {
  for (let batches = 0; ; batches++) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 7));
    if (step.batch === null) return batches;
  }
}

/** 20 posts of one author (views i, likes 2i) written and backfilled under the first version. */
async function seeded() {
  const t = convexTest(bySumOfViews.schema, modules);
  const { orm, authors, posts, tables } = bySumOfViews;
  const authorId = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
    await db.insert(posts).values(Array.from({ length: 20 }, (_, i) => ({ authorId: a!._id, views: i, likes: 2 * i })));
    return a!._id;
  });
  await backfill(t, tables);
  return { t, authorId };
}

/** Count, sums and explain() of the author's posts under `v`, with the documents they read. */
function read(t: ReturnType<typeof convexTest>, v: Version, authorId: string) {
  return t.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    const db = v.orm.db(counted as never);
    const where = { authorId } as never;
    const count = await db.query.posts.count({ where });
    const countReadsDocs = reads.documents;
    const sums = await db.query.posts.aggregate({ where, _sum: { views: true, likes: true } });
    const explained = await db.query.posts.count({ where }).explain();
    const rows = await ctx.db.query('posts').collect();
    const truth = {
      count: rows.length,
      views: rows.reduce((sum, row) => sum + (row.views ?? 0), 0),
      likes: rows.reduce((sum, row) => sum + (row.likes ?? 0), 0),
    };
    return {
      count,
      views: sums._sum.views,
      likes: sums._sum.likes,
      countReadsDocs,
      explained: explained.aggregate,
      truth,
    };
  });
}

const status = async (t: ReturnType<typeof convexTest>, v: Version) =>
  (await t.run((ctx) => aggregateStatuses(ctx.db as never, v.tables)))[0]!.status;

const buckets = (t: ReturnType<typeof convexTest>) =>
  t.run(async (ctx) => (await ctx.db.query('aggregate_bucket').collect()) as any[]);

/**
 * Switches the schema to `next` over data built for the first version: reads fall back and are
 * right, writes leave the old buckets alone, the backfill clears and rebuilds, then reads are served.
 */
async function changeTo(next: Version) {
  const { t, authorId } = await seeded();
  expect(await status(t, next)).toBe('changed');
  const before = await buckets(t);
  const stale = await read(t, next, authorId);
  expect(stale).toMatchObject({ count: 20, views: stale.truth.views, likes: stale.truth.likes });
  expect(stale.explained).toMatch(
    /^building: aggregate index posts_by_author .* is built for an earlier definition; run `npx convex-orm aggregate backfill`/,
  );
  // A write under the new definition does not touch buckets built for the old one.
  await t.run((ctx) =>
    next.orm
      .db(ctx as never)
      .insert(next.posts)
      .values({ authorId, views: 100, likes: 7 }),
  );
  expect(await buckets(t)).toEqual(before);
  expect(await read(t, next, authorId)).toMatchObject({ count: 21, views: 290, likes: 387 });

  expect(await backfill(t, next.tables)).toBeGreaterThan(1);
  expect(await status(t, next)).toBe('ready');
  await t.run((ctx) =>
    next.orm
      .db(ctx as never)
      .insert(next.posts)
      .values({ authorId, views: 1, likes: 1 }),
  );
  const served = await read(t, next, authorId);
  expect(served.explained).toMatch(/^aggregate index posts_by_author \(authorId = /);
  expect(served).toMatchObject({ count: 22, views: served.truth.views, likes: served.truth.likes });
  expect(served.truth).toEqual({ count: 22, views: 291, likes: 388 });
  return { t, authorId, rebuilt: await buckets(t) };
}

describe('aggregate index definition changes', () => {
  it('the definition is what the buckets mean: key, summed fields, shards; not min/max (read from table indexes)', () => {
    const of = (v: Version) => definitionOf(v.tables[1]!.aggregateIndexes[0]!);
    const same = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views));
    const withMin = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views).min(t.likes));
    const avgToo = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().avg(t.views).sum(t.views));
    const moreSums = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views).sum(t.likes));
    const shards = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views).shards(2));
    const key = version((t) => aggregateIndex('posts_by_author').all().count().sum(t.views));
    expect([of(same), of(withMin), of(avgToo)]).toEqual([of(bySumOfViews), of(bySumOfViews), of(bySumOfViews)]);
    for (const changed of [moreSums, shards, key]) expect(of(changed)).not.toBe(of(bySumOfViews));
  });

  it('changing the summed columns: reads fall back and are right, backfill rebuilds, then served', async () => {
    const bySumOfLikes = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.likes));
    const { rebuilt } = await changeTo(bySumOfLikes);
    expect(rebuilt.every((bucket) => Object.keys(bucket.sums).join() === 'likes')).toBe(true);
  });

  it('changing .shards(n): reads fall back and are right, backfill rebuilds, then served', async () => {
    const oneShard = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views).shards(1));
    const { rebuilt } = await changeTo(oneShard);
    expect(rebuilt.map((bucket) => [bucket.shard, bucket.count])).toEqual([[0, 22]]);
  });

  it('an unchanged definition is served without a rebuild: a count reads the state and the shards only', async () => {
    const { t, authorId } = await seeded();
    const same = version((t) => aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.views));
    const shards = (await buckets(t)).length;
    expect(shards).toBe(4);
    expect(await status(t, same)).toBe('ready');
    expect(await backfill(t, same.tables)).toBe(0);
    const served = await read(t, same, authorId);
    expect(served).toMatchObject({ count: 20, countReadsDocs: 1 + shards });
    expect(served.explained).toMatch(/^aggregate index posts_by_author \(authorId = /);
  });

  it('a state recorded before definitions were (none stored) is rebuilt once', async () => {
    const { t, authorId } = await seeded();
    await t.run(async (ctx) => {
      const { definition: _, ...old } = (await ctx.db.query('aggregate_state').unique())!;
      await ctx.db.replace(old._id, old);
    });
    expect(await status(t, bySumOfViews)).toBe('changed');
    expect((await read(t, bySumOfViews, authorId)).explained).toMatch(/^building: .* earlier definition/);
    expect(await backfill(t, bySumOfViews.tables)).toBeGreaterThan(1);
    const served = await read(t, bySumOfViews, authorId);
    expect(served).toMatchObject({ count: 20, views: 190, countReadsDocs: 5 });
  });
});
