import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { DEFAULT_TRANSACTION_BUDGET } from '../../../src/limits/convexLimits';
import { meterOf, transactionDb } from '../../../src/limits/meteredDb';
import { writePatch } from '../../../src/migrations/write';
import { authors, orm, posts, schema, tables } from '../aggregates/fixture';

// 9cd92c2: a safe_bypass patch is reserved with the ORM's own write-limit check, so the batch meets
// WRITE_BUDGET_EXCEEDED (and is retried smaller) before Convex's own error. On a table with aggregate
// indexes the patch also writes buckets, which the reservation leaves out.
describe('safe_bypass patches of a table with aggregate indexes within the write budget', () => {
  it('a batch of patches fails with the typed WRITE_BUDGET_EXCEEDED, not Convex’s own limit error', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsWritten: 12 } });
    const authorId = await t.run(async (ctx) => {
      const [a] = await orm
        .db(ctx as never)
        .insert(authors)
        .values({ name: 'a' })
        .returning({ _id: authors._id });
      return a!._id;
    });
    for (let i = 0; i < 8; i++) {
      await t.run((ctx) =>
        orm
          .db(ctx as never)
          .insert(posts)
          .values({ title: `p${i}`, authorId, status: 'draft', views: i }),
      );
    }
    while ((await t.run((ctx) => backfillNext(ctx.db as never, tables, 100))).batch !== null);
    const out = await t.run(async (ctx) => {
      const db = transactionDb(ctx.db, DEFAULT_TRANSACTION_BUDGET, ctx.meta);
      await meterOf(db)!.sync();
      const docs = await ctx.db.query('posts').collect();
      let patched = 0;
      try {
        for (const doc of docs) {
          await writePatch(
            { db: db as never },
            { schema: orm.schema, db: orm.db(ctx as never) },
            {
              table: 'posts',
              id: doc._id,
              old: doc,
              changes: { views: (doc.views ?? 0) + 100 },
              writeMode: 'safe_bypass',
            },
          );
          patched++;
        }
        const m: any = await (ctx as any).meta.getTransactionMetrics();
        return {
          patched,
          code: 'none',
          convexWritten: m.documentsWritten,
          meter: (meterOf(db) as any).used('documentsWritten'),
        };
      } catch (error: any) {
        return { patched, code: error.code ?? 'NOT_AN_ORM_ERROR', message: String(error.message).slice(0, 200) };
      }
    });
    console.log('OUT', JSON.stringify(out));
    expect(out).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED' });
  });
});
