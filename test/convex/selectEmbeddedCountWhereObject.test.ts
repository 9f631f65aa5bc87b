// A `$count` embedded in a selection whose filter is a where-object with a relation filter
// (`db.$count(posts, { author: { name: 'Ada' } })`) counts as the same `$count` run on its own, the
// same count in every row (docs/select.md, "Counts per row": "a where-object, relation filters
// included"; on Postgres, Drizzle embeds it as a subquery whose WHERE is an EXISTS on users).
import type { GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { asc, boolean, convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users'), title: text().notNull(), published: boolean() }, (t) => [
  index('by_author').on(t.authorId),
]);
const schema = defineSchema({ users, posts });
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
  users: { posts: r.many.posts() },
}));
const orm = createOrm({ relations });
type Ctx = GenericMutationCtx<any>;

it('an embedded $count takes a where-object with a relation filter, as $count alone does', async () => {
  const t = convexTest(schema, modules);
  const result = await t.run(async (ctx) => {
    const db = orm.db(ctx as Ctx);
    const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
    const [bob] = await db.insert(users).values({ name: 'Bob' }).returning();
    await db.insert(posts).values([
      { authorId: ada!._id, title: 'a1', published: true },
      { authorId: ada!._id, title: 'a2', published: true },
      { authorId: ada!._id, title: 'a3', published: false },
      { authorId: bob!._id, title: 'b1', published: true },
    ]);
    const alone = await db.$count(posts, { author: { name: 'Ada' } });
    // (Cast: such a select is also a type error today, see embeddedCountWhereObjectType.test-d.ts.)
    const query = db
      .select({ name: users.name, n: db.$count(posts, { author: { name: 'Ada' } }) })
      .from(users)
      .orderBy(asc(users.name)) as unknown as Promise<unknown>;
    const embedded = await query.catch((error: Error) => error.message);
    return { alone, embedded };
  });
  expect(result.alone).toBe(3);
  expect(result.embedded).toEqual([
    { name: 'Ada', n: 3 },
    { name: 'Bob', n: 3 },
  ]);
});
