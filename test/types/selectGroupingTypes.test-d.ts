import { count, eq } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Selects whose shape alone (known to the types when the chain is built) makes them fail. Each
// compiled, and rejected at run time with INVALID_QUERY (convex-test, seeded example app):
//   select() + groupBy      -> 'A grouped select names its fields: select({ authorId: posts.authorId, n: count() }).'
//   select({})              -> 'select({}) selects nothing; name at least one column, or call select() for whole rows.'
// Still accepted by the types and refused only at run time (docs/select.md, "Semantics and
// divergences"), as checking them would take conditional types over every selection and order term:
//   ungrouped column        -> 'users.name must appear in groupBy() or be used in an aggregate function (or group by users._id).'
//   selectDistinct orderBy  -> 'selectDistinct() orders by users.name, which it does not select: for SELECT DISTINCT, ...'
//   aggregate order         -> 'orderBy() uses an aggregate, but the select neither groups nor selects aggregates.'
describe('select shapes that always reject are type errors', () => {
  it('groupBy() on a select of whole rows', () => {
    // @ts-expect-error a grouped select must name its fields
    db.select().from(users).groupBy(users.role);
    // @ts-expect-error a grouped select must name its fields
    db.selectDistinct().from(users).groupBy(users.role);
  });

  it('select({}) selects nothing', () => {
    // @ts-expect-error an empty selection
    db.select({}).from(users).where(eq(users.name, 'Ada'));
    // @ts-expect-error an empty selection
    db.selectDistinct({}).from(users);
  });

  it('still compiles: grouped by _id, a column of that table is fine', async () => {
    await db
      .select({ id: users._id, email: users.email, n: count(posts._id) })
      .from(users)
      .leftJoin(posts, eq(posts.authorId, users._id))
      .groupBy(users._id);
  });
});
