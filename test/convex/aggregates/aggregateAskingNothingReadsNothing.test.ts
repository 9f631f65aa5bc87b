// aggregate() asking for no aggregate (`{}`, `{ where }`, `_count: false` with `_sum: {}`) returns
// `{}` whatever the rows (docs/aggregates.md), yet it read the index state and every bucket, or every
// matching row, and failed on a scan budget below the rows (found by review). It reads nothing now,
// as groupBy({ limit: 0 }) does, and explain() says so.
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
import { countReads } from '../../../src/testing';
import { backfillAll } from './fixture';

const items = convexTable('items', { name: text().notNull(), k: text(), v: number() }, (t) => [
  aggregateIndex('items_by_k').on(t.k).count().sum(t.v),
]);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });

async function world(backfilled: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true } as never);
  if (backfilled) await backfillAll(t, 100, [getTableConfig(items)]);
  await t.run(async (ctx) => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, k: `k${i % 10}`, v: i }));
    await (orm.db(ctx as never) as any).insert(items).values(rows);
  });
  return t;
}

describe('aggregate() asking for no aggregate', () => {
  it.each([
    ['served by an aggregate index', true],
    ['not served (index building)', false],
  ])('%s: returns {} and reads nothing', async (_label, backfilled) => {
    const t = await world(backfilled);
    const out = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted as never) as any;
      const results = [
        await db.query.items.aggregate({}),
        await db.query.items.aggregate({ _count: false, _sum: {} }),
        await db.query.items.aggregate({ where: { v: { gte: 0 } } }),
      ];
      return { results, reads: { ...reads } };
    });
    expect(out.results).toEqual([{}, {}, {}]);
    expect(out.reads.documents).toBe(0);
  });

  it('a scan budget below the rows does not fail a read that needs no row', async () => {
    const t = await world(false);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      return db.query.items.aggregate({ scanBudget: 5 }).then(
        (r: unknown) => r,
        (e: any) => e.code,
      );
    });
    expect(result).toEqual({});
  });

  it('explain() says nothing is read, and a groupBy still reads its groups', async () => {
    const t = await world(true);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      return {
        nothing: (await db.query.items.aggregate({ _sum: {} }).explain()).aggregate,
        groups: (await db.query.items.groupBy({ by: ['k'] })).length,
      };
    });
    expect(out).toEqual({ nothing: 'none: no aggregate asked', groups: 10 });
  });
});
