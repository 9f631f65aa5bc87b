// A non-optional `one` relation (`optional: false`) loaded with an `offset` was typed non-null, but
// the load skips past its one match and is `null` (Drizzle v1 honours a nested `one`'s offset;
// reference drizzle-v1.md §2.6). As for a nested `where` (Drizzle's "Force optional on where"), the
// key is typed `| null` now; without `offset` or `where` it stays non-null.
import { convexTest } from 'convex-test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() });
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
}));
const orm = createOrm({ relations });

describe('a non-optional one relation with an offset', () => {
  it('is null at run time past its match, and typed so', async () => {
    const t = convexTest(defineSchema({ users, posts }), modules);
    const [skipped, loaded] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const authorId = await db
        .insert(users)
        .values({ name: 'Ada' })
        .returning({ _id: users._id })
        .then(([row]) => row!._id);
      await db.insert(posts).values({ title: 'p', authorId });
      return Promise.all([
        db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: { name: true }, offset: 1 } } }),
        db.query.posts.findMany({ columns: { title: true }, with: { author: { columns: { name: true } } } }),
      ]);
    });
    expect(skipped).toEqual([{ title: 'p', author: null }]);
    expect(loaded).toEqual([{ title: 'p', author: { name: 'Ada' } }]);
    expectTypeOf(skipped).toEqualTypeOf<{ title: string; author: { name: string } | null }[]>();
    expectTypeOf(loaded).toEqualTypeOf<{ title: string; author: { name: string } }[]>();
  });
});
