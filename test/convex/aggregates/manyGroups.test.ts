import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  number,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';
import { backfillAll } from './fixture';

const items = convexTable('items', { g: text(), h: text(), v: number() }, (t) => [
  aggregateIndex('items_by_g_h').on(t.g, t.h).count().min(t.v).max(t.v).shards(1),
]);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });
const tables = [items].map(getTableConfig);

async function world(served: boolean) {
  const t = convexTest(schema, modules);
  if (served) await backfillAll(t, 100, tables);
  // 1,100 groups of one row each, h null: per group and extreme 2 index ranges (null and absent forms).
  await t.run(async (ctx) => {
    for (const half of [0, 550])
      await orm
        .db(ctx as never)
        .insert(items)
        .values(Array.from({ length: 550 }, (_, i) => ({ g: `g${String(half + i).padStart(4, '0')}`, h: null, v: i })));
  });
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never) as any;
    const q = db.query.items.groupBy({ by: ['g', 'h'], _count: true, _min: { v: true }, _max: { v: true } });
    const explain = (await q.explain()).aggregate;
    try {
      const rows = await db.query.items.groupBy({ by: ['g', 'h'], _count: true, _min: { v: true }, _max: { v: true } });
      return { explain, groups: rows.length, error: null };
    } catch (e) {
      return { explain, groups: 0, error: (e as Error).message };
    }
  });
}

describe('a served groupBy of many groups stays within the limits the scan stays within', () => {
  it('1,100 groups with _min and _max', async () => {
    const scanned = await world(false);
    const served = await world(true);
    expect(scanned).toMatchObject({ groups: 1100, error: null });
    expect(served.explain).toMatch(/^aggregate index/);
    expect(served).toMatchObject({ groups: 1100, error: null });
  }, 30_000);
  it('300 one-row groups with _min and _max under scanBudget 800 (the scan reads 300 rows)', async () => {
    const run = async (served: boolean) => {
      const t = convexTest(schema, modules);
      if (served) await backfillAll(t, 100, tables);
      await t.run((ctx) =>
        orm
          .db(ctx as never)
          .insert(items)
          .values(Array.from({ length: 300 }, (_, i) => ({ g: `g${String(i).padStart(4, '0')}`, h: 'x', v: i }))),
      );
      return t.run(async (ctx) => {
        const db = orm.db(ctx as never) as any;
        const config = { by: ['g', 'h'], _count: true, _min: { v: true }, _max: { v: true }, scanBudget: 800 };
        try {
          const explain = (await db.query.items.groupBy(config).explain()).aggregate;
          const { ctx: counted, reads } = countReads(ctx);
          const groups = (await (orm.db(counted as never) as any).query.items.groupBy(config)).length;
          return { explain, groups, documents: reads.documents };
        } catch (e) {
          return { error: (e as Error).message };
        }
      });
    };
    expect(await run(false)).toMatchObject({ groups: 300, documents: 300 });
    // 1 state and 300 buckets, then the scan's 300 rows: 600 lookups of _min/_max would cost more.
    expect(await run(true)).toMatchObject({ groups: 300, documents: 601 });
  }, 30_000);
  it('groups of many rows each still read _min/_max through the index (fewer lookups than rows)', async () => {
    const t = convexTest(schema, modules);
    await backfillAll(t, 100, tables);
    await t.run((ctx) =>
      orm
        .db(ctx as never)
        .insert(items)
        .values(Array.from({ length: 100 }, (_, i) => ({ g: `g${i % 2}`, h: 'x', v: i }))),
    );
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await (orm.db(counted as never) as any).query.items.groupBy({
        by: ['g', 'h'],
        _min: { v: true },
        _max: { v: true },
      });
      return { rows, documents: reads.documents };
    });
    expect(result.rows).toEqual([
      { g: 'g0', h: 'x', _min: { v: 0 }, _max: { v: 98 } },
      { g: 'g1', h: 'x', _min: { v: 1 }, _max: { v: 99 } },
    ]);
    // 1 state, 2 buckets, 4 extremes: not the 100 rows.
    expect(result.documents).toBe(7);
  });
});
