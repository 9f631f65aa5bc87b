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
  text,
  timestamp,
} from '../../src/index';
import { titlesRead } from './titlesRead';

// A soft-delete table with docs/mutations.md's by_deleted (deletedAt) declared before the index of
// the key the query filters by. `deletedAt isNull` read as its two points (absent, null) is an
// "equality prefix" to the planner, but it pins nothing: every live row of the table. It must not
// win over an index whose equality prefix is the query's own key (by_project), which before
// 825d52b was chosen: reads bounded by the project's rows, not by the table's.
const tasks = convexTable(
  'tasks',
  { projectId: text().notNull(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_deleted').on(t.deletedAt),
    index('by_project').on(t.projectId),
    index('by_deleted_title').on(t.deletedAt, t.title),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { tasks };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

/** Project "a": 5 tasks created first; then project "b": 200 newer tasks. */
async function backend() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 5; i++) await ctx.db.insert('tasks', { projectId: 'a', title: `z${i}` });
    for (let i = 0; i < 200; i++) await ctx.db.insert('tasks', { projectId: 'b', title: `a${i}` });
  });
  return t;
}

describe('a soft-delete table read by its key, newest first', () => {
  it('findMany where projectId, orderBy _creationTime desc reads by_project, not every live row through by_deleted', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) =>
      orm.db(ctx).query.tasks.findMany({
        where: { projectId: 'a' },
        orderBy: { _creationTime: 'desc' },
        limit: 3,
      }),
    );
    expect(out.titles).toEqual(['z4', 'z3', 'z2']);
    expect(out.reads.documents).toBeLessThanOrEqual(5);
    expect(out.index).toBe('by_project');
  });

  it('paginate where projectId, orderBy _creationTime desc reads by_project', async () => {
    const t = await backend();
    const out = await titlesRead(
      t,
      async (ctx) =>
        (
          await orm
            .db(ctx)
            .query.tasks.paginate(
              { numItems: 3, cursor: null },
              { where: { projectId: 'a' }, orderBy: { _creationTime: 'desc' } },
            )
        ).page,
    );
    expect(out.titles).toEqual(['z4', 'z3', 'z2']);
    expect(out.reads.documents).toBeLessThanOrEqual(5);
  });

  it('findMany where projectId, orderBy title reads the project (5 rows), not the live table in title order', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) =>
      orm.db(ctx).query.tasks.findMany({ where: { projectId: 'a' }, orderBy: { title: 'asc' }, limit: 3 }),
    );
    expect(out.titles).toEqual(['z0', 'z1', 'z2']);
    expect(out.reads.documents).toBeLessThanOrEqual(5);
    expect(out.index).toBe('by_project');
  });
});
