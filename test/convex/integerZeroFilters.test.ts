import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';

// integer() and timestamp() (whole milliseconds) have one zero: the ORM writes -0 as 0, and a filter
// value computed as -0 (Math.round(-0.4), -1 * 0, ...) compares as that zero, as in Postgres, on an
// index range and in a residual filter alike (Convex orders -0 before 0 and tells them apart).
describe.each([
  ['integer()', () => integer()],
  ['timestamp()', () => timestamp()],
])('%s: a filter on -0 is a filter on 0', (_, column) => {
  const counters = convexTable('counters', { name: text().notNull(), n: column() }, (t) => [index('by_n').on(t.n)]);
  const unindexed = convexTable('unindexed', { name: text().notNull(), n: column() });
  const orm = createOrm({ relations: defineRelations({ counters, unindexed }) });

  it('eq / in / gt / ne / lte with -0 treat an ORM-written 0 as Postgres does (indexed and not)', async () => {
    const t = convexTest({ schema: defineSchema({ counters, unindexed }), modules });
    const minusZero = Math.round(-0.4);
    expect(Object.is(minusZero, -0)).toBe(true);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const rows = [
        { name: 'zero', n: 0 },
        { name: 'one', n: 1 },
      ];
      await db.insert(counters).values(rows);
      await db.insert(unindexed).values(rows);
      const result: Record<string, string[]> = {};
      const filters = {
        eq: { n: minusZero },
        in: { n: { in: [minusZero] } },
        gt: { n: { gt: minusZero } },
        ne: { n: { ne: minusZero } },
        lte: { n: { lte: minusZero } },
      };
      for (const [name, where] of Object.entries(filters)) {
        result[`indexed ${name}`] = (await db.query.counters.findMany({ where })).map((row) => row.name).sort();
        result[`residual ${name}`] = (await db.query.unindexed.findMany({ where })).map((row) => row.name).sort();
      }
      return result;
    });
    expect(out).toEqual({
      'indexed eq': ['zero'],
      'residual eq': ['zero'],
      'indexed in': ['zero'],
      'residual in': ['zero'],
      'indexed gt': ['one'],
      'residual gt': ['one'],
      'indexed ne': ['one'],
      'residual ne': ['one'],
      'indexed lte': ['zero'],
      'residual lte': ['zero'],
    });
  });
});
