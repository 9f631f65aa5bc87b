import { getConvexSize } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { filler, limitedBackend, orm } from './limitsFixture';

const MiB = 1024 * 1024;

describe("a query's result stays within Convex's 16 MiB return value", () => {
  it('30 books sharing one 900 KiB author, with: { author: true }: a typed error, not a 27 MB result', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      const authorId = await ctx.db.insert('authors', { name: filler(900 * 1024) });
      for (let i = 0; i < 30; i++) await ctx.db.insert('books', { authorId, title: `b${i}` });
    });
    const outcome = await t.run(async (ctx) => {
      try {
        const rows = await orm.db(ctx).query.books.findMany({ with: { author: true } });
        // What the function would hand back to Convex (which refuses a return value over 16 MiB).
        return { resolved: true, rows: rows.length, bytes: getConvexSize(rows as never) };
      } catch (error) {
        return { resolved: false, code: (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR' };
      }
    });
    // The ORM read under 1 MiB (the author once), within every read budget, yet the shaped result
    // repeats the author per book: 30 x 900 KiB, which no Convex function can return.
    expect(outcome).toMatchObject({ resolved: false });
    expect(outcome).not.toMatchObject({ code: 'NOT_AN_ORM_ERROR' });
    if ('bytes' in outcome) expect(outcome.bytes).toBeLessThanOrEqual(16 * MiB);
  });
});
