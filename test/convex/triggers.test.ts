import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { comments, posts, projects, relations, tasks, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineTriggers, eq, type OrmWriter, type TriggersConfig } from '../../src/index';
import { writePatch } from '../../src/migrations/write';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';

type Config = TriggersConfig<typeof relations>;

/** The example app with an ORM whose triggers are `config`; `run` hands `orm.db(ctx)` to one transaction. */
function backend(config: Config) {
  const t = convexTest(schema, modules);
  const orm = createOrm({ relations, triggers: defineTriggers(relations, config) });
  const run = <R>(fn: (db: OrmWriter<typeof relations>, ctx: MutationCtx) => Promise<R>) =>
    t.run((ctx) => fn(orm.db(ctx as MutationCtx), ctx as MutationCtx));
  return { t, orm, run };
}

/** Increments the project's taskCount for every inserted task (the trigger the bench measures). */
const countTasks: Config = {
  tasks: {
    afterInsert: async ({ new: task }, ctx) => {
      const project = await ctx.db.query.projects.findFirst({ where: { _id: task.projectId }, withDeleted: true });
      await ctx.db
        .update(projects)
        .set({ taskCount: project!.taskCount + 1 })
        .where(eq(projects._id, task.projectId));
    },
  },
};

async function rowCount(ctx: { db: any }, table: string): Promise<number> {
  return (await ctx.db.query(table).collect()).length;
}

