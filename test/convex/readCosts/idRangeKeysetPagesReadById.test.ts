// Drizzle's keyset pagination (`where: gt(t.id, lastId), orderBy: asc(t.id), limit: n`) reads a
// range of by_id from the bound (src/planner/evaluateIndex.ts `evaluateById`): each page reads about n
// documents, however deep, within a small scan budget. A bound that is no id of the table is left
// out of the range when read (src/query/readIndex.ts `idRange`) and the condition, kept residual,
// still holds: the rows are those a string comparison of ids keeps.
import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from '../unionRead/fixture';

describe('where _id > lastId, orderBy _id, limit n', () => {
  for (const [direction, op] of [
    ['asc', 'gt'],
    ['desc', 'lt'],
  ] as const) {
    it(`${direction}: reads about n documents after the bound, not every row before it`, async () => {
      const t = backend();
      await t.run(async (ctx: any) => {
        for (let i = 0; i < 200; i++) await ctx.db.insert('items', { a: 'x', n: i % 4 });
      });
      const out = await t.run(async (raw: any) => {
        const ids = (await raw.db.query('items').withIndex('by_id').order(direction).collect()).map((r: any) => r._id);
        const last = ids[179];
        const where = (op === 'gt' ? { _id: { gt: last } } : { _id: { lt: last } }) as { _id: { gt?: any; lt?: any } };
        const { ctx, reads } = countReads(raw);
        const rows = await orm.db(ctx).query.items.findMany({ where, orderBy: { _id: direction }, limit: 5 });
        const budgeted = await orm
          .db(raw)
          .query.items.findMany({
            where,
            orderBy: { _id: direction },
            limit: 5,
            scanBudget: 50,
          })
          .then(
            (r: any[]) => `${r.length} rows`,
            (error: any) => error.code,
          );
        return { got: rows.map((r: any) => r._id), want: ids.slice(180, 185), documents: reads.documents, budgeted };
      });
      expect(out.got).toEqual(out.want);
      expect(out.documents).toBeLessThanOrEqual(10);
      expect(out.budgeted).toBe('5 rows');
    });
  }
});

describe('an _id bound that is no id of the table', () => {
  it('reads the rows a string comparison of ids keeps, by_id walked without that bound', async () => {
    const t = backend();
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 20; i++) await ctx.db.insert('items', { a: 'x', n: i % 4 });
    });
    const out = await t.run(async (raw: any) => {
      const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
      const middle: any = `${ids[9]}~`; // between ids[9] and ids[10] in string order, no id of the table
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.items.findMany({ where: { _id: { gt: middle } }, orderBy: { _id: 'asc' }, limit: 3 });
      const explain = orm
        .db(raw)
        .query.items.findMany({ where: { _id: { gt: middle } }, orderBy: { _id: 'asc' }, limit: 3 })
        .explain();
      return { got: rows.map((r: any) => r._id), want: ids.slice(10, 13), documents: reads.documents, explain };
    });
    expect(out.got).toEqual(out.want);
    // The whole of by_id up to the third row past the bound: the bound is tested on each row.
    expect(out.documents).toBe(13);
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_id', order: 'index asc' });
  });
});
