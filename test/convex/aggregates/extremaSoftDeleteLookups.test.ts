import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  integer,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';
import { backfillAll } from './fixture';

// A table with deletion() whose rows are all live (the common case: nothing deleted yet). The
// extrema index is (g, deletedAt, v), read with deletedAt null and with it absent: two index ranges
// per group and extreme, at most one document each, and here one (no row has the column absent).
// Counting two documents a lookup, a groupBy the scan could not serve either fell back to it and failed.
const items = convexTable('items', { g: text().notNull(), v: integer().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
  aggregateIndex('items_by_g').on(t.g).count().min(t.v).max(t.v).shards(1),
]);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });
const tables = [items].map(getTableConfig);

async function world(groups: number, perGroup: number) {
  const t = convexTest(schema, modules);
  await backfillAll(t, 100, tables);
  for (let round = 0; round < perGroup; round++) {
    await t.run((ctx) =>
      orm
        .db(ctx as never)
        .insert(items)
        .values(
          Array.from({ length: groups }, (_, i) => ({ g: `g${String(i).padStart(4, '0')}`, v: round * groups + i })),
        ),
    );
  }
  return t;
}

describe('served _min/_max on a table with deletion() and no deleted rows', () => {
  it('300 groups of 4 rows under scanBudget 1,000: served (1 state, 300 buckets, 600 extremes), not a failing scan of 1,200 rows', async () => {
    const t = await world(300, 4);
    const out = await t.run(async (ctx) => {
      const config = { by: ['g'], _count: true, _min: { v: true }, _max: { v: true }, scanBudget: 1_000 };
      const { ctx: counted, reads } = countReads(ctx);
      try {
        const groups = (await (orm.db(counted as never) as any).query.items.groupBy(config)).length;
        return { groups, documents: reads.documents };
      } catch (e) {
        return { error: (e as { code?: string }).code };
      }
    });
    expect(out).toEqual({ groups: 300, documents: 601 + 300 });
  }, 30_000);

  it('aggregate of one group: two ranges per extreme (the deletion column null, then absent), one document each (docs/aggregates.md)', async () => {
    const t = await world(1, 10);
    const out = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const result = await orm
        .db(counted as never)
        .query.items.aggregate({ where: { g: 'g0000' }, _count: true, _min: { v: true }, _max: { v: true } });
      return { result, reads: { ...reads } };
    });
    expect(out.result).toEqual({ _count: 10, _min: { v: 0 }, _max: { v: 9 } });
    // The state, the bucket, then for _min and _max each a range of the live rows with the column null and absent.
    expect(out.reads).toMatchObject({ documents: 4, ranges: 6 });
  }, 30_000);
});
