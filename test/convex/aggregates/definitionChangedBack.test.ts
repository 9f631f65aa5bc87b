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

// An aggregate index whose definition is changed (here its shards) and changed back before any
// backfill ran, as a `convex dev` edit undone: while the definitions differ, writes leave its
// buckets alone (reads fall back to the rows); the first of them marks its state stale, so the
// restored definition finds its buckets being rebuilt, never served missing those writes.

function version(shards: number) {
  const posts = convexTable('posts', { title: text().notNull(), views: integer() }, (t) => [
    aggregateIndex('posts_all').all().count().sum(t.views).shards(shards),
  ]);
  return {
    schema: defineSchema({ posts }),
    orm: createOrm({ relations: defineRelations({ posts }) }),
    posts,
    tables: [getTableConfig(posts)],
  };
}
const original = version(1);
const changed = version(2);
type Version = typeof original;
type Backend = ReturnType<typeof convexTest>;

const insert = (t: Backend, v: Version, titles: string[]) =>
  t.run((ctx) =>
    v.orm
      .db(ctx as never)
      .insert(v.posts)
      .values(titles.map((title) => ({ title, views: 10 }))),
  );

async function backfillAll(t: Backend, v: Version) {
  while ((await t.run((ctx) => backfillNext(ctx.db as never, v.tables, 100))).batch !== null);
}

const read = (t: Backend, v: Version) =>
  t.run(async (ctx) => {
    const db = v.orm.db(ctx as never) as any;
    return {
      count: await db.query.posts.count(),
      sum: (await db.query.posts.aggregate({ _sum: { views: true } }))._sum.views,
      explain: (await db.query.posts.count().explain()).aggregate as string,
    };
  });

const state = (t: Backend) =>
  t.run(async (ctx) => {
    const { status, cursor, definition, updatedAt } = (await ctx.db.query('aggregate_state').unique())!;
    return { status, cursor, definition, updatedAt };
  });

const statuses = (t: Backend, v: Version) =>
  t.run(async (ctx) => (await aggregateStatuses(ctx.db as never, v.tables)).map(({ status }) => status));

/** Built for `original` with 3 rows, then written under `changed`. */
async function builtThenChanged() {
  const t = convexTest(original.schema, modules);
  await insert(t, original, ['a', 'b', 'c']);
  await backfillAll(t, original);
  expect(await read(t, original)).toEqual({ count: 3, sum: 30, explain: 'aggregate index posts_all' });
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
    expect(await statuses(t, changed)).toEqual(['changed']);
    // The first write marked it stale (its definition kept); the later ones found it so.
    expect(await state(t)).toMatchObject({ status: 'clearing', cursor: null, definition: built.definition });

    expect(await read(t, original)).toEqual({
      count: 5,
      sum: 50,
      explain: expect.stringMatching(/^building: aggregate index posts_all is being repaired/),
    });
    expect(await statuses(t, original)).toEqual(['clearing']);
    // Writes under the restored definition leave the stale buckets alone too.
    await insert(t, original, ['g']);
    expect(await read(t, original)).toMatchObject({ count: 6, sum: 60 });
    await backfillAll(t, original);
    expect(await read(t, original)).toEqual({ count: 6, sum: 60, explain: 'aggregate index posts_all' });
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
    expect(await read(t, original)).toEqual({ count: 3, sum: 30, explain: 'aggregate index posts_all' });
  });

  it('an unchanged definition writes no state', async () => {
    const t = await builtThenChanged();
    const before = await state(t);
    await insert(t, original, ['d']);
    expect(await state(t)).toEqual(before);
  });
});

describe('the stale mark under Convex transaction limits (transactionLimits on)', () => {
  async function limitedBackend() {
    const t = convexTest({ schema: original.schema, modules, transactionLimits: { documentsWritten: 3 } });
    await insert(t, original, ['a']);
    await backfillAll(t, original);
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
