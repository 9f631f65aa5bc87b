// Valid user code that must keep type-checking with defineRules/defineTriggers inferring what they are given (5e31be2)
// to check the keys of returned rules, replacement values and the config: conditional and early returns, satisfies,
// helpers, annotations, function rules, named hooks, hooks returning nothing (a review found none broken).

import type { GenericId } from 'convex/values';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineTriggers,
  eq,
  type InferInsertModel,
  type InferSelectModel,
  id,
  integer,
  type RuleInsertRow,
  type TableTriggers,
  type TriggerContext,
  type TriggersConfig,
  text,
  type UpdateSet,
} from 'convex-orm';

const projects = convexTable('projects', { name: text().notNull(), taskCount: integer().notNull().default(0) });
const tasks = convexTable('tasks', {
  title: text().notNull(),
  projectId: id('projects').notNull(),
  done: integer(),
  note: text(),
});
const relations = defineRelations({ projects, tasks });
type Schema = typeof relations;
type Task = InferSelectModel<typeof tasks>;

// 1. separate named functions
function trimTitle(row: RuleInsertRow<typeof tasks>) {
  return { ...row, title: row.title.trim() };
}
async function bumpCount(change: { new: { projectId: GenericId<'projects'> } }, ctx: TriggerContext<Schema>) {
  await ctx.db
    .update(projects)
    .set((p) => ({ taskCount: p.taskCount + 1 }))
    .where(eq(projects._id, change.new.projectId));
}
export const t1 = defineTriggers(relations, { tasks: { beforeInsert: trimTitle, afterInsert: bumpCount } });
// 2. explicit parameter annotations
export const t2 = defineTriggers(relations, {
  tasks: {
    beforeInsert: (row: RuleInsertRow<typeof tasks>, _ctx: TriggerContext<Schema>) => ({ ...row, note: 'x' }),
    beforeUpdate: (change: { old: Task; new: Task }) => ({ title: change.new.title.trim() }),
  },
});
// 3. conditional undefined
export const t3 = defineTriggers(relations, {
  tasks: {
    beforeInsert: (row) => (row.title ? undefined : { ...row, title: 'untitled' }),
    beforeUpdate: ({ new: next }) => {
      if (next.title === '') return;
      return { title: next.title.trim() };
    },
  },
});
// 4. async conditional
export const t4 = defineTriggers(relations, {
  tasks: {
    beforeInsert: async (row, ctx) => {
      const p = await ctx.db.query.projects.findFirst({ where: { _id: row.projectId } });
      if (!p) throw new Error('no project');
      if (p.name === 'x') return { ...row, note: p.name };
    },
    beforeUpdate: async ({ old, new: next }) => {
      if (old.title !== next.title) return { ...next, note: 'renamed' };
      return undefined;
    },
  },
});
// 5. async void / returns nothing
export const t5 = defineTriggers(relations, {
  tasks: {
    beforeInsert: async (row) => {
      if (!row.title) throw new Error('x');
    },
    beforeUpdate: async () => {},
    beforeDelete: async ({ old }) => {
      if (old.done) throw new Error('done');
    },
  },
});
// 6. config typed separately
const cfg: TriggersConfig<Schema> = { tasks: { beforeInsert: (row) => row } };
export const t6 = defineTriggers(relations, cfg);
// 7. satisfies
export const t7 = defineTriggers(relations, {
  tasks: { beforeInsert: (row) => ({ ...row }) } satisfies TableTriggers<typeof tasks, Schema>,
});
// 8. hooks object built separately
const taskHooks: TableTriggers<typeof tasks, Schema> = { beforeUpdate: () => ({ done: 1 }) };
export const t8 = defineTriggers(relations, { tasks: taskHooks });
// 9. Partial spread in beforeUpdate
declare const patch: Partial<UpdateSet<typeof tasks>>;
export const t9 = defineTriggers(relations, {
  tasks: { beforeUpdate: ({ new: next }) => ({ ...patch, title: next.title }) },
});
// 10. beforeUpdate returning {} and the whole new row
export const t10 = defineTriggers(relations, { tasks: { beforeUpdate: ({ new: next }) => (next.done ? {} : next) } });
// 11. returning InferInsertModel typed variable
export const t11 = defineTriggers(relations, {
  tasks: { beforeInsert: (row): InferInsertModel<typeof tasks> => ({ title: row.title, projectId: row.projectId }) },
});
// 12. returning explicit Promise<... | undefined>
export const t12 = defineTriggers(relations, {
  tasks: {
    beforeInsert: async (row): Promise<InferInsertModel<typeof tasks> | undefined> => (row.note ? row : undefined),
  },
});
// 13. function typed as TableTriggers['beforeInsert']
const bi: NonNullable<TableTriggers<typeof tasks, Schema>['beforeInsert']> = (row) => row;
export const t13 = defineTriggers(relations, { tasks: { beforeInsert: bi }, projects: {} });
// 14. afterChange with switch
export const t14 = defineTriggers(relations, {
  tasks: {
    afterChange: async (change, ctx) => {
      switch (change.operation) {
        case 'insert':
          await ctx.db
            .update(projects)
            .set((p) => ({ taskCount: p.taskCount + 1 }))
            .where(eq(projects._id, change.new.projectId));
          break;
        case 'delete':
          await ctx.db
            .update(projects)
            .set((p) => ({ taskCount: p.taskCount - 1 }))
            .where(eq(projects._id, change.old.projectId));
          break;
        default:
          break;
      }
    },
  },
});
// 15. beforeInsert returning row typed any
export const t15 = defineTriggers(relations, { tasks: { beforeInsert: (row: any) => row } });
// 16. id column
export const t16 = defineTriggers(relations, {
  tasks: {
    beforeUpdate: ({ id }) => {
      const x: GenericId<'tasks'> = id;
      void x;
    },
  },
});
// 17. createOrm with triggers
export const orm = createOrm({ relations, triggers: t3 });
// 18. beforeInsert that returns a different object literal conditionally (two shapes)
export const t18 = defineTriggers(relations, {
  tasks: {
    beforeInsert: (row) => (row.done ? { title: row.title, projectId: row.projectId } : { ...row, note: null }),
  },
});
// 19. hook using a generic helper
function keep<T>(x: T): T {
  return x;
}
export const t19 = defineTriggers(relations, { tasks: { beforeInsert: keep } });

import { describe as describe_, expectTypeOf as expectTypeOf_, it as it_ } from 'vitest';

describe_('valid triggers code type-checks', () => {
  it_('compiles', () => {
    expectTypeOf_(relations).not.toBeAny();
  });
});
