/**
 * Found by review: `on delete set default` made a `$defaultFn` column's default once per deleted
 * parent and wrote that one value into every child row. Postgres evaluates DEFAULT per row (a
 * round-robin reassignment, a per-row token): deleting a project with three tasks runs the
 * function three times, one value per task, as three inserts would.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, eq, index, text } from '../../src/index';

let made = 0;
const projects = convexTable('projects', { slug: text().notNull().unique() });
const tasks = convexTable(
  'tasks',
  {
    title: text().notNull(),
    projectSlug: text()
      .$defaultFn(() => `pool-${++made}`)
      .references(() => projects.slug, { onDelete: 'set default' }),
  },
  (t) => [index('by_project').on(t.projectSlug)],
);
const tables = { projects, tasks };
const orm = createOrm({ relations: defineRelations(tables) });

it('set default makes each referencing row its own default', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const slugs = await t.run(async (ctx) => {
    for (const slug of ['old', 'pool-1', 'pool-2', 'pool-3']) await ctx.db.insert('projects', { slug });
    for (const title of ['a', 'b', 'c']) await ctx.db.insert('tasks', { title, projectSlug: 'old' });
    made = 0;
    await orm.db(ctx).delete(projects).where(eq(projects.slug, 'old'));
    return (await ctx.db.query('tasks').collect()).map((task) => task.projectSlug);
  });
  expect(made).toBe(3);
  expect([...slugs].sort()).toEqual(['pool-1', 'pool-2', 'pool-3']);
});
