import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { OrmError } from '../../src/index';
import { filler, limitedBackend, orm as limitsOrm } from './limitsFixture';
import { orm, schema } from './searchFixture';

const KiB = 1024;
const MiB = 1024 * KiB;

// `with` loads read the distinct related rows with parallel db.gets (mapBounded, 64 at a time);
// the meter holds reads back while they could together pass Convex's limit. Once one read fails
// with the typed error, the reads held back must fail typed too, not start one by one (each
// pulling a document, up to 1 MiB, before it is counted), and no further load may start.
describe('a typed read-budget error leaves no reads running past Convex’s limit', () => {
  it('documents: at the typed error Convex has refused (and counted) the one read started at its limit, and no read lands after the caller caught it', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsRead: 30 } });
    await t.run(async (ctx) => {
      for (let k = 0; k < 40; k++) {
        const u = await ctx.db.insert('users', { name: `u${k}` });
        await ctx.db.insert('posts', { title: `intro ${k}`, status: 'published', authorId: u, words: k });
      }
    });
    const out = await t.run(async (ctx) => {
      let error: unknown = null;
      try {
        await orm.db(ctx).query.posts.findMany({ limit: 25, with: { author: true } });
      } catch (e) {
        error = { orm: e instanceof OrmError, code: (e as any).code };
      }
      const atCatch = (await ctx.meta.getTransactionMetrics()).documentsRead.used;
      for (let i = 0; i < 100; i++) await ctx.meta.getTransactionMetrics(); // the caller goes on
      const later = (await ctx.meta.getTransactionMetrics()).documentsRead.used;
      return { error, atCatch, later };
    });
    // The one read started at the limit (it might have found the range's end) is the one Convex refused and counted.
    expect(out).toEqual({ error: { orm: true, code: 'SCAN_BUDGET_EXCEEDED' }, atCatch: 31, later: 31 });
  });

  it('bytes at Convex’s real limits: 24 authors of 700 KiB loaded by `with`: Convex’s 16 MiB is never passed', async () => {
    const t = limitedBackend();
    for (let part = 0; part < 4; part++)
      await t.run(async (ctx) => {
        for (let i = 0; i < 6; i++) {
          const a = await ctx.db.insert('authors', { name: filler(700 * KiB) });
          await ctx.db.insert('books', { authorId: a, title: `b${part}-${i}` });
        }
      });
    const out = await t.run(async (ctx) => {
      let error: unknown = null;
      try {
        await limitsOrm.db(ctx).query.books.findMany({ with: { author: { columns: { _id: true } } } });
      } catch (e) {
        error = { orm: e instanceof OrmError, code: (e as any).code };
      }
      for (let i = 0; i < 100; i++) await ctx.meta.getTransactionMetrics();
      const { used } = (await ctx.meta.getTransactionMetrics()).bytesRead;
      return { error, withinConvex: used <= 16 * MiB, usedMiB: Math.round((used / MiB) * 10) / 10 };
    });
    expect(out, JSON.stringify(out)).toMatchObject({
      error: { orm: true, code: 'SCAN_BUDGET_EXCEEDED' },
      withinConvex: true,
    });
  }, 30_000);

  it('search findMany with author loads under documentsRead: reads a failed call left running never reach a later transaction', async () => {
    const t = convexTest({ schema, modules, transactionLimits: { documentsRead: 30 } });
    await t.run(async (ctx) => {
      for (let k = 0; k < 40; k++) {
        const u = await ctx.db.insert('users', { name: `u${k}` });
        await ctx.db.insert('posts', {
          title: `intro ${k}`,
          status: k % 2 ? 'draft' : 'published',
          authorId: u,
          words: k,
        });
      }
    });
    // Each n in its own transaction, rolled back. Reads a failed call (n=16, 19) left running landed in the
    // next transaction, which then got Convex's own error at n=22.
    const untyped: unknown[] = [];
    for (let n = 1; n <= 30 && untyped.length === 0; n += 3) {
      const out = await t
        .run(async (ctx) => {
          let result: unknown = null;
          try {
            await orm.db(ctx).query.posts.findMany({
              search: { index: 'search_title', query: 'intro' },
              limit: n,
              with: { author: true },
            });
          } catch (e) {
            if (!(e instanceof OrmError)) result = { n, message: String((e as any).message).slice(0, 120) };
          }
          throw new Error(`ROLLBACK${JSON.stringify(result)}`);
        })
        .catch((e) =>
          String(e.message).startsWith('ROLLBACK')
            ? JSON.parse(String(e.message).slice(8))
            : { n, escaped: String(e.message).slice(0, 150) },
        );
      if (out) untyped.push(out);
    }
    expect(untyped).toEqual([]);
  });
});
