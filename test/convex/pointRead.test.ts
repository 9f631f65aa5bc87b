import type { GenericDatabaseReader } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { posts, projects, relations, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { and, createOrm, defineRules, eq, type FilterExpression, inArray, isNull } from '../../src/index';
import { pointFilter } from '../../src/query/pointRead';
import { selectMatchingRows } from '../../src/query/selectMatching';
import { countReads } from '../../src/testing/index';
import { seeded } from './seed';

/** The rows and reads of one read of `filter`, and whether it took the point path. */
async function readWith(db: GenericDatabaseReader<any>, table: string, filter: FilterExpression) {
  const { ctx, reads } = countReads({ db });
  const rows = await selectMatchingRows({
    db: ctx.db,
    schema: orm.schema,
    table,
    filter: filter.node,
    options: orm.options,
    limit: 2,
  });
  return { rows, reads: { ...reads }, point: pointFilter(filter.node) !== null };
}

describe('update/delete by id: the point read', () => {
  it('returns the rows and makes the reads of the planned read, for an id, a foreign-table id, a malformed id and a gone row', async () => {
    const { t, ids } = await seeded();
    const gone = await t.run(async (ctx) => {
      const id = await ctx.db.insert('posts', { title: 'gone', authorId: ids.users.ada });
      await ctx.db.delete(id);
      return id;
    });
    const cases: [string, unknown, number][] = [
      ['an id of the table', ids.posts.draft, 1],
      ['an id of another table', ids.users.ada, 0],
      ['a malformed id', 'not-an-id', 0],
      ['a deleted row', gone, 0],
    ];
    for (const [label, id, found] of cases) {
      const [point, planned] = await t.run(async (ctx) => [
        await readWith(ctx.db, 'posts', eq(posts._id, id as never)),
        // The same condition as an `in` list: not a point filter, so planned (a get plan).
        await readWith(ctx.db, 'posts', inArray(posts._id, [id as never])),
      ]);
      expect({ label, point: point.point, planned: planned.point }).toEqual({ label, point: true, planned: false });
      expect(point.rows).toEqual(planned.rows);
      expect(point.rows).toHaveLength(found);
      expect(point.reads).toEqual(planned.reads);
    }
  });

  it('applies the rest of the filter to the document it reads, as the planned residual does', async () => {
    const { t, ids } = await seeded();
    await t.run(async (ctx) => {
      for (const id of [ids.posts.draft, ids.posts.indexes]) {
        const point = await readWith(ctx.db, 'posts', and(eq(posts._id, id), isNull(posts.publishedAt))!);
        const planned = await readWith(ctx.db, 'posts', and(inArray(posts._id, [id]), isNull(posts.publishedAt))!);
        expect(point.point).toBe(true);
        expect(point).toEqual({ ...planned, point: true });
      }
    });
  });

  it('soft delete: delete by id skips a soft-deleted row, update by id restores it, one read each', async () => {
    const t = convexTest(schema, modules);
    const result = await t.run(async (raw) => {
      const id = await raw.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: 1 });
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx as MutationCtx);
      const deleted = await db.delete(projects).where(eq(projects._id, id)).returning({ _id: projects._id });
      const deleteReads = { ...reads };
      const restored = await db
        .update(projects)
        .set({ deletedAt: null })
        .where(eq(projects._id, id))
        .returning({ deletedAt: projects.deletedAt });
      const stored = await raw.db.get(id);
      return { deleted, deleteReads, restored, stored: stored?.deletedAt, reads: { ...reads } };
    });
    expect(result).toEqual({
      deleted: [],
      deleteReads: { documents: 1, ranges: 1 },
      restored: [{ deletedAt: null }],
      stored: null,
      reads: { documents: 2, ranges: 2 },
    });
  });

  it('rules: an update by id matches only rows the update rule lets the caller change', async () => {
    const self = (viewer: string) => ({ _id: viewer as never });
    const rules = defineRules(relations, async (ctx: MutationCtx) => {
      const viewer = (await ctx.auth.getUserIdentity())?.subject ?? '';
      return { users: { read: {}, update: { using: self(viewer) } } };
    });
    const guarded = createOrm({ relations, rules });
    const { t, ids } = await seeded();
    const rename = (as: string, id: string) =>
      t.withIdentity({ subject: as }).run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const updated = await guarded
          .db(ctx as MutationCtx)
          .update(users)
          .set({ name: 'Renamed' })
          .where(eq(users._id, id as never))
          .returning({ name: users.name });
        return { updated, reads: { ...reads } };
      });
    expect(await rename(ids.users.bob, ids.users.ada)).toEqual({ updated: [], reads: { documents: 1, ranges: 1 } });
    expect(await rename(ids.users.ada, ids.users.ada)).toEqual({
      updated: [{ name: 'Renamed' }],
      reads: { documents: 1, ranges: 1 },
    });
  });
});
