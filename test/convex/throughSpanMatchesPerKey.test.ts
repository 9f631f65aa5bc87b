import type { TransactionLimits } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { relations, tables } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations } from '../../src/index';

// Past half the ranges left, through relations load (and count) from one range over the junction
// rows of the parents' span, and relation filters read the matching targets and the junction at
// once. Each parent's rows must be what its own reads give: the nested where, order and window on
// the targets, and links hidden by soft delete. The same queries run on Convex's limits (per-key
// reads) and on a limit lowered to 100 ranges (span reads), as limits.test.ts does.
const LOWERED: TransactionLimits = { databaseQueries: 100 };

type Backend = ReturnType<typeof convexTest>;

/** Runs `query` on a read-counting ctx of `t`. */
function measured<T>(t: Backend, query: (ctx: any) => PromiseLike<T>) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await query(ctx);
    return { result, reads: { ...reads } };
  });
}

/** `count` users in groups g0..g2 (user i in g(i % 3), every fourth one in g((i + 1) % 3) too). */
async function usersInGroups(limits?: TransactionLimits, count = 120) {
  const t = convexTest({ schema, modules, ...(limits ? { transactionLimits: limits } : {}) });
  await t.run(async (ctx) => {
    const groups = [];
    for (let g = 0; g < 3; g++) groups.push(await ctx.db.insert('groups', { name: `g${g}` }));
    for (let i = 0; i < count; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      await ctx.db.insert('usersToGroups', { userId, groupId: groups[i % 3]! });
      if (i % 4 === 0) await ctx.db.insert('usersToGroups', { userId, groupId: groups[(i + 1) % 3]! });
    }
  });
  return t;
}

const queries = {
  'with, a nested where, order and window': (ctx: any) =>
    orm.db(ctx).query.users.findMany({
      columns: { name: true },
      with: { groups: { columns: { name: true }, where: { name: { ne: 'g0' } }, orderBy: { name: 'desc' }, limit: 1 } },
    }),
  'with, a window without an order (links in junction order)': (ctx: any) =>
    orm.db(ctx).query.users.findMany({
      columns: { name: true },
      with: { groups: { columns: { name: true }, limit: 1, offset: 1 } },
    }),
  '_count through the junction with a where, and of the junction': (ctx: any) =>
    orm.db(ctx).query.users.findMany({
      columns: { name: true },
      _count: { groups: { where: { name: 'g1' } }, memberships: true },
    }),
  'a through relation filter': (ctx: any) =>
    orm.db(ctx).query.users.findMany({ columns: { name: true }, where: { groups: { name: 'g2' } } }),
};

describe('through relations over more parents than ranges give what per-key reads give', () => {
  for (const [name, query] of Object.entries(queries)) {
    it(name, async () => {
      const perKey = await measured(await usersInGroups(), query);
      const span = await measured(await usersInGroups(LOWERED), query);
      expect(span.result).toEqual(perKey.result);
      expect(perKey.reads.ranges).toBeGreaterThan(120);
      expect(span.reads.ranges).toBeLessThan(100);
    });
  }

  it('under strict, a through relation filter keeps probing per row rather than scan the whole target table', async () => {
    // 60 users: their probes fit in the 100 ranges, so reading the groups at once (no index on
    // name: a full scan, FULL_SCAN_FORBIDDEN under strict) must not replace them.
    const strict = createOrm({ relations, strict: true });
    const { result } = await measured(await usersInGroups(LOWERED, 60), (ctx) =>
      strict.db(ctx).query.users.findMany({
        columns: { name: true },
        where: { email: { gte: 'u' }, groups: { name: 'g2' } },
      }),
    );
    expect(result).toHaveLength(25);
  });

  it('the window and order per user, as written out', async () => {
    const { result } = await measured(await usersInGroups(LOWERED), queries['with, a nested where, order and window']);
    expect(result.slice(0, 4)).toEqual([
      { name: 'u0', groups: [{ name: 'g1' }] },
      { name: 'u1', groups: [{ name: 'g1' }] },
      { name: 'u2', groups: [{ name: 'g2' }] },
      { name: 'u3', groups: [] },
    ]);
  });
});

// A project's notes through its tasks (example/convex/schema.ts): the junction (tasks) soft-deletes,
// and the targets are named by a column that is not `_id` (taskNotes.taskId).
const notesOrm = createOrm({
  relations: defineRelations(tables, (r) => ({
    projects: {
      notes: r.many.taskNotes({
        from: r.projects._id.through(r.tasks.projectId),
        to: r.taskNotes.taskId.through(r.tasks._id),
      }),
    },
  })),
});

/** 120 projects, each with a live task and a soft-deleted one, each task with one note. */
async function projectsWithNotes(limits?: TransactionLimits) {
  const t = convexTest({ schema, modules, ...(limits ? { transactionLimits: limits } : {}) });
  await t.run(async (ctx) => {
    for (let p = 0; p < 120; p++) {
      const projectId = await ctx.db.insert('projects', { name: `p${p}`, taskCount: 2 });
      const live = await ctx.db.insert('tasks', { projectId, title: 'live' });
      const gone = await ctx.db.insert('tasks', { projectId, title: 'gone', deletedAt: 1 });
      await ctx.db.insert('taskNotes', { taskId: live, body: `visible ${p}` });
      await ctx.db.insert('taskNotes', { taskId: gone, body: `hidden ${p}` });
    }
  });
  return t;
}

describe('a soft-deleting junction over more parents than ranges', () => {
  it('hides the notes of deleted tasks from with, _count and relation filters, as per-key reads do', async () => {
    const query = async (ctx: any) => {
      const db = notesOrm.db(ctx);
      const loaded = await db.query.projects.findMany({
        columns: { name: true },
        with: { notes: { columns: { body: true } } },
        _count: { notes: true },
      });
      const byHidden = await db.query.projects.findMany({ where: { notes: { body: 'hidden 7' } } });
      const byVisible = await db.query.projects.findMany({
        columns: { name: true },
        where: { notes: { body: 'visible 7' } },
      });
      return { loaded, byHidden, byVisible };
    };
    const perKey = await measured(await projectsWithNotes(), query);
    const span = await measured(await projectsWithNotes(LOWERED), query);
    expect(span.result).toEqual(perKey.result);
    expect(span.result.loaded[7]).toEqual({ name: 'p7', notes: [{ body: 'visible 7' }], _count: { notes: 1 } });
    expect(span.result.byHidden).toEqual([]);
    expect(span.result.byVisible).toEqual([{ name: 'p7' }]);
    expect(span.reads.ranges).toBeLessThan(100);
  });
});
