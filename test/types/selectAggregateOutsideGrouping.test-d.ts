import { and, count, eq, gt, max, sum } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// An aggregate where Postgres refuses one ("aggregate functions are not allowed in WHERE",
// "... in GROUP BY", "... in JOIN conditions") is a type error, as it rejects at run time
// (INVALID_QUERY: test/convex/selectAggregatePlaces.test.ts): where(), the ON condition of a join
// and groupBy() take the select's tables' columns, not aggregates; the selection, having() and
// orderBy() take aggregates.
describe('an aggregate where Postgres refuses one is a type error', () => {
  it('where() over an aggregate', () => {
    // @ts-expect-error aggregates are not allowed in WHERE
    db.select({ role: users.role, n: count() }).from(users).where(gt(count(), 1));
    const joined = db
      .select({ n: count(posts._id) })
      .from(users)
      .leftJoin(posts, eq(posts.authorId, users._id));
    // @ts-expect-error aggregates are not allowed in WHERE
    joined.where(gt(count(posts._id), 1));
  });

  it('groupBy() of an aggregate', () => {
    // @ts-expect-error aggregates are not allowed in GROUP BY
    db.select({ n: count() }).from(users).groupBy(count());
    // @ts-expect-error aggregates are not allowed in GROUP BY
    db.select({ n: count() }).from(users).groupBy(users.role, max(users.name));
  });

  it('an aggregate in the ON condition of a join', () => {
    const from = db.select().from(users);
    // @ts-expect-error aggregates are not allowed in JOIN conditions
    from.leftJoin(posts, and(eq(posts.authorId, users._id), gt(sum(users.age), 0)));
  });

  it('still compiles: aggregates in the selection, having() and orderBy()', async () => {
    await db
      .select({ role: users.role, n: count() })
      .from(users)
      .where(gt(users.age, 1))
      .groupBy(users.role)
      .having(gt(count(), 1))
      .orderBy(count());
  });
});
