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

/** The schema with the index over `shards` shards, or (`null`) without it. */
function version(shards: number | null) {
  const posts = convexTable('posts', { title: text().notNull(), views: integer() }, (t) =>
    shards === null ? [] : [aggregateIndex('posts_all').all().count().sum(t.views).shards(shards)],
  );
  return {
    schema: defineSchema({ posts }),
    orm: createOrm({ relations: defineRelations({ posts }) }),
    posts,
    tables: [posts].map(getTableConfig),
  };
}
const withIt = version(1);
const without = version(null);
const changed = version(2);
type Version = typeof withIt;
type Backend = ReturnType<typeof convexTest>;

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

async function backfillAll(t: Backend, tables: Version['tables'], batchSize: number) {
  const batches: string[] = [];
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, batchSize));
    if (step.batch === null) return batches;
    batches.push(`${step.batch.index}:${step.batch.status}:${step.batch.processed}`);
  }
}

const statuses = (t: Backend, tables: Version['tables']) =>
  t.run(async (ctx) =>
    (await aggregateStatuses(ctx.db as never, tables)).map(({ index, status }) => `${index}:${status}`),
  );

const read = (t: Backend, v: Version = withIt) =>
  t.run(async (ctx) => {
    const db = v.orm.db(ctx as never) as any;
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

// An index whose definition is changed (here its shards) and changed back before any backfill ran,
// as a `convex dev` edit undone: while the definitions differ, writes leave its buckets alone (reads
// fall back to the rows); the first of them marks its state stale, so the restored definition finds
// its buckets being rebuilt, never served missing those writes.

const insert = (t: Backend, v: Version, titles: string[]) =>
  t.run((ctx) =>
    v.orm
      .db(ctx as never)
      .insert(v.posts)
      .values(titles.map((title) => ({ title, views: 10 }))),
  );

const state = (t: Backend) =>
  t.run(async (ctx) => {
    const { status, cursor, definition, updatedAt } = (await ctx.db.query('aggregate_state').unique())!;
    return { status, cursor, definition, updatedAt };
  });

/** Built for `withIt` with 3 rows, then written under `changed`. */
async function builtThenChanged() {
  const t = convexTest(withIt.schema, modules);
  await insert(t, withIt, ['a', 'b', 'c']);
  await backfillAll(t, withIt.tables, 100);
  expect(await read(t, withIt)).toEqual({ count: 3, sum: 30, explain: 'aggregate index posts_all' });
  return t;
}

describe('an aggregate index changed and changed back before any backfill', () => {
  it('is rebuilt, not served from buckets that missed the writes made in between', async () => {
    const t = await builtThenChanged();
    const built = await state(t);
    await insert(t, changed, ['d']);
    await t.run((ctx) =>
      changed.orm
        .db(ctx as never)
        .delete(changed.posts)
        .where({ title: 'a' }),
    );
    await insert(t, changed, ['e', 'f']);
    expect(await read(t, changed)).toMatchObject({ count: 5, sum: 50 });
    expect(await statuses(t, changed.tables)).toEqual(['posts_all:changed']);
    // The first write marked it stale (its definition kept); the later ones found it so.
    expect(await state(t)).toMatchObject({ status: 'clearing', cursor: null, definition: built.definition });

    expect(await read(t, withIt)).toEqual({
      count: 5,
      sum: 50,
      explain: expect.stringMatching(/^building: aggregate index posts_all is being repaired/),
    });
    expect(await statuses(t, withIt.tables)).toEqual(['posts_all:clearing']);
    // Writes under the restored definition leave the stale buckets alone too.
    await insert(t, withIt, ['g']);
    expect(await read(t, withIt)).toMatchObject({ count: 6, sum: 60 });
    await backfillAll(t, withIt.tables, 100);
    expect(await read(t, withIt)).toEqual({ count: 6, sum: 60, explain: 'aggregate index posts_all' });
  });

  it('a statement that fails writes no mark', async () => {
    const t = await builtThenChanged();
    const before = await state(t);
    await expect(
      t.run((ctx) =>
        changed.orm
          .db(ctx as never)
          .insert(changed.posts)
          .values({ title: null as never, views: 1 }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await state(t)).toEqual(before);
    expect(await read(t, withIt)).toEqual({ count: 3, sum: 30, explain: 'aggregate index posts_all' });
  });

  it('an unchanged definition writes no state', async () => {
    const t = await builtThenChanged();
    const before = await state(t);
    await insert(t, withIt, ['d']);
    expect(await state(t)).toEqual(before);
  });
});

describe('the stale mark under Convex transaction limits (transactionLimits on)', () => {
  async function limitedBackend() {
    const t = convexTest({ schema: withIt.schema, modules, transactionLimits: { documentsWritten: 3 } });
    await insert(t, withIt, ['a']);
    await backfillAll(t, withIt.tables, 100);
    return t;
  }
  const measured = (t: Backend, titles: string[]) =>
    t.run(async (ctx) => {
      const error = await changed.orm
        .db(ctx as never)
        .insert(changed.posts)
        .values(titles.map((title) => ({ title, views: 1 })))
        .then(
          () => null,
          (e: any) => ({ code: e.code, message: e.message }),
        );
      const metrics = await (ctx as any).meta.getTransactionMetrics();
      return { error, documentsWritten: metrics.documentsWritten.used as number };
    });

  it('is reserved with the rows: a statement it would take past the limit is refused typed, nothing written', async () => {
    const t = await limitedBackend();
    expect(await measured(t, ['b', 'c', 'd'])).toEqual({
      error: {
        code: 'WRITE_BUDGET_EXCEEDED',
        message: expect.stringMatching(
          /^Writing to "posts" \(3 rows and 1 aggregate index state\) would take the transaction past 3 documents written/,
        ),
      },
      documentsWritten: 0,
    });
    expect(await state(t)).toMatchObject({ status: 'ready' });
    expect(await read(t, changed)).toMatchObject({ count: 1 });
  });

  it('a statement that fits with it exactly is written', async () => {
    const t = await limitedBackend();
    expect(await measured(t, ['b', 'c'])).toEqual({ error: null, documentsWritten: 3 });
    expect(await state(t)).toMatchObject({ status: 'clearing' });
  });
});
