import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, eq, id, text } from '../../src/index';

// docs/triggers.md (The pipeline): a statement's changes are its own rows, then every row its
// foreign-key actions update (set null here), then every row they delete, each group in the order
// the actions reached them. So after-hooks do not follow the cascade's depth: deleting a project
// that cascades to its tasks, whose comments are set null, runs each comment's afterUpdate before
// its task's afterDelete.
const projects = convexTable('projects', { name: text().notNull() });
const tasks = convexTable('tasks', {
  name: text().notNull(),
  projectId: id('projects')
    .notNull()
    .references(() => projects._id, { onDelete: 'cascade' }),
});
const comments = convexTable('comments', {
  body: text().notNull(),
  taskId: id('tasks').references(() => tasks._id, { onDelete: 'set null' }),
});
const tables = { projects, tasks, comments };
const relations = defineRelations(tables, () => ({}));

describe("a cascade's after-hooks", () => {
  it('run the statement rows, then the rows actions update, then the rows they delete', async () => {
    const seen: string[] = [];
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        projects: { afterDelete: ({ old }) => void seen.push(`delete ${old.name}`) },
        tasks: { afterDelete: ({ old }) => void seen.push(`delete ${old.name}`) },
        comments: { afterUpdate: ({ old }) => void seen.push(`update ${old.body}`) },
      }),
    });
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'P' });
      for (const name of ['T1', 'T2']) {
        const taskId = await ctx.db.insert('tasks', { name, projectId: project });
        await ctx.db.insert('comments', { body: `${name}c`, taskId });
      }
      await orm.db(ctx).delete(projects).where(eq(projects._id, project));
    });
    expect(seen).toEqual(['delete P', 'update T1c', 'update T2c', 'delete T1', 'delete T2']);
  });
});
