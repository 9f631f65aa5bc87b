import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  arrayOf,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  objectOf,
  text,
} from '../../src/index';

// Postgres: an integer -0 is 0, so a filter on -0 matches what was written as -0 (or 0).
describe('integer(): a filter on -0 still finds a row the ORM wrote with -0 inside arrayOf/objectOf', () => {
  it('arrayContains [-0] and arrayOverlaps [-0] find the row written with -0 (they did before 15ed305)', async () => {
    const counters = convexTable('counters', {
      name: text().notNull(),
      nums: arrayOf(integer().notNull()),
      totals: objectOf({ n: integer() }),
    });
    const orm = createOrm({ relations: defineRelations({ counters }) });
    const t = convexTest({ schema: defineSchema({ counters }), modules });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.insert(counters).values({ name: 'a', nums: [-0, 1], totals: { n: -0 } });
      const contains = await db.query.counters.findMany({ where: { nums: { arrayContains: [-0] } } });
      const overlaps = await db.query.counters.findMany({ where: { nums: { arrayOverlaps: [-0] } } });
      return { contains: contains.map((row) => row.name), overlaps: overlaps.map((row) => row.name) };
    });
    expect(out).toEqual({ contains: ['a'], overlaps: ['a'] });
  });
});
