import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, isOrmError, text } from '../../src/index';

// Relation names, extras keys and select keys Convex accepts as fields of a returned value
// (convex/values validateObjectField: up to 1,024 characters, printable ASCII, not starting with
// "$"; a leading "_", dots, spaces and "" are fine) run, and the rows come back through Convex.
const LONG = `r${'x'.repeat(99)}`; // 100 characters: over the 64 of a stored top-level field, under 1,024
function backend() {
  const users = convexTable('rv24d_users', { name: text().notNull() });
  const posts = convexTable('rv24d_posts', { title: text().notNull(), authorId: id('rv24d_users').notNull() }, (t) => [
    index('by_author').on(t.authorId),
  ]);
  const relations = defineRelations({ users, posts }, (r) => ({
    posts: {
      _author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
      [LONG]: r.one.users({ from: r.posts.authorId, to: r.users._id, alias: 'long' }),
    },
    users: {
      posts2: r.many.posts({ from: r.users._id, to: r.posts.authorId }),
      invertedLong: r.many.posts({ alias: 'long' }),
    },
  }));
  const t = convexTest(defineSchema({ users, posts }), modules);
  return { t, users, posts, orm: createOrm({ relations }) };
}

describe('returned field names Convex accepts', () => {
  it('relation, extras and select keys with "_", digits, dots, spaces and 100 characters run', async () => {
    const { t, users, posts, orm } = backend();
    const result = await t.run(async (ctx) => {
      try {
        const db = orm.db(ctx as never);
        const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
        await db.insert(posts).values({ title: 'T', authorId: ada!._id });
        const loaded = await db.query.posts.findMany({
          with: { _author: true, [LONG]: true } as never,
          extras: { _score: () => 1, [`e${'y'.repeat(199)}`]: () => 2, 'a.b': () => 3 } as never,
        });
        const selected = await db
          .select({ 'user.name': users.name, '': users.name, 'full name': users.name })
          .from(users);
        const counted = await db.query.users.findMany({ with: { posts2: true } });
        return { n: loaded.length, keys: Object.keys(loaded[0]!).length, selected, m: counted[0]!.posts2.length };
      } catch (error) {
        return isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
      }
    });
    expect(result).toMatchObject({ n: 1, m: 1, selected: [{ 'user.name': 'Ada', '': 'Ada', 'full name': 'Ada' }] });
  });
});
