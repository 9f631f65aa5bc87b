import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { aggregateIndex, convexTable, createOrm, defineRelations, defineSchema, text } from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';
import { backfillAll } from './fixture';

function version(added: boolean) {
  const items = convexTable('items', { g: text().notNull(), h: text().notNull() }, (t) => [
    aggregateIndex('items_by_g_h').on(t.g, t.h).count().shards(1),
    ...(added ? [aggregateIndex('items_by_g').on(t.g).count().shards(1)] : []),
  ]);
  return {
    schema: defineSchema({ items }),
    orm: createOrm({ relations: defineRelations({ items }) }),
    items,
    tables: [items].map(getTableConfig),
  };
}

describe('a new aggregate index that is not backfilled yet', () => {
  it('does not take a read away from the built index that serves it (no scan until the backfill)', async () => {
    const before = version(false);
    const after = version(true);
    const t = convexTest(before.schema, modules);
    await backfillAll(t, 100, before.tables);
    await t.run((ctx) =>
      before.orm
        .db(ctx as never)
        .insert(before.items)
        .values(Array.from({ length: 200 }, (_, i) => ({ g: 'a', h: `h${i % 2}` }))),
    );
    const read = (v: typeof before) =>
      t.run(async (ctx) => {
        const db = v.orm.db(ctx as never) as any;
        const q = () => db.query.items.count({ where: { g: 'a' }, scanBudget: 50 });
        let count: unknown;
        try {
          count = await q();
        } catch (e) {
          count = (e as Error).message;
        }
        return { count, explain: (await q().explain()).aggregate };
      });
    expect(await read(before)).toEqual({ count: 200, explain: 'aggregate index items_by_g_h (g = "a")' });
    // Deployed with items_by_g added; the backfill has not run yet.
    const result = await read(after);
    expect(result).toEqual({ count: 200, explain: 'aggregate index items_by_g_h (g = "a")' });
    // It tries the preferred items_by_g first (its state: none yet), then reads the built index:
    // no scan, so strict mode serves it too.
    const strict = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = createOrm({ relations: defineRelations({ items: after.items }), strict: true }).db(counted as never);
      return { count: await db.query.items.count({ where: { g: 'a' } }), documents: reads.documents };
    });
    expect(strict).toEqual({ count: 200, documents: 3 });
    // Once backfilled, the preferred index serves.
    await backfillAll(t, 100, after.tables);
    expect(await read(after)).toEqual({ count: 200, explain: 'aggregate index items_by_g (g = "a")' });
  });

  it('a `_count` relation’s explain names every index that serves it, in the order the read tries them', async () => {
    const owners = convexTable('owners', { name: text().notNull() });
    const { items } = version(true);
    const relations = defineRelations({ owners, items }, (r) => ({
      owners: { items: r.many.items({ from: r.owners.name, to: r.items.g }) },
    }));
    const t = convexTest(defineSchema({ owners, items }), modules);
    const explained = await t.run(async (ctx) => {
      const db = createOrm({ relations }).db(ctx as never);
      return (await db.query.owners.findMany({ _count: { items: true } }).explain())._count;
    });
    expect(explained).toEqual({
      items:
        'per distinct parent key: aggregate index items_by_g (g = "?"), else aggregate index items_by_g_h (g = "?"), the first one backfilled; while none is, a bounded scan of the related rows (full scan of items, refused under strict; add index on items(g)); one range over the key span past half the ranges left',
    });
  });
});
