/**
 * A delete refused by `restrict` reads as few referencing rows as decide it: one more than the
 * rows of that table the statement deletes or moves (Postgres looks for one), not every
 * referencing row up to the row cap (201 documents for a project with 200 tasks), which a
 * "try delete, else archive" fallback paid on the transaction's budget.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, index, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const projects = convexTable('projects', { slug: text().notNull().unique() });
const tasks = convexTable(
  'tasks',
  { title: text().notNull(), project: text().references(() => projects.slug, { onDelete: 'restrict' }) },
  (t) => [index('by_project').on(t.project)],
);
const tables = { projects, tasks };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

it('a delete refused by restrict reads one referencing row, not all 200', async () => {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('projects', { slug: 'p' });
    for (let i = 0; i < 200; i++) await ctx.db.insert('tasks', { title: `t${i}`, project: 'p' });
  });
  const out = await t.run(async (ctx) => {
    const counted = countReads(ctx as never);
    let code = 'resolved';
    try {
      await orm
        .db(counted.ctx as never)
        .delete(projects)
        .where(eq(projects.slug, 'p'));
    } catch (e: any) {
      code = e.code;
    }
    return { code, documents: counted.reads.documents };
  });
  expect(out.code).toBe('FOREIGN_KEY_VIOLATION');
  expect(out.documents).toBeLessThanOrEqual(2);
});
