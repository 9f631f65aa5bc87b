import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, createOrm, defineRelations, defineSchema, EmptyFilter, id, text } from '../../src/index';

// Drizzle rc.5 (relations.js processRelations): an inverse relation inherits its reverse's `where`
// only when it has none of its own (`where === EmptyFilter`, the default):
// `relation.where = where === EmptyFilter ? reverseRelation.where : where`. An inverse given its own
// `where: {}` (or a where whose fields are all EmptyFilter) keeps it: no condition, nothing
// inherited. convex-orm parsed `{}` to "no filter" (null) and then inherited the reverse's filter,
// so the unverified user's posts disappeared. `where: EmptyFilter` itself is no where: it inherits.
const users = convexTable('users', { name: text().notNull(), verified: boolean().notNull() });
const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users')
    .notNull()
    .references(() => users._id),
});
const tables = { users, posts };

async function postsPerUser(where: unknown) {
  const relations = defineRelations(tables, (r) => ({
    users: { posts: r.many.posts({ where: where as never }) },
    posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, where: { verified: true } }) },
  }));
  const orm = createOrm({ relations });
  const t = convexTest(defineSchema(tables), modules);
  return t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada', verified: true });
    const bob = await ctx.db.insert('users', { name: 'Bob', verified: false });
    await ctx.db.insert('posts', { title: 'a', authorId: ada });
    await ctx.db.insert('posts', { title: 'b', authorId: bob });
    return orm.db(ctx).query.users.findMany({
      columns: { name: true },
      with: { posts: { columns: { title: true } } },
    });
  });
}

describe('an inverse relation with a where of its own that is empty does not inherit the reverse filter', () => {
  it('where: {} keeps Bob (unverified) with his post', async () => {
    expect(await postsPerUser({})).toEqual([
      { name: 'Ada', posts: [{ title: 'a' }] },
      { name: 'Bob', posts: [{ title: 'b' }] },
    ]);
  });

  it('where: { title: EmptyFilter } keeps Bob with his post too', async () => {
    expect(await postsPerUser({ title: EmptyFilter })).toEqual([
      { name: 'Ada', posts: [{ title: 'a' }] },
      { name: 'Bob', posts: [{ title: 'b' }] },
    ]);
  });

  it('where: EmptyFilter is no where of its own: it inherits, so Bob (unverified) has no posts', async () => {
    expect(await postsPerUser(EmptyFilter)).toEqual([
      { name: 'Ada', posts: [{ title: 'a' }] },
      { name: 'Bob', posts: [] },
    ]);
  });
});
