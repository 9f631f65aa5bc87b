import { createOrm, defineTriggers, eq } from 'convex-orm';
import { projects, relations } from '../../example/convex/schema';

export const triggers = defineTriggers(relations, {
  tasks: {
    // Before the statement's first write: return replacement values, or throw to veto.
    beforeInsert: (task) => ({ ...task, title: task.title.trim() }),
    // After its writes, in change order. Writes through ctx.db fire their own triggers.
    afterInsert: async ({ new: task }, ctx) => {
      const project = await ctx.db.query.projects.findFirst({ where: { _id: task.projectId } });
      if (!project) return;
      await ctx.db
        .update(projects)
        .set({ taskCount: project.taskCount + 1 })
        .where(eq(projects._id, project._id));
    },
  },
});

export const orm = createOrm({ relations, triggers });
