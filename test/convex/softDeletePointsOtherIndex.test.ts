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

// docs/mutations.md's soft-delete indexes: by_deleted (deletedAt), and by_project (projectId,
// deletedAt) "right after the equality prefix". docs/queries.md: ordered by the fields after an
// isNull field, the isNull is read as two points (absent, null), merged, as far as the limit or page.

// 1. by_deleted plus by_deleted_title (deletedAt, title): ordered by title, the two points of
//    by_deleted_title give title order; by_deleted's own range (the same isNull) is read whole and sorted.
const notes = convexTable('notes', { title: text().notNull(), deletedAt: timestamp() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  index('by_deleted_title').on(t.deletedAt, t.title),
  deletion('soft', { column: t.deletedAt }),
]);

// 2. by_project (projectId, deletedAt), exactly as docs/mutations.md declares it.
const tasks = convexTable(
  'tasks',
  { projectId: text().notNull(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_project').on(t.projectId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);

const tables = { notes, tasks };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

async function backend() {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let i = 0; i < 200; i++) {
      const title = `n${String(i).padStart(3, '0')}`;
      await ctx.db.insert('notes', i % 2 === 0 ? { title } : { title, deletedAt: null });
    }
    for (let i = 0; i < 5; i++) await ctx.db.insert('tasks', { projectId: 'a', title: `a${i}` });
    for (let i = 0; i < 200; i++) await ctx.db.insert('tasks', { projectId: 'b', title: `b${i}` });
  });
  return t;
}

describe('the two points of a soft-delete isNull on the index that gives the order', () => {
  it('findMany orderBy title, limit 3 reads by_deleted_title as two points, not every live row through by_deleted', async () => {
    const t = await backend();
    const out = await titlesRead(t, (ctx) => orm.db(ctx).query.notes.findMany({ orderBy: { title: 'asc' }, limit: 3 }));
    expect(out.titles).toEqual(['n000', 'n001', 'n002']);
    expect(out.reads.documents).toBeLessThanOrEqual(5);
    expect(out.index).toBe('by_deleted_title');
  });

  it('paginate where projectId, orderBy _creationTime desc reads the project through by_project (projectId, deletedAt)', async () => {
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
    expect(out.titles).toEqual(['a4', 'a3', 'a2']);
    expect(out.reads.documents).toBeLessThanOrEqual(5);
  });

  it('strict mode pages a project newest first through by_project (projectId, deletedAt)', async () => {
    const t = await backend();
    const titles = await t.run(async (ctx) => {
      const page = await strict
        .db(ctx)
        .query.tasks.paginate(
          { numItems: 3, cursor: null },
          { where: { projectId: 'a' }, orderBy: { _creationTime: 'desc' } },
        );
      return page.page.map((row) => row.title);
    });
    expect(titles).toEqual(['a4', 'a3', 'a2']);
  });
});
