import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  OrmError,
  text,
} from '../../../src/index';
import { DEFAULT_TRANSACTION_BUDGET } from '../../../src/limits/convexLimits';
import { transactionDb } from '../../../src/limits/meteredDb';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';

// The CLI's `aggregate backfill` (and `deploy`) calls `backfillAggregates` with
// config.deploy.batchSize, 256 by default. A batch that would pass a limit counts fewer rows.
const big = convexTable('big', { rank: integer().notNull(), body: text().notNull() }, (t) => [
  aggregateIndex('by_rank').on(t.rank).count().shards(1),
]);
// Keyed on a large text: each bucket holds its key, so a batch's bucket bytes are about its rows' bytes.
const titled = convexTable('titled', { title: text().notNull() }, (t) => [
  aggregateIndex('by_title').on(t.title).count().shards(1),
]);
const schema = defineSchema({ big, titled });
const orm = createOrm({ relations: defineRelations({ big, titled }) });
const tables = () => [...orm.schema.schema.registry.tables.values()];
// The next deploy, with the index on "titled" removed.
const withoutTitledIndex = () => [
  getTableConfig(big),
  getTableConfig(convexTable('titled', { title: text().notNull() })),
];
const KiB = 1024;

// As `backfillAggregates` calls it: on the ORM's metered database, which takes the transaction's
// metrics (the lowered limits below) from ctx.meta.
async function step(t: ReturnType<typeof convexTest>, batchSize: number, schemaTables = tables()) {
  return t.run(async (ctx) => {
    try {
      const s = await backfillNext(
        transactionDb(ctx.db, DEFAULT_TRANSACTION_BUDGET, ctx.meta) as never,
        schemaTables,
        batchSize,
      );
      return { ok: s.batch?.processed ?? null };
    } catch (e) {
      return {
        orm: e instanceof OrmError,
        code: (e as any).code ?? null,
        message: String((e as any).message).slice(0, 100),
      };
    }
  });
}

/** Runs batches until every index is ready: the typed errors met, the batches run (the last, finding none, not counted), and the rows the buckets count. */
async function untilReady(t: ReturnType<typeof convexTest>, batchSize: number) {
  let typedErrors = 0;
  let batches = 0;
  for (;;) {
    const out = await step(t, batchSize);
    if (!('ok' in out)) typedErrors++;
    else if (out.ok === null) break;
    else batches++;
    if (batches + typedErrors > 50) break;
  }
  const counted = await t.run(async (ctx) =>
    ((await (ctx.db as any).query('aggregate_bucket').collect()) as { count: number }[]).reduce(
      (n, bucket) => n + bucket.count,
      0,
    ),
  );
  return { typedErrors, batches, counted };
}

describe('aggregate backfill near the limits: typed error or a smaller batch, never Convex’s own', () => {
  it('the CLI’s default batch (256) of 80 KiB documents (20 MiB) at Convex’s real limits', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    for (let part = 0; part < 2; part++)
      await t.run(async (ctx) => {
        for (let k = 0; k < 128; k++) await ctx.db.insert('big', { rank: k, body: 'x'.repeat(80 * KiB) });
      });
    const out = await step(t, 256);
    expect(out.orm ?? true, JSON.stringify(out)).toBe(true);
    expect(await untilReady(t, 256)).toEqual({ typedErrors: 0, batches: expect.any(Number), counted: 256 });
  }, 30_000);
  it('a batch whose buckets pass the documents written (lowered limit)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsWritten: 12 } });
    await t.run(async (ctx) => {
      for (let k = 0; k < 10; k++) await ctx.db.insert('big', { rank: k, body: '' });
    });
    // Ten distinct keys: ten bucket inserts and the state, in one transaction of 12 writes.
    await t.run(async (ctx) => {
      for (let k = 10; k < 12; k++) await ctx.db.insert('big', { rank: k, body: '' });
    });
    const out = await step(t, 20);
    expect(out.orm ?? true, JSON.stringify(out)).toBe(true);
    // A batch counts the rows whose buckets fit (11 and the state), the next one the rest: each once.
    expect(out).toEqual({ ok: 11 });
    expect(await untilReady(t, 20)).toEqual({ typedErrors: 0, batches: 2, counted: 12 }); // and the empty "titled" index
  });
  it('a batch whose bucket bytes pass the bytes written (lowered limit): it counts fewer rows, the next batches the rest', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { bytesWritten: 500 * KiB } });
    for (let k = 0; k < 8; k++)
      await t.run((ctx) => ctx.db.insert('titled', { title: `${k}`.repeat(100 * KiB) }).then(() => null));
    // The page fits the reads (20 rows asked, 8 there); 8 buckets of 100 KiB do not fit 500 KiB, 4 do.
    expect(await step(t, 20)).toEqual({ ok: 0 }); // the empty "big" index: ready at once
    expect(await step(t, 20)).toEqual({ ok: 4 });
    expect(await untilReady(t, 20)).toEqual({ typedErrors: 0, batches: 1, counted: 8 });
  });
  it('a repair’s clearing batch deleting more buckets than the documents written allow (lowered limit)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsWritten: 12 } });
    for (let part = 0; part < 2; part++)
      await t.run(async (ctx) => {
        for (let k = 0; k < 10; k++) await ctx.db.insert('big', { rank: part * 10 + k, body: '' });
      });
    await untilReady(t, 20);
    await t.run((ctx) => startRepair(ctx.db as never, tables(), { table: 'big' }));
    // 20 buckets to delete and the state's patch: a batch deletes those that fit, the next the rest.
    const out = await step(t, 20);
    expect(out.orm ?? true, JSON.stringify(out)).toBe(true);
    expect(out).toEqual({ ok: 11 });
    // The other 9 deleted (building), then the rows counted again: 11, then 9 (ready).
    expect(await untilReady(t, 20)).toEqual({ typedErrors: 0, batches: 3, counted: 20 });
  });
  it('a removed index’s cleanup whose bucket bytes pass the bytes written (lowered limit): it deletes fewer, the next batch the rest', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { bytesWritten: 500 * KiB } });
    for (let k = 0; k < 8; k++)
      await t.run((ctx) => ctx.db.insert('titled', { title: `${k}`.repeat(100 * KiB) }).then(() => null));
    expect(await untilReady(t, 20)).toEqual({ typedErrors: 0, batches: 3, counted: 8 });
    // Deployed without it: deleting its 8 buckets of 100 KiB (and then its state) does not fit 500 KiB, 4 do.
    expect(await step(t, 20, withoutTitledIndex())).toEqual({ ok: 4 });
    expect(await step(t, 20, withoutTitledIndex())).toEqual({ ok: 4 });
    expect(await step(t, 20, withoutTitledIndex())).toEqual({ ok: null });
    const left = await t.run(async (ctx) => ({
      buckets: (await ctx.db.query('aggregate_bucket').collect()).length,
      states: (await ctx.db.query('aggregate_state').collect()).map((state: any) => state.index),
    }));
    expect(left).toEqual({ buckets: 0, states: ['by_rank'] });
  });
});

