import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { seeded } from './seed';

// One test per documented divergence from Drizzle v1 (docs/divergences.md, "Queries").
describe('divergences from Drizzle (queries)', () => {
  it('findFirst returns null on a miss, not undefined', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      expect(await orm.db(ctx).query.users.findFirst({ where: { name: 'Nobody' } })).toBeNull();
    });
  });

  it('nulls sort first ascending and last descending (Convex order), aggregates included', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const ages = async (direction: 'asc' | 'desc') =>
        (await db.query.users.findMany({ orderBy: { age: direction }, columns: { age: true } })).map((row) => row.age);
      expect(await ages('asc')).toEqual([null, null, 25, 36, 41]);
      expect(await ages('desc')).toEqual([41, 36, 25, null, null]);
      const byLatest = await db.query.users.findMany({
        columns: { name: true },
        orderBy: { posts: { publishedAt: 'asc(max)' } },
      });
      expect(byLatest.map((row) => row.name)).toEqual(['Cy', 'Di', 'Ada', 'Bob', 'Eve']);
    });
  });

  it('an absent field sorts before null, though both read as null', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      await ctx.db.insert('users', { name: 'Gus', email: 'gus@x.dev', role: 'member', verified: false });
      const rows = await orm
        .db(ctx)
        .query.users.findMany({ where: { age: { isNull: true } }, orderBy: { age: 'asc' } });
      expect(rows.map((row) => [row.name, row.age])).toEqual([
        ['Cy', null],
        ['Gus', null],
        ['Di', null],
      ]);
    });
  });

  it('paginate needs the order from an index: a page is not a sorted LIMIT/OFFSET window', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await expect(
        db.query.users.paginate({ numItems: 2, cursor: null }, { orderBy: { age: 'asc' } }),
      ).rejects.toMatchObject({ code: 'INVALID_QUERY' });
      // A filter no index serves still fills the page (no divergence there).
      const page = await db.query.users.paginate(
        { numItems: 2, cursor: null },
        { where: { age: { isNull: true } }, columns: { name: true } },
      );
      expect(page.page).toEqual([{ name: 'Cy' }, { name: 'Di' }]);
    });
  });

  it('extras are functions of the row; SQL extras and RAW filters are rejected', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await expect(db.query.users.findMany({ extras: { x: 'sql' as never } })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
      await expect(db.query.users.findMany({ where: { RAW: () => true } as never })).rejects.toThrow(
        'RAW filters are SQL-only and not supported; express the condition with operators.',
      );
    });
  });

  it('a related row reached by several parents is one object in each place', async () => {
    const { t, ids } = await seeded();
    await t.run(async (ctx) => {
      const posts = await orm
        .db(ctx)
        .query.posts.findMany({ where: { authorId: ids.users.bob }, with: { author: true } });
      expect(posts).toHaveLength(2);
      expect(posts[0]!.author).toBe(posts[1]!.author);
    });
  });

  it('rows keep Convex _id and _creationTime instead of an id column', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      const row = await orm.db(ctx).query.groups.findFirst({ where: { name: 'Admins' } });
      expect(Object.keys(row!).sort()).toEqual(['_creationTime', '_id', 'name']);
    });
  });

  it('count is bounded by the scan budget instead of counting without limit', async () => {
    const { t } = await seeded();
    await t.run(async (ctx) => {
      await expect(orm.db(ctx).query.posts.count({ scanBudget: 6 })).rejects.toMatchObject({
        code: 'SCAN_BUDGET_EXCEEDED',
      });
    });
  });
});
