import { describe, expect, it } from 'vitest';
import { backend, orm } from './fixture';

// A union whose branches cannot merge in orderBy order is read branch after branch and sorted in
// memory (src/query/selectRows.ts fillRows) by its total order (src/planner/union.ts totalOrder):
// the query's orderBy, then the key of the index a page of the query walks. Rows tied on orderBy
// come in that index's order (_creationTime, _id here, by_n walked in order), as paginate and
// findFirst give them: findMany agrees with its own pages and findFirst.

async function seeded() {
  const t = backend();
  await t.run(async (ctx: any) => {
    // Created in this order: a b-branch row first, then an a-branch row, all with n = 0.
    await ctx.db.insert('items', { b: 1, n: 0, c: 'first' });
    await ctx.db.insert('items', { a: 'x', n: 0, c: 'second' });
    await ctx.db.insert('items', { b: 1, n: 0, c: 'third' });
    await ctx.db.insert('items', { a: 'x', n: 1, c: 'fourth' });
  });
  return t;
}

const where = { OR: [{ a: 'x' }, { b: 1 }] };
const names = (rows: any[]) => rows.map((row) => row.c);

describe('ties on orderBy in a union sorted in memory', () => {
  it('come in the order of the single index read, which pages and findFirst give', async () => {
    const t = await seeded();
    const out = await t.run(async (ctx: any) => {
      const db = orm.db(ctx);
      const config = { where, orderBy: { n: 'asc' } } as any;
      const union = db.query.items.findMany(config);
      const before = await db.query.items.findMany({ where: { NOT: { NOT: where } }, orderBy: { n: 'asc' } } as any);
      const pages: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: any = await db.query.items.paginate({ numItems: 1, cursor }, config);
        pages.push(...names(page.page));
        cursor = page.continueCursor;
        if (page.isDone) break;
      }
      const first = await db.query.items.findFirst(config);
      return {
        read: (await union.explain()).read,
        union: names(await union),
        before: names(before),
        pages,
        first: (first as any)?.c,
      };
    });
    expect(out.read).toBe('union');
    expect(out.before).toEqual(['first', 'second', 'third', 'fourth']);
    expect(out.pages).toEqual(out.before);
    expect(out.first).toBe('first');
    expect(out.union).toEqual(out.before);
  });
});
