// At run time `columns: { name: undefined }` is `columns: {}` and rejects with `No fields selected`,
// at the root and nested (the types refuse it too: test/query/columnsAllUndefined.test-d.ts), while
// `columns: undefined` is no `columns`: every column (typed so, test/query/columnsUndefined.test-d.ts).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

describe('columns: { name: undefined } at run time', () => {
  it('rejects with No fields selected, at the root and nested', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const root = await (db.query.users.findMany as (c: unknown) => Promise<unknown>)({
        columns: { name: undefined },
      }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      const nested = await (db.query.posts.findMany as (c: unknown) => Promise<unknown>)({
        columns: { title: true },
        with: { author: { columns: { name: undefined } } },
      }).then(
        () => 'resolved',
        (e: Error) => e.message,
      );
      return { root, nested };
    });
    expect(out.root).toBe('No fields selected for table "users"');
    expect(out.nested).toContain('No fields selected for table "users"');
  });

  it('columns: undefined selects every column, at the root and nested', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const author = await ctx.db.insert('users', {
        name: 'Ada',
        email: 'ada@example.com',
        role: 'admin',
        age: null,
        verified: true,
        invitedBy: null,
      });
      await ctx.db.insert('posts', { title: 'T', authorId: author, publishedAt: null, meta: null });
      const db = orm.db(ctx as never);
      return {
        root: await db.query.users.findMany({ columns: undefined }),
        whole: await db.query.users.findMany(),
        nested: await db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: undefined } } }),
      };
    });
    expect(out.root).toEqual(out.whole);
    expect(out.nested).toEqual([{ title: 'T', author: out.whole[0] }]);
  });
});