describe('after-hooks', () => {
  it('run per written row in change order, with the planned rows (an insert has _id, no _creationTime)', async () => {
    const seen: unknown[] = [];
    const { run } = backend({
      ...countTasks,
      projects: { afterChange: ({ operation, new: next }) => void seen.push([operation, next?.taskCount]) },
    });
    const taskCount = await run(async (db) => {
      const [project] = await db.insert(projects).values({ name: 'P' }).returning();
      await db.insert(tasks).values([
        { projectId: project!._id, title: 'a' },
        { projectId: project!._id, title: 'b' },
        { projectId: project!._id, title: 'c' },
      ]);
      return (await db.query.projects.findFirst())!.taskCount;
    });
    expect(taskCount).toBe(3);
    expect(seen).toEqual([
      ['insert', 0],
      ['update', 1],
      ['update', 2],
      ['update', 3],
    ]);
  });

  it('get old and new, the hook ctx names the operation and table, and ctx.raw is the Convex writer', async () => {
    const events: unknown[] = [];
    const { run } = backend({
      projects: {
        afterInsert: (change, ctx) => void events.push({ ...pick(change), op: ctx.operation, table: ctx.table }),
        afterUpdate: (change, ctx) =>
          void events.push({ ...pick(change), op: ctx.operation, raw: ctx.raw !== undefined }),
        afterDelete: (change, ctx) => void events.push({ ...pick(change), op: ctx.operation }),
      },
    });
    const id = await run(async (db) => {
      const [row] = await db.insert(projects).values({ name: 'A' }).returning({ _id: projects._id });
      await db.update(projects).set({ name: 'B' }).where(eq(projects._id, row!._id));
      await db.delete(projects).hard().where(eq(projects._id, row!._id));
      return row!._id;
    });
    expect(events).toEqual([
      { id, old: null, new: { _id: id, name: 'A', taskCount: 0, deletedAt: null }, op: 'insert', table: 'projects' },
      { id, old: 'A', new: 'B', op: 'update', raw: true },
      { id, old: 'B', new: null, op: 'delete' },
    ]);
  });

  it('fire for every cascaded row: deleting a user with 3 posts of 10 comments fires 30 comment afterDelete', async () => {
    const fired = { posts: 0, comments: 0 };
    const { run } = backend({
      posts: { afterDelete: () => void fired.posts++ },
      comments: { afterDelete: ({ old }) => void (old.body === 'c' && fired.comments++) },
    });
    const after = await run(async (db, ctx) => {
      const [user] = await db.insert(users).values({ name: 'U', email: 'u@x' }).returning({ _id: users._id });
      const authorId = user!._id;
      const postRows = await db
        .insert(posts)
        .values([0, 1, 2].map((i) => ({ title: `P${i}`, authorId })))
        .returning({ _id: posts._id });
      await db
        .insert(comments)
        .values(
          postRows.flatMap(({ _id }) => Array.from({ length: 10 }, () => ({ postId: _id, authorId, body: 'c' }))),
        );
      await db.delete(users).where(eq(users._id, authorId));
      return rowCount(ctx, 'comments');
    });
    expect(fired).toEqual({ posts: 3, comments: 30 });
    expect(after).toBe(0);
  });

  it('fire for both upsert branches', async () => {
    const events: string[] = [];
    const { run } = backend({
      users: {
        afterInsert: ({ new: user }) => void events.push(`insert ${user.email}`),
        afterUpdate: ({ old, new: user }) => void events.push(`update ${old.name} -> ${user.name}`),
      },
    });
    await run(async (db) => {
      await db.insert(users).values({ name: 'Old', email: 'a@x' });
      await db
        .insert(users)
        .values([
          { name: 'New', email: 'a@x' },
          { name: 'B', email: 'b@x' },
        ])
        .onConflictDoUpdate({ target: users.email, set: { name: 'New' } });
    });
    expect(events).toEqual(['insert a@x', 'update Old -> New', 'insert b@x']);
  });

  it('fire inside db.transaction', async () => {
    const { run } = backend(countTasks);
    const count = await run(async (db) => {
      const [project] = await db.insert(projects).values({ name: 'P' }).returning({ _id: projects._id });
      await db.transaction((tx) => tx.insert(tasks).values({ projectId: project!._id, title: 't' }));
      return (await db.query.projects.findFirst())!.taskCount;
    });
    expect(count).toBe(1);
  });

  it('a hook write that violates a constraint fails the mutation: nothing of the statement is written', async () => {
    const { t, run } = backend({
      projects: {
        afterInsert: async (_, ctx) => void (await ctx.db.insert(users).values({ name: 'X', email: 'taken@x' })),
      },
    });
    await run((db) => db.insert(users).values({ name: 'Taken', email: 'taken@x' }));
    const error = await rejection(run((db) => db.insert(projects).values({ name: 'P' })));
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(await t.run((ctx) => rowCount(ctx, 'projects'))).toBe(0);
    expect(await t.run((ctx) => rowCount(ctx, 'users'))).toBe(1);
  });

  it('a chain of 8 hook levels runs; one level deeper throws TRIGGER_DEPTH_EXCEEDED and the mutation writes nothing', async () => {
    // Each update of a project bumps its taskCount again, until `stop`.
    let stop = 0;
    const { t, run } = backend({
      projects: {
        afterUpdate: async ({ id, new: project }, ctx) => {
          if (project.taskCount < stop) {
            await ctx.db
              .update(projects)
              .set({ taskCount: project.taskCount + 1 })
              .where(eq(projects._id, id));
          }
        },
      },
    });
    const id = await run(async (db) => (await db.insert(projects).values({ name: 'P' }).returning())[0]!._id);
    const bump = () =>
      run(async (db) => {
        await db.update(projects).set({ taskCount: 1 }).where(eq(projects._id, id));
        return (await db.query.projects.findFirst())!.taskCount;
      });
    stop = 9; // the statement sets 1, hook levels 1..8 set 2..9
    expect(await bump()).toBe(9);
    await t.run((ctx) => ctx.db.patch(id, { taskCount: 0 }));
    stop = 10; // level 9 would set 10
    const error = await rejection(bump());
    expect(error).toMatchObject({ code: 'TRIGGER_DEPTH_EXCEEDED', table: 'projects', details: { depth: 9 } });
    expect(await t.run(async (ctx) => (await ctx.db.get('projects', id))!.taskCount)).toBe(0);
  });
});