describe('the backfill reads the states of removed indexes only when at most one present index is left', () => {
  it('a batch of the first of two pending indexes reads none of 40 removed indexes’ states; the last one’s batch reads them once', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      for (let k = 0; k < 3; k++) await ctx.db.insert('big', { rank: k, body: '' });
      for (let k = 0; k < 40; k++)
        await ctx.db.insert('aggregate_state', {
          table: 'gone',
          index: `gone_${k}`,
          definition: 'removed',
          status: 'clearing',
          cursor: null,
          updatedAt: 0,
        });
    });
    const batch = () =>
      t.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const { batch, remaining } = await backfillNext(counted.db as never, tables(), 20);
        return { index: batch?.index, status: batch?.status, remaining, documents: reads.documents };
      });
    // The 3 rows read (their 3 buckets absent): no state document yet, none of the removed ones.
    expect(await batch()).toEqual({ index: 'by_rank', status: 'ready', remaining: 1, documents: 3 });
    // The last present index ("titled" is empty): by_rank's state, then the state table once (by_rank's and the 40 removed).
    expect(await batch()).toEqual({ index: 'by_title', status: 'ready', remaining: 40, documents: 42 });
  });
});

describe('a backfill batch reads its index’s state once', () => {
  it('the statuses’ read of the state is the one the batch goes on from', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      for (let k = 0; k < 5; k++) await ctx.db.insert('big', { rank: k, body: '' });
    });
    const batch = () =>
      t.run(async (ctx) => {
        const { ctx: counted, reads } = countReads(ctx);
        const { batch } = await backfillNext(counted.db as never, tables(), 2);
        return { processed: batch?.processed, status: batch?.status, documents: reads.documents };
      });
    // No state yet: 2 rows, and the last one again for rows sharing its _creationTime.
    expect(await batch()).toEqual({ processed: 2, status: 'building', documents: 3 });
    // The state (once), 2 rows, the last one again.
    expect(await batch()).toEqual({ processed: 2, status: 'building', documents: 4 });
    // The state, the last row (the page ends: no tie read).
    expect(await batch()).toEqual({ processed: 1, status: 'ready', documents: 2 });
  });
});

describe('the backfill reads its batch without .paginate() (one per function, none inside a component)', () => {
  it('runs beside the ORM’s pages in one function, in either order, and the pages still use .paginate()', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx) => {
      for (let k = 0; k < 3; k++) await ctx.db.insert('big', { rank: k, body: '' });
    });
    const pageAfterBatch = await t.run(async (ctx) => {
      await backfillNext(ctx.db as never, tables(), 20);
      const page = await orm.db(ctx as never).query.big.paginate({ numItems: 2, cursor: null });
      return page.page.map((row) => row.rank);
    });
    expect(pageAfterBatch).toEqual([0, 1]);
    const batchAfterPage = await t.run(async (ctx) => {
      await orm.db(ctx as never).query.titled.paginate({ numItems: 2, cursor: null });
      const { batch } = await backfillNext(ctx.db as never, tables(), 20);
      // The page took the function's one .paginate(): a raw one now fails as Convex fails it.
      const raw = await ctx.db
        .query('big')
        .paginate({ numItems: 1, cursor: null })
        .then(
          () => 'paginated',
          () => 'refused',
        );
      return { batch: batch && `${batch.index}:${batch.status}:${batch.processed}`, raw };
    });
    expect(batchAfterPage).toEqual({ batch: 'by_title:ready:0', raw: 'refused' });
  });
});
