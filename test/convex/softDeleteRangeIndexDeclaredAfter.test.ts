import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';

// softDeleteRangeIndexPreferred.test.ts with the two indexes declared the other way round:
// docs/mutations.md's by_deleted first, then by_priority. docs/queries.md: "The two points pin
// nothing, so they never displace a read that narrows (an equality or a range on another index
// still wins)". A range on by_priority reads the 3 matching rows; by_deleted's two points walk
// every live row newest first with the range residual.
const tasks = convexTable(
  'tasks',
  { title: text().notNull(), priority: integer().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_deleted').on(t.deletedAt),
    index('by_priority').on(t.priority),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { tasks };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

async function backend() {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let i = 0; i < 3; i++) await ctx.db.insert('tasks', { title: `urgent${i}`, priority: 1000 });
    for (let i = 0; i < 200; i++) await ctx.db.insert('tasks', { title: `t${i}`, priority: 1 });
  });
  return t;
}

describe('a selective range on an index declared after by_deleted, newest first', () => {
  it('findMany where priority gt, orderBy _creationTime desc reads the 3 matching rows, not every live row', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.tasks.findMany({
        where: { priority: { gt: 100 } },
        orderBy: { _creationTime: 'desc' },
        limit: 2,
      });
      const explain = query.explain();
      const rows = await query;
      return { index: explain.index, titles: rows.map((row) => row.title), reads: { ...reads } };
    });
    expect(out.titles).toEqual(['urgent2', 'urgent1']);
    expect(out.reads.documents).toBeLessThanOrEqual(3);
    expect(out.index).toBe('by_priority');
  });

  it('under a scan budget of 100 it finishes', async () => {
    const t = await backend();
    const titles = await t.run(async (ctx) => {
      const rows = await orm.db(ctx).query.tasks.findMany({
        where: { priority: { gt: 100 } },
        orderBy: { _creationTime: 'desc' },
        limit: 2,
        scanBudget: 100,
      });
      return rows.map((row) => row.title);
    });
    expect(titles).toEqual(['urgent2', 'urgent1']);
  });
});
