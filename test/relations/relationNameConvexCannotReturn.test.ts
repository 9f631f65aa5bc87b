// A relation's name is a field of every row that loads it. One Convex cannot hold as a field name
// (a non-ASCII letter, `beiträge`, a valid TypeScript key; a leading "$") passes defineRelations
// and works inside a function (Convex refuses such a name only where a value crosses the function
// boundary or is stored); returning rows that hold it is Convex's own error, as docs/queries.md
// says. Refusing it at defineRelations took down every function importing the relations. The same
// for query `extras` keys and select keys: test/convex/returnedFieldNames.test.ts.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';

function backend() {
  const users = convexTable('rncr_users', { name: text().notNull() });
  const posts = convexTable('rncr_posts', { title: text().notNull(), authorId: id('rncr_users').notNull() }, (t) => [
    index('by_author').on(t.authorId),
  ]);
  const relations = defineRelations({ users, posts }, (r) => ({
    users: { beiträge: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
    posts: { $author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
  }));
  const t = convexTest(defineSchema({ users, posts }), modules);
  return { t, users, posts, orm: createOrm({ relations }) };
}

describe('a relation name Convex cannot hold as a field name', () => {
  it('passes defineRelations and loads inside a function', async () => {
    const { t, users, posts, orm } = backend();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
      await db.insert(posts).values({ title: 'T', authorId: ada!._id });
      const [user] = await db.query.users.findMany({ with: { beiträge: true } });
      const [post] = await db.query.posts.findMany({ with: { $author: true } });
      return `${user!.beiträge[0]!.title} by ${post!.$author!.name}`;
    });
    expect(result).toBe('T by Ada');
  });

  it("rows holding it returned from the function are Convex's own error", async () => {
    const { t, users, posts, orm } = backend();
    const load = (relation: 'users' | 'posts') =>
      t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
        await db.insert(posts).values({ title: 'T', authorId: ada!._id });
        return relation === 'users'
          ? db.query.users.findMany({ with: { beiträge: true } })
          : db.query.posts.findMany({ with: { $author: true } });
      });
    await expect(load('users')).rejects.toThrow(/Field name beiträge has invalid character/);
    await expect(load('posts')).rejects.toThrow(/Field name \$author starts with a '\$'/);
  });
});
