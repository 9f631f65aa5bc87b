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
import { titlesRead } from './titlesRead';

// docs/queries.md: "The two points pin nothing, so they never displace a read that narrows (an
// equality or a range on another index still wins)". A user's `isNull` on an ordinary nullable
// column (assigneeId: the 3 unassigned tasks among 200) is such a range on another index. Before
// c6b396b it was read (3 documents, sorted in memory); now another index's two points, which
// give the order, displace it and walk every live row in title order with the filter residual.

// 1. A soft-delete table: by_assignee (assigneeId) and by_deleted_title (deletedAt, title).
const tasks = convexTable(
  'tasks',
  { title: text().notNull(), assigneeId: text(), priority: integer().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_assignee').on(t.assigneeId),
    index('by_priority').on(t.priority),
    index('by_deleted_title').on(t.deletedAt, t.title),
    deletion('soft', { column: t.deletedAt }),
  ],
);

// 2. The same without deletion(): two user-written isNull filters.
const items = convexTable('items', { title: text().notNull(), assigneeId: text(), archivedAt: timestamp() }, (t) => [
  index('by_assignee').on(t.assigneeId),
  index('by_archived_title').on(t.archivedAt, t.title),
]);

const tables = { tasks, items };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

/** 197 assigned rows titled a000.., then 3 unassigned rows titled z0..z2 (last in title order). */
async function backend() {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let i = 0; i < 197; i++) {
      const title = `a${String(i).padStart(3, '0')}`;
      await ctx.db.insert('tasks', { title, assigneeId: 'u1', priority: 1 });
      await ctx.db.insert('items', { title, assigneeId: 'u1' });
    }
    for (let i = 0; i < 3; i++) {
      await ctx.db.insert('tasks', { title: `z${i}`, priority: 1 });
      await ctx.db.insert('items', { title: `z${i}` });
    }
  });
  return t;
}

describe('a user isNull filter on its own index is not displaced by another index’s two points', () => {
  it('soft-delete table: findMany where assigneeId isNull, orderBy title, limit 2 reads the 3 unassigned rows', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) =>
      orm.db(ctx).query.tasks.findMany({
        where: { assigneeId: { isNull: true } },
        orderBy: { title: 'asc' },
        limit: 2,
      }),
    );
    expect(out.titles).toEqual(['z0', 'z1']);
    expect(out.index).toBe('by_assignee');
    expect(out.reads.documents).toBeLessThanOrEqual(3);
  });

  it('soft-delete table: under a scan budget of 50 it finishes', async () => {
    const t = await backend();
    const titles = await t.run(async (ctx) => {
      const rows = await orm.db(ctx).query.tasks.findMany({
        where: { assigneeId: { isNull: true } },
        orderBy: { title: 'asc' },
        limit: 2,
        scanBudget: 50,
      });
      return rows.map((row) => row.title);
    });
    expect(titles).toEqual(['z0', 'z1']);
  });

  it('no deletion(): findMany where assigneeId isNull and archivedAt isNull, orderBy title, limit 2 reads by_assignee', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) =>
      orm.db(ctx).query.items.findMany({
        where: { assigneeId: { isNull: true }, archivedAt: { isNull: true } },
        orderBy: { title: 'asc' },
        limit: 2,
      }),
    );
    expect(out.titles).toEqual(['z0', 'z1']);
    expect(out.index).toBe('by_assignee');
    expect(out.reads.documents).toBeLessThanOrEqual(3);
  });

  it('count where assigneeId isNull and priority gte 1 reads the 3 unassigned rows (by_assignee declared first)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const count = await orm
        .db(ctx)
        .query.tasks.count({ where: { assigneeId: { isNull: true }, priority: { gte: 1 } } });
      return { count, reads: { ...reads } };
    });
    expect(out.count).toBe(3);
    expect(out.reads.documents).toBeLessThanOrEqual(3);
  });
});
