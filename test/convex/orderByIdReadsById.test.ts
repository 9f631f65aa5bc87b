// `orderBy: { _id }`, the keyset order a Drizzle user pages by, reads Convex's `by_id` index (the
// system index `by_id: ["_id"]`, "for manual pagination"): pages walk it, a few documents each, and
// concatenated are findMany's rows; findMany with a limit reads about that many documents, in the
// order `withIndex('by_id')` gives.
import { describe, expect, it } from 'vitest';
import { countReads } from '../../src/testing/index';
import { backend, orm } from './unionRead/fixture';

async function seeded(n: number) {
  const t = backend();
  await t.run(async (ctx: any) => {
    for (let i = 0; i < n; i++) await ctx.db.insert('items', { a: 'x', n: i % 4 });
  });
  return t;
}

describe('orderBy _id reads the by_id index', () => {
  for (const direction of ['asc', 'desc'] as const) {
    it(`pages ordered by _id ${direction} are findMany's rows, n documents a page`, async () => {
      const t = await seeded(12);
      const config = { orderBy: { _id: direction } } as const;
      const out = await t.run(async (raw: any) => {
        const all = (await orm.db(raw).query.items.findMany(config)).map((row: any) => row._id);
        const pages: { ids: string[]; documents: number }[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 10; i++) {
          const { ctx, reads } = countReads(raw);
          const page: any = await orm
            .db(ctx)
            .query.items.paginate({ numItems: 5, cursor }, config)
            .catch((error: any) => ({ error: `${error.code}: ${error.message}` }));
          if (page.error) return { all, pages, error: page.error };
          pages.push({ ids: page.page.map((row: any) => row._id), documents: reads.documents });
          cursor = page.continueCursor;
          if (page.isDone) break;
        }
        return { all, pages, error: undefined };
      });
      expect(out.error).toBeUndefined();
      expect(out.pages.flatMap((p) => p.ids)).toEqual(out.all);
      for (const page of out.pages) expect(page.documents).toBeLessThanOrEqual(6);
    });
  }

  it('findMany ordered by _id with a limit reads about limit documents, not the table', async () => {
    const t = await seeded(40);
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.items.findMany({ orderBy: { _id: 'asc' }, limit: 2 });
      const sorted = (await raw.db.query('items').withIndex('by_id').take(2)).map((row: any) => row._id);
      const explain = orm
        .db(raw)
        .query.items.findMany({ orderBy: { _id: 'asc' }, limit: 2 })
        .explain();
      return { ids: rows.map((row: any) => row._id), sorted, documents: reads.documents, explain };
    });
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_id', ranges: ['all'], order: 'index asc' });
    expect(out.ids).toEqual(out.sorted);
    expect(out.documents).toBeLessThanOrEqual(3);
  });
});
