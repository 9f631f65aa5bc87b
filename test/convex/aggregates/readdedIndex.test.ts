import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { aggregateStatuses, backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';

function version(withIndex: boolean) {
  const posts = convexTable('posts', { title: text().notNull(), views: integer() }, (t) =>
    withIndex ? [aggregateIndex('posts_all').all().count().sum(t.views).shards(1)] : [],
  );
  return {
    schema: defineSchema({ posts }),
    orm: createOrm({ relations: defineRelations({ posts }) }),
    posts,
    tables: [posts].map(getTableConfig),
  };
}
const withIt = version(true);
const without = version(false);

/** Built with 3 rows; then deployed without the index: 5 rows written and 1 deleted while no write keeps its buckets. */
async function removedWithWrites() {
  const t = convexTest(withIt.schema, modules);
  const write = (v: typeof withIt, n: number, from: number) =>
    t.run((ctx) =>
      v.orm
        .db(ctx as never)
        .insert(v.posts)
        .values(Array.from({ length: n }, (_, i) => ({ title: `p${from + i}`, views: 1 }))),
    );
  await backfillAll(t, withIt.tables, 100);
  await write(withIt, 3, 0);
  await write(without, 5, 3);
  await t.run((ctx) =>
    without.orm
      .db(ctx as never)
      .delete(without.posts)
      .where({ title: 'p0' }),
  );
  return t;
}

async function backfillAll(t: ReturnType<typeof convexTest>, tables: typeof withIt.tables, batchSize: number) {
  const batches: string[] = [];
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, batchSize));
    if (step.batch === null) return batches;
    batches.push(`${step.batch.index}:${step.batch.status}:${step.batch.processed}`);
  }
}

const statuses = (t: ReturnType<typeof convexTest>, tables: typeof withIt.tables) =>
  t.run(async (ctx) =>
    (await aggregateStatuses(ctx.db as never, tables)).map(({ index, status }) => `${index}:${status}`),
  );

const read = (t: ReturnType<typeof convexTest>) =>
  t.run(async (ctx) => {
    const db = withIt.orm.db(ctx as never) as any;
    return {
      count: await db.query.posts.count(),
      sum: (await db.query.posts.aggregate({ _sum: { views: true } }))._sum.views,
      explain: (await db.query.posts.count().explain()).aggregate as string,
    };
  });

describe('an aggregate index removed from the schema', () => {
  it('is listed as removed, and the backfill deletes its buckets and state: added back, it is rebuilt', async () => {
    const t = await removedWithWrites();
    expect(await statuses(t, without.tables)).toEqual(['posts_all:removed']);
    // The deploy with it removed runs the backfill: its bucket, then its state, deleted.
    expect(await backfillAll(t, without.tables, 100)).toEqual(['posts_all:removed:1']);
    expect(await statuses(t, without.tables)).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query('aggregate_bucket').collect())).toEqual([]);
    // Added back unchanged: pending, the scan answers, then the backfill builds it.
    expect(await statuses(t, withIt.tables)).toEqual(['posts_all:pending']);
    expect(await read(t)).toMatchObject({ count: 7, sum: 7, explain: expect.stringMatching(/^building: /) });
    await backfillAll(t, withIt.tables, 100);
    expect(await read(t)).toEqual({ count: 7, sum: 7, explain: 'aggregate index posts_all' });
  });

  it('added back before its cleanup finished is rebuilt, never served from its half-deleted buckets', async () => {
    // Two buckets: a cleanup in batches of 1 stops half way.
    const t = await removedWithWrites();
    await t.run(async (ctx) => {
      await ctx.db.insert('aggregate_bucket', { table: 'posts', index: 'posts_all', shard: 1, count: 0, sums: {} });
    });
    const first = await t.run((ctx) => backfillNext(ctx.db as never, without.tables, 1));
    expect(first).toEqual({
      batch: { table: 'posts', index: 'posts_all', processed: 1, status: 'removed' },
      remaining: 1,
    });
    expect(await statuses(t, withIt.tables)).toEqual(['posts_all:changed']);
    expect((await read(t)).explain).toMatch(/^building: aggregate index posts_all is built for an earlier definition/);
    expect(await read(t)).toMatchObject({ count: 7, sum: 7 });
    await backfillAll(t, withIt.tables, 100);
    expect(await read(t)).toEqual({ count: 7, sum: 7, explain: 'aggregate index posts_all' });
  });
});
