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
import { titlesRead } from './titlesRead';

// A soft-delete table with an index on the column a selective range filters by and docs/mutations.md's
// by_deleted (deletedAt), declared in either order. The two points of `deletedAt isNull` pin nothing:
// read newest first they walk every live row with the range residual. A range on by_priority reads
// just the matching rows (sorted in memory); whichever index is declared first, the points must not
// displace it (nor must by_deleted's one range, the live rows, win the tie between two ranges).
function world(priorityFirst: boolean) {
  const tasks = convexTable(
    'tasks',
    { title: text().notNull(), priority: integer().notNull(), deletedAt: timestamp() },
    (t) => {
      const [byPriority, byDeleted] = [index('by_priority').on(t.priority), index('by_deleted').on(t.deletedAt)];
      return [
        ...(priorityFirst ? [byPriority, byDeleted] : [byDeleted, byPriority]),
        deletion('soft', { column: t.deletedAt }),
      ];
    },
  );
  const tables = { tasks };
  const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
  /** 3 urgent tasks created first, then 200 newer ordinary ones. */
  async function backend() {
    const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
    await t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('tasks', { title: `urgent${i}`, priority: 1000 });
      for (let i = 0; i < 200; i++) await ctx.db.insert('tasks', { title: `t${i}`, priority: 1 });
    });
    return t;
  }
  return { orm, backend };
}

describe.each([
  ['by_priority', true],
  ['by_deleted', false],
])('a soft-delete table read by a selective range, newest first (%s declared first)', (_first, priorityFirst) => {
  const { orm, backend } = world(priorityFirst);

  it('findMany where priority gt, orderBy _creationTime desc reads by_priority (3 rows), not every live row', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) =>
      orm.db(ctx).query.tasks.findMany({
        where: { priority: { gt: 100 } },
        orderBy: { _creationTime: 'desc' },
        limit: 2,
      }),
    );
    expect(out.titles).toEqual(['urgent2', 'urgent1']);
    expect(out.reads.documents).toBeLessThanOrEqual(3);
    expect(out.index).toBe('by_priority');
  });

  it('under a scan budget of 100 it finishes (the range holds 3 rows)', async () => {
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
