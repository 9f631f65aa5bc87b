import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, isOrmError, text } from '../../src/index';

// A relation name Convex cannot hold as a field name (`beiträge`), and a query's extras key such as
// `größe`, are accepted: Convex refuses such a name only where a value crosses a function boundary
// (a return value, arguments) or is stored, and a refusal at defineRelations would take down every
// function importing the relations. Loaded and used inside the function, with a number returned,
// they work (docs/queries.md); returning the rows is Convex's own error
// (test/relations/relationNameConvexCannotReturn.test.ts, returnedFieldNames.test.ts).
function backend() {
  const users = convexTable('rv24e_users', { name: text().notNull() });
  const posts = convexTable('rv24e_posts', { title: text().notNull(), authorId: id('rv24e_users').notNull() }, (t) => [
    index('by_author').on(t.authorId),
  ]);
  const relations = defineRelations({ users, posts }, (r) => ({
    users: { beiträge: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
  }));
  const t = convexTest(defineSchema({ users, posts }), modules);
  return { t, users, posts, orm: createOrm({ relations }) };
}

describe('a non-ASCII relation name used only inside a function', () => {
  it('loads, and the function returns a number through Convex', async () => {
    let result: unknown;
    try {
      const { t, users, posts, orm } = backend();
      result = await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const [ada] = await db.insert(users).values({ name: 'Ada' }).returning();
        await db.insert(posts).values({ title: 'T', authorId: ada!._id });
        const [row] = await db.query.users.findMany({
          with: { beiträge: true },
          extras: { größe: (u) => u.name.length },
        });
        return row!.beiträge.length + row!.größe;
      });
    } catch (error) {
      result = isOrmError(error) ? `${error.code}: ${error.message}` : `not an OrmError: ${String(error)}`;
    }
    expect(result).toBe(4);
  });
});
