/**
 * explain() of a `with` load whose `where` holds a same-field OR on the load's key that every
 * value passes (`authorId: { OR: [{ isNull: true }, { isNotNull: true }] }`) reads every parent's
 * rows, as the load without it: no `boundWithin` entry (it showed an empty condition, `[""]`).
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users').notNull(), a: integer() }, (t) => [
  index('by_author_a').on(t.authorId, t.a),
]);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });

describe('boundWithin of a key range allowing every value', () => {
  it('holds no empty condition', async () => {
    const t = convexTest(defineSchema(tables), modules);
    const got = await t.run(async (ctx) => {
      const u = await ctx.db.insert('users', { name: 'u' });
      await ctx.db.insert('posts', { authorId: u, a: 1 });
      const db = orm.db(ctx);
      const query = {
        with: { posts: { where: { authorId: { OR: [{ isNull: true }, { isNotNull: true }] } } } },
      } as const;
      const explained = db.query.users.findMany(query as never).explain() as unknown as {
        with: { posts: { boundWithin?: string[] } };
      };
      const rows = (await db.query.users.findMany(query as never)) as unknown as { posts: unknown[] }[];
      return { boundWithin: explained.with.posts.boundWithin ?? [], loaded: rows[0]!.posts.length };
    });
    expect(got.loaded).toBe(1);
    expect(got.boundWithin).not.toContain('');
  });
});
