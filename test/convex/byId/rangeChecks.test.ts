// docs/queries.md: a range on `_id` reads by_id from its bound; the ranges, reads and explain() it gives.
import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { orm } from '../unionRead/fixture';
import { runById, seeded } from './fixture';

describe('by_id for a range on _id', () => {
  it('a range on _id without orderBy reads by_id from its bound', async () => {
    const t = await seeded(200);
    const out = await runById(t, (ids) => ({ where: { _id: { gt: ids[179] } }, limit: 5, scanBudget: 50 }));
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_id' });
    expect(out.outcome).toEqual(out.ids.slice(180, 185));
    expect(out.documents).toBeLessThanOrEqual(6);
  });

  it('a closed range gte/lte on _id reads only the rows inside it', async () => {
    const t = await seeded(200);
    const out = await runById(t, (ids) => ({ where: { _id: { gte: ids[100], lte: ids[104] } }, scanBudget: 20 }));
    expect(out.outcome.slice().sort()).toEqual(out.ids.slice(100, 105).slice().sort());
    expect(out.documents).toBeLessThanOrEqual(6);
  });

  it('an ne on _id alone narrows nothing: by_id walked from the start, the row skipped', async () => {
    const t = await seeded(20);
    const out = await runById(t, (ids) => ({ where: { _id: { ne: ids[0] } }, orderBy: { _id: 'asc' }, limit: 3 }));
    expect(out.outcome).toEqual(out.ids.slice(1, 4));
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_id', ranges: ['all'] });
    expect(out.documents).toBeLessThanOrEqual(5);
  });
});

describe("an order's terms after _id or _creationTime are dropped", () => {
  it('orderBy { _creationTime desc, n asc }, limit 2: by_creation_time walked, a few documents', async () => {
    const t = await seeded(100);
    const out = await runById(t, () => ({ orderBy: { _creationTime: 'desc', n: 'asc' }, limit: 2 }));
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_creation_time', order: 'index desc' });
    expect(out.documents).toBeLessThanOrEqual(3);
  });

  it('orderBy { _id desc, n asc }, limit 2: by_id walked, a few documents', async () => {
    const t = await seeded(100);
    const out = await runById(t, () => ({ orderBy: { _id: 'desc', n: 'asc' }, limit: 2 }));
    expect(out.explain).toMatchObject({ read: 'index', index: 'by_id', order: 'index desc' });
    expect(out.outcome).toEqual(out.ids.slice(-2).reverse());
    expect(out.documents).toBeLessThanOrEqual(3);
  });
});

describe('pages of a range on _id walk by_id', () => {
  for (const bound of ['id', 'no id'] as const) {
    it(`pages of where _id > ${bound}, orderBy _id: findMany's rows, a few documents each`, async () => {
      const t = await seeded(30);
      const out = await t.run(async (raw: any) => {
        const ids = (await raw.db.query('items').withIndex('by_id').collect()).map((r: any) => r._id);
        const last: any = bound === 'id' ? ids[9] : `${ids[9]}~`;
        const config = { where: { _id: { gt: last } }, orderBy: { _id: 'asc' } } as const;
        const all = (await orm.db(raw).query.items.findMany(config as any)).map((r: any) => r._id);
        const pages: { ids: string[]; documents: number }[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 10; i++) {
          const { ctx, reads } = countReads(raw);
          const page: any = await orm.db(ctx).query.items.paginate({ numItems: 4, cursor }, config as any);
          pages.push({ ids: page.page.map((r: any) => r._id), documents: reads.documents });
          cursor = page.continueCursor;
          if (page.isDone) break;
        }
        return { all, want: ids.slice(10), pages };
      });
      expect(out.all).toEqual(out.want);
      expect(out.pages.flatMap((p: any) => p.ids)).toEqual(out.want);
      const limit = bound === 'id' ? 5 : 15;
      for (const page of out.pages) expect(page.documents).toBeLessThanOrEqual(limit);
    });
  }
});
