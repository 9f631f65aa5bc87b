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
const KiB = 1024;

// As `backfillAggregates` calls it: on the ORM's metered database, which takes the transaction's
// metrics (the lowered limits below) from ctx.meta.
async function step(t: ReturnType<typeof convexTest>, batchSize: number) {
  return t.run(async (ctx) => {
    try {
      const s = await backfillNext(
        transactionDb(ctx.db, DEFAULT_TRANSACTION_BUDGET, ctx.meta) as never,
        tables(),
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
});
