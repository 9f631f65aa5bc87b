import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  bigint,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  text,
} from '../../src/index';

// Relation orders (rc.5, `orderBy: { posts: { col: 'desc(avg)' } }`) aggregate a `many` relation's
// column; Drizzle compiles them to `(select avg(col) ...)`, so they take the kinds Postgres has
// aggregates of, the lists db.select() and db.query.x.aggregate share (src/schema/aggregateKinds.ts).
// Pins two bugs of that third aggregate path (src/query/orderTerms.ts, src/query/orderBy.ts):
// - 'avg' kept only number values, so over a bigint() column every parent's key was null and the
//   order was silently not applied (now the exact mean, as db.select()'s avg);
// - 'min'/'max' of a boolean() column was accepted where Postgres raises
//   "function max(boolean) does not exist" (now INVALID_QUERY naming the relation and column).
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { authorId: id('users').notNull(), big: bigint(), flag: boolean() }, (t) => [
  index('by_author').on(t.authorId),
]);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });

async function seeded<R>(fn: (db: any) => Promise<R>): Promise<R> {
  const t = convexTest(defineSchema(tables), modules);
  return t.run(async (ctx) => {
    const db = orm.db(ctx) as any;
    const [a, b] = await db
      .insert(users)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning();
    await db.insert(posts).values([
      { authorId: a._id, big: 1n, flag: false },
      { authorId: a._id, big: 3n, flag: false },
      { authorId: b._id, big: 100n, flag: true },
    ]);
    return fn(db);
  });
}

describe("relation order by a many relation's aggregate: the kinds Postgres takes", () => {
  it("'desc(avg)' of a bigint() column orders by the mean (Postgres avg(int8)): b (100) before a (2)", async () => {
    const names = await seeded(async (db) =>
      (await db.query.users.findMany({ orderBy: { posts: { big: 'desc(avg)' } } })).map((u: any) => u.name),
    );
    expect(names).toEqual(['b', 'a']);
  });

  it("'asc(avg)' of a bigint() column: a (2) before b (100)", async () => {
    // name 'desc' breaks ties only: with every mean null (the bug) it puts b first.
    const names = await seeded(async (db) =>
      (await db.query.users.findMany({ orderBy: { posts: { big: 'asc(avg)' }, name: 'desc' } })).map(
        (u: any) => u.name,
      ),
    );
    expect(names).toEqual(['a', 'b']);
  });

  it("'desc(max)' of a boolean() column is INVALID_QUERY, as db.select()'s max and _max refuse it", async () => {
    const code = await seeded(async (db) =>
      db.query.users.findMany({ orderBy: { posts: { flag: 'desc(max)' } } }).then(
        () => 'resolved',
        (e: any) => e?.code ?? `untyped: ${String(e)}`,
      ),
    );
    expect(code).toBe('INVALID_QUERY');
  });

  it("names the relation and column; 'count' and 'first' of a boolean() column still order", async () => {
    const [error, byCount, byFirst] = await seeded(async (db) => [
      await db.query.users.findMany({ orderBy: { posts: { flag: 'asc(min)' } } }).then(
        () => 'resolved',
        (e: any) => ({ code: e?.code, message: String(e?.message) }),
      ),
      (await db.query.users.findMany({ orderBy: { posts: { flag: 'desc(count)' } } })).map((u: any) => u.name),
      (await db.query.users.findMany({ orderBy: { posts: { flag: 'desc(first)' } } })).map((u: any) => u.name),
    ]);
    expect(error).toMatchObject({ code: 'INVALID_QUERY', message: expect.stringContaining('"posts.flag"') });
    expect(byCount).toEqual(['a', 'b']);
    expect(byFirst).toEqual(['b', 'a']);
  });
});
