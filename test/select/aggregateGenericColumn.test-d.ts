import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { type AnyColumn, count, countDistinct, eq, max, min, type NumericColumn, sum } from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Helpers generic over the column they aggregate are ordinary Drizzle code (Drizzle's sum/max take
// any SQLWrapper). Since aggregates refuse an aggregate in their types (AggregatedColumn<C>), a
// column of a type parameter no longer fits: TS2345 "Argument of type 'C' is not assignable to
// parameter of type 'C & AggregatedColumn<C>'", though C is a table's column at every call.
function total<C extends NumericColumn>(column: C) {
  return sum(column);
}
function largest<C extends AnyColumn>(column: C) {
  return max(column);
}
function smallest<C extends AnyColumn>(column: C) {
  return min(column);
}
function present<C extends AnyColumn>(column: C) {
  return count(column);
}
function distinctValues<C extends AnyColumn>(column: C) {
  return countDistinct(column);
}

describe('an aggregate of a column of a type parameter type-checks', () => {
  it('sum, max, min, count and countDistinct through generic helpers', () => {
    const query = db
      .select({
        views: total(users.age),
        newest: largest(posts.publishedAt),
        first: smallest(posts.title),
        published: present(posts.publishedAt),
        authors: distinctValues(posts.authorId),
      })
      .from(posts)
      .leftJoin(users, eq(users._id, posts.authorId));
    expectTypeOf(query).not.toBeAny();
  });
});