describe('before-hooks', () => {
  it('replace insert values, which are validated and constraint-checked like user input', async () => {
    const { run } = backend({
      tasks: { beforeInsert: (row) => ({ ...row, title: row.title.trim().toUpperCase() }) },
      users: { beforeInsert: (row) => (row.name === 'Bad' ? { ...row, age: -1 } : undefined) },
    });
    const titles = await run(async (db) => {
      const [project] = await db.insert(projects).values({ name: 'P' }).returning({ _id: projects._id });
      return db
        .insert(tasks)
        .values({ projectId: project!._id, title: '  write docs ' })
        .returning({ title: tasks.title });
    });
    expect(titles).toEqual([{ title: 'WRITE DOCS' }]);
    const error = await rejection(run((db) => db.insert(users).values({ name: 'Bad', email: 'bad@x' })));
    expect(error).toMatchObject({ code: 'CHECK_VIOLATION', table: 'users' });
  });

  it('a veto inside a multi-row insert writes none of the rows, even when the caller catches it', async () => {
    const { run } = backend({
      users: {
        beforeInsert: (row) => {
          if (row.email === 'no@x') throw new Error('vetoed');
        },
      },
    });
    const result = await run(async (db, ctx) => {
      const message = await db
        .insert(users)
        .values([
          { name: 'A', email: 'a@x' },
          { name: 'B', email: 'no@x' },
          { name: 'C', email: 'c@x' },
        ])
        .then(
          () => 'resolved',
          (error) => (error as Error).message,
        );
      return { message, users: await rowCount(ctx, 'users') };
    });
    expect(result).toEqual({ message: 'vetoed', users: 0 });
  });

  it('replace update values (returning shows them) and veto deletes', async () => {
    const { run } = backend({
      projects: {
        beforeUpdate: ({ new: next }) => ({ ...next, name: next.name.toLowerCase() }),
        beforeDelete: ({ old }) => {
          if (old.name === 'keep') throw new Error('kept');
        },
      },
    });
    const result = await run(async (db, ctx) => {
      const [row] = await db.insert(projects).values({ name: 'x' }).returning({ _id: projects._id });
      const updated = await db
        .update(projects)
        .set({ name: 'KEEP' })
        .where(eq(projects._id, row!._id))
        .returning({ name: projects.name });
      const veto = await db
        .delete(projects)
        .hard()
        .where(eq(projects._id, row!._id))
        .catch((error) => (error as Error).message);
      return { updated, veto, left: await rowCount(ctx, 'projects') };
    });
    expect(result).toEqual({ updated: [{ name: 'keep' }], veto: 'kept', left: 1 });
  });
});

