/**
 * A selection naming a column of a table that is not in the select rejects at run time
 * (INVALID_QUERY, "select({ t }) uses posts.title, but "posts" is not in the select; join it
 * first."); selectTablesInScope.test-d.ts pins the type error for `await query`. The check was the
 * `this` parameter of SelectQuery.then only, so `.execute()`, `.catch()` and `.finally()` compiled;
 * they carry it too now. `Promise.all([query])` is not caught: it takes any PromiseLike and never
 * checks the query's `then` against it (a documented limitation, docs/select.md).
 */
import { count, eq } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('a selection of a table that is not in the select is a type error through execute, catch and finally', () => {
  it('.execute()', async () => {
    // @ts-expect-error posts is not in the select
    await db.select({ t: posts.title }).from(users).execute();
  });

  it('.catch()', async () => {
    // @ts-expect-error posts is not in the select
    await db
      .select({ t: posts.title })
      .from(users)
      .catch(() => []);
  });

  it('.finally()', async () => {
    // @ts-expect-error posts is not in the select
    await db
      .select({ n: count(posts._id) })
      .from(users)
      .finally(() => {});
  });

  it("a selection of the query's own tables runs through each, with its row type", () => {
    const query = db
      .select({ t: posts.title, n: count(users._id) })
      .from(posts)
      .leftJoin(users, eq(users._id, posts.authorId))
      .groupBy(posts.title);
    type Rows = { t: string; n: number }[];
    expectTypeOf(query.execute()).toEqualTypeOf<Promise<Rows>>();
    expectTypeOf(query.catch(() => null)).toEqualTypeOf<Promise<Rows | null>>();
    expectTypeOf(query.finally(() => {})).toEqualTypeOf<Promise<Rows>>();
  });
});
