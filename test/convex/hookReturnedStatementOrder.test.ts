import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, relations, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, type OrmWriter, type TriggersConfig } from '../../src/index';

type Config = TriggersConfig<typeof relations>;
type HookDb = Parameters<NonNullable<NonNullable<Config['tasks']>['afterInsert']>>[1]['db'];

// A statement an after-hook returns unawaited is run by the hook runner, which tells the hook
// level's queue when it settled (no promise of its own per row). These pin that it still runs in
// order with the level's other operations: those the hook started before returning it, those
// started while it runs, and after one of them failed.

/** Inserts `titles` as tasks of a new project under `config`; awaits `pending` too; returns the project's taskCount. */
async function taskCountAfter(config: Config, titles: string[], pending: Promise<unknown>[] = []): Promise<number> {
  const t = convexTest(schema, modules);
  const orm = createOrm({ relations, triggers: defineTriggers(relations, config) });
  return t.run(async (ctx) => {
    const db: OrmWriter<typeof relations> = orm.db(ctx as MutationCtx);
    const [project] = await db.insert(projects).values({ name: 'P' }).returning();
    await db.insert(tasks).values(titles.map((title) => ({ projectId: project!._id, title })));
    await Promise.all(pending);
    return (await db.query.projects.findFirst())!.taskCount;
  });
}

/** `taskCount` set from the stored one by `next`, on the project of `task`, through the hook level's `db`. */
const setCount = (db: HookDb, projectId: string, next: (count: number) => number) =>
  db
    .update(projects)
    .set((project) => ({ taskCount: next(project.taskCount) }))
    .where(eq(projects._id, projectId as never));

describe("a statement an after-hook returns runs in order with the hook level's other operations", () => {
  it('after an operation the hook started before returning it', async () => {
    const started: Promise<unknown>[] = [];
    const count = await taskCountAfter(
      {
        tasks: {
          afterInsert: ({ new: task }, ctx) => {
            started.push(setCount(ctx.db, task.projectId, (n) => n + 1).then());
            return setCount(ctx.db, task.projectId, (n) => n * 10);
          },
        },
      },
      ['a', 'b'],
      started,
    );
    // Row a: (0 + 1) * 10; row b: (10 + 1) * 10.
    expect(count).toBe(110);
  });

  it("before an operation started while it waits for its turn, and the next row's operations after that one", async () => {
    const started: Promise<unknown>[] = [];
    const count = await taskCountAfter(
      {
        tasks: {
          afterInsert: ({ new: task }, ctx) => {
            // Once the first settles (the returned statement is then about to start), a third is started.
            const first = setCount(ctx.db, task.projectId, (n) => n + 1).then(() => {
              started.push(setCount(ctx.db, task.projectId, (n) => n + 100).then());
            });
            started.push(first);
            return setCount(ctx.db, task.projectId, (n) => n * 10);
          },
        },
      },
      ['a', 'b'],
      started,
    );
    // Row a: (0 + 1) * 10 + 100; row b: (110 + 1) * 10 + 100.
    expect(count).toBe(1210);
  });

  it('after a returned statement that failed, whose caller caught it', async () => {
    const t = convexTest(schema, modules);
    let fail = true;
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        tasks: {
          afterInsert: ({ new: task }, ctx) =>
            fail
              ? ctx.db
                  .update(projects)
                  .set({ name: null as never })
                  .where(eq(projects._id, task.projectId))
              : setCount(ctx.db, task.projectId, (n) => n + 1),
        },
      }),
    });
    const outcome = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const [project] = await db.insert(projects).values({ name: 'P' }).returning();
      const failed = await db
        .insert(tasks)
        .values({ projectId: project!._id, title: 'a' })
        .then(
          () => 'written',
          (error: { code?: string }) => error.code,
        );
      fail = false;
      await db.insert(tasks).values([
        { projectId: project!._id, title: 'b' },
        { projectId: project!._id, title: 'c' },
      ]);
      const stored = await db.query.projects.findFirst();
      return { failed, taskCount: stored!.taskCount, name: stored!.name };
    });
    expect(outcome).toEqual({ failed: 'VALIDATION', taskCount: 2, name: 'P' });
  });
});
