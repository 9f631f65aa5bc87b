// Found by review: a repair's clearing batch (and a removed index's cleanup) read its buckets with
// `.take(asked)`, where `asked` was bounded by the documents, documents written and index ranges the
// transaction had left (`clearableBuckets`), never by the bytes it had left to read. Buckets hold
// their key values, so an index keyed on a large text column has large buckets: a clearing batch
// then reads past the transaction's bytes read and fails, and as every retry reads the same first
// buckets, the repair (or cleanup) never progresses.
// Expected (docs/aggregates.md "Backfill"): "A repair's clearing batches, and the cleanup of a
// removed index, are bounded the same way [as the row batches, whose read stops after the row that
// reaches a third of the documents or bytes the transaction has left]: a batch deletes the buckets
// whose deletes (their reads, `by_id` ranges and bytes, ...) fit what is left, the next batch the
// rest." So each batch deletes fewer buckets and the repair / cleanup finishes with no error.
// The row backfill under the same limit works (it stops its page by bytes), which this test also shows.
// At Convex's real limits with the CLI's default batch (256), a repair of an index keyed on an
// 80 KiB text (256 buckets, 20 MiB) fails SCAN_BUDGET_EXCEEDED on every batch: `aggregate repair`
// can never finish, and the index's reads fall back to the scan for good.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import { aggregateIndex, convexTable, createOrm, defineRelations, defineSchema, text } from '../../../src/index';
import { DEFAULT_TRANSACTION_BUDGET } from '../../../src/limits/convexLimits';
import { transactionDb } from '../../../src/limits/meteredDb';
import { getTableConfig } from '../../../src/schema/table';

const titled = convexTable('titled', { title: text().notNull() }, (t) => [
  aggregateIndex('by_title').on(t.title).count().shards(1),
]);
const schema = defineSchema({ titled });
const orm = createOrm({ relations: defineRelations({ titled }) });
const tables = () => [...orm.schema.schema.registry.tables.values()];
const withoutIndex = () => [getTableConfig(convexTable('titled', { title: text().notNull() }))];
const KiB = 1024;

async function step(t: ReturnType<typeof convexTest>, schemaTables = tables(), batchSize = 20) {
  return t.run(async (ctx) => {
    try {
      const s = await backfillNext(
        transactionDb(ctx.db, DEFAULT_TRANSACTION_BUDGET, ctx.meta) as never,
        schemaTables,
        batchSize,
      );
      return { ok: s.batch?.processed ?? null, status: s.batch?.status ?? null };
    } catch (e) {
      return { error: `${(e as any).code ?? ''} ${String((e as any).message).slice(0, 160)}` };
    }
  });
}

async function untilDone(t: ReturnType<typeof convexTest>, schemaTables = tables(), batchSize = 20) {
  const errors: string[] = [];
  for (let i = 0; i < 40; i++) {
    const out = await step(t, schemaTables, batchSize);
    if ('error' in out) errors.push(String(out.error));
    else if (out.ok === null) break;
  }
  return { errors: errors.slice(0, 2), buckets: await bucketCount(t) };
}

/** The buckets stored, one per transaction (they are too large to read together under the lowered limit). */
async function bucketCount(t: ReturnType<typeof convexTest>) {
  let after = -1;
  let n = 0;
  for (;;) {
    const next = await t.run(async (ctx) => {
      const b = await (ctx.db as any)
        .query('aggregate_bucket')
        .withIndex('by_creation_time', (q: any) => q.gt('_creationTime', after))
        .first();
      return b === null ? null : (b._creationTime as number);
    });
    if (next === null) return n;
    n++;
    after = next;
  }
}

async function seed(t: ReturnType<typeof convexTest>) {
  // 8 rows, 8 distinct keys of 100 KiB: 8 buckets of about 100 KiB each (800 KiB).
  for (let k = 0; k < 8; k++)
    await t.run((ctx) => ctx.db.insert('titled', { title: `${k}`.repeat(100 * KiB) }).then(() => null));
}

describe('clearing batches are bounded by the bytes the transaction has left to read', () => {
  it('the row backfill fits a 500 KiB read limit (its page stops by bytes)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { bytesRead: 500 * KiB } });
    await seed(t);
    expect(await untilDone(t)).toEqual({ errors: [], buckets: 8 });
  });

  it('a repair of that index clears its buckets in smaller batches, never failing on the read', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { bytesRead: 500 * KiB } });
    await seed(t);
    await untilDone(t);
    await t.run((ctx) => startRepair(ctx.db as never, tables(), { table: 'titled' }).then(() => null));
    expect(await untilDone(t)).toEqual({ errors: [], buckets: 8 });
  });

  it('the cleanup of the removed index deletes its buckets in smaller batches, never failing on the read', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { bytesRead: 500 * KiB } });
    await seed(t);
    await untilDone(t);
    expect(await untilDone(t, withoutIndex())).toEqual({ errors: [], buckets: 0 });
  });

  it('at Convex’s real limits, the CLI’s default batch (256): a repair of 256 buckets of 80 KiB (20 MiB)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    for (let part = 0; part < 2; part++)
      await t.run(async (ctx) => {
        for (let k = 0; k < 128; k++) await ctx.db.insert('titled', { title: `${part}-${k}-`.padEnd(80 * KiB, 'x') });
      });
    expect((await untilDone(t, tables(), 256)).errors).toEqual([]);
    await t.run((ctx) => startRepair(ctx.db as never, tables(), { table: 'titled' }).then(() => null));
    expect((await untilDone(t, tables(), 256)).errors).toEqual([]);
  }, 60_000);
});
