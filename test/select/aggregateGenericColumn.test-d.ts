import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import {
  type AnyColumn,
  count,
  countDistinct,
  eq,
  max,
  min,
  type NumericColumn,
  type OrderedColumn,
  sum,
} from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Helpers generic over the column they aggregate are ordinary Drizzle code (Drizzle's sum/max take
// any SQLWrapper). The aggregates refuse an aggregate by its `fn` (TableColumn), not by a conditional
// type on the column: `C & AggregatedColumn<C>`, deferred while C is a type parameter, accepted no
// column of one (TS2345 "Argument of type 'C' is not assignable to parameter of type
// 'C & AggregatedColumn<C>'"). sum(count()) stays a type error (select.test-d.ts). min and max take an
// OrderedColumn, as sum takes a NumericColumn: Postgres has no min/max of a boolean or json column.
function total<C extends NumericColumn>(column: C) {
  return sum(column);
}
function largest<C extends OrderedColumn>(column: C) {
  return max(column);
}
function smallest<C extends OrderedColumn>(column: C) {
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
