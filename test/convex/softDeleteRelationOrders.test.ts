// Relation orders over soft-deleted targets (docs/mutations.md "Reads hide soft-deleted rows ...
// relation `orderBy`"): an order through a `one` whose target is soft-deleted orders the row as if it
// had no target (the `with` load gives `null` too), and a `many` order's `max` takes live related
// rows only; under `withDeleted` both see every row.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('relation orders over soft-deleted targets', () => {
  it('a soft-deleted one-target orders as none, many-max counts live rows; withDeleted sees all', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const a = await ctx.db.insert('projects', { name: 'a', taskCount: 0, deletedAt: 5 });
      const b = await ctx.db.insert('projects', { name: 'b', taskCount: 0 });
      const c = await ctx.db.insert('projects', { name: 'c', taskCount: 0 });
      // A live task of a soft-deleted project (written raw, as the cascade would not leave one).
      await ctx.db.insert('tasks', { projectId: a, title: 'ta' });
      await ctx.db.insert('tasks', { projectId: b, title: 'tb' });
      await ctx.db.insert('tasks', { projectId: b, title: 'zz-deleted', deletedAt: 9 });
      await ctx.db.insert('tasks', { projectId: c, title: 'tc' });
    });
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const byProject = (withDeleted: boolean) =>
        db.query.tasks.findMany({
          orderBy: { project: { name: 'asc' } },
          columns: { title: true },
          with: { project: { columns: { name: true } } },
          withDeleted,
        });
      const byMaxTitle = (withDeleted: boolean) =>
        db.query.projects.findMany({
          orderBy: { tasks: { title: 'desc(max)' } },
          columns: { name: true },
          withDeleted,
        });
      return {
        live: (await byProject(false)).map((r) => [r.title, r.project?.name ?? null]),
        all: (await byProject(true)).map((r) => [r.title, r.project?.name ?? null]),
        maxLive: (await byMaxTitle(false)).map((r) => r.name),
        maxAll: (await byMaxTitle(true)).map((r) => r.name),
      };
    });
    // Nulls first ascending (Convex order): the task of the soft-deleted project has no project.
    expect(out.live).toEqual([
      ['ta', null],
      ['tb', 'b'],
      ['tc', 'c'],
    ]);
    expect(out.all).toEqual([
      ['ta', 'a'],
      ['tb', 'b'],
      ['zz-deleted', 'b'],
      ['tc', 'c'],
    ]);
    expect(out.maxLive).toEqual(['c', 'b']);
    expect(out.maxAll).toEqual(['b', 'c', 'a']);
  });
});
