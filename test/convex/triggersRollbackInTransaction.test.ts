import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, taskNotes, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, TransactionRollbackError } from '../../src/index';

// A rollback that escapes the mutation after hooks wrote: every hook write (the project counter, the
// audit notes), the soft delete and the hard delete it scheduled are discarded with the statement's rows.
const orm = createOrm({
  relations,
  scheduledDelete: internal.deletions.scheduledDelete,
  triggers: defineTriggers(relations, {
    tasks: {
      afterInsert: ({ new: task }, ctx) =>
        ctx.db
          .update(projects)
          .set((project) => ({ taskCount: project.taskCount + 1 }))
          .where(eq(projects._id, task.projectId)),
      afterUpdate: async ({ id, new: task }, ctx) => {
        if (task.deletedAt !== null) await ctx.db.insert(taskNotes).values({ taskId: id, body: 'deleted' });
      },
    },
  }),
});

async function counts(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => ({
    projects: (await ctx.db.query('projects').collect()).length,
    tasks: (await ctx.db.query('tasks').collect()).length,
    notes: (await ctx.db.query('taskNotes').collect()).length,
    jobs: (await ctx.db.system.query('_scheduled_functions').collect()).length,
  }));
}

describe('tx.rollback() after trigger writes', () => {
  it('escaping the mutation discards the hooks writes and the scheduled hard delete too', async () => {
    const t = convexTest(schema, modules);
    const seen: unknown[] = [];
    const escaped = t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      await db.transaction(async (tx) => {
        const [project] = await tx.insert(projects).values({ name: 'P' }).returning();
        const [task] = await tx.insert(tasks).values({ projectId: project!._id, title: 't' }).returning();
        await tx.delete(tasks).where(eq(tasks._id, task!._id));
        seen.push(
          (await tx.query.projects.findFirst())!.taskCount,
          (await ctx.db.query('taskNotes').collect()).length,
          (await ctx.db.system.query('_scheduled_functions').collect()).length,
        );
        tx.rollback();
      });
    });
    await expect(escaped).rejects.toBeInstanceOf(TransactionRollbackError);
    expect(seen).toEqual([1, 1, 1]);
    expect(await counts(t)).toEqual({ projects: 0, tasks: 0, notes: 0, jobs: 0 });
  });
});
