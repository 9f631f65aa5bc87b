// When a soft-delete cascade reaches a row whose beforeUpdate hook renames a key other rows reference
// (a hook freeing the unique code of a deleted row, as docs/mutations.md suggests for soft deletes),
// the statement is refused with INVALID_QUERY and writes nothing (docs/triggers.md, pipeline step 3),
// and the message names what the hook changed: the key (code) "notes" reference, not the soft delete
// (the cascade soft-deletes the row before and after its hook alike).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    code: text().notNull().unique(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_project').on(t.projectId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const notes = convexTable(
  'notes',
  { taskCode: text().references(() => tasks.code, { onUpdate: 'cascade', onDelete: 'set null' }) },
  (t) => [index('by_code').on(t.taskCode)],
);
const schema = defineSchema({ projects, tasks, notes });
const relations = defineRelations({ projects, tasks, notes });
const triggers = defineTriggers(relations, {
  tasks: {
    // frees the unique code of a task being soft-deleted
    beforeUpdate: ({ old, new: next }) =>
      old.deletedAt == null && next.deletedAt != null ? { code: `${next.code}~deleted` } : undefined,
  },
});
const orm = createOrm({ relations, triggers });

describe('a reached row hook renaming a referenced key during a soft cascade', () => {
  it('is refused with a message naming the key it changed, writing nothing', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [p] = await db.insert(projects).values({ name: 'p' }).returning();
      await db.insert(tasks).values({ projectId: p!._id, code: 'c1' });
      await db.insert(notes).values({ taskCode: 'c1' });
      let error: any = null;
      try {
        await db.delete(projects).where(eq(projects._id, p!._id));
      } catch (e) {
        error = e;
      }
      return {
        code: error?.code ?? error?.data?.code,
        message: String(error?.message),
        live: (await ctx.db.query('tasks').collect()).map((r: any) => [r.code, r.deletedAt]),
        project: (await ctx.db.query('projects').collect()).map((r: any) => r.deletedAt),
      };
    });
    expect(out.code).toBe('INVALID_QUERY');
    expect(out.live).toEqual([['c1', null]]);
    expect(out.project).toEqual([null]);
    expect(out.message).toContain('changed the key (code)');
    expect(out.message).not.toContain('changed the soft delete');
  });
});
