import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

// A drain whose batches are read and deleted by one statement (deleteAtMost): the batch's rows are
// in a soft-delete table (some soft-deleted already), they have an aggregate index, triggers and
// `set null` children, and their own cascading children in a soft-delete table too.
const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    name: text().notNull(),
    points: integer().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_project').on(t.projectId),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('tasks_by_project').on(t.projectId).count().sum(t.points),
  ],
);
const comments = convexTable(
  'comments',
  {
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_task').on(t.taskId), deletion('soft', { column: t.deletedAt })],
);
const watchers = convexTable(
  'watchers',
  { taskId: id('tasks').references(() => tasks._id, { onDelete: 'set null' }), name: text().notNull() },
  (t) => [index('by_task').on(t.taskId)],
);
const schema = defineSchema({ projects, tasks, comments, watchers });
const relations = defineRelations({ projects, tasks, comments, watchers });
const MODULE = 'drainAggregates';

afterEach(() => {
  vi.useRealTimers();
});

function backend(documentsWritten: number) {
  const fired: string[] = [];
  const triggers = defineTriggers(relations, {
    tasks: { afterDelete: ({ old }) => void fired.push(`tasks:${old.name}`) },
    comments: { afterDelete: ({ old }) => void fired.push(`comments:${old.body}`) },
  });
  const orm = createOrm({
    relations,
    triggers,
    transactionBudget: { documentsWritten },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  // Seeds and asks for the delete without the drain's tight budget.
  const seedOrm = createOrm({ relations, scheduledDelete: anyApi[MODULE]!.scheduledDelete as never });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } } as never);
  return { t, orm, seedOrm, fired };
}

describe('a drain batch of rows with aggregates, triggers, set null children and soft-deleted rows', () => {
  it('deletes every task and comment once, nulls the watchers, and leaves the aggregate at zero', async () => {
    vi.useFakeTimers();
    const { t, orm, seedOrm, fired } = backend(8);
    // Backfill the (empty) aggregate index so the ORM's writes keep it and reads are served by it.
    const tables = [tasks].map(getTableConfig);
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
      if (step.batch === null) break;
    }
    const { project, other } = await t.run(async (ctx) => {
      const db = seedOrm.db(ctx as never);
      const [p] = await db.insert(projects).values({ name: 'p' }).returning({ _id: projects._id });
      const [o] = await db.insert(projects).values({ name: 'o' }).returning({ _id: projects._id });
      for (let i = 0; i < 6; i++) {
        const [task] = await db
          .insert(tasks)
          .values({ projectId: p!._id, name: `t${i}`, points: i + 1 })
          .returning({ _id: tasks._id });
        for (let c = 0; c < (i === 0 ? 9 : 2); c++) {
          await db.insert(comments).values({ taskId: task!._id, body: `t${i}c${c}` });
        }
        await db.insert(watchers).values({ taskId: task!._id, name: `w${i}` });
      }
      await db.insert(tasks).values({ projectId: o!._id, name: 'kept', points: 100 });
      return { project: p!._id, other: o!._id };
    });
    await t.run(async (ctx) => {
      const db = seedOrm.db(ctx as never);
      // Soft-delete two tasks (cascading softly to their comments) and one comment of t3.
      await db.delete(tasks).where(eq(tasks.name, 't1'));
      await db.delete(tasks).where(eq(tasks.name, 't2'));
      await db.delete(comments).where(eq(comments.body, 't3c0'));
      await db.delete(projects).where(eq(projects._id, project));
    });
    fired.length = 0;
    await t.finishAllScheduledFunctions(vi.runAllTimers, 200);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      return {
        projects: (await ctx.db.query('projects').collect()).map((row) => row.name),
        tasks: (await ctx.db.query('tasks').collect()).map((row) => row.name),
        comments: (await ctx.db.query('comments').collect()).length,
        watchers: (await ctx.db.query('watchers').collect()).map((row) => row.taskId),
        jobs: (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => job.state.kind),
        served: await db.query.tasks.groupBy({ by: ['projectId'], _count: true, _sum: { points: true } } as never),
        explain: (await db.query.tasks.groupBy({ by: ['projectId'], _count: true } as never).explain()).aggregate,
      };
    });
    expect(out.jobs).not.toContain('failed');
    expect(out.projects).toEqual(['o']);
    expect(out.tasks).toEqual(['kept']);
    expect(out.comments).toBe(0);
    expect(out.watchers).toEqual(Array(6).fill(null));
    expect(out.served).toEqual([{ projectId: other, _count: 1, _sum: { points: 100 } }]);
    const expected = [0, 1, 2, 3, 4, 5].map((i) => `tasks:t${i}`);
    for (let i = 0; i < 6; i++) for (let c = 0; c < (i === 0 ? 9 : 2); c++) expected.push(`comments:t${i}c${c}`);
    expect([...fired].sort()).toEqual(expected.sort());
  });
});
