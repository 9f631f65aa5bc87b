import { createOrm, defineTriggers, eq } from 'convex-orm';
import { projects, relations } from '../../example/convex/schema';

export const triggers = defineTriggers(relations, {
  tasks: {
    // Before the statement's first write: return replacement values, or throw to veto.
    beforeInsert: (task) => ({ ...task, title: task.title.trim() }),
    // After its writes, in change order. Writes through ctx.db fire their own triggers;
    // set(fn) computes the count from the row the update reads (one read, no race).
    afterInsert: ({ new: task }, ctx) =>
      ctx.db
        .update(projects)
        .set((project) => ({ taskCount: project.taskCount + 1 }))
        .where(eq(projects._id, task.projectId)),
  },
});

export const orm = createOrm({ relations, triggers });
