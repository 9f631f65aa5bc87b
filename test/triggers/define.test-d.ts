import type { GenericId } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import { projects, relations, type tasks } from '../../example/convex/schema';
import {
  createOrm,
  defineTriggers,
  type InferInsertModel,
  type InferSelectModel,
  type OrmWriter,
  type TriggerChange,
} from '../../src/index';

type Task = InferSelectModel<typeof tasks>;

describe('defineTriggers types', () => {
  it('hands hooks the table select types (beforeInsert: without system fields) and the ORM writer', () => {
    defineTriggers(relations, {
      tasks: {
        beforeInsert: (row, ctx) => {
          expectTypeOf(row).toEqualTypeOf<Omit<Task, '_id' | '_creationTime'>>();
          expectTypeOf(ctx.db).toEqualTypeOf<OrmWriter<typeof relations>>();
          expectTypeOf(ctx.operation).toEqualTypeOf<'insert' | 'update' | 'delete'>();
          return { ...row, title: row.title.trim() };
        },
        beforeUpdate: ({ id, old, new: next }) => {
          expectTypeOf(id).toEqualTypeOf<GenericId<'tasks'>>();
          expectTypeOf(old).toEqualTypeOf<Task>();
          expectTypeOf(next).toEqualTypeOf<Task>();
          return { title: next.title.trim() };
        },
        beforeDelete: ({ old }) => {
          expectTypeOf(old).toEqualTypeOf<Task>();
        },
        afterInsert: async ({ new: task }, ctx) => {
          expectTypeOf(task).toEqualTypeOf<Omit<Task, '_creationTime'>>();
          await ctx.db.update(projects).set({ taskCount: 1 }).where({ _id: task.projectId });
        },
        afterUpdate: ({ old, new: next }) => {
          expectTypeOf(old).toEqualTypeOf<Task>();
          expectTypeOf(next).toEqualTypeOf<Task>();
        },
        afterDelete: ({ old, new: next }) => {
          expectTypeOf(old).toEqualTypeOf<Task>();
          expectTypeOf(next).toEqualTypeOf<null>();
        },
        afterChange: (change) => {
          expectTypeOf(change).toEqualTypeOf<TriggerChange<typeof tasks>>();
          if (change.operation === 'delete') expectTypeOf(change.new).toEqualTypeOf<null>();
        },
      },
      users: {
        beforeInsert: () => undefined,
        beforeUpdate: () => {},
      },
    });
  });

  it('takes a beforeInsert replacement of the insert type (defaulted and nullable columns optional)', () => {
    defineTriggers(relations, {
      tasks: {
        beforeInsert: (row) => {
          const replacement: InferInsertModel<typeof tasks> = { title: row.title, projectId: row.projectId };
          return replacement;
        },
      },
    });
  });

  it('rejects wrong return values, unknown tables and unknown hooks', () => {
    defineTriggers(relations, {
      tasks: {
        // @ts-expect-error a replacement row must be an insert row of tasks
        beforeInsert: (row) => ({ ...row, title: 3 }),
        // @ts-expect-error replacement values must be columns of tasks
        beforeUpdate: () => ({ email: 'x' }),
      },
    });
    defineTriggers(relations, {
      // @ts-expect-error not a table of the relations
      nope: {},
    });
    defineTriggers(relations, {
      // @ts-expect-error not a hook
      users: { onInsert: () => {} },
    });
    defineTriggers(relations, {
      users: {
        // @ts-expect-error users rows have no title
        afterInsert: ({ new: user }) => void user.title,
      },
    });
  });

  it('createOrm takes the triggers of its relations; orm.db takes { triggers: false }', () => {
    const triggers = defineTriggers(relations, {});
    const orm = createOrm({ relations, triggers });
    // The last overload, a query's `orm.db(ctx, options?)` (the first two bypass the rules: `{ rules: false }`).
    expectTypeOf<Parameters<typeof orm.db>[1]>().toEqualTypeOf<
      { readonly triggers?: boolean; readonly rules?: boolean; readonly rowCap?: number } | undefined
    >();
    const other = defineTriggers({ users: relations.users }, {});
    // @ts-expect-error triggers of other relations
    createOrm({ relations, triggers: other });
  });
});
