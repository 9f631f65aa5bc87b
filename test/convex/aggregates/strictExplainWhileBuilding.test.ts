// Under strict, a count / aggregate / groupBy that an aggregate index serves once built, and that
// meanwhile would scan the whole table, is refused (FULL_SCAN_FORBIDDEN, docs/aggregates.md); its
// explain() said "the bounded scan runs until it is ready" (found by review), a read the same ORM
// refuses. It says the read is refused until the index is ready; without strict, or with a where
// an index narrows, the scan runs and explain() says so.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  number,
  text,
} from '../../../src/index';

const items = convexTable('items', { name: text().notNull(), k: text(), v: number() }, (t) => [
  aggregateIndex('items_by_k').on(t.k).count().sum(t.v),
  index('by_k').on(t.k),
]);
const schema = defineSchema({ items });
const relations = defineRelations({ items });
const orm = createOrm({ relations, strict: true });
const lenient = createOrm({ relations });

describe('strict mode: explain() of an aggregate read refused while its index builds', () => {
  it('does not say the bounded scan runs when the read throws FULL_SCAN_FORBIDDEN', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true } as never);
    await t.run(async (ctx) => {
      await (orm.db(ctx as never) as any).insert(items).values([
        { name: 'a', k: 'x', v: 1 },
        { name: 'b', k: 'y', v: 2 },
      ]);
    });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never) as any;
      const reads = {
        count: () => db.query.items.count(),
        aggregate: () => db.query.items.aggregate({ _count: true, _sum: { v: true } }),
        groupBy: () => db.query.items.groupBy({ by: ['k'], _count: true }),
      };
      const result: Record<string, { error: string | null; explain: string }> = {};
      for (const [name, read] of Object.entries(reads)) {
        const error = await read().then(
          () => null,
          (e: any) => e.code as string,
        );
        result[name] = { error, explain: (await read().explain()).aggregate as string };
      }
      return result;
    });
    for (const [name, { error, explain }] of Object.entries(out)) {
      // The read itself is refused (documented, and what happens today).
      expect(error, name).toBe('FULL_SCAN_FORBIDDEN');
      // ... so its explain must not promise the scan that strict mode refuses.
      expect(explain, name).not.toMatch(/the bounded scan runs/);
      expect(explain, name).toMatch(/strict/);
    }
  });

  it('says the scan runs where it does: without strict, or under strict with a where an index narrows', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true } as never);
    await t.run(async (ctx) => {
      await (orm.db(ctx as never) as any).insert(items).values([{ name: 'a', k: 'x', v: 1 }]);
    });
    const out = await t.run(async (ctx) => {
      const strict = orm.db(ctx as never) as any;
      const loose = lenient.db(ctx as never) as any;
      const narrowed = { where: { k: 'x' }, _count: true } as const;
      return {
        lenient: (await loose.query.items.aggregate({ _count: true }).explain()).aggregate,
        narrowed: (await strict.query.items.aggregate(narrowed).explain()).aggregate,
        narrowedRuns: await strict.query.items.aggregate(narrowed),
      };
    });
    expect(out.lenient).toMatch(/the bounded scan runs until it is ready$/);
    expect(out.narrowed).toMatch(/the bounded scan runs until it is ready$/);
    expect(out.narrowedRuns).toEqual({ _count: 1 });
  });
});