describe('update(t).set(fn) in hooks', () => {
  it("a counter hook reads the parent once: 3 tasks cost the insert's foreign-key read plus one get per hook", async () => {
    const increment: Config = {
      tasks: {
        afterInsert: ({ new: task }, ctx) =>
          ctx.db
            .update(projects)
            .set((project) => ({ taskCount: project.taskCount + 1 }))
            .where(eq(projects._id, task.projectId)),
      },
    };
    const insertThree = async ({ t, orm }: ReturnType<typeof backend>) => {
      const project = await t.run((ctx) =>
        orm
          .db(ctx as MutationCtx)
          .insert(projects)
          .values({ name: 'P' })
          .returning(),
      );
      return t.run(async (ctx) => {
        const counted = countReads(ctx);
        const projectId = project[0]!._id;
        await orm
          .db(counted.ctx as MutationCtx)
          .insert(tasks)
          .values(['a', 'b', 'c'].map((title) => ({ projectId, title })));
        return { reads: { ...counted.reads }, taskCount: (await ctx.db.get(projectId))!.taskCount };
      });
    };
    expect(await insertThree(backend(increment))).toEqual({ reads: { documents: 4, ranges: 4 }, taskCount: 3 });
    // Reading the project in the hook, then updating it with a constant, reads it twice per hook.
    expect(await insertThree(backend(countTasks))).toEqual({ reads: { documents: 7, ranges: 7 }, taskCount: 3 });
  });

  it('beforeUpdate gets the computed values, and its replacement wins', async () => {
    const seen: unknown[] = [];
    const { run } = backend({
      projects: {
        beforeUpdate: ({ old, new: next }) => {
          seen.push([old.taskCount, next.taskCount]);
          return next.taskCount > 2 ? { taskCount: 2 } : undefined;
        },
      },
    });
    const [project] = await run((db) => db.insert(projects).values({ name: 'P', taskCount: 1 }).returning());
    const increment = (db: OrmWriter<typeof relations>) =>
      db
        .update(projects)
        .set((row) => ({ taskCount: row.taskCount + 1 }))
        .where(eq(projects._id, project!._id))
        .returning({ taskCount: projects.taskCount });
    expect(await run(increment)).toEqual([{ taskCount: 2 }]);
    expect(await run(increment)).toEqual([{ taskCount: 2 }]);
    expect(seen).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
});

describe('bypass', () => {
  it('orm.db(ctx, { triggers: false }) and raw ctx.db writes fire nothing', async () => {
    let fired = 0;
    const { t, orm } = backend({ projects: { afterInsert: () => void fired++, beforeInsert: () => void fired++ } });
    await t.run(async (ctx) => {
      await orm
        .db(ctx as MutationCtx, { triggers: false })
        .insert(projects)
        .values({ name: 'bypass' });
      await ctx.db.insert('projects', { name: 'raw', taskCount: 0, deletedAt: null });
    });
    expect(fired).toBe(0);
    await t.run((ctx) =>
      orm
        .db(ctx as MutationCtx)
        .insert(projects)
        .values({ name: 'fires' }),
    );
    expect(fired).toBe(2);
  });

  it('a bypassing db and a firing db of one transaction share no wiring, nor do their transactions', async () => {
    const fired: string[] = [];
    const { t, orm } = backend({ projects: { afterInsert: ({ new: row }) => void fired.push(row.name) } });
    const sameQuery = await t.run(async (ctx) => {
      const bypass = orm.db(ctx as MutationCtx, { triggers: false });
      const firing = orm.db(ctx as MutationCtx);
      await bypass.insert(projects).values({ name: 'bypass 1' });
      await firing.insert(projects).values({ name: 'fires 1' });
      await bypass.transaction((tx) => tx.insert(projects).values({ name: 'bypass 2' }));
      await firing.transaction((tx) => tx.insert(projects).values({ name: 'fires 2' }));
      await bypass.insert(projects).values({ name: 'bypass 3' });
      const names = await firing.query.projects.findMany({ columns: { name: true }, orderBy: { name: 'asc' } });
      expect(names.map(({ name }) => name)).toEqual(['bypass 1', 'bypass 2', 'bypass 3', 'fires 1', 'fires 2']);
      return bypass.query === firing.query || bypass.query.projects === firing.query.projects;
    });
    expect(sameQuery).toBe(false);
    expect(fired).toEqual(['fires 1', 'fires 2']);
  });

  it("migrations fire triggers in writeMode 'normal' and skip them in 'safe_bypass'", async () => {
    const updates: string[] = [];
    const { t, orm } = backend({ projects: { afterUpdate: ({ new: next }) => void updates.push(next.name) } });
    await t.run(async (ctx) => {
      const id = await ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null });
      const db = orm.db(ctx as MutationCtx);
      for (const writeMode of ['normal', 'safe_bypass'] as const) {
        await writePatch(
          ctx,
          { schema: orm.schema, db },
          { table: 'projects', id, old: (await ctx.db.get(id))!, changes: { name: writeMode }, writeMode },
        );
      }
    });
    expect(updates).toEqual(['normal']);
  });
});

function pick(change: { id: unknown; old: { name: string } | null; new: Record<string, unknown> | null }) {
  const { id, old, new: next } = change;
  if (old === null) return { id, old, new: next };
  return { id, old: old.name, new: next === null ? null : next.name };
}
