// A comparison of two columns that never hold values of one type (ids of two tables, an integer
// and a text, a boolean and an integer) rejects with INVALID_FILTER naming both columns and their
// types, where it reaches the ORM untyped (plain JavaScript, `as never`): it would mean nothing
// (`eq` matches no row, so a wrong-column join returned [] silently), and Postgres refuses it
// ("operator does not exist"). Comparable columns still compare: ids of one table, an int64
// against a float64 by value.
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
  eq,
  gt,
  id,
  index,
  integer,
  isOrmError,
  ne,
  text,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull(), age: integer(), verified: boolean(), big: bigint() });
const posts = convexTable('posts', { authorId: id('users').notNull(), title: text().notNull() }, (t) => [
  index('by_author').on(t.authorId),
]);
const schema = defineSchema({ users, posts });
const orm = createOrm({ relations: defineRelations({ users, posts }) });

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada', age: 36, verified: true, big: 36n });
    await ctx.db.insert('posts', { authorId: ada, title: 'Notes' });
  });
  return t;
}

async function rejection(run: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await run;
    return null;
  } catch (error) {
    return isOrmError(error) ? { code: error.code, message: error.message } : { code: 'other', message: String(error) };
  }
}

describe('comparisons of columns that never hold values of one type', () => {
  it('reject with INVALID_FILTER naming both columns, in a join ON, a where and a statement', async () => {
    const t = await seeded();
    const errors = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      return [
        await rejection(
          db
            .select()
            .from(posts)
            .innerJoin(users, eq(posts.title as never, users.age)),
        ),
        await rejection(
          db
            .select()
            .from(posts)
            .innerJoin(users, eq(posts.authorId, posts._id as never)),
        ),
        await rejection(
          db
            .select()
            .from(users)
            .where(gt(users.verified as never, users.age)),
        ),
        await rejection(db.delete(users).where(ne(users.name as never, users.age))),
      ];
    });
    expect(errors.map((error) => error?.code)).toEqual([
      'INVALID_FILTER',
      'INVALID_FILTER',
      'INVALID_FILTER',
      'INVALID_FILTER',
    ]);
    expect(errors[1]!.message).toContain('eq() compares "posts.authorId" (id("users")) with "posts._id" (id("posts"))');
    expect(errors[0]!.message).toContain('"posts.title" (text) with "users.age" (integer)');
    // Nothing was deleted by the refused statement.
    expect(await t.run((ctx) => ctx.db.query('users').collect())).toHaveLength(1);
  });

  it('comparable columns compare: ids of one table, an int64 against a float64 by value', async () => {
    const t = await seeded();
    const rows = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      return [
        await db.select().from(posts).innerJoin(users, eq(posts.authorId, users._id)),
        await db.select().from(users).where(eq(users.big, users.age)),
      ];
    });
    expect(rows.map((list) => list.length)).toEqual([1, 1]);
  });
});
